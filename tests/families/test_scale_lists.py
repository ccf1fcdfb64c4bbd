"""Lists that stay cheap at decade scale: paginated and filtered inbox (HTML and API), the new
API lists of contacts and referrals with keyset pages, all through the scope (role matrix);
search accent- and case-insensitive, ranked and scoped; one query for the duplicate check;
compact list-read audits."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Role, User
from audit.models import AuditEntry
from common.pagination import PAGE_SIZE
from families import selectors
from families.models import Referral
from families.services import contacts, referrals
from families.services import families as family_services
from tests.families.helpers import CHILD_CF, make_family
from tests.personas import Personas

ROLES = ["regione", "ats_a", "ats_b", "coord_a", "admin_a", "op_a1", "op_b", "auditor", "service_a"]
READERS = {"op_a1", "coord_a"}


@pytest.fixture
def service_a(personas: Personas) -> User:
    return User.objects.create(username="cav_a", role=Role.RECEIVING_SERVICE, destination=personas.destination_a)


def _user(personas: Personas, service_a: User, who: str) -> User:
    return service_a if who == "service_a" else getattr(personas, who)


def _rows(html: str) -> int:
    return len(re.findall(r'href="/famiglie/invii-ricevuti/[0-9a-f-]{36}/"', html))


def _referral(personas: Personas, family: object = None, **extra: object) -> Referral:
    return referrals.referral_send(
        actor=personas.op_a1,
        family=family or make_family(personas),
        destination=personas.destination_a,
        reason="informazioni",
        override_reason="Obbligo di legge (test)",
        **extra,
    )


@pytest.mark.parametrize("who", ROLES)
def test_api_lists_of_contacts_referrals_and_inbox_follow_the_matrix(
    personas: Personas, service_a: User, who: str
) -> None:
    referral = _referral(personas)
    contact = contacts.contact_log(
        actor=personas.op_a1, seat=personas.spoke_a1, family=referral.family, channel="telefono", reason="informazioni"
    )
    client = Client()
    client.force_login(_user(personas, service_a, who))
    got = {
        "contacts": client.get("/api/v1/families/contacts"),
        "referrals": client.get("/api/v1/families/referrals"),
        "inbox": client.get("/api/v1/inbox/referrals"),
    }
    ids = {name: [i["id"] for i in r.json()] if r.status_code == 200 else None for name, r in got.items()}
    if who in READERS:
        assert ids["contacts"] == [str(contact.pk)] and ids["referrals"] == [str(referral.pk)]
    elif who == "op_b":
        assert ids["contacts"] == [] and ids["referrals"] == []
    else:
        assert got["contacts"].status_code == 403 and got["referrals"].status_code == 403
    assert ids["inbox"] == ([str(referral.pk)] if who == "service_a" else [])
    html = client.get("/famiglie/invii-ricevuti/")
    assert html.status_code == (200 if who == "service_a" else 403)


def test_inbox_is_paginated_and_filtered_with_a_compact_audit(personas: Personas, service_a: User) -> None:
    first = _referral(personas)
    urgent = _referral(personas, family=first.family, urgency="urgente")
    today = timezone.localdate()
    Referral.objects.bulk_create(
        Referral(
            family=first.family,
            destination=personas.destination_a,
            reason="informazioni",
            sent_on=today - dt.timedelta(days=n + 10),
            respond_by=today,
        )
        for n in range(PAGE_SIZE + 5)
    )
    client = Client()
    client.force_login(service_a)
    page1 = client.get("/famiglie/invii-ricevuti/").content.decode()
    assert _rows(page1) == PAGE_SIZE
    assert "Pagina 1 di 2" in page1
    entry = AuditEntry.objects.filter(action="families.referral.inbox_viewed").latest("id")
    assert entry.changes["count"] == PAGE_SIZE + 7 and len(entry.changes["ids"]) == PAGE_SIZE
    page2 = client.get("/famiglie/invii-ricevuti/?page=2").content.decode()
    assert _rows(page2) == 7
    only_urgent = client.get("/famiglie/invii-ricevuti/?urgency=urgente").content.decode()
    assert f"/famiglie/invii-ricevuti/{urgent.pk}/" in only_urgent and _rows(only_urgent) == 1
    entry = AuditEntry.objects.filter(action="families.referral.inbox_viewed").latest("id")
    assert entry.changes["filters"] == ["urgency"] and "urgente" not in str(entry.changes)
    since = (today - dt.timedelta(days=1)).isoformat()
    recent = client.get(f"/famiglie/invii-ricevuti/?since={since}&status=inviato").content.decode()
    assert _rows(recent) == 2
    bad = client.get("/famiglie/invii-ricevuti/?since=ieri")
    assert bad.status_code == 200 and "data valida" in bad.content.decode()


def test_api_keyset_pages_and_a_bad_cursor_is_422_in_italian(personas: Personas, service_a: User) -> None:
    family = make_family(personas)
    for days in (1, 2, 3):
        contacts.contact_log(
            actor=personas.op_a1,
            seat=personas.spoke_a1,
            family=family,
            channel="telefono",
            reason="informazioni",
            date=timezone.localdate() - dt.timedelta(days=days),
        )
    client = Client()
    client.force_login(personas.coord_a)
    first = client.get("/api/v1/families/contacts?limit=2")
    assert len(first.json()) == 2 and first.headers["X-Next-Cursor"]
    second = client.get(f"/api/v1/families/contacts?limit=2&cursor={first.headers['X-Next-Cursor']}")
    assert len(second.json()) == 1 and "X-Next-Cursor" not in second.headers
    dates = [c["date"] for c in first.json() + second.json()]
    assert dates == sorted(dates, reverse=True)
    bad = client.get("/api/v1/families/contacts?cursor=not-a-cursor")
    assert bad.status_code == 422 and "cursore" in bad.content.decode()


def test_name_search_folds_accents_and_case_ranks_exact_codes_first_and_stays_in_scope(personas: Personas) -> None:
    named = make_family(personas, first_name="Niccolò", last_name="D'Àngelo")
    coded = make_family(personas, fiscal_code=CHILD_CF)
    code = CHILD_CF
    for term in ("niccolo d'angelo", "D'ANGELO", "angelo nicc"):
        assert list(selectors.families_for(user=personas.op_a1, q=term)) == [named], term
    assert not selectors.families_for(user=personas.op_b, q="angelo").exists()
    ranked = list(selectors.families_for(user=personas.coord_a, q=code))
    assert ranked[0] == coded


def test_duplicate_check_of_a_whole_family_is_one_query(personas: Personas) -> None:
    original = make_family(personas)
    copy = make_family(personas)
    family_services.person_add(
        actor=personas.op_a1, family=copy, role="genitore", first_name="Altra", last_name="Persona"
    )
    family = selectors.family_detail(user=personas.op_a1, family_id=copy.pk)
    with CaptureQueriesContext(connection) as queries:
        found = selectors.duplicates_of_family(user=personas.op_a1, family=family)
    assert len(queries) == 1
    assert sorted(p.family_id for ps in found.values() for p in ps) == [original.pk]
