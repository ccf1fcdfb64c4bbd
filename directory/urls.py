from django.urls import path

from directory import views

app_name = "directory"
urlpatterns = [
    path("", views.resource_list, name="list"),
    path("nuova/", views.resource_create, name="create"),
    path("importa/", views.import_view, name="import"),
    path("esporta-hsds.zip", views.export_hsds, name="export_hsds"),
    path("revisione/", views.review_queue, name="review"),
    path("da-verificare/", views.stale_list, name="stale"),
    path("qualita/conformita/", views.compliance_overview, name="compliance"),
    path("qualita/copertura/", views.coverage_view, name="coverage"),
    path("qualita/copertura/mappa.geojson", views.coverage_map, name="coverage_map"),
    path("qualita/carta/<int:centre_pk>/", views.carta_centre, name="carta"),
    path("qualita/carta/versione/<int:pk>/", views.carta_html, name="carta_html"),
    path("qualita/carta/versione/<int:pk>/pdf/", views.carta_pdf, name="carta_pdf"),
    path("carta-dei-servizi/<int:centre_pk>/", views.public_carta, name="public_carta"),
    path("carta-dei-servizi/<int:centre_pk>/pdf/", views.public_carta, {"fmt": "pdf"}, name="public_carta_pdf"),
    path("<uuid:key>/", views.resource_detail, name="detail"),
    path("<uuid:key>/modifica/", views.resource_edit, name="edit"),
    path("<uuid:key>/<slug:action>/", views.resource_action, name="action"),
    path("modifiche/<int:pk>/<slug:decision>/", views.change_decide, name="decide"),
]
