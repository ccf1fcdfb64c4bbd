"""Editing families and people after intake (UI and API), with optimistic locking, and moving a
single person between families."""

import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from common.concurrency import ConflictError
from families.models import Consent, Family, Person
from families.services import consent
from families.services import families as family_services
from tests.families.helpers import CHILD_CF, make_family
from tests.personas import Personas

ALLOWED = {"op_a1", "coord_a"}
DENIED = ["op_b", "ats_a", "regione", "auditor", "admin_a"]


def _client(p: Personas, who: str) -> Client:
    client = Client()
    client.force_login(getattr(p, who))
    return client


def _patch(client: Client, url: str, body: dict[str, object]) -> Any:
    return client.patch(url, json.dumps(body), content_type="application/json")


def test_person_fiscal_code_is_revalidated_against_birth_data_on_change(personas: Personas) -> None:
    person = make_family(personas).members.get()
    family_services.person_update(
        actor=personas.op_a1, person=person, data={"fiscal_code": CHILD_CF}, expected_version=person.version
    )
    with pytest.raises(ValidationError, match="data di nascita"):
        family_services.person_update(
            actor=personas.op_a1,
            person=Person.objects.get(pk=person.pk),
            data={"birth_date": person.birth_date.replace(year=2016)},  # type: ignore[union-attr]
        )
    assert Person.objects.get(pk=person.pk).birth_date == person.birth_date


def test_person_edit_form_saves_and_shows_conflicts_in_italian(personas: Personas) -> None:
    person = make_family(personas).members.get()
    client = _client(personas, "op_a1")
    url = reverse("families:person_edit", args=[person.pk])
    assert client.get(url).status_code == 200
    data = {"version": 1, "role": "figlio", "first_name": "Bimba", "last_name": "Nuova", "sex": "F"}
    data["birth_date"] = "2015-02-01"
    assert client.post(url, data).status_code == 302
    assert Person.objects.get(pk=person.pk).last_name == "Nuova"
    stale = client.post(url, {**data, "last_name": "Vecchia"})
    assert "modificato da un altro utente" in stale.content.decode()
    bad = client.post(url, {**data, "version": 2, "fiscal_code": "RSSMRA80A01F205Z"})
    assert "non è valido" in bad.content.decode()
    assert Person.objects.get(pk=person.pk).last_name == "Nuova"


def test_family_edit_form_needs_a_comune_for_a_residence(personas: Personas) -> None:
    family = make_family(personas)
    client = _client(personas, "coord_a")
    url = reverse("families:family_edit", args=[family.pk])
    response = client.post(url, {"version": 1, "name": "Rossi", "residence_kind": "residenza"})
    assert "Indica il comune" in response.content.decode()
    ok = client.post(url, {"version": 1, "name": "Rossi", "residence_kind": "residenza", "comune": personas.sesto.pk})
    assert ok.status_code == 302
    family.refresh_from_db()
    assert (family.name, family.comune_id, family.version) == ("Rossi", personas.sesto.pk, 2)
    assert AuditEntry.objects.filter(action="families.family.updated", object_id=str(family.pk)).exists()


@pytest.mark.parametrize("who", ["op_a1", "coord_a", *DENIED])
def test_api_patch_family_and_person_follow_the_matrix(personas: Personas, who: str) -> None:
    family = make_family(personas)
    person = family.members.get()
    client = _client(personas, who)
    fam = _patch(client, f"/api/v1/families/{family.pk}", {"version": 1, "name": "Bianchi"})
    per = _patch(client, f"/api/v1/families/members/{person.pk}", {"version": 1, "languages": "italiano, arabo"})
    ui = client.get(reverse("families:person_edit", args=[person.pk]))
    if who in ALLOWED:
        assert (fam.status_code, per.status_code, ui.status_code) == (200, 200, 200)
        assert fam.json()["version"] == 2 and per.json()["languages"] == "italiano, arabo"
    else:
        assert fam.status_code in (403, 404) and per.status_code in (403, 404)
        assert ui.status_code in (403, 404)
        assert Family.objects.get(pk=family.pk).name == "Famiglia Prova"


