from django.urls import path

from monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicatori/<slug:code>/", views.indicator_detail, name="indicator"),
    path("esporta/csv/", views.export_csv, name="export_csv"),
    path("esporta/json/", views.export_json, name="export_json"),
    path("esporta/xlsx/", views.export_xlsx, name="export_xlsx"),
    path("dati-aperti/<str:code>.json", views.open_data, name="open_data"),
    path("validazione/", views.approval_list, name="approvals"),
    path("validazione/invia/", views.approval_submit, name="approval_submit"),
    path("validazione/conferma-sede/", views.seat_confirm, name="seat_confirm"),
    path("validazione/<int:pk>/", views.approval_detail, name="approval"),
    path("validazione/<int:pk>/<slug:action>/", views.approval_action, name="approval_action"),
]
