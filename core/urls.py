from django.urls import path

from core import views

app_name = "info"
urlpatterns = [path("<slug:page>/", views.info_page, name="page")]
