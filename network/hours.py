"""Opening hours of the Centre's seats (Hub and Spoke) and the 18-hour network rule.

Source: D.G.R. 1507/2023, Allegato A, § 3.3 "Caratteristiche delle sedi e azioni di
comunicazione": «I Centri svolgono un'attività prevalentemente diurna (minimo 18 ore
settimanali che potrebbero essere coperte a livello di rete, attraverso le aperture
sia delle sedi Hub che delle sedi Spoke). Gli orari e le modalità di accesso o utilizzo
degli spazi, come i giorni di chiusura, dovranno essere oggetto di adeguata campagna
di comunicazione.»

Design: timetables are wall-clock ``time`` values in Europe/Rome; a day's opening is a
list of ``(time, time)`` pairs. Aware datetimes appear only at the edges
(``is_open_at``, ``next_opening``, actual hours across a DST change); no naive datetime
is ever built. A slot cannot span midnight (daytime activity): ``closes`` must be later
than ``opens``. Invalid slots contribute nothing; report them with ``slot_errors``.
"""

from __future__ import annotations

from collections.abc import Collection, Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import TypeVar
from zoneinfo import ZoneInfo

from common.holidays import NATIONAL_HOLIDAYS as NATIONAL_HOLIDAYS  # re-exported
from common.holidays import ItalianHolidays as ItalianHolidays
from common.holidays import italian_public_holidays as italian_public_holidays
from common.holidays import patron_day_for_capoluogo as patron_day_for_capoluogo

ROME = ZoneInfo("Europe/Rome")
MIN_NETWORK_WEEKLY_HOURS = Decimal(18)
WEEKDAY_NAMES_IT = (
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
)

ERR_WEEKDAY = "Il giorno della settimana deve essere compreso tra lunedì e domenica."
ERR_CLOSES_BEFORE_OPENS = "L'orario di chiusura deve essere successivo a quello di apertura."
ERR_VALIDITY = "La data di fine validità non può precedere quella di inizio."
ERR_CLOSED_WITH_HOURS = "Per un giorno di chiusura non vanno indicati orari."
ERR_MISSING_HOURS = "Indicare sia l'orario di apertura sia quello di chiusura."

T = TypeVar("T", time, datetime)
Interval = tuple[time, time]


@dataclass(frozen=True, slots=True)
class WeeklySlot:
    """Recurring slot: ``weekday`` 0=Monday..6=Sunday; validity bounds inclusive."""

    weekday: int
    opens: time
    closes: time
    valid_from: date | None = None
    valid_to: date | None = None

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class DateException:
    """Closure (``closed=True``) or special hours replacing the weekly slots on ``day``.

    Several exceptions on one day add up their hours; a closure among them wins.
    """

    day: date
    closed: bool
    opens: time | None = None
    closes: time | None = None
    note: str = ""


def slot_errors(slot: WeeklySlot) -> list[str]:
    """Italian validation messages for a weekly slot (empty list = valid)."""
    errors: list[str] = []
    if not 0 <= slot.weekday <= 6:
        errors.append(ERR_WEEKDAY)
    if slot.closes <= slot.opens:
        errors.append(ERR_CLOSES_BEFORE_OPENS)
    if slot.valid_from and slot.valid_to and slot.valid_to < slot.valid_from:
        errors.append(ERR_VALIDITY)
    return errors


def exception_errors(exc: DateException) -> list[str]:
    """Italian validation messages for a date exception (empty list = valid)."""
    if exc.closed:
        has_hours = exc.opens is not None or exc.closes is not None
        return [ERR_CLOSED_WITH_HOURS] if has_hours else []
    if exc.opens is None or exc.closes is None:
        return [ERR_MISSING_HOURS]
    return [ERR_CLOSES_BEFORE_OPENS] if exc.closes <= exc.opens else []


# --- Intervals -----------------------------------------------------------------------


