from django.urls import URLPattern, path

from activities import views

app_name = "activities"
urlpatterns: list[URLPattern] = [
    path("", views.activity_list, name="activity_list"),
    path("nuova/", views.activity_create, name="activity_create"),
    path("<int:pk>/", views.activity_detail, name="activity_detail"),
    path("<int:pk>/modifica/", views.activity_edit, name="activity_edit"),
    path("<int:pk>/elimina/", views.activity_delete, name="activity_delete"),
    path("<int:pk>/incontri/", views.activity_schedule, name="activity_schedule"),
    path("<int:pk>/iscrizioni/", views.registration_add, name="registration_add"),
    path("iscrizioni/<int:pk>/annulla/", views.registration_cancel, name="registration_cancel"),
    path("incontri/<int:pk>/", views.session_detail, name="session_detail"),
    path("incontri/<int:pk>/annulla/", views.session_cancel, name="session_cancel"),
]
