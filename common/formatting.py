"""Italian formats: euro amounts as "1.234,56 €" and dates as dd/mm/yyyy. Pure Python (no
Django): the decree rules (`funding.rules`, `conciliazione.rules`) use the same formatter."""

import datetime as dt
import re
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


def format_number(value: Decimal | int, *, places: int | None = None) -> str:
    """A number as an Italian reads it: "1.234,5" (dot for thousands, comma for decimals).
    `places` fixes the decimals (half up); without it the value keeps its own, trailing zeros dropped."""
    if isinstance(value, float):
        raise TypeError("Usa Decimal, non float")
    number = Decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_MONEY)
        text = f"{abs(number):.{places}f}"
    else:
        text = f"{abs(number).normalize():f}" if number != number.to_integral_value() else f"{abs(number):.0f}"
    integer, _, decimals = text.partition(".")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    sign = "-" if number < 0 else ""
    return f"{sign}{'.'.join(groups)}" + (f",{decimals}" if decimals else "")


def format_percent(value: Decimal | int | None) -> str:
    """A percentage as "70 %" or "12,5 %" (the space is a no-break space, as Italian typography wants)."""
    if value is None:
        return ""
    return f"{format_number(value)}\u00a0%"


def format_datetime(value: dt.datetime | None) -> str:
    """An aware datetime as dd/mm/yyyy HH:MM in the given value's time zone (convert to local first)."""
    return value.strftime("%d/%m/%Y %H:%M") if value else ""


class AmountError(ValueError):
    """Why a typed amount cannot be read; `code` names the case (the form field translates it)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


_ITALIAN_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+")
_PLAIN = re.compile(r"\d+")
_SPACES = re.compile(r"[\s\u00a0\u202f']+")


def parse_amount(text: str) -> Decimal:
    """Read a number typed the Italian way: "1.000.000,00", "1000000", "1.234,5", "70 %" or "1234.56"
    (a single dot followed by one, two or more than three digits is a decimal point: it cannot be
    a thousands separator). Refused with an `AmountError`: text that is not a number ("invalid")
    and readings that depend on the writer's convention ("ambiguous": "1,234.56", "1,000",
    "1.000.5"). A dot followed by exactly three digits is a thousands separator, as in Italian."""
    cleaned = _SPACES.sub("", text.strip()).removesuffix("€").removesuffix("%").removeprefix("€")
    sign = ""
    if cleaned[:1] in "+-" and cleaned:
        sign, cleaned = ("-" if cleaned[0] == "-" else ""), cleaned[1:]
    if not cleaned:
        raise AmountError("invalid")
    integer, comma, decimals = cleaned.partition(",")
    if comma:
        if "," in decimals or "." in decimals or not _PLAIN.fullmatch(decimals):
            raise AmountError("ambiguous" if re.fullmatch(r"[\d,]+(\.\d+)?", cleaned) else "invalid")
        if len(decimals) == 3 and integer != "0" and _PLAIN.fullmatch(integer):
            raise AmountError("ambiguous")  # "1,000": a thousand (English) or one (Italian)?
        if "." in integer and not _ITALIAN_GROUPED.fullmatch(integer):
            raise AmountError("ambiguous" if re.fullmatch(r"[\d.]+", integer) else "invalid")
        if not ("." in integer or _PLAIN.fullmatch(integer)):
            raise AmountError("invalid")
        number = f"{integer.replace('.', '')}.{decimals}"
    elif "." in cleaned:
        if _ITALIAN_GROUPED.fullmatch(cleaned):
            number = cleaned.replace(".", "")
        elif re.fullmatch(r"\d+\.\d+", cleaned):
            number = cleaned
        else:
            raise AmountError("ambiguous" if re.fullmatch(r"[\d.]+", cleaned) else "invalid")
    elif _PLAIN.fullmatch(cleaned):
        number = cleaned
    else:
        raise AmountError("invalid")
    return Decimal(sign + number)
