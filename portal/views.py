from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal import selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"stats": selectors.network_stats()})


def data_sources(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/data_sources.html")
