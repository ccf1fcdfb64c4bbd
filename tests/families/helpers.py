"""Builders for family-pathway tests (through the services, as the app does)."""

import datetime as dt
from typing import Any

from codicefiscale import codicefiscale

from families.models import Family
from families.services import families as family_services
from tests.personas import Personas

CHILD_BORN = dt.date(2015, 2, 1)
CHILD_CF = str(
    codicefiscale.encode(lastname="Prova", firstname="Bimba", gender="F", birthdate="01/02/2015", birthplace="Milano")
)


def make_family(p: Personas, *, actor: Any = None, seat: Any = None, **member: Any) -> Family:
    person = {"role": "figlio", "first_name": "Bimba", "last_name": "Prova", "birth_date": CHILD_BORN, "sex": "F"}
    person.update(member)
    return family_services.family_create(
        actor=actor or p.op_a1, seat=seat or p.spoke_a1, name="Famiglia Prova", members=[person]
    )
