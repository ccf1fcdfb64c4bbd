"""The directory's SYNTHETIC demo entries (directory/demo.py, run by seed_demo): valid entries
with hours in every ATS with a demo Hub, the shelter for operators only, the consultorio linked to
the demo referral destination, and the public ones found by the portal's search."""

import pytest
from django.core.management import call_command

from directory.demo import seed_directory
from directory.models import Resource
from portal import search
from tests.personas import Personas

pytestmark = pytest.mark.django_db


def test_demo_entries_are_valid_synthetic_and_found_by_the_portal(personas: Personas) -> None:
    call_command("load_catalogue", verbosity=0)
    type(personas.centre_a).objects.filter(pk=personas.centre_a.pk).update(is_synthetic=True)
    assert seed_directory() == 5  # only ATS A has a demo (synthetic) Centre here
    entries = list(Resource.objects.all())
    assert len(entries) == 5 and all(e.is_synthetic and e.name.endswith("(demo)") for e in entries)
    for entry in entries:
        entry.full_clean()
    shelter = Resource.objects.get(kind=Resource.Kind.SHELTER)
    assert shelter.visibility == Resource.Visibility.OPERATORS
    assert Resource.objects.get(kind=Resource.Kind.CONSULTORIO).destination == personas.destination_a
    assert all(e.hours.exists() for e in entries if e.kind != Resource.Kind.SHELTER)
    names = [r.name for r in search.search("compiti", place=search.place_for(personas.milano)).results]
    assert any(n.startswith("Doposcuola Il Ponte") for n in names)
    assert not any("Casa rifugio" in r.name for r in search.search("casa rifugio").results)
