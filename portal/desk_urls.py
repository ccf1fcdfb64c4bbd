from django.urls import path

from portal import desk_views

app_name = "portal_desk"
urlpatterns = [
    path("richieste/<uuid:pk>/registra/", desk_views.convert, name="convert"),
    path("richieste/<uuid:pk>/richiamata/", desk_views.close, name="close"),
]
