from django.urls import path

from territory import views
from territory.backoffice import AREA, ATS, COMUNE

app_name = "territory"
urlpatterns = [
    path("", views.home, name="home"),
    path("aree/importa/", views.area_import, name="area_import"),
    path("aree/<int:pk>/comuni/", views.area_comuni, name="area_comuni"),
    *AREA.urls("aree"),
    *COMUNE.urls("comuni"),
    *ATS.urls("ats"),
]
