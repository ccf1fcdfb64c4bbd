"""SYNTHETIC family-pathway data for the demo: pseudonymous names ('Famiglia Demo 001'), fake
birth data, fiscal codes computed with codicefiscale.encode for fictitious names only."""

import datetime as dt
import random
from typing import Any, Literal

from codicefiscale import codicefiscale
from django.utils import timezone

from accounts.models import User
from families import codes
from families.models import Consent, Referral
from families.services import consent, contacts, referrals, schede
from families.services import families as family_services
from network.models import ReferralDestination

DEMO_FAMILIES = 12


def _fake_code(last: str, first: str, sex: Literal["F", "M"], born: dt.date) -> str:
    return str(
        codicefiscale.encode(
            lastname=last, firstname=first, gender=sex, birthdate=born.strftime("%d/%m/%Y"), birthplace="Milano"
        )
    )


def seed_families(operator_username: str = "operatore") -> int:
    """Families, contacts, schede, consents and referrals at the demo operator's seat."""
    actor = User.objects.filter(username=operator_username).first()
    if actor is None or actor.seat is None:
        return 0
    rng = random.Random(3)  # deterministic synthetic data, not security  # noqa: S311
    seat = actor.seat
    destination = ReferralDestination.objects.filter(ats=seat.centre.ats, is_active=True).first()
    today = timezone.localdate()
    for index in range(1, DEMO_FAMILIES + 1):
        parent_born = dt.date(1975 + rng.randrange(20), rng.randrange(1, 13), rng.randrange(1, 28))
        child_born = dt.date(2010 + rng.randrange(14), rng.randrange(1, 13), rng.randrange(1, 28))
        invisible = index % 4 == 0  # no residence, no documents, no fiscal code
        surname = f"Demo{index:03d}"
        members: list[dict[str, Any]] = [
            {
                "role": "genitore",
                "first_name": "Genitore",
                "last_name": surname,
                "birth_date": None if invisible else parent_born,
                "birth_year": parent_born.year,
                "sex": "F",
                "fiscal_code": "" if invisible else _fake_code(surname, "Genitore", "F", parent_born),
            },
            {"role": "figlio", "first_name": "Figlio", "last_name": surname, "birth_date": child_born, "sex": "M"},
        ]
        family = family_services.family_create(
            actor=actor,
            seat=seat,
            name=f"Famiglia Demo {index:03d}",
            residence_kind="nessuna" if invisible else "residenza",
            comune_id=None if invisible else seat.comune_id,
            members=members,
            is_synthetic=True,
        )
        contacts.contact_log(
            actor=actor,
            seat=seat,
            family=family,
            channel=rng.choice(codes.Channel.values),
            reason=rng.choice(codes.AccessReason.values),
            date=today - dt.timedelta(days=rng.randrange(0, 60)),
            is_synthetic=True,
        )
        scheda = schede.scheda_open(
            actor=actor,
            family=family,
            access_reason=rng.choice(codes.AccessReason.values),
            needs=rng.sample(codes.Need.values, 2),
            is_fragile=index % 5 == 0,
            fragility_category=codes.FragilityCategory.SEVERE_POVERTY if index % 5 == 0 else "",
        )
        if destination is not None and index % 3 == 0:
            consent.consent_record(
                actor=actor,
                family=family,
                purpose=Consent.Purpose.SHARING,
                legal_basis=Consent.LegalBasis.CONSENT,
                recipient_kind=destination.kind,
            )
            referral = referrals.referral_send(
                actor=actor, family=family, destination=destination, reason=scheda.access_reason
            )
            if index % 2 == 0:
                referrals.referral_transition(actor=actor, referral=referral, to=Referral.Status.RECEIVED)
    for _ in range(5):  # anonymous contacts count too
        contacts.contact_log(
            actor=actor,
            seat=seat,
            channel=codes.Channel.PHONE,
            reason=codes.AccessReason.INFORMATION,
            is_synthetic=True,
        )
    return DEMO_FAMILIES
