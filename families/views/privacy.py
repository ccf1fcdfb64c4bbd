"""Data-subject rights on a family record: export (JSON, PDF) and anonymisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.types import AuthedRequest
from core.exports import serve_export
from families import exporters, selectors
from families.models import Family
from families.services import privacy


@login_required
def family_export(request: AuthedRequest, pk: str) -> HttpResponseBase:
    return _family_export(request, pk, "json")


@login_required
def family_export_pdf(request: AuthedRequest, pk: str) -> HttpResponseBase:
    return _family_export(request, pk, "pdf")


def _family_export(request: HttpRequest, pk: str, fmt: str) -> HttpResponseBase:
    family = selectors.family_detail(user=request.user, family_id=pk)
    back = reverse("families:family_detail", args=[family.pk])
    return serve_export(request, exporters.FamilyExporter(), family, fmt, back=back)


@login_required
@require_POST
def family_anonymise(request: AuthedRequest, pk: str) -> HttpResponse:
    family: Family = selectors.family_detail(user=request.user, family_id=pk)
    privacy.family_anonymise(actor=request.user, family=family)
    messages.success(request, _("Dati identificativi della famiglia cancellati; i conteggi restano."))
    return redirect("families:family_detail", pk=family.pk)
