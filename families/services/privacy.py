"""Data-subject requests and retention: export a family's data (JSON), anonymise on request
keeping aggregate counts (contacts, schede, referrals stay, identities go), and anonymise closed
schede past the retention period."""

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts import scoping
from accounts.types import Actor
from families import codes
from families.models import Consent, Family, IntegratedFollowUp, Intervention, Person, Scheda, SchedaChange
from families.services import _base

logger = logging.getLogger(__name__)


def _row(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in names:
        value = getattr(obj, name)
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def family_export(*, actor: Actor, family: Family) -> dict[str, Any]:
    """Everything the platform keeps about the family, for a request of access/portability
    (audited; the back office serves it as a file through `families.exporters.FamilyExporter`)."""
    data = family_export_data(actor=actor, family=family)
    with transaction.atomic():
        _base.audit(actor=actor, obj=family, verb="exported")
    return data


def family_export_data(*, actor: Actor, family: Family) -> dict[str, Any]:
    """The content of `family_export`, not audited: for an exporter, which `core.exports` audits."""
    scoping.check_action(actor, "families.family.export", family)
    data: dict[str, Any] = {
        "id": str(family.pk),
        "code": family.code,
        "name": family.name,
        "seat": family.seat.name,
        "residence_kind": family.residence_kind,
        "comune": family.comune.name if family.comune else None,
        "members": [
            _row(p, ("role", "first_name", "last_name", "birth_date", "birth_year", "sex", "citizenship", "languages"))
            | {"fiscal_code": p.fiscal_code}
            for p in family.members.all()
        ],
        "contacts": [_row(c, ("date", "channel", "reason", "people_count")) for c in family.contacts.all()],
        "consents": [
            _row(c, ("purpose", "legal_basis", "given_on", "expires_on", "withdrawn_on", "recipient_kind"))
            for c in family.consents.all()
        ],
        "referrals": [
            _row(r, ("sent_on", "reason", "reason_text", "urgency", "status", "status_note", "feedback"))
            | {"destination": r.destination.name}
            for r in family.referrals.select_related("destination")
        ],
    }
    scheda = Scheda.objects.filter(family=family).first()
    if scheda is not None:
        data["scheda"] = _row(
            scheda,
            (
                "access_reason",
                "access_reason_text",
                "needs",
                "status",
                "outcome",
                "is_fragile",
                "fragility_category",
                "opened_on",
                "closed_on",
            ),
        ) | {
            "interventions": [str(i) for i in scheda.interventions.select_related("service_area")],
            "bodies": [{"ente": b.ente.name, "role": b.role} for b in scheda.bodies.select_related("ente")],
            "followups": [
                _row(f, ("plan", "goals", "start_date", "review_on", "status", "outcome", "outcome_note", "closed_on"))
                | {"partners": [d.name for d in f.partner_destinations.all()] + [e.name for e in f.partner_entes.all()]}
                for f in scheda.followups.all()
            ],
        }
    return data


def _delete_consent_forms(family: Family) -> None:
    """Unlink the signed forms and delete the files from storage once the erasure commits (a
    rolled-back erasure keeps them)."""
    consents = Consent.objects.filter(family=family).exclude(form="")
    names = list(consents.values_list("form", flat=True))
    consents.update(form="")
    storage = Consent._meta.get_field("form").storage

    def delete_files() -> None:
        for name in names:
            try:
                storage.delete(name)
            except OSError:  # already gone: nothing left to erase
                logger.warning("Modulo di consenso non eliminato dallo storage: %s", name)

    if names:
        transaction.on_commit(delete_files)


_PERSON_IDENTITY = ["first_name", "last_name", "fiscal_code", "citizenship", "languages", "birth_date"]


def _anonymise(family: Family) -> None:
    """Remove identities and free text; coded fields and counts stay for the aggregates."""
    for person in Person.objects.filter(family=family):
        person.first_name = person.last_name = person.fiscal_code = person.citizenship = person.languages = ""
        person.birth_date = None
        person.is_anonymised = True
        person.save(update_fields=[*_PERSON_IDENTITY, "is_anonymised"])
    family.name = ""
    family.is_anonymised = True
    family.version += 1
    family.save(update_fields=["name", "is_anonymised", "version"])
    Scheda.objects.filter(family=family).update(access_reason_text="")
    Intervention.objects.filter(scheda__family=family).update(activity="", outcome="")
    SchedaChange.objects.filter(scheda__family=family, field="interventions").update(after="")
    _delete_consent_forms(family)
    IntegratedFollowUp.objects.filter(scheda__family=family).update(
        plan="", goals="", outcome_note="", override_reason=""
    )
    family.referrals.update(reason_text="", status_note="", feedback="", override_reason="")


def family_anonymise(*, actor: Actor, family: Family) -> Family:
    """Erasure on request: the family stays as an anonymous row so the counts are unchanged."""
    scoping.check_action(actor, "families.family.erase", family)
    with transaction.atomic():
        _anonymise(family)
        _base.audit(actor=actor, obj=family, verb="anonymised")
    return family


def anonymise_closed_schede(*, years: int = codes.RETENTION_YEARS, today: dt.date | None = None) -> int:
    """Retention: anonymise families whose scheda closed more than `years` years ago."""
    today = today or timezone.localdate()
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    families = Family.objects.filter(
        scheda__status=Scheda.Status.CLOSED, scheda__closed_on__lt=cutoff, is_anonymised=False
    )
    count = 0
    for family in families.select_related("seat__centre"):
        with transaction.atomic():
            _anonymise(family)
            _base.audit(actor=None, obj=family, verb="anonymised_retention", years=years)
        count += 1
    return count
