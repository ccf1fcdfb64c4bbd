from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import invite_views, oidc, twofactor_views, user_views, views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("accesso/", views.LoginView.as_view(), name="login"),
    path("spid/accesso/", oidc.LoginStartView.as_view(), name="oidc_login"),
    path("spid/ritorno/", oidc.CallbackView.as_view(), name="oidc_callback"),
    path("accesso/verifica/", twofactor_views.login_verify, name="login_verify"),
    path("due-fattori/", twofactor_views.twofactor_status, name="twofactor_status"),
    path("due-fattori/attiva/", twofactor_views.twofactor_enrol, name="twofactor_enrol"),
    path("due-fattori/disattiva/", twofactor_views.twofactor_disable, name="twofactor_disable"),
    path("uscita/", auth_views.LogoutView.as_view(), name="logout"),
    path("profilo/", views.profile, name="profile"),
    path("token/nuovo/", views.token_create, name="token_create"),
    path("token/<int:token_id>/revoca/", views.token_revoke, name="token_revoke"),
    # User management (accounts.grants, accounts.users)
    path("utenti/", user_views.user_list, name="user_list"),
    path("utenti/nuovo/", user_views.user_create, name="user_create"),
    path("utenti/<int:pk>/", user_views.user_detail, name="user_detail"),
    path("utenti/<int:pk>/modifica/", user_views.user_edit, name="user_edit"),
    path("utenti/<int:pk>/disattiva/", user_views.user_deactivate, name="user_deactivate"),
    path("utenti/<int:pk>/riattiva/", user_views.user_reactivate, name="user_reactivate"),
    path("utenti/<int:pk>/invito/", user_views.user_reinvite, name="user_reinvite"),
    path("utenti/<int:pk>/due-fattori/azzera/", user_views.user_reset_twofactor, name="user_reset_twofactor"),
    # Invitations and password reset (one-time links by e-mail)
    path("invito/password/", invite_views.invitation_password, name="invitation_password"),
    path("invito/", invite_views.invitation_open, name="invitation_open"),
    path("password/dimenticata/", invite_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/dimenticata/inviata/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/nuova/<uidb64>/<token>/",
        invite_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/nuova/fatto/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
