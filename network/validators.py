"""Validators for identifiers of organisations (codice fiscale / partita IVA)."""

from codicefiscale import codicefiscale
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.it import iva


def validate_organisation_tax_code(value: str) -> None:
    """Organisations have an 11-digit code (with check digit); sole traders a 16-char personal one."""
    code = "".join(value.split()).upper()
    if len(code) == 11 and code.isdigit():
        if not iva.is_valid(code):
            raise ValidationError(_("Il codice fiscale numerico non è valido (cifra di controllo errata)."))
        return
    if len(code) == 16:
        if not codicefiscale.is_valid(code):
            raise ValidationError(_("Il codice fiscale non è valido."))
        return
    raise ValidationError(_("Il codice fiscale deve avere 11 cifre (ente) o 16 caratteri (persona)."))


def validate_vat_number(value: str) -> None:
    code = "".join(value.split()).upper().removeprefix("IT")
    if not (len(code) == 11 and code.isdigit() and iva.is_valid(code)):
        raise ValidationError(_("La partita IVA non è valida: servono 11 cifre con cifra di controllo corretta."))
