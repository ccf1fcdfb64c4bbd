"""Italian fiscal code checks for people (python-codicefiscale, omocodia included). Pure: no ORM."""

import datetime as dt

from codicefiscale import codicefiscale
from django.utils.translation import gettext as _


def fiscal_code_errors(code: str, *, birth_date: dt.date | None, birth_year: int | None, sex: str) -> dict[str, str]:
    """Errors by field name: an invalid code, or one inconsistent with the birth data given."""
    code = code.strip().upper()
    if not code:
        return {}
    if not codicefiscale.is_valid(code):
        return {"fiscal_code": _("Il codice fiscale non è valido: controlla le 16 lettere e cifre.")}
    decoded = codicefiscale.decode(code)
    born: dt.date = decoded["birthdate"].date()
    errors: dict[str, str] = {}
    if birth_date is not None and (born.month, born.day, born.year % 100) != (
        birth_date.month,
        birth_date.day,
        birth_date.year % 100,
    ):
        errors["fiscal_code"] = _("Il codice fiscale non corrisponde alla data di nascita indicata.")
    elif birth_date is None and birth_year is not None and born.year % 100 != birth_year % 100:
        errors["fiscal_code"] = _("Il codice fiscale non corrisponde all'anno di nascita indicato.")
    elif sex in ("F", "M") and decoded["gender"] != sex:
        errors["fiscal_code"] = _("Il codice fiscale non corrisponde al sesso indicato.")
    return errors
