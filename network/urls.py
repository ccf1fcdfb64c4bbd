from django.urls import path

from network import views
from network.backoffice import REGISTRY

app_name = "network"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("protocolli/<int:pk>/documento/", views.protocol_document, name="protocol_document"),
]
for prefix, crud in REGISTRY:
    urlpatterns += crud.urls(prefix)
