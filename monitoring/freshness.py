"""Stored figures that stay fresh: each indicator × period is computed once (values and the cells
hidden by suppression, the expensive part) and kept in `StoredFigures` under a key made of the
*versions* of every record source it reads, so a write makes the next view recompute.

**What a figure reads.** `dependencies()` walks each `Part` of the catalogue: its model, and every
model reached by its paths (seat, date, filter, distinct, breakdowns), with the fields read on
each. A write that changes none of those fields (a family's phone number) changes nothing.

**Versions.** Every write that matters appends `SourceChange(source, month)` rows in the write's
own transaction: `source` is the model, `month` (yyyymm) the month of the record's date (before
and after the change; every month of an open span for interventions and follow-ups), or 0 when
it is unknown (a family moving to another seat changes every month of its records).
A period's key holds, for each source, the count and the sum of the ids of its committed rows for
month 0 and for each month of the period: any newly committed change alters it, whatever the order
in which concurrent transactions commit, and a transaction reads its own changes. Appending (no
counter row to update) means concurrent writers never wait for each other or deadlock.
`prune()` (daily job and `reconcile_monitoring`) keeps the log short.

**Which writes.** The write kernel's after-write hooks (`core.records.register_write_hook`, with
the previous values), plus Django's `post_save`/`post_delete` for code that saves models directly
(fixtures, seeds, the admin): for those the values read by the figures are remembered when the
row is loaded (`post_init`), so a direct `save()` knows what it changed (month 0 when a field was
deferred). A family merge moves records with `QuerySet.update()` and then writes the duplicate's
`merged_into` through the kernel: `merged_into` is read by every figure that counts families, so
the merge bumps them. Bulk `QuerySet.update()`/`bulk_create` elsewhere bypass everything (as they
bypass the audit): `seed_demo`/`seed_scale` and `reconcile_monitoring` clear the stored figures.
The network tree (seat → Centre → ATS) and k are part of the key."""

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast

from django.apps import apps
from django.db import DatabaseError, models, transaction
from django.db.models import Count, Max, Q, Sum
from django.db.models.signals import post_delete, post_init, post_save
from django.utils import timezone

from monitoring.catalogue import CATALOGUE_VERSION, INDICATORS, RATIO, Indicator, Part
from monitoring.periods import Period
from monitoring.profiles import PERSON_FIELDS, Profile

ALL_MONTHS = 0
# Fields that change which family a record counts for without touching the record itself.
IDENTITY_FIELDS: dict[str, set[str]] = {"families.Family": {"merged_into_id"}}
_LOOKUPS = {"gte", "lte", "gt", "lt", "in", "isnull", "date", "exact", "year", "month"}


@dataclass
class Use:
    """What the figures read of one model: its fields, and how a row's months are known."""

    fields: set[str] = field(default_factory=set)
    date_paths: set[tuple[str, ...]] = field(default_factory=set)  # from this model to a date field
    all_months: bool = False  # some figure reads it with no date of its own
    root: bool = False  # some figure counts its rows (else it is only reached through a relation)
    indicators: set[str] = field(default_factory=set)
    # Rows that point at the family a record counts for (its members, read by the reference-person
    # breakdowns of monitoring.profiles): (record model, path to the family) for each such part.
    members_of: set[tuple[str, str]] = field(default_factory=set)


def _lookups(q: Q) -> Iterator[str]:
    for child in q.children:
        if isinstance(child, Q):
            yield from _lookups(child)
        else:
            yield cast(tuple[str, Any], child)[0]


def _walk(model: type[models.Model], path: str) -> list[tuple[type[models.Model], str, str]]:
    """(model, field attname, remaining path) for each step of a lookup path."""
    steps = []
    parts = [p for p in path.split("__") if p]
    current: type[models.Model] | None = model
    for i, name in enumerate(parts):
        if current is None:
            break
        try:
            f = current._meta.get_field(name)
        except Exception:
            break
        attname = getattr(f, "attname", None) or name
        steps.append((current, attname, "__".join(parts[i + 1 :])))
        related = f.related_model if f.is_relation and f.many_to_one else None
        current = related if isinstance(related, type) else None
        if current is None:
            break
    return steps


