"""Italian formats: euro amounts as "1.234,56 €" and dates as dd/mm/yyyy. Pure Python (no
Django): the decree rules (`funding.rules`, `conciliazione.rules`) use the same formatter."""

import datetime as dt
from decimal import ROUND_HALF_UP, Context, Decimal

_MONEY = Context(prec=80)  # enough digits that quantising to the cent never fails


def format_eur(amount: Decimal | int | None) -> str:
    """The one euro formatter: `Decimal("1234.5")` → "1.234,50 €" (to the cent, half up)."""
    if amount is None:
        return ""
    if isinstance(amount, float):  # money is never float: fail loudly rather than round silently
        raise TypeError("Gli importi devono essere Decimal, non float")
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP, context=_MONEY)
    sign = "-" if value < 0 else ""
    integer, _, cents = f"{abs(value):.2f}".partition(".")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    return f"{sign}{'.'.join(groups)},{cents} €"


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def format_hours(value: Decimal | None) -> str:
    """Hours as "18,5 h" (Italian decimal comma)."""
    if value is None:
        return ""
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text} h"
