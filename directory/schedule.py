"""Weekly hours of a directory entry written as a person reads them: «lun 09:00-12:30; mer
14:00-18:00» (the same form in the back-office form and in the CSV import). Pure functions."""

import re
from collections.abc import Iterable
from datetime import time

from django.utils.translation import gettext as _

Slot = tuple[int, time, time]  # weekday (0 = Monday), opens, closes

DAYS = {"lun": 0, "mar": 1, "mer": 2, "gio": 3, "ven": 4, "sab": 5, "dom": 6}
DAY_NAMES = {v: k for k, v in DAYS.items()}
_PART = re.compile(r"^(lun|mar|mer|gio|ven|sab|dom)[a-zì]*\.?\s+(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})$")
MAX_SLOTS = 28  # four intervals a day


def parse_hours(value: str) -> tuple[list[Slot], list[str]]:
    """The slots of «lun 09:00-12:30; mar 14:00-18:00» (full day names and «–» accepted), with an
    Italian message for each part that cannot be read, is not a time, closes before it opens or
    overlaps another interval of the same day."""
    slots: list[Slot] = []
    errors: list[str] = []
    parts = [p.strip() for p in re.split(r"[;\n]", value) if p.strip()]
    if len(parts) > MAX_SLOTS:
        return [], [_("Troppi orari: al massimo %(n)s intervalli.") % {"n": MAX_SLOTS}]
    for part in parts:
        match = _PART.match(part.lower())
        if not match:
            errors.append(_("Orario non leggibile «%(part)s»: usa ad esempio «lun 09:00-12:30».") % {"part": part[:40]})
            continue
        day, h1, m1, h2, m2 = match.groups()
        try:
            opens, closes = time(int(h1), int(m1)), time(int(h2), int(m2))
        except ValueError:
            errors.append(_("Orario non valido «%(part)s».") % {"part": part[:40]})
            continue
        if closes <= opens:
            errors.append(
                _("Orario «%(part)s»: la chiusura deve essere successiva all'apertura.") % {"part": part[:40]}
            )
            continue
        weekday = DAYS[day]
        if any(d == weekday and o < closes and opens < c for d, o, c in slots):
            errors.append(
                _("Orario «%(part)s»: si sovrappone a un altro orario dello stesso giorno.") % {"part": part[:40]}
            )
            continue
        slots.append((weekday, opens, closes))
    return sorted(slots), errors


def format_hours(slots: Iterable[Slot]) -> str:
    """The text form of the slots, in week order: the inverse of parse_hours."""
    return "; ".join(f"{DAY_NAMES[d]} {o:%H:%M}-{c:%H:%M}" for d, o, c in sorted(slots))


def to_json(slots: Iterable[Slot]) -> list[list[object]]:
    return [[d, f"{o:%H:%M}", f"{c:%H:%M}"] for d, o, c in sorted(slots)]


def from_json(rows: Iterable[Iterable[object]]) -> list[Slot]:
    result: list[Slot] = []
    for row in rows:
        d, o, c = list(row)
        result.append((int(str(d)), time.fromisoformat(str(o)), time.fromisoformat(str(c))))
    return result
