"""The directory in the operators' referral form (the operators' referral form uses the
same directory as everyone else): a directory entry linked to a specialist destination of the registry
(`Resource.destination`, set by the ATS in the entry's form) tells the operator its hours, how to
access it and its languages. Only entries the operator may see (scoping.directory_visible)."""

from collections.abc import Iterable

from django.urls import reverse

from accounts.types import Actor
from directory import schedule
from directory.models import LANGUAGES
from directory.selectors import visible_resources
from families.destinations import DestinationInfo


def destination_info(user: Actor, destination_ids: list[int]) -> Iterable[DestinationInfo]:
    entries = (
        visible_resources(user)
        .filter(destination_id__in=destination_ids)
        .select_related("organisation")
        .prefetch_related("hours")
        .order_by("name")
    )
    for entry in entries:
        assert entry.destination_id is not None
        yield DestinationInfo(
            destination_id=entry.destination_id,
            name=entry.name,
            organisation=entry.organisation.name,
            hours=schedule.format_hours((h.weekday, h.opens, h.closes) for h in entry.hours.all()),
            how_to_access=entry.how_to_access,
            languages=[str(LANGUAGES[c]) for c in entry.language_codes() if c in LANGUAGES],
            url=reverse("directory:detail", args=[entry.uuid]),
        )
