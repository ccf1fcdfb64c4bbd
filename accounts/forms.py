from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Nome utente o password non corretti. Dopo 5 tentativi falliti l'accesso viene bloccato."),
        "inactive": _("Questo account è disattivato."),
    }
