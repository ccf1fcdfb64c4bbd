"""The scheda progettuale: open, change (with its readable history), interventions, bodies."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor, user_of
from families import codes
from families.access import check_family_reader
from families.models import Family, Intervention, InvolvedBody, Scheda, SchedaChange
from families.services import _base
from network.models import Ente, ServiceArea

EDITABLE = (
    "access_reason",
    "access_reason_text",
    "needs",
    "operator",
    "status",
    "outcome",
    "is_fragile",
    "fragility_category",
    "review_on",
)


def scheda_open(
    *,
    actor: Actor,
    family: Family,
    access_reason: str,
    access_reason_text: str = "",
    needs: list[str] | None = None,
    is_fragile: bool = False,
    fragility_category: str = "",
    operator: Any = None,
) -> Scheda:
    if Scheda.objects.filter(family=family).exists():
        raise ValidationError(_("Questa famiglia ha già una scheda progettuale."))
    scheda = Scheda(
        family=family,
        access_reason=access_reason,
        access_reason_text=access_reason_text,
        needs=list(needs or []),
        is_fragile=is_fragile,
        fragility_category=fragility_category,
        operator=operator if operator is not None else user_of(actor),
    )
    with transaction.atomic():
        _base.create(actor=actor, instance=scheda)
    return scheda


def _readable(scheda: Scheda, name: str, value: Any) -> str:
    if name not in Scheda.CODED_FIELDS:
        return ""  # free text: the history says it changed, never what it said
    if name == "needs":
        labels = dict(codes.Need.choices)
        return ", ".join(str(labels.get(v, v)) for v in value or [])
    if name == "operator":
        return (value.get_full_name() or value.username) if value is not None else "—"
    if isinstance(value, bool):
        return str(_("sì") if value else _("no"))
    field = Scheda._meta.get_field(name)
    choices = dict(getattr(field, "choices", None) or [])
    return str(choices.get(value, value or "—"))


def scheda_update(
    *, actor: Actor, scheda: Scheda, data: dict[str, Any], expected_version: int | None = None
) -> list[str]:
    """Change the scheda. A stale `expected_version` (someone else saved meanwhile) raises
    ConflictError and nothing is written. Returns the changed field names."""
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ValidationError(_("Campi non modificabili: %(f)s") % {"f": ", ".join(sorted(unknown))})
    data = dict(data)
    if data.get("status") == Scheda.Status.CLOSED and scheda.status != Scheda.Status.CLOSED:
        data["closed_on"] = timezone.localdate()
    elif "status" in data and data["status"] != Scheda.Status.CLOSED:
        data["closed_on"] = None
    before = {name: getattr(scheda, name) for name in data}
    with transaction.atomic():
        changed = _base.update(actor=actor, instance=scheda, data=data, expected_version=expected_version)
        SchedaChange.objects.bulk_create(
            SchedaChange(
                scheda=scheda,
                actor=user_of(actor),
                field=name,
                label=str(getattr(Scheda._meta.get_field(name), "verbose_name", name)),
                before=_readable(scheda, name, before[name]),
                after=_readable(scheda, name, getattr(scheda, name)),
            )
            for name in changed
        )
    return changed


def intervention_add(
    *,
    actor: Actor,
    scheda: Scheda,
    service_area: ServiceArea | None = None,
    activity: str = "",
    start_date: Any = None,
    end_date: Any = None,
    outcome: str = "",
) -> Intervention:
    item = Intervention(
        scheda=scheda,
        service_area=service_area,
        activity=activity,
        start_date=start_date or timezone.localdate(),
        end_date=end_date,
        outcome=outcome,
    )
    with transaction.atomic():
        _base.create(actor=actor, instance=item)
        SchedaChange.objects.create(
            scheda=scheda,
            actor=user_of(actor),
            field="interventions",
            label=str(_("interventi")),
            after=str(item)[:400],
        )
    return item


def body_add(*, actor: Actor, scheda: Scheda, ente: Ente, role: str, override_reason: str = "") -> InvolvedBody:
    """Involve another body of the network in the scheda. Involving it shares the family's data
    with it: like a referral, this needs a valid sharing consent (or a stated legal obligation)."""
    from families.services.consent import sharing_check

    if not role.strip():
        raise ValidationError({"role": _("Indica il ruolo dell'ente nel percorso della famiglia.")})
    if InvolvedBody.objects.filter(scheda=scheda, ente=ente).exists():
        raise ValidationError({"ente": _("Questo ente è già coinvolto nella scheda.")})
    body = InvolvedBody(scheda=scheda, ente=ente, role=role.strip())
    check_family_reader(actor)
    scoping.check_can_write(actor, body, scoping.CREATE)
    with transaction.atomic():
        sharing_check(actor=actor, family=scheda.family, ente=ente, override_reason=override_reason)
        _base.create(actor=actor, instance=body)
        SchedaChange.objects.create(
            scheda=scheda, actor=user_of(actor), field="bodies", label=str(_("enti coinvolti")), after=ente.name[:400]
        )
    return body
