"""The pages an operator opens all day — the desk, the name search and the scheda — cost the
same number of queries whatever the number of rows they show (no N+1; issue #14). Each test
counts the queries of the page at two sizes and asserts they are equal."""

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from families.models import Scheda
from families.services import contacts, schede
from tests import factories as f
from tests.families.helpers import make_family
from tests.personas import Personas


def _queries(fetch: Callable[[], object]) -> int:
    fetch()  # warms per-process caches (scope, content types, sessions)
    with CaptureQueriesContext(connection) as ctx:
        fetch()
    return len(ctx.captured_queries)


def _families(p: Personas, n: int) -> None:
    """n more families at Spoke A1, each with a contact today and a scheda to review."""
    for _ in range(n):
        family = make_family(p, last_name="Rossi")
        contacts.contact_log(actor=p.op_a1, seat=p.spoke_a1, family=family, channel="email", reason="altro")
        s = schede.scheda_open(actor=p.op_a1, family=family, access_reason="altro")
        schede.scheda_update(actor=p.op_a1, scheda=s, data={"review_on": s.opened_on})


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_desk_costs_the_same_with_more_rows(personas: Personas) -> None:
    for user in (personas.op_a1, personas.coord_a):
        client = _client(user)

        def desk(client: Client = client) -> object:
            response = client.get(reverse("families:home"))
            assert response.status_code == 200
            return response

        _families(personas, 1)
        few = _queries(desk)
        _families(personas, 5)
        many = _queries(desk)
        assert many == few, (user, few, many)


def test_the_name_search_costs_the_same_with_more_matches(personas: Personas) -> None:
    client = _client(personas.coord_a)

    def search() -> object:
        response = client.post(reverse("families:family_list"), {"q": "rossi"})
        assert response.status_code == 200 and response.context["page"].paginator.count > 0
        return response

    _families(personas, 1)
    few = _queries(search)
    _families(personas, 6)
    many = _queries(search)
    assert many == few, (few, many)


def test_the_scheda_page_costs_the_same_with_more_interventions_and_history(personas: Personas) -> None:
    p = personas
    scheda = schede.scheda_open(actor=p.op_a1, family=make_family(p), access_reason="altro")
    client = _client(p.op_a1)
    url = reverse("families:scheda_detail", args=[scheda.pk])

    def page() -> object:
        response = client.get(url)
        assert response.status_code == 200
        return response

    def grow(n: int) -> None:
        for i in range(n):
            current = Scheda.objects.get(pk=scheda.pk)
            schede.intervention_add(
                actor=p.op_a1, scheda=current, service_area=f.ServiceAreaFactory(), activity=f"Colloquio {i}"
            )
            schede.scheda_update(actor=p.op_a1, scheda=current, data={"access_reason_text": f"motivo {i}"})

    grow(1)
    few = _queries(page)
    grow(5)
    many = _queries(page)
    assert many == few, (few, many)