def test_api_patch_stale_version_is_409_in_italian_and_bad_cf_is_422(personas: Personas) -> None:
    family = make_family(personas)
    person = family.members.get()
    client = _client(personas, "op_a1")
    assert _patch(client, f"/api/v1/families/{family.pk}", {"version": 1, "name": "A"}).status_code == 200
    stale = _patch(client, f"/api/v1/families/{family.pk}", {"version": 1, "name": "B"})
    assert stale.status_code == 409
    assert "modificato da un altro utente" in stale.content.decode()
    bad = _patch(client, f"/api/v1/families/members/{person.pk}", {"version": 1, "fiscal_code": "XXXXXX00X00X000X"})
    assert bad.status_code == 422
    assert "non è valido" in json.dumps(bad.json(), ensure_ascii=False)
    other = _patch(client, f"/api/v1/families/{family.pk}", {"version": 2, "comune_id": 999999})
    assert other.status_code == 422


def test_person_moves_to_another_family_with_its_consents_and_audit(personas: Personas) -> None:
    source = make_family(personas)
    target = make_family(personas, first_name="Altro")
    person = source.members.get()
    consent.consent_record(actor=personas.op_a1, family=source, person=person, purpose="foto", legal_basis="consenso")
    family_services.person_move(actor=personas.op_a1, person=person, target=target)
    assert Person.objects.get(pk=person.pk).family_id == target.pk
    assert Consent.objects.get().family_id == target.pk
    assert AuditEntry.objects.filter(action="families.family.person_moved_out", object_id=str(source.pk)).exists()
    entry = AuditEntry.objects.get(action="families.family.person_moved_in", object_id=str(target.pk))
    assert "Bimba" not in str(entry.changes)
    with pytest.raises(ValidationError, match="già parte"):
        family_services.person_move(actor=personas.op_a1, person=Person.objects.get(pk=person.pk), target=target)


def test_person_move_across_scopes_is_refused_and_stale_is_a_conflict(personas: Personas) -> None:
    mine = make_family(personas)
    theirs = make_family(personas, actor=personas.op_b, seat=personas.hub_b)
    person = mine.members.get()
    with pytest.raises(PermissionDenied):
        family_services.person_move(actor=personas.op_a1, person=person, target=theirs)
    other = make_family(personas)
    with pytest.raises(ConflictError):
        family_services.person_move(actor=personas.op_a1, person=person, target=other, expected_version=7)
    assert Person.objects.get(pk=person.pk).family_id == mine.pk


@pytest.mark.parametrize("who", ["op_a1", "coord_a", *DENIED])
def test_person_move_api_and_ui_follow_the_matrix(personas: Personas, who: str) -> None:
    source = make_family(personas)
    target = make_family(personas)
    person = source.members.get()
    client = _client(personas, who)
    ui = client.get(reverse("families:person_move", args=[person.pk]))
    api = client.post(
        f"/api/v1/families/members/{person.pk}/move",
        json.dumps({"family_id": str(target.pk), "version": 1}),
        content_type="application/json",
    )
    if who in ALLOWED:
        assert (ui.status_code, api.status_code) == (200, 200)
        assert api.json()["family_id"] == str(target.pk)
    else:
        assert ui.status_code in (403, 404) and api.status_code in (403, 404)
        assert Person.objects.get(pk=person.pk).family_id == source.pk


def test_person_move_form_moves_the_person(personas: Personas) -> None:
    source = make_family(personas)
    target = make_family(personas)
    person = source.members.get()
    client = _client(personas, "op_a1")
    response = client.post(reverse("families:person_move", args=[person.pk]), {"version": 1, "target": target.pk})
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).family_id == target.pk
