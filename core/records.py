"""The one write path of the platform, and the one audit helper.

Every create, change and delete of a scoped record goes through `record_create`,
`record_update` (or `apply_update`, which returns the changed field names) and `record_delete`:

1. permission through the scoping layer before any validation message (a role that may not
   write the model, or a row outside the editor's scope, is a 403 before anything about the
   data is said), and again after applying a change, so that a record cannot be moved out of
   the editor's scope;
2. `common.inputs.clean_instance()` (the one normalisation of input: NUL, 64-bit integers,
   finite amounts, date ranges, local times, spaces-only text, null text → "") and
   `full_clean()` (Italian messages from model `clean()` and validators);
3. save, with optimistic locking for `VersionedModel` (a stale version raises `ConflictError`);
4. one `AuditEntry` in the same transaction, keeping what the model's `audit_keeps` says
   (`audit.policy`): old and new values for registry rows, field names only for personal data;
5. the after-write hooks registered for the model (`register_write_hook`), in the same
   transaction.

Services that write in other ways (workflow steps, bulk rows) record what they did with
`audit_record()` and, when the write changes state others derive figures from, tell the hooks
with `notify_write()`.

After-write hooks
-----------------
`register_write_hook(Model, fn)` (typically from an app's `AppConfig.ready()`) makes the kernel
call ``fn(action, instance, previous)`` after every write of `Model`, inside the transaction of the
write: `action` is "created", "updated", "deleted" or a service verb passed to `notify_write`;
`instance` is the saved row (for "deleted": the row as it was, already gone from the database);
`previous` maps each concrete field's attribute name (`centre_id`, `status`, ...) to its value
before the write (empty for "created"). A hook that raises rolls the write back. Hooks must not
write personal data anywhere; they are meant for derived figures (monitoring rollups).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor
from audit.policy import AuditKeeps, keeps
from audit.services import audit_log
from common.concurrency import VersionedModel, save_versioned
from common.inputs import clean_instance

M = TypeVar("M", bound=models.Model)

WriteHook = Callable[[str, models.Model, Mapping[str, Any]], None]
_hooks: defaultdict[type[models.Model], list[WriteHook]] = defaultdict(list)

CREATED = "created"
UPDATED = "updated"
DELETED = "deleted"
_NOT_AUDITED = ("id", "version")


def register_write_hook(model: type[models.Model], fn: WriteHook) -> None:
    """Call `fn(action, instance, previous)` after every write of `model` (see the module doc).
    Registering the same function twice has no effect."""
    if fn not in _hooks[model]:
        _hooks[model].append(fn)


def unregister_write_hook(model: type[models.Model], fn: WriteHook) -> None:
    if fn in _hooks[model]:
        _hooks[model].remove(fn)


def notify_write(action: str, instance: models.Model, previous: Mapping[str, Any] | None = None) -> None:
    """Run the hooks of `type(instance)`. The kernel calls it; services that write outside the
    kernel call it themselves, inside their transaction."""
    for fn in list(_hooks.get(type(instance), ())):
        fn(action, instance, previous or {})


def state_of(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of a row, by attribute name (what hooks receive as `previous`)."""
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def _printable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (int, float, bool, str)) or value is None:
        return value
    return str(value)


def audit_record(
    *, actor: Actor, obj: models.Model, verb: str, changes: dict[str, Any] | None = None, action: str | None = None
) -> None:
    """The one audit helper: an entry `<app>.<model>.<verb>` on `obj`, with the ATS and Centre that
    own it (derived through the scoping layer). Must run inside the transaction of the change;
    a read (no change) opens its own. `changes` must respect `obj`'s `audit_keeps`: for personal
    data only field names, ids, counts and codes, never content."""
    ats_id, centre_id, _seat = scoping.owner_ids(obj)
    with transaction.atomic():
        audit_log(
            actor=actor,
            action=action or f"{obj._meta.label_lower}.{verb}",
            obj=obj,
            changes=changes,
            ats_id=ats_id,
            centre_id=centre_id,
        )


def audit_records_listed(
    *,
    actor: Actor,
    label: str,
    ids: Iterable[Any],
    what: str = "list_viewed",
    total: int | None = None,
    page: int | None = None,
    filters: Iterable[str] = (),
) -> None:
    """A list of records was shown (family records): one compact entry, owned by the viewer's ATS
    and Centre, with the total count, the page number, the names of the filters used (never
    their values: a search term can be a name) and the ids of that page only. `label` is the
    model label, e.g. "families.family"."""
    scope = scoping.scope_of(actor)
    ids = [str(i) for i in ids]
    changes: dict[str, Any] = {"count": len(ids) if total is None else total, "ids": ids}
    if page is not None:
        changes["page"] = page
    if filters:
        changes["filters"] = sorted(filters)
    with transaction.atomic():
        audit_log(
            actor=actor,
            action=f"{label}.{what}",
            obj=None,
            object_type=label,
            ats_id=scope.ats_id if scope else None,
            centre_id=scope.centre_id if scope else None,
            changes=changes,
        )


def audit_event(*, actor: Actor, action: str, changes: dict[str, Any] | None = None, object_type: str = "") -> None:
    """An action on no single record (an export of aggregate figures, a download of a set of
    entries): one entry `action`, owned by the actor's ATS and Centre, with `changes` (codes,
    ids and counts only)."""
    scope = scoping.scope_of(actor)
    with transaction.atomic():
        audit_log(
            actor=actor,
            action=action,
            obj=None,
            object_type=object_type,
            ats_id=scope.ats_id if scope else None,
            centre_id=scope.centre_id if scope else None,
            changes=changes,
        )


