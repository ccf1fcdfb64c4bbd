from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("cerca/", views.results, name="results"),
    path("sedi/<int:pk>/", views.seat_detail, name="seat"),
    path("sedi/<int:pk>/contattami/", views.contact_request, name="contact"),
    path("servizi/<uuid:key>/", views.resource_detail, name="resource"),
    path("sedi/<int:pk>/contattami/inviata/", views.contact_sent, name="contact_sent"),
    path("eventi/", views.events, name="events"),
    path("eventi/<int:pk>/iscriviti/", views.signup, name="signup"),
    path("eventi/<int:pk>/iscrizione-registrata/", views.signup_done, name="signup_done"),
    path("eventi/annulla/<str:token>/", views.signup_cancel, name="signup_cancel"),
    path("valutazione/", views.feedback, name="feedback"),
    path("privacy/", views.privacy, name="privacy"),
    path("note-legali/", views.legal, name="legal"),
    path("fonti-e-licenze/", views.data_sources, name="data_sources"),
    path("confini/province.geojson", views.province_boundaries, name="provinces"),
]
