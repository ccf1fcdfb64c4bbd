from django.urls import path

from monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicatori/<slug:code>/", views.indicator_detail, name="indicator"),
]
