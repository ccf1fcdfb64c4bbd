from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("accesso/", views.LoginView.as_view(), name="login"),
    path("uscita/", auth_views.LogoutView.as_view(), name="logout"),
    path("profilo/", views.profile, name="profile"),
    path("token/nuovo/", views.token_create, name="token_create"),
    path("token/<int:token_id>/revoca/", views.token_revoke, name="token_revoke"),
]
