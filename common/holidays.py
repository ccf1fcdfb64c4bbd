"""Italian public holidays (the `holidays` library, Italian names, Easter Monday included) and
the patron day of a comune. Pure: no Django, no ORM. One module for every app that needs a
calendar (opening hours in `network.hours`, the patron days pre-filled by `territory.loaders`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache

import holidays as holidays_lib

LOMBARDY_PROVINCES = frozenset({"BG", "BS", "CO", "CR", "LC", "LO", "MN", "MI", "MB", "PV", "SO", "VA"})


@lru_cache(maxsize=32)
def _national_holidays(year: int) -> tuple[tuple[date, str], ...]:
    # "it_IT" is the library's Italian locale ("it" silently falls back to English).
    # Follow the library's list: e.g. 4 October (San Francesco, L. 151/2025) from 2026.
    cal = holidays_lib.country_holidays("IT", years=year, language="it_IT")
    return tuple(sorted(cal.items()))


def italian_public_holidays(
    year: int, patron: tuple[int, int] | None = None, patron_name: str = "Santo patrono"
) -> dict[date, str]:
    """Italian public holidays of ``year`` (Italian names) plus the patron day.

    ``patron`` is the ``(month, day)`` of the seat's comune patron saint (see
    ``patron_day_for_capoluogo``); a 29 February patron is skipped in common years.
    """
    result = dict(_national_holidays(year))
    if patron is not None:
        try:
            day = date(year, *patron)
        except ValueError:
            return result
        result[day] = f"{result[day]}; {patron_name}" if day in result else patron_name
    return dict(sorted(result.items()))


@cache
def patron_day_for_capoluogo(province_abbr: str) -> tuple[int, int] | None:
    """Patron day of a Lombardy provincial capital per ``holidays`` (MI -> (12, 7)).

    None outside Lombardy, when unknown, or for a movable feast (the date differs
    between the two reference years, so no fixed ``(month, day)`` exists).
    """
    code = province_abbr.strip().upper()
    if code not in LOMBARDY_PROVINCES:
        return None
    found: set[tuple[int, int]] = set()
    for year in (2025, 2026):
        national = holidays_lib.country_holidays("IT", years=year)
        local = holidays_lib.country_holidays("IT", years=year, subdiv=code)
        # Compare names, not dates: a patron day on a national holiday is still seen.
        extra = {d for d in local if set(local.get_list(d)) - set(national.get_list(d))}
        if len(extra) != 1:
            return None
        found.update((d.month, d.day) for d in extra)
    return found.pop() if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class ItalianHolidays:
    """Lazy ``Container[date]`` of public holidays of any year (spans New Year)."""

    patron: tuple[int, int] | None = None

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date) or isinstance(day, datetime):
            return False
        return day in italian_public_holidays(day.year, self.patron)


NATIONAL_HOLIDAYS = ItalianHolidays()
