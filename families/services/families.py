"""Families and their members: intake, edits, duplicates merge."""

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor
from families.models import Consent, Contact, Family, Person, Referral
from families.services import _base
from network.models import Seat


def new_family_code() -> str:
    """A pseudonymous code that says nothing about the family (works for the 'invisible')."""
    return f"FAM-{secrets.token_hex(4).upper()}"


def family_create(
    *,
    actor: Actor,
    seat: Seat,
    name: str = "",
    residence_kind: str = Family.Residence.NONE,
    comune_id: int | None = None,
    members: list[dict[str, Any]] | None = None,
    is_synthetic: bool = False,
) -> Family:
    """Take a family in at `seat`, optionally with its first members (all or nothing)."""
    family = Family(
        code=new_family_code(),
        seat=seat,
        name=name,
        residence_kind=residence_kind,
        comune_id=comune_id,
        is_synthetic=is_synthetic,
    )
    with transaction.atomic():
        _base.create(actor=actor, instance=family)
        for index, data in enumerate(members or []):
            try:
                person_add(actor=actor, family=family, **data)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    raise ValidationError({f"members.{index}.{k}": v for k, v in exc.error_dict.items()}) from exc
                raise
    return family


def family_update(*, actor: Actor, family: Family, data: dict[str, Any], expected_version: int | None = None) -> Family:
    allowed = {"name", "residence_kind", "comune", "comune_id", "seat"}
    if set(data) - allowed:
        raise ValidationError(_("Campi non modificabili: %(f)s") % {"f": ", ".join(sorted(set(data) - allowed))})
    with transaction.atomic():
        _base.update(actor=actor, instance=family, data=data, expected_version=expected_version)
    return family


PERSON_FIELDS = (
    "role",
    "first_name",
    "last_name",
    "birth_date",
    "birth_year",
    "sex",
    "citizenship",
    "languages",
    "fiscal_code",
)


def person_add(*, actor: Actor, family: Family, **data: Any) -> Person:
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(_("Campi non previsti: %(f)s") % {"f": ", ".join(sorted(unknown))})
    person = Person(family=family, **data)
    with transaction.atomic():
        _base.create(actor=actor, instance=person)
    return person


def person_update(*, actor: Actor, person: Person, data: dict[str, Any], expected_version: int | None = None) -> Person:
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(_("Campi non previsti: %(f)s") % {"f": ", ".join(sorted(unknown))})
    with transaction.atomic():
        _base.update(actor=actor, instance=person, data=data, expected_version=expected_version)
    return person


def family_merge(*, actor: Actor, target: Family, duplicate: Family) -> Family:
    """Fold a duplicate record into `target`: members, contacts, consents and referrals move;
    the duplicate stays as an empty pointer (`merged_into`) so old links still resolve."""
    if target.pk == duplicate.pk:
        raise ValidationError(_("Scegli due famiglie diverse da unire."))
    scoping.check_action(actor, "families.family.merge", target)
    scoping.check_action(actor, "families.family.merge", duplicate)
    if duplicate.merged_into_id:
        raise ValidationError(_("Questa famiglia è già stata unita a un'altra."))
    if hasattr(target, "scheda") and hasattr(duplicate, "scheda"):
        raise ValidationError(
            _("Entrambe le famiglie hanno una scheda progettuale: chiudi quella del duplicato prima di unirle.")
        )
    with transaction.atomic():
        moved = {
            "members": Person.objects.filter(family=duplicate).update(family=target),
            "contacts": Contact.objects.filter(family=duplicate).update(family=target),
            "consents": Consent.objects.filter(family=duplicate).update(family=target),
            "referrals": Referral.objects.filter(family=duplicate).update(family=target),
        }
        if hasattr(duplicate, "scheda"):
            scheda = duplicate.scheda
            scheda.family = target
            scheda.save(update_fields=["family"])
            moved["scheda"] = 1
        _base.update(actor=actor, instance=duplicate, data={"merged_into": target})
        _base.audit(actor=actor, obj=target, verb="merged", duplicate=str(duplicate.pk), moved=moved)
    return target


def person_move(*, actor: Actor, person: Person, target: Family, expected_version: int | None = None) -> Person:
    """Move one person to another family (a single-person merge): the person's own consents
    follow; both families get an audit entry naming ids only."""
    source = person.family
    if source.pk == target.pk:
        raise ValidationError({"target": _("La persona fa già parte di questa famiglia.")})
    if target.merged_into_id:
        raise ValidationError(
            {"target": _("La famiglia scelta è stata unita a un'altra: scegli quella in cui è confluita.")}
        )
    if target.is_anonymised or person.is_anonymised:
        raise ValidationError({"target": _("Non è possibile spostare persone da o verso una famiglia anonimizzata.")})
    scoping.check_action(actor, "families.person.move", person)
    scoping.check_action(actor, "families.person.move", target)
    with transaction.atomic():
        _base.update(actor=actor, instance=person, data={"family": target}, expected_version=expected_version)
        consents = Consent.objects.filter(person=person).update(family=target)
        _base.audit(actor=actor, obj=source, verb="person_moved_out", person=str(person.pk), to=str(target.pk))
        _base.audit(
            actor=actor,
            obj=target,
            verb="person_moved_in",
            person=str(person.pk),
            source=str(source.pk),
            consents=consents,
        )
    return person
