from django.urls import path

from directory import views

app_name = "directory"
urlpatterns = [
    path("", views.resource_list, name="list"),
    path("nuova/", views.resource_create, name="create"),
    path("revisione/", views.review_queue, name="review"),
    path("da-verificare/", views.stale_list, name="stale"),
    path("<uuid:key>/", views.resource_detail, name="detail"),
    path("<uuid:key>/modifica/", views.resource_edit, name="edit"),
    path("<uuid:key>/<slug:action>/", views.resource_action, name="action"),
    path("modifiche/<int:pk>/<slug:decision>/", views.change_decide, name="decide"),
]
