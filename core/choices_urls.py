from django.urls import path

from core import autocomplete

app_name = "choices"
urlpatterns = [path("<slug:source>/", autocomplete.search_view, name="search")]
