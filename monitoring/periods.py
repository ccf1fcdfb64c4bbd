"""Periods of the scheda di rilevazione: month, quarter, year or a custom range of days.

Pure functions over dates; `parse_period` turns the query-string form into a `Period` with
Italian messages for bad input (a range that ends before it starts, or lies in the future)."""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

MONTHS_IT = (
    gettext_noop("gennaio"),
    gettext_noop("febbraio"),
    gettext_noop("marzo"),
    gettext_noop("aprile"),
    gettext_noop("maggio"),
    gettext_noop("giugno"),
    gettext_noop("luglio"),
    gettext_noop("agosto"),
    gettext_noop("settembre"),
    gettext_noop("ottobre"),
    gettext_noop("novembre"),
    gettext_noop("dicembre"),
)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    kind: str  # "year" | "quarter" | "month" | "range"

    @property
    def code(self) -> str:
        if self.kind == "year":
            return f"{self.start.year}"
        if self.kind == "quarter":
            return f"{self.start.year}-T{(self.start.month - 1) // 3 + 1}"
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def label(self) -> str:
        if self.kind == "year":
            return _("anno %(y)s") % {"y": self.start.year}
        if self.kind == "quarter":
            return _("%(q)sº trimestre %(y)s") % {"q": (self.start.month - 1) // 3 + 1, "y": self.start.year}
        if self.kind == "month":
            return f"{_(MONTHS_IT[self.start.month - 1])} {self.start.year}"
        return _("dal %(a)s al %(b)s") % {"a": f"{self.start:%d/%m/%Y}", "b": f"{self.end:%d/%m/%Y}"}

    def previous(self) -> "Period":
        """The period of the same length just before this one (used for the change on tiles)."""
        if self.kind == "year":
            return year(self.start.year - 1)
        if self.kind == "quarter":
            q = (self.start.month - 1) // 3 + 1
            return quarter(self.start.year - 1, 4) if q == 1 else quarter(self.start.year, q - 1)
        if self.kind == "month":
            return (
                month(self.start.year - 1, 12)
                if self.start.month == 1
                else month(self.start.year, self.start.month - 1)
            )
        days = (self.end - self.start).days + 1
        return Period(self.start - dt.timedelta(days=days), self.start - dt.timedelta(days=1), "range")

    def months(self) -> list["Period"]:
        out: list[Period] = []
        y, m = self.start.year, self.start.month
        while dt.date(y, m, 1) <= self.end:
            out.append(month(y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def year(y: int) -> Period:
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def quarter(y: int, q: int) -> Period:
    first = 3 * (q - 1) + 1
    return Period(dt.date(y, first, 1), dt.date(y, first + 2, calendar.monthrange(y, first + 2)[1]), "quarter")


def month(y: int, m: int) -> Period:
    return Period(dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]), "month")


def custom(start: dt.date, end: dt.date, *, today: dt.date) -> Period:
    if end < start:
        raise ValidationError(_("Il periodo termina prima di iniziare: controlla le date."))
    if start > today:
        raise ValidationError(_("Il periodo è nel futuro: non ci sono ancora dati."))
    return Period(start, end, "range")


_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-T([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _date(text: str) -> dt.date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValidationError(_("Data non valida: usa il formato gg/mm/aaaa."))


def parse_period(code: str | None, *, start: str | None = None, end: str | None = None, today: dt.date) -> Period:
    """`2025`, `2025-T2`, `2025-03`, or a custom range (`start`/`end` as dd/mm/yyyy or ISO).
    Without anything: the current year."""
    if start or end:
        if not (start and end):
            raise ValidationError(_("Per un periodo personalizzato indica sia la data di inizio sia quella di fine."))
        return custom(_date(start), _date(end), today=today)
    code = (code or "").strip()
    if not code:
        return year(today.year)
    period: Period | None = None
    if m := _YEAR.match(code):
        period = year(int(m.group(1)))
    elif m := _QUARTER.match(code):
        period = quarter(int(m.group(1)), int(m.group(2)))
    elif (m := _MONTH.match(code)) and 1 <= int(m.group(2)) <= 12:
        period = month(int(m.group(1)), int(m.group(2)))
    if period is None or period.start.year < 2000:
        raise ValidationError(_("Periodo non valido: usa un anno (2025), un trimestre (2025-T2) o un mese (2025-03)."))
    if period.start > today:
        raise ValidationError(_("Il periodo è nel futuro: non ci sono ancora dati."))
    return period