def _last_model(model: type[models.Model], path: str) -> type[models.Model] | None:
    steps = _walk(model, path)
    if not steps:
        return None
    m, attname, _rest = steps[-1]
    f = next(f for f in m._meta.concrete_fields if f.attname == attname)
    return f.related_model if f.is_relation else None  # type: ignore[return-value]


_PROBE = Period(dt.date(2000, 1, 1), dt.date(2000, 12, 31), "year")


def _part_paths(part: Part) -> tuple[list[str], list[str]]:
    """(date paths, other paths) of a part."""
    dates = sorted({_strip(p) for p in _lookups(part.when(_PROBE))})
    paths = [b.family if isinstance(b, Profile) else b for b in part.breakdowns.values()]
    others = [part.seat, *(_strip(p) for p in _lookups(part.where)), *paths]
    if part.distinct:
        others.append(part.distinct)
    if part.total:
        others.append(part.total)
    return dates, others


def _strip(lookup: str) -> str:
    parts = lookup.split("__")
    while len(parts) > 1 and parts[-1] in _LOOKUPS:
        parts.pop()
    return "__".join(parts)


def _members_use(uses: dict[str, Use], ind: Indicator, part: Part) -> None:
    """The family members read by the part's reference-person breakdowns (monitoring.profiles)."""
    for spec in part.breakdowns.values():
        if isinstance(spec, Profile):
            members = uses.setdefault("families.Person", Use())
            members.fields |= PERSON_FIELDS
            members.indicators.add(ind.code)
            members.all_months = True
            members.members_of.add((part.model, spec.family))


@cache
def dependencies() -> dict[str, Use]:
    """Model label → what the catalogue's figures read of it (excluding the comune of residence,
    which only the maps read)."""
    uses: dict[str, Use] = {}
    for ind in INDICATORS:
        for part in ind.parts:
            root = apps.get_model(part.model)
            dates, others = _part_paths(part)
            on_date_chain: set[str] = set()
            for path in dates:
                for m, attname, rest in _walk(root, path):
                    use = uses.setdefault(m._meta.label, Use())
                    use.fields.add(attname)
                    use.indicators.add(ind.code)
                    use.date_paths.add(tuple([attname] if not rest else [attname, *rest.split("__")]))
                    on_date_chain.add(m._meta.label)
            for path in others:
                for m, attname, _rest in _walk(root, path):
                    use = uses.setdefault(m._meta.label, Use())
                    use.fields.add(attname)
                    use.indicators.add(ind.code)
                    if m._meta.label not in on_date_chain:
                        use.all_months = True
                target = _last_model(root, path)
                if target is not None:  # counting distinct families: merges move records
                    label = target._meta.label
                    for name in IDENTITY_FIELDS.get(label, ()):
                        use = uses.setdefault(label, Use())
                        use.fields.add(name)
                        use.indicators.add(ind.code)
                        if label not in on_date_chain:
                            use.all_months = True
            _members_use(uses, ind, part)
            root_use = uses.setdefault(root._meta.label, Use())
            root_use.indicators.add(ind.code)
            root_use.root = True
    return uses


def sources_of(indicator: Indicator) -> list[str]:
    return sorted(label for label, use in dependencies().items() if indicator.code in use.indicators)


# ---- months touched by a write ----------------------------------------------------------------


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _value(instance: models.Model, path: tuple[str, ...], state: Mapping[str, Any] | None) -> Any:
    """Follow `path` from `instance` (its first step read from `state` when given)."""
    first = path[0]
    value = state.get(first) if state is not None else getattr(instance, first, None)
    if len(path) == 1:
        return value
    f = next(f for f in instance._meta.concrete_fields if f.attname == first)
    target = f.related_model
    if value is None or not isinstance(target, type):
        return None
    related = target._default_manager.filter(pk=value).values_list("__".join(path[1:]), flat=True)
    return related.first()


