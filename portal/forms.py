from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.models import ContactRequest


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS and from assistive technology): bots fill it."""

    website = forms.CharField(required=False, label=_("Non compilare questo campo"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            else:
                widget.attrs["class"] = "form-control"
            if name == "website":
                widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class ContactRequestForm(HoneypotMixin):
    name = forms.CharField(label=_("Nome o soprannome"), max_length=80)
    phone = forms.CharField(label=_("Telefono"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    language = forms.ChoiceField(label=_("Lingua in cui preferisci parlare"), choices=settings.LANGUAGES)
    preferred_time = forms.ChoiceField(
        label=_("Quando preferisci essere chiamato"), choices=ContactRequest.Slot.choices
    )
    message = forms.CharField(
        label=_("Messaggio (facoltativo)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    privacy = forms.BooleanField(label=_("Ho letto l'informativa sulla privacy"))

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data.get("phone", "")).strip()
        digits = [c for c in phone if c.isdigit()]
        if phone and (len(digits) < 6 or any(not (c.isdigit() or c in "+ ./-()") for c in phone)):
            raise forms.ValidationError(_("Scrivi il numero di telefono con sole cifre, ad esempio 333 1234567."))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors:
            self.add_error("phone", _("Indica un telefono o un indirizzo e-mail per essere ricontattato."))
        return data


class SignupForm(HoneypotMixin):
    name = forms.CharField(label=_("Nome o soprannome"), max_length=120)
    email = forms.EmailField(label=_("E-mail (per la conferma e per annullare)"))
    privacy = forms.BooleanField(label=_("Ho letto l'informativa sulla privacy"))
