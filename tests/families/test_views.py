import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import DjangoAssertNumQueries

from families import selectors
from families.models import Contact, Family
from families.services import contacts, schede
from tests.families.helpers import make_family
from tests.personas import Personas


def test_quick_contact_is_logged_in_one_post(personas: Personas) -> None:
    family = make_family(personas)
    client = Client()
    client.force_login(personas.op_a1)
    response = client.post(
        reverse("families:contact_quick"),
        {"channel": "presenza", "reason": "informazioni", "family_code": family.code.lower(), "people_count": 2},
        follow=True,
    )
    assert "Contatto registrato." in response.content.decode()
    assert Contact.objects.get().family_id == family.pk
    client.post(reverse("families:contact_quick"), {"channel": "telefono", "reason": "altro", "people_count": 1})
    assert Contact.objects.filter(family__isnull=True, seat=personas.spoke_a1).count() == 1


def test_family_intake_form_shows_italian_errors_and_saves(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.op_a1)
    data = {
        "seat": personas.spoke_a1.pk,
        "residence_kind": "nessuna",
        "p-role": "genitore",
        "p-birth_date": "2999-01-01",
    }
    response = client.post(reverse("families:family_create"), data)
    assert "non può essere nel futuro" in response.content.decode()
    assert not Family.objects.exists()
    data["p-birth_date"] = "1990-01-01"
    response = client.post(reverse("families:family_create"), data)
    assert response.status_code == 302 and Family.objects.count() == 1


def test_scheda_form_conflict_shows_a_clear_message(personas: Personas) -> None:
    scheda = schede.scheda_open(actor=personas.op_a1, family=make_family(personas), access_reason="altro")
    client = Client()
    client.force_login(personas.op_a1)
    url = reverse("families:scheda_detail", args=[scheda.pk])
    form = {"version": 1, "access_reason": "altro", "status": "attiva"}
    assert client.post(url, form).status_code == 302
    response = client.post(url, {**form, "status": "aperta"})
    assert "modificato da un altro utente" in response.content.decode()


def _fill(p: Personas, n: int) -> None:
    for _ in range(n):
        family = make_family(p)
        contacts.contact_log(actor=p.op_a1, seat=p.spoke_a1, family=family, channel="email", reason="altro")
        s = schede.scheda_open(actor=p.op_a1, family=family, access_reason="altro")
        schede.scheda_update(actor=p.op_a1, scheda=s, data={"review_on": s.opened_on})


@pytest.mark.parametrize("n", [1, 4])
def test_worklist_query_count_is_fixed(
    personas: Personas, django_assert_num_queries: DjangoAssertNumQueries, n: int
) -> None:
    _fill(personas, n)
    user = personas.coord_a
    selectors.worklist(user=user)  # warms the user's scope cache
    with django_assert_num_queries(5):  # contacts, schede, referrals, integrated follow-ups, consents
        worklist = selectors.worklist(user=user)
        assert len(worklist.contacts_today) == n and len(worklist.schede_to_review) == n
        for c in worklist.contacts_today:
            str(c.family), str(c.seat)


@pytest.mark.parametrize("n", [1, 4])
def test_family_list_query_count_is_fixed(
    personas: Personas, django_assert_num_queries: DjangoAssertNumQueries, n: int
) -> None:
    _fill(personas, n)
    selectors.families_for(user=personas.op_a1).count()
    with django_assert_num_queries(2):
        rows = list(selectors.families_for(user=personas.op_a1))
        assert sum(len(f.members.all()) for f in rows) == n and all(f.seat.name for f in rows)


def test_home_page_renders_the_worklist(personas: Personas) -> None:
    _fill(personas, 2)
    client = Client()
    client.force_login(personas.coord_a)
    body = client.get(reverse("families:home")).content.decode()
    assert "Lavoro del centro" in body and "Schede da rivedere" in body
    client.force_login(personas.auditor)
    assert client.get(reverse("families:home")).status_code == 403