def merge_intervals(intervals: Iterable[tuple[T, T]]) -> list[tuple[T, T]]:
    """Sorted union; overlapping or adjacent (end == start) intervals are merged."""
    merged: list[tuple[T, T]] = []
    for start, end in sorted(i for i in intervals if i[0] < i[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def intervals_on(
    day: date,
    slots: Collection[WeeklySlot],
    exceptions: Collection[DateException] = (),
    holidays: Container[date] = NATIONAL_HOLIDAYS,
) -> list[Interval]:
    """Wall-clock opening intervals of a seat on ``day`` (Europe/Rome local times).

    Date exceptions replace the weekly slots; on a holiday the seat is closed unless
    an exception explicitly opens it (the decree lets a Centre open on holidays).
    """
    todays = [e for e in exceptions if e.day == day]
    if todays:
        if any(e.closed for e in todays):
            return []
        return merge_intervals((e.opens, e.closes) for e in todays if e.opens is not None and e.closes is not None)
    if day in holidays:
        return []
    wd = day.weekday()
    return merge_intervals((s.opens, s.closes) for s in slots if s.weekday == wd and s.valid_on(day))


US_PER_HOUR = 3_600_000_000


def _us(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


def _to_hours(microseconds: int) -> Decimal:
    # Truncate: a displayed "18.00" must never hide a shortfall (meets_minimum_opening).
    hours = Decimal(microseconds) / Decimal(US_PER_HOUR)
    return hours.quantize(Decimal("0.01"), ROUND_DOWN)


def _utc(day: date, t: time) -> datetime:
    # Subtract in UTC: Python's same-tzinfo arithmetic is wall-clock and ignores DST.
    return datetime.combine(day, t, tzinfo=ROME).astimezone(UTC)


def _network_us(seats: Sequence[Collection[WeeklySlot]], on: date) -> int:
    total = 0
    for wd in range(7):
        day_slots = [(s.opens, s.closes) for seat in seats for s in seat if s.weekday == wd and s.valid_on(on)]
        total += sum(_us(c) - _us(o) for o, c in merge_intervals(day_slots))
    return total


def network_weekly_hours(seats: Sequence[Collection[WeeklySlot]], on: date) -> Decimal:
    """Nominal weekly hours of the network: per weekday, the union of all seats'
    slots valid on ``on``, so hours when two seats are open together count once
    (D.G.R. 1507/2023, Allegato A, § 3.3: the 18 hours «potrebbero essere coperte a
    livello di rete»).
    """
    return _to_hours(_network_us(seats, on))


def weekly_nominal_hours(slots: Collection[WeeklySlot], on: date) -> Decimal:
    """Nominal weekly hours of one seat (published timetable valid on ``on``)."""
    return network_weekly_hours([slots], on)


def meets_minimum_opening(seats: Sequence[Collection[WeeklySlot]], on: date) -> bool:
    """True when the network is open at least 18 hours a week (overlaps counted once).

    D.G.R. 1507/2023, Allegato A, § 3.3: «I Centri svolgono un'attività
    prevalentemente diurna (minimo 18 ore settimanali che potrebbero essere coperte a
    livello di rete, attraverso le aperture sia delle sedi Hub che delle sedi Spoke)».
    Compared exactly, without rounding.
    """
    return _network_us(seats, on) >= int(MIN_NETWORK_WEEKLY_HOURS) * US_PER_HOUR


def week_hours(
    week_start: date,
    slots: Collection[WeeklySlot],
    exceptions: Collection[DateException] = (),
    holidays: Container[date] = NATIONAL_HOLIDAYS,
) -> Decimal:
    """Actual hours open in the 7 days from ``week_start``, with validity, holidays
    and exceptions applied. Elapsed time is real: a slot across a DST change is one
    hour shorter (March) or longer (October) than its wall-clock length.
    """
    total = timedelta()
    for offset in range(7):
        day = week_start + timedelta(days=offset)
        for opens, closes in intervals_on(day, slots, exceptions, holidays):
            total += _utc(day, closes) - _utc(day, opens)
    return _to_hours(total // timedelta(microseconds=1))


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        msg = "A timezone-aware datetime is required."
        raise ValueError(msg)


def is_open_at(
    moment: datetime,
    slots: Collection[WeeklySlot],
    exceptions: Collection[DateException] = (),
    holidays: Container[date] = NATIONAL_HOLIDAYS,
) -> bool:
    """Whether the seat is open at aware ``moment``: open at opens, not at closes."""
    _require_aware(moment)
    local = moment.astimezone(ROME)
    now = local.time()
    return any(o <= now < c for o, c in intervals_on(local.date(), slots, exceptions, holidays))


def next_opening(
    moment: datetime,
    slots: Collection[WeeklySlot],
    exceptions: Collection[DateException] = (),
    holidays: Container[date] = NATIONAL_HOLIDAYS,
    within: timedelta = timedelta(days=14),
) -> datetime | None:
    """First opening instant strictly after aware ``moment``, within ``within``, as a
    Europe/Rome datetime (e.g. for «apre lunedì alle 9:00»); None if none in time.
    """
    _require_aware(moment)
    now = moment.astimezone(UTC)
    first_day = moment.astimezone(ROME).date()
    for offset in range(within.days + 2):
        day = first_day + timedelta(days=offset)
        for opens, _closes in intervals_on(day, slots, exceptions, holidays):
            start = _utc(day, opens)
            if start > now:
                return start.astimezone(ROME) if start - now <= within else None
    return None
