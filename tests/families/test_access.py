"""Role × operation matrix: only the family's seat operator and its Centre's coordinator see it."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from families.services import schede
from tests.families.helpers import make_family
from tests.personas import Personas

ALLOWED = {"op_a1", "coord_a"}


@pytest.mark.parametrize("who", ["regione", "ats_a", "ats_b", "coord_a", "admin_a", "op_a1", "op_b", "auditor"])
def test_family_detail_through_ui_and_api_follows_the_matrix(personas: Personas, who: str) -> None:
    family = make_family(personas)
    scheda = schede.scheda_open(actor=personas.op_a1, family=family, access_reason="altro")
    client = Client()
    client.force_login(getattr(personas, who))
    ui = client.get(reverse("families:family_detail", args=[family.pk]))
    api = client.get(f"/api/v1/families/{family.pk}")
    api_scheda = client.get(f"/api/v1/families/schede/{scheda.pk}")
    listing = client.get("/api/v1/families/")
    if who in ALLOWED:
        assert (ui.status_code, api.status_code, api_scheda.status_code) == (200, 200, 200)
        assert len(listing.json()) == 1
    else:
        assert ui.status_code in (403, 404) and api.status_code in (403, 404) and api_scheda.status_code in (403, 404)
        assert listing.status_code == 403 or listing.json() == []
        assert "Prova" not in ui.content.decode() + api.content.decode()


def test_operator_of_another_seat_of_the_same_centre_sees_nothing(personas: Personas) -> None:
    family = make_family(personas, actor=personas.coord_a, seat=personas.hub_a)
    client = Client()
    client.force_login(personas.op_a1)
    assert client.get(reverse("families:family_detail", args=[family.pk])).status_code == 404


def test_every_read_of_a_family_record_is_audited(personas: Personas) -> None:
    family = make_family(personas)
    client = Client()
    client.force_login(personas.coord_a)
    client.get(reverse("families:family_detail", args=[family.pk]))
    client.get(f"/api/v1/families/{family.pk}")
    assert AuditEntry.objects.filter(action="families.family.viewed", object_id=str(family.pk)).count() == 2


def test_api_create_with_bad_fiscal_code_is_422_in_italian(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.op_a1)
    body = {"seat_id": personas.spoke_a1.pk, "members": [{"role": "figlio", "fiscal_code": "XXXXXX00X00X000X"}]}
    response = client.post("/api/v1/families/", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert "non è valido" in json.dumps(response.json(), ensure_ascii=False)


def test_api_stale_scheda_edit_is_409(personas: Personas) -> None:
    family = make_family(personas)
    scheda = schede.scheda_open(actor=personas.op_a1, family=family, access_reason="altro")
    client = Client()
    client.force_login(personas.op_a1)
    url = f"/api/v1/families/schede/{scheda.pk}"
    ok = client.patch(url, json.dumps({"version": 1, "needs": ["lavoro"]}), content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.patch(url, json.dumps({"version": 1, "needs": ["lingua"]}), content_type="application/json")
    assert stale.status_code == 409


def test_api_referral_to_other_ats_is_422(personas: Personas) -> None:
    family = make_family(personas)
    client = Client()
    client.force_login(personas.op_a1)
    body = {"destination_id": personas.destination_b.pk, "reason": "altro", "override_reason": "obbligo"}
    response = client.post(f"/api/v1/families/{family.pk}/referrals", json.dumps(body), content_type="application/json")
    assert response.status_code == 422


def test_api_contact_and_referral_flow(personas: Personas) -> None:
    family = make_family(personas)
    client = Client()
    client.force_login(personas.op_a1)
    contact = {"seat_id": personas.spoke_a1.pk, "channel": "telefono", "reason": "altro"}
    assert (
        client.post("/api/v1/families/contacts", json.dumps(contact), content_type="application/json").status_code
        == 201
    )
    consent = {"purpose": "condivisione", "legal_basis": "consenso", "recipient_kind": personas.destination_a.kind}
    assert (
        client.post(
            f"/api/v1/families/{family.pk}/consents", json.dumps(consent), content_type="application/json"
        ).status_code
        == 201
    )
    body = {"destination_id": personas.destination_a.pk, "reason": "altro"}
    created = client.post(f"/api/v1/families/{family.pk}/referrals", json.dumps(body), content_type="application/json")
    assert created.status_code == 201
    rid = created.json()["id"]
    moved = client.post(
        f"/api/v1/families/referrals/{rid}/transition", json.dumps({"to": "ricevuto"}), content_type="application/json"
    )
    assert moved.json()["status"] == "ricevuto"
    bad = client.post(
        f"/api/v1/families/referrals/{rid}/transition", json.dumps({"to": "chiuso"}), content_type="application/json"
    )
    assert bad.status_code == 422
    export = client.get(f"/api/v1/families/{family.pk}/export")
    assert export.status_code == 200 and len(export.json()["referrals"]) == 1