def month_of(day: dt.date) -> int:
    return day.year * 100 + day.month


def months_between(first: dt.date, last: dt.date) -> list[int]:
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(y * 100 + m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _months(instance: models.Model, use: Use, state: Mapping[str, Any] | None) -> set[int]:
    """The months (yyyymm) of a row's dates; an open span (no end date) reaches today."""
    dates = [_as_date(_value(instance, p, state)) for p in sorted(use.date_paths)]
    known = [d for d in dates if d is not None]
    if not known:
        return set()
    last = timezone.localdate() if len(known) < len(dates) else max(known)
    return set(months_between(min(known), max(last, min(known))))


def touched_months(label: str, action: str, instance: models.Model, previous: Mapping[str, Any] | None) -> set[int]:
    """The months (yyyymm) whose figures a write of `instance` may change (ALL_MONTHS: every
    month); empty
    when it changes nothing the figures read."""
    use = dependencies().get(label)
    if use is None:
        return set()
    if use.members_of:
        return _members_months(use, action, instance, previous)
    if not use.root and action == "created":
        return set()  # a new row is not yet reached by any record
    if not use.root and action == "deleted":
        return {ALL_MONTHS}  # its records go with it, or lose the link (a family's contacts: SET_NULL)
    known_previous = bool(previous) or action == "created"
    if previous:
        changed = {f for f in use.fields if previous.get(f) != getattr(instance, f, None)}
        if not changed and action not in ("created", "deleted"):
            return set()
    # A service's own verb ("cancelled", "attendance_recorded") changes a state, never a date.
    if action not in ("created", "updated", "deleted", "saved"):
        known_previous = True
    if use.all_months or not use.date_paths or (not known_previous and action != "deleted"):
        return {ALL_MONTHS}
    years = _months(instance, use, None)
    if previous:
        years |= _months(instance, use, previous)
    return years or {ALL_MONTHS}


def _members_months(use: Use, action: str, instance: models.Model, previous: Mapping[str, Any] | None) -> set[int]:
    """A member added, changed or removed may change the reference person of its family: every
    month, but only when some record already counts that family (a new family's members change
    nothing)."""
    unchanged = previous and all(previous.get(f) == getattr(instance, f, None) for f in use.fields)
    if unchanged and action not in ("created", "deleted"):
        return set()
    families = {getattr(instance, "family_id", None)}
    if previous:
        families.add(previous.get("family_id"))
    families.discard(None)
    for model_label, path in sorted(use.members_of):
        model = apps.get_model(model_label)
        if model._default_manager.filter(**{f"{path}__in": families}).exists():
            return {ALL_MONTHS}
    return set()


def record_change(label: str, years: Iterable[int]) -> None:
    from monitoring.models import SourceChange

    rows = [SourceChange(source=label, month=y) for y in sorted(set(years))]
    if rows:
        SourceChange.objects.bulk_create(rows)


def _hook(action: str, instance: models.Model, previous: Mapping[str, Any]) -> None:
    label = instance._meta.label
    record_change(label, touched_months(label, action, instance, previous))


_LOADED = "_monitoring_loaded"


def _on_init(sender: type[models.Model], instance: models.Model, **kw: Any) -> None:
    """Remember the values the figures read, as loaded: a later direct `save()` knows what it changed."""
    use = dependencies()[sender._meta.label]
    values = instance.__dict__
    instance.__dict__[_LOADED] = {f: values[f] for f in use.fields if f in values}


def _on_save(sender: type[models.Model], instance: models.Model, created: bool, raw: bool = False, **kw: Any) -> None:
    if raw:
        return  # loaddata
    label = sender._meta.label
    loaded = instance.__dict__.get(_LOADED)
    use = dependencies()[label]
    if created:
        years = touched_months(label, "created", instance, None)
    elif loaded is not None and set(loaded) == use.fields:
        years = touched_months(label, "updated", instance, loaded)
    else:  # some field was not loaded: what it was is unknown
        years = touched_months(label, "saved", instance, None)
    record_change(label, years)
    _on_init(sender, instance)


def _on_delete(sender: type[models.Model], instance: models.Model, **kw: Any) -> None:
    label = sender._meta.label
    record_change(label, touched_months(label, "deleted", instance, None))


def register_hooks() -> None:
    from core.records import register_write_hook

    for label in dependencies():
        model = apps.get_model(label)
        register_write_hook(model, _hook)
        post_init.connect(_on_init, sender=model, dispatch_uid=f"monitoring-fresh-init-{label}")
        post_save.connect(_on_save, sender=model, dispatch_uid=f"monitoring-fresh-save-{label}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"monitoring-fresh-delete-{label}")


# ---- keys and the store ----------------------------------------------------------------------


class Versions:
    """The committed change log, read once per request: (source, month) → (count, Σ id)."""

    def __init__(self) -> None:
        from monitoring.models import SourceChange

        self.rows: dict[tuple[str, int], tuple[int, int]] = {
            # int(): on PostgreSQL the sum of a bigint column is a numeric (Decimal).
            (r["source"], r["month"]): (int(r["n"]), int(r["s"] or 0))
            for r in SourceChange.objects.values("source", "month").annotate(n=Count("id"), s=Sum("id")).order_by()
        }

    def token(self, indicator: Indicator, period: Period) -> list[Any]:
        months = [ALL_MONTHS, *months_between(period.start, period.end)]
        return [[s, m, *self.rows.get((s, m), (0, 0))] for s in sources_of(indicator) for m in months]


def key_for(indicator: Indicator, period: Period, tree_digest: str, k: int, versions: Versions) -> str:
    parts = [CATALOGUE_VERSION, indicator.code, period.kind, str(period.start), str(period.end), tree_digest, k]
    parts.append(versions.token(indicator, period))
    return hashlib.sha256(json.dumps(parts, separators=(",", ":")).encode()).hexdigest()


def load(key: str) -> dict[str, Any] | None:
    from monitoring.models import StoredFigures

    row = StoredFigures.objects.filter(key=key).values_list("payload", flat=True).first()
    return row


def load_many(keys: list[str]) -> dict[str, dict[str, Any]]:
    from monitoring.models import StoredFigures

    if not keys:
        return {}
    return dict(StoredFigures.objects.filter(key__in=keys).values_list("key", "payload"))


def store(key: str, indicator: Indicator, period: Period, payload: dict[str, Any]) -> None:
    """Keep the figures (one row per indicator and period: older versions are dropped). A failure
    to store (another request stored it first, a busy SQLite file) only costs a recomputation."""
    from monitoring.models import StoredFigures

    try:
        with transaction.atomic():
            StoredFigures.objects.filter(
                indicator=indicator.code, period_start=period.start, period_end=period.end, period_kind=period.kind
            ).exclude(key=key).delete()
            StoredFigures.objects.get_or_create(
                key=key,
                defaults={
                    "indicator": indicator.code,
                    "period_start": period.start,
                    "period_end": period.end,
                    "period_kind": period.kind,
                    "payload": payload,
                },
            )
    except DatabaseError:
        pass


def clear() -> int:
    from monitoring.models import StoredFigures

    return int(StoredFigures.objects.all().delete()[0])


def prune() -> int:
    """Shorten the change log to its last row per (source, month); the stored figures keyed on the
    longer log are recomputed once. Returns the rows removed."""
    from monitoring.models import SourceChange

    keep = [r["last"] for r in SourceChange.objects.values("source", "month").annotate(last=Max("id")).order_by()]
    removed = int(SourceChange.objects.exclude(pk__in=keep).delete()[0])
    clear()
    return removed


def stored_indicators() -> list[Indicator]:
    return [i for i in INDICATORS if i.kind != RATIO]
