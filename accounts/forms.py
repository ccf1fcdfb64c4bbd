from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db import models
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _

from accounts import grants, scoping
from accounts.models import ROLE_SCOPE_FIELDS, Role, User
from accounts.types import Actor
from common.forms import style_fields


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Nome utente o password non corretti. Dopo 5 tentativi falliti l'accesso viene bloccato."),
        "inactive": _("Questo account è disattivato."),
    }


class UserForm(forms.ModelForm):  # type: ignore[type-arg]
    """An account's personal fields, role and place. The role and place lists offer only what
    the manager may grant (through `accounts.grants` and the scoping layer); a value posted from
    outside those lists is not refused here but by `accounts.users`, with the reason in Italian."""

    class Meta:
        model = User
        fields = (
            "username",
            "first_name",
            "last_name",
            "email",
            "fiscal_code",
            "role",
            "ats",
            "centre",
            "seat",
            "destination",
            "ente",
        )
        help_texts = {
            "username": _("Il nome con cui l'utente accede; lettere, cifre e . @ + - _"),
            "ats": _("Solo per i referenti ATS."),
            "centre": _("Solo per coordinatori e referenti amministrativi dell'Hub."),
            "seat": _("Solo per gli operatori di sede."),
            "destination": _("Solo per il personale di un servizio che riceve gli invii."),
            "ente": _("Solo per i redattori di un ente."),
        }

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = scoping.scope_of(actor)
        roles = grants.grantable_roles(scope)
        self.fields["email"].required = True
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        role_field = self.fields["role"]
        role_field.required = True
        role_field.choices = [("", "---------"), *[(r.value, r.label) for r in Role]]  # type: ignore[attr-defined]
        role_field.widget.choices = [("", "---------"), *[(r.value, r.label) for r in roles]]
        needed = set().union(*(ROLE_SCOPE_FIELDS[r] for r in roles)) if roles else set()
        offered = {
            "ats": self._ats_choices(actor),
            "centre": scoping.scoped(actor, self._related("centre")),
            "seat": scoping.scoped(actor, self._related("seat").select_related("centre")),
            "destination": scoping.scoped(actor, self._related("destination")),
            "ente": self._related("ente"),
        }
        for name, queryset in offered.items():
            if name not in needed:
                del self.fields[name]
                continue
            field = self.fields[name]
            field.queryset = self._related(name)  # type: ignore[attr-defined]  # any row validates; the service decides
            field.widget.choices = forms.ModelChoiceField(queryset=queryset).choices
        if len(roles) == 1 and not self.instance.pk:
            self.initial.setdefault("role", roles[0].value)
        style_fields(self)

    def _related(self, name: str) -> "models.QuerySet[Any]":
        return User._meta.get_field(name).related_model._default_manager.all()  # type: ignore[union-attr]

    def _ats_choices(self, actor: Actor) -> "models.QuerySet[Any]":
        ids = scoping.ats_ids_in_scope(actor)
        qs = self._related("ats")
        return qs if ids is None else qs.filter(pk__in=ids)

    def _post_clean(self) -> None:
        # Only copy the values onto the account: the model's validation runs in accounts.users,
        # after the grant check (which decides first what this manager may even be told).
        self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)

    def clean_fiscal_code(self) -> str:
        return str(self.cleaned_data.get("fiscal_code") or "").strip().upper()


class UserFilterForm(forms.Form):
    """The filters of the user list (all optional; invalid values are ignored, never a 500)."""

    STATUS = (
        ("", _("Tutti")),
        ("active", _("Attivi")),
        ("invited", _("In attesa di attivazione")),
        ("inactive", _("Disattivati")),
    )

    q = forms.CharField(label=_("Cerca"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Ruolo"), required=False)
    ats = forms.TypedChoiceField(label=_("ATS"), required=False, coerce=int, empty_value=None)
    centre = forms.TypedChoiceField(label=_("Centro"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Stato"), required=False, choices=STATUS)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = grants.grantable_roles(scoping.scope_of(actor))
        self.fields["role"].choices = [("", _("Tutti")), *[(r.value, r.label) for r in roles]]  # type: ignore[attr-defined]
        ats_model = User._meta.get_field("ats").related_model
        centre_model = User._meta.get_field("centre").related_model
        ids = scoping.ats_ids_in_scope(actor)
        ats_qs = ats_model._default_manager.all()  # type: ignore[union-attr]
        if ids is not None:
            ats_qs = ats_qs.filter(pk__in=ids)
        self.fields["ats"].choices = [("", _("Tutte")), *[(a.pk, str(a)) for a in ats_qs]]  # type: ignore[attr-defined]
        centres = scoping.scoped(actor, centre_model._default_manager.all())  # type: ignore[union-attr]
        self.fields["centre"].choices = [("", _("Tutti")), *[(c.pk, str(c)) for c in centres]]  # type: ignore[attr-defined]
        if scoping.scope_of(actor) is not None and scoping.scope_of(actor).role == Role.HUB_COORDINATOR:  # type: ignore[union-attr]
            del self.fields["ats"], self.fields["centre"]
        style_fields(self)
