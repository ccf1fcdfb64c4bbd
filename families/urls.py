from django.urls import URLPattern

app_name = "families"
urlpatterns: list[URLPattern] = []
