from django.urls import URLPattern

app_name = "conciliazione"
urlpatterns: list[URLPattern] = []
