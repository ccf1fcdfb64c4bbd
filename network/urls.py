from django.urls import path

from network import views
from network.backoffice import REGISTRY

app_name = "network"
urlpatterns = [path("", views.dashboard, name="dashboard")]
for prefix, crud in REGISTRY:
    urlpatterns += crud.urls(prefix)
