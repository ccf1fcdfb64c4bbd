"""Contacts (accessi): logged in a few keystrokes at the desk."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.types import Actor, user_of
from families.models import Contact, Family
from families.services import _base
from network.models import Seat


def contact_log(
    *,
    actor: Actor,
    seat: Seat,
    channel: str,
    reason: str,
    family: Family | None = None,
    date: dt.date | None = None,
    people_count: int = 1,
    is_synthetic: bool = False,
) -> Contact:
    """Record a contact; without `family` it is an anonymous contact (it still counts)."""
    contact = Contact(
        seat=seat,
        family=family,
        operator=user_of(actor),
        channel=channel,
        reason=reason,
        date=date or timezone.localdate(),
        people_count=people_count,
        is_synthetic=is_synthetic,
    )
    with transaction.atomic():
        _base.create(actor=actor, instance=contact)
    return contact