def _created_changes(instance: models.Model, m2m: dict[str, list[Any]]) -> dict[str, Any]:
    names = [f.name for f in instance._meta.concrete_fields if f.name not in _NOT_AUDITED]
    if keeps(type(instance)) is AuditKeeps.FIELDS:
        return {"fields": sorted([*names, *m2m])}
    changes = {name: _printable(getattr(instance, name)) for name in names}
    changes.update({name: sorted(_printable(v) for v in values) for name, values in m2m.items()})
    return changes


def _set_m2m(obj: models.Model, m2m: dict[str, Iterable[Any]] | None) -> dict[str, list[Any]]:
    written: dict[str, list[Any]] = {}
    for name, values in (m2m or {}).items():
        values = list(values)
        getattr(obj, name).set(values)
        written[name] = values
    return written


def _validate(actor: Actor, instance: models.Model, action: str) -> None:
    """Permission first, then the data: the role (403), the values (`clean_instance`), the scope
    where the row stands (403, before any message about related rows), `full_clean()`, and the
    scope again (the row's owners are only certain once its foreign keys are validated)."""
    if not scoping.may_write(actor, type(instance), action):
        scoping.check_can_write(actor, instance, action)  # raises the Italian 403
    clean_instance(instance)
    if scoping.owner_ids(instance)[0] is not None:
        scoping.check_can_write(actor, instance, action)
    instance.full_clean()
    scoping.check_can_write(actor, instance, action)


def record_create(
    *,
    actor: Actor,
    instance: M,
    m2m: dict[str, Iterable[Any]] | None = None,
    verb: str = CREATED,
    audit_extra: dict[str, Any] | None = None,
) -> M:
    """Check the role, validate, check the scope, save, audit and notify a new row (atomic)."""
    _validate(actor, instance, scoping.CREATE)
    with transaction.atomic():
        instance.save()
        changes = _created_changes(instance, _set_m2m(instance, m2m))
        changes.update(audit_extra or {})
        audit_record(actor=actor, obj=instance, verb=verb, changes=changes)
        notify_write(CREATED, instance, {})
    return instance


def apply_update(
    *,
    actor: Actor,
    instance: models.Model,
    data: dict[str, Any],
    expected_version: int | None = None,
    m2m: dict[str, Iterable[Any]] | None = None,
    verb: str = UPDATED,
    audit_extra: dict[str, Any] | None = None,
) -> list[str]:
    """Apply `data` to an instance fetched through the scope, validate, save only what changed,
    audit and notify (atomic). For versioned models `expected_version` is the version the editor
    started from (a stale one raises `ConflictError`). Returns the names of the changed fields
    (many-to-many included)."""
    scoping.check_can_write(actor, instance, scoping.CHANGE)
    previous = state_of(instance)
    before = {name: _printable(getattr(instance, name)) for name in data}
    for name, value in data.items():
        setattr(instance, name, value)
    # The edit must not move the record outside the editor's scope (e.g. to another Centre).
    _validate(actor, instance, scoping.CHANGE)
    changed = [name for name in data if _printable(getattr(instance, name)) != before[name]]
    with transaction.atomic():
        if isinstance(instance, VersionedModel):
            version = instance.version if expected_version is None else expected_version
            save_versioned(instance, expected_version=version, fields=changed)
        elif changed:
            instance.save(update_fields=changed)
        written = _set_m2m(instance, m2m)
        if keeps(type(instance)) is AuditKeeps.FIELDS:
            changes: dict[str, Any] = {"fields": sorted([*changed, *written])} if changed or written else {}
        else:
            changes = {n: [before[n], _printable(getattr(instance, n))] for n in changed}
            changes.update({name: sorted(_printable(v) for v in values) for name, values in written.items()})
        if changes or audit_extra:
            changes.update(audit_extra or {})
            audit_record(actor=actor, obj=instance, verb=verb, changes=changes)
        if changed or written:
            notify_write(UPDATED, instance, previous)
    return [*changed, *written]


def record_update(
    *,
    actor: Actor,
    instance: M,
    data: dict[str, Any],
    expected_version: int | None = None,
    m2m: dict[str, Iterable[Any]] | None = None,
) -> M:
    """`apply_update`, returning the instance."""
    apply_update(actor=actor, instance=instance, data=data, expected_version=expected_version, m2m=m2m)
    return instance


def record_delete(*, actor: Actor, instance: models.Model) -> None:
    """Check the scope, audit and delete a row (atomic); a row that other data depends on is a
    validation error, never a 500."""
    scoping.check_can_write(actor, instance, scoping.CHANGE)
    previous = state_of(instance)
    changes = {} if keeps(type(instance)) is AuditKeeps.FIELDS else {"str": str(instance)}
    try:
        with transaction.atomic():
            audit_record(actor=actor, obj=instance, verb=DELETED, changes=changes)
            instance.delete()
            instance.pk = previous[instance._meta.pk.attname]
            notify_write(DELETED, instance, previous)
    except models.ProtectedError as exc:
        raise ValidationError(
            _("Non è possibile eliminare l'elemento perché è collegato ad altri dati: modificalo o disattivalo.")
        ) from exc
