"""The REST API under /api/v1/ as a table: token authentication, scoped lists, 404 outside the
scope, 403 on visible rows the persona may not write, optimistic locking (409) and validation
errors in Italian (422, never 500). Same scoping layer as the back office (SPEC §10)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from accounts.services import api_token_create, api_token_revoke
from api.urls import api as ninja_api
from audit.models import AuditEntry
from network import models as nm
from territory import models as tm
from tests import factories as f
from tests.personas import Personas

PERSONAS = ("regione", "ats_a", "ats_b", "coord_a", "admin_a", "op_a1", "op_b", "auditor")
NET = "/api/v1/network"
TER = "/api/v1/territory"

ENDPOINTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "centres": (f"{NET}/centres", ("centre_a", "centre_b")),
    "seats": (f"{NET}/seats", ("hub_a", "spoke_a1", "spoke_a2", "hub_b")),
    "opening-slots": (f"{NET}/opening-slots", ("slot_hub_a", "slot_spoke_a1", "slot_hub_b")),
    "offerings": (f"{NET}/offerings", ("offering_a1", "offering_a2", "offering_b")),
    "staff": (f"{NET}/staff", ("staff_a", "staff_b")),
    "protocols": (f"{NET}/protocols", ("protocol_a", "protocol_b")),
    "referral-destinations": (f"{NET}/referral-destinations", ("destination_a", "destination_b")),
    "areas": (f"{TER}/areas", ("ambito_a", "ambito_b")),
}
A = {"centre_a", "hub_a", "spoke_a1", "spoke_a2", "slot_hub_a", "slot_spoke_a1", "offering_a1", "offering_a2"}
A |= {"staff_a", "protocol_a", "destination_a", "ambito_a"}
B = {"centre_b", "hub_b", "slot_hub_b", "offering_b", "staff_b", "protocol_b", "destination_b", "ambito_b"}
VISIBLE = {
    "regione": A | B,
    "auditor": A | B,
    "ats_a": A,
    "ats_b": B,
    "coord_a": A,
    "admin_a": A,
    "op_a1": A - {"hub_a", "spoke_a2", "slot_hub_a", "offering_a2"},
    "op_b": B,
}


def _obj(p: Personas, label: str) -> Any:
    if label.startswith("slot_"):
        return getattr(p, label.removeprefix("slot_")).opening_slots.get()
    return getattr(p, label)


def _url(p: Personas, label: str) -> str:
    base = next(url for url, labels in ENDPOINTS.values() if label in labels)
    return f"{base}/{_obj(p, label).pk}"


class Api:
    """A test client speaking JSON with a Bearer token; server errors come back as responses."""

    def __init__(self, raw: str | None) -> None:
        self.client = Client(raise_request_exception=False)
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}

    def get(self, url: str) -> Any:
        return self.client.get(url, **self.headers)

    def send(self, method: str, url: str, body: Any = None) -> Any:
        call = getattr(self.client, method)
        return call(url, json.dumps(body or {}), content_type="application/json", **self.headers)


@pytest.fixture
def api(personas: Personas) -> Any:
    def as_persona(persona: str) -> Api:
        _token, raw = api_token_create(user=getattr(personas, persona), name="t")
        return Api(raw)

    return as_persona


# Authentication -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer ", "Bearer cpf_non-esiste", "Token abc", "Basic cmVnaW9uZTpwYXNzd29yZA=="],
    ids=["missing", "empty", "unknown", "wrong-scheme", "basic"],
)
def test_requests_without_a_valid_token_are_unauthorized(personas: Personas, authorization: str | None) -> None:
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    response = Client().get(f"{NET}/seats", **headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Autenticazione richiesta."}


def test_a_revoked_token_is_unauthorized(personas: Personas) -> None:
    token, raw = api_token_create(user=personas.regione, name="t")
    assert Api(raw).get(f"{NET}/seats").status_code == 200
    api_token_revoke(user=personas.regione, token=token)
    assert Api(raw).get(f"{NET}/seats").status_code == 401


def test_the_token_of_a_deactivated_user_is_unauthorized(personas: Personas) -> None:
    _token, raw = api_token_create(user=personas.coord_a, name="t")
    personas.coord_a.is_active = False
    personas.coord_a.save(update_fields=["is_active"])
    assert Api(raw).get(f"{NET}/seats").status_code == 401


def test_a_role_less_user_with_a_token_sees_nothing(personas: Personas) -> None:
    _token, raw = api_token_create(user=f.UserFactory(username="senza_ruolo", role=""), name="t")
    assert Api(raw).get(f"{NET}/seats").json() == {"count": 0, "items": []}


def test_the_back_office_session_also_authenticates(personas: Personas, client: Client) -> None:
    client.force_login(personas.op_a1)
    ids = [item["id"] for item in client.get(f"{NET}/seats").json()["items"]]
    assert ids == [personas.spoke_a1.pk]


# Reads ----------------------------------------------------------------------------------------

LIST_MATRIX = [(persona, name) for persona in PERSONAS for name in ENDPOINTS]


@pytest.mark.parametrize(("persona", "endpoint"), LIST_MATRIX, ids=[f"{p}-{e}" for p, e in LIST_MATRIX])
def test_lists_return_exactly_the_ids_in_the_personas_scope(
    personas: Personas, api: Any, persona: str, endpoint: str
) -> None:
    url, labels = ENDPOINTS[endpoint]
    body = api(persona).get(url).json()
    expected = {_obj(personas, label).pk for label in labels if label in VISIBLE[persona]}
    assert {item["id"] for item in body["items"]} == expected
    assert body["count"] == len(expected)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url", [f"{NET}/enti", f"{TER}/comuni", f"{TER}/ats"])
def test_shared_directories_are_listed_in_full_for_every_role(
    personas: Personas, api: Any, persona: str, url: str
) -> None:
    response = api(persona).get(url)
    assert response.status_code == 200
    body = response.json()
    items = body if isinstance(body, list) else body["items"]
    model = {"enti": nm.Ente, "comuni": tm.Comune, "ats": tm.Ats}[url.rsplit("/", 1)[1]]
    assert {item["id"] for item in items} == set(model.objects.values_list("pk", flat=True))


OUT_OF_SCOPE = [
    ("coord_a", "hub_b"),
    ("admin_a", "centre_b"),
    ("op_a1", "spoke_a2"),
    ("op_a1", "offering_a2"),
    ("op_a1", "slot_hub_a"),
    ("op_b", "staff_a"),
    ("ats_b", "protocol_a"),
    ("ats_a", "destination_b"),
    ("coord_a", "ambito_b"),
]
OUT_IDS = [f"{p}-{label}" for p, label in OUT_OF_SCOPE]


@pytest.mark.parametrize(("persona", "label"), OUT_OF_SCOPE, ids=OUT_IDS)
def test_reading_a_row_outside_the_scope_is_not_found(personas: Personas, api: Any, persona: str, label: str) -> None:
    response = api(persona).get(_url(personas, label))
    assert response.status_code == 404
    assert response.json() == {"detail": "Elemento non trovato."}


@pytest.mark.parametrize(("persona", "label"), OUT_OF_SCOPE, ids=OUT_IDS)
@pytest.mark.parametrize("method", ["patch", "delete"])
def test_changing_a_row_outside_the_scope_is_not_found(
    personas: Personas, api: Any, persona: str, label: str, method: str
) -> None:
    assert api(persona).send(method, _url(personas, label), {"version": 1}).status_code == 404


def test_the_network_hours_of_a_centre_outside_the_scope_are_not_found(personas: Personas, api: Any) -> None:
    assert api("coord_a").get(f"{NET}/centres/{personas.centre_b.pk}/opening-hours").status_code == 404
    assert api("coord_a").get(f"{NET}/centres/{personas.centre_a.pk}/opening-hours").status_code == 200


VISIBLE_NOT_WRITABLE = [
    ("auditor", "hub_b"),
    ("auditor", "ambito_a"),
    ("op_a1", "spoke_a1"),
    ("op_a1", "slot_spoke_a1"),
    ("op_a1", "staff_a"),
    ("op_b", "offering_b"),
    ("admin_a", "hub_a"),
    ("admin_a", "centre_a"),
    ("coord_a", "destination_a"),
    ("coord_a", "ambito_a"),
]


@pytest.mark.parametrize(
    ("persona", "label"), VISIBLE_NOT_WRITABLE, ids=[f"{p}-{label}" for p, label in VISIBLE_NOT_WRITABLE]
)
@pytest.mark.parametrize("method", ["patch", "delete"])
def test_changing_a_visible_row_without_permission_is_forbidden(
    personas: Personas, api: Any, persona: str, label: str, method: str
) -> None:
    client = api(persona)
    assert client.get(_url(personas, label)).status_code == 200
    response = client.send(method, _url(personas, label), {"version": 1})
    assert response.status_code == 403
    assert response.json() == {"detail": "Non hai i permessi per modificare questo elemento."}
    assert type(_obj(personas, label))._default_manager.filter(pk=_obj(personas, label).pk).exists()


def test_only_regione_and_ats_officers_change_a_shared_ente(personas: Personas, api: Any) -> None:
    url = f"{NET}/enti/{personas.centre_a.lead_ente_id}"
    assert api("coord_a").send("patch", url, {"version": 1, "phone": "02 1"}).status_code == 403
    assert api("ats_b").send("patch", url, {"version": 1, "phone": "02 1"}).status_code == 200


# Writes ---------------------------------------------------------------------------------------


def _seat_payload(p: Personas, centre: nm.Centre, **extra: Any) -> dict[str, Any]:
    comune = p.milano if centre == p.centre_a else p.bergamo
    return {
        "centre_id": centre.pk,
        "kind": "spoke",
        "name": "Spoke nuovo",
        "managing_ente_id": centre.lead_ente_id,
        "address": "Via Nuova 1",
        "comune_id": comune.pk,
        **extra,
    }


SEAT_CREATES = [
    ("coord_a", "a", 201),
    ("coord_a", "b", 403),
    ("ats_a", "a", 201),
    ("ats_a", "b", 403),
    ("regione", "b", 201),
    ("admin_a", "a", 403),
    ("op_a1", "a", 403),
    ("auditor", "a", 403),
]


@pytest.mark.parametrize(
    ("persona", "where", "status"), SEAT_CREATES, ids=[f"{p}-into-centre-{w}-{s}" for p, w, s in SEAT_CREATES]
)
def test_creating_a_seat_is_allowed_only_into_a_centre_the_persona_manages(
    personas: Personas, api: Any, persona: str, where: str, status: int
) -> None:
    centre = personas.centre_a if where == "a" else personas.centre_b
    response = api(persona).send("post", f"{NET}/seats", _seat_payload(personas, centre))
    assert response.status_code == status, response.content
    created = nm.Seat.objects.filter(name="Spoke nuovo")
    if status == 201:
        assert response.json()["id"] == created.get().pk
        entry = AuditEntry.objects.get(action="network.seat.created")
        assert entry.actor == getattr(personas, persona)
    else:
        assert not created.exists()
        assert not AuditEntry.objects.filter(action="network.seat.created").exists()


def test_a_coordinator_updates_a_seat_and_the_version_moves_on(personas: Personas, api: Any) -> None:
    response = api("coord_a").send("patch", _url(personas, "spoke_a1"), {"version": 1, "phone": "02 555"})
    assert response.status_code == 200
    assert response.json()["version"] == 2
    entry = AuditEntry.objects.get(action="network.seat.updated")
    assert entry.changes == {"phone": ["", "02 555"]}


def test_a_coordinator_cannot_move_a_seat_to_a_comune_of_another_ats(personas: Personas, api: Any) -> None:
    body = {"version": 1, "comune_id": personas.bergamo.pk}
    response = api("coord_a").send("patch", _url(personas, "spoke_a1"), body)
    assert response.status_code == 422
    assert response.json()["errors"] == {"comune": ["Il comune della sede deve appartenere all'ATS del centro."]}


def test_an_update_from_a_stale_version_is_a_conflict_with_an_italian_message(personas: Personas, api: Any) -> None:
    client = api("coord_a")
    assert client.send("patch", _url(personas, "spoke_a1"), {"version": 1, "phone": "02 1"}).status_code == 200
    response = client.send("patch", _url(personas, "spoke_a1"), {"version": 1, "phone": "02 2"})
    assert response.status_code == 409
    assert "modificato da un altro utente" in response.json()["detail"]
    assert nm.Seat.objects.get(pk=personas.spoke_a1.pk).phone == "02 1"


# Validation: 422 in Italian, never 500 --------------------------------------------------------


def _invalid(p: Personas, case: str) -> tuple[str, str, dict[str, Any]]:
    seat_url = f"{NET}/seats/{p.spoke_a1.pk}"
    slot_url = f"{NET}/opening-slots/{p.spoke_a1.opening_slots.get().pk}"
    slot = {"seat_id": p.spoke_a1.pk, "weekday": 1, "opens": "12:00", "closes": "09:00"}
    staff = {"centre_id": p.centre_a.pk, "first_name": "A", "last_name": "B", "profile": "psicologo"}
    staff["engagement"] = "parziale"
    return {
        "slot-closes-before-opening": ("post", f"{NET}/opening-slots", slot),
        "slot-patched-to-close-before-opening": ("patch", slot_url, {"version": 1, "closes": "08:00"}),
        "seat-outside-lombardy": ("post", f"{NET}/seats", _seat_payload(p, p.centre_a, latitude=41.9, longitude=12.5)),
        "seat-patched-outside-lombardy": ("patch", seat_url, {"version": 1, "latitude": 41.9, "longitude": 12.5}),
        "seat-with-one-coordinate": ("patch", seat_url, {"version": 1, "latitude": 45.5}),
        "seat-in-unknown-comune": ("post", f"{NET}/seats", _seat_payload(p, p.centre_a, comune_id=987654)),
        "seat-patched-to-unknown-comune": ("patch", seat_url, {"version": 1, "comune_id": 987654}),
        "seat-in-unknown-centre": ("post", f"{NET}/seats", {**_seat_payload(p, p.centre_a), "centre_id": 987654}),
        "seat-of-unknown-kind": ("post", f"{NET}/seats", _seat_payload(p, p.centre_a, kind="castello")),
        "seat-without-name": ("post", f"{NET}/seats", {**_seat_payload(p, p.centre_a), "name": ""}),
        "ente-with-tax-code-123": ("post", f"{NET}/enti", {"name": "Ente nuovo", "kind": "ets", "tax_code": "123"}),
        "ente-with-bad-vat-number": ("post", f"{NET}/enti", {"name": "Ente nuovo", "kind": "ets", "vat_number": "1"}),
        "slot-weekday-9": ("post", f"{NET}/opening-slots", {**slot, "weekday": 9, "closes": "18:00"}),
        "slot-time-not-a-time": ("post", f"{NET}/opening-slots", {**slot, "opens": "mezzogiorno"}),
        "staff-partial-without-hours": ("post", f"{NET}/staff", staff),
        "patch-without-version": ("patch", seat_url, {"phone": "02 1"}),
    }[case]


INVALID = [
    ("slot-closes-before-opening", "closes", "L'orario di chiusura deve essere successivo a quello di apertura."),
    ("slot-patched-to-close-before-opening", "closes", "L'orario di chiusura deve essere successivo"),
    ("seat-outside-lombardy", "latitude", "Le coordinate indicate sono fuori dalla Lombardia."),
    ("seat-patched-outside-lombardy", "latitude", "Le coordinate indicate sono fuori dalla Lombardia."),
    ("seat-with-one-coordinate", "longitude", "Indica sia la latitudine sia la longitudine"),
    ("seat-in-unknown-comune", "comune", None),
    ("seat-patched-to-unknown-comune", "comune", None),
    ("seat-in-unknown-centre", "centre", None),
    ("seat-of-unknown-kind", "kind", "Valore non ammesso: «castello». Valori ammessi: hub, spoke."),
    ("seat-without-name", "name", "Non può essere vuoto."),
    ("ente-with-tax-code-123", "tax_code", "Il codice fiscale deve avere 11 cifre (ente) o 16 caratteri (persona)."),
    ("ente-with-bad-vat-number", "vat_number", "La partita IVA non è valida"),
    ("slot-weekday-9", "weekday", "Deve essere al massimo"),
    ("slot-time-not-a-time", "opens", "Deve essere un orario (HH:MM)."),
    ("staff-partial-without-hours", "hours_per_week", "Indica le ore settimanali dedicate al centro."),
    ("patch-without-version", "version", "Campo obbligatorio."),
]


@pytest.mark.parametrize(("case", "field", "message"), INVALID, ids=[c for c, _f, _m in INVALID])
def test_invalid_payloads_are_rejected_in_italian_and_never_crash(
    personas: Personas, api: Any, case: str, field: str, message: str | None
) -> None:
    method, url, body = _invalid(personas, case)
    response = api("coord_a").send(method, url, body)
    assert response.status_code == 422, response.content
    payload = response.json()
    assert payload["detail"] == "Dati non validi."
    assert field in payload["errors"], payload
    if message is not None:
        assert any(message in text for text in payload["errors"][field]), payload
    assert not AuditEntry.objects.filter(action__startswith="network.").exists()


def test_malformed_json_is_rejected_without_a_server_error(personas: Personas, api: Any) -> None:
    client = api("coord_a")
    response = client.client.post(f"{NET}/seats", "{non è json", content_type="application/json", **client.headers)
    assert 400 <= response.status_code < 500


def test_an_unknown_comune_is_reported_in_italian(personas: Personas, api: Any) -> None:
    method, url, body = _invalid(personas, "seat-in-unknown-comune")
    message = api("coord_a").send(method, url, body).json()["errors"]["comune"][0]
    assert "instance" not in message


@pytest.mark.django_db(transaction=True)  # an unchecked id would only fail at COMMIT, as a 500
def test_a_protocol_with_an_unknown_party_is_rejected_and_a_known_one_accepted(personas: Personas, api: Any) -> None:
    body = {"centre_id": personas.centre_a.pk, "title": "T", "subject": "S", "valid_from": "2025-01-01"}
    client = api("coord_a")
    response = client.send("post", f"{NET}/protocols", body | {"parties": [personas.centre_a.lead_ente_id, 987654]})
    assert response.status_code == 422
    assert response.json()["errors"] == {"parties": ["Uno o più elementi indicati non esistono."]}
    response = client.send("post", f"{NET}/protocols", body | {"parties": [personas.centre_a.lead_ente_id]})
    assert response.status_code == 201
    protocol = nm.Protocol.objects.get(pk=response.json()["id"])
    assert list(protocol.parties.all()) == [personas.centre_a.lead_ente]


def test_an_area_cannot_hang_under_an_area_of_another_ats(personas: Personas, api: Any) -> None:
    url = f"{TER}/areas/{personas.ambito_a.pk}"
    assert api("regione").send("patch", url, {"version": 1, "parent_id": personas.ambito_b.pk}).status_code == 422


# OpenAPI --------------------------------------------------------------------------------------

CRUD_PATHS = ["territory/areas", "network/enti", "network/centres", "network/seats", "network/opening-slots"]
CRUD_PATHS += ["network/opening-exceptions", "network/staff", "network/offerings", "network/protocols"]
CRUD_PATHS += ["network/referral-destinations"]
OPERATIONS = {("get", "/api/v1/territory/comuni"), ("get", "/api/v1/territory/comuni/{item_id}")}
OPERATIONS |= {("get", "/api/v1/territory/ats"), ("get", "/api/v1/territory/populations")}
OPERATIONS |= {("get", "/api/v1/network/service-areas"), ("get", "/api/v1/network/centres/{centre_id}/opening-hours")}
for _path in CRUD_PATHS:
    OPERATIONS |= {("get", f"/api/v1/{_path}"), ("post", f"/api/v1/{_path}")}
    OPERATIONS |= {(m, f"/api/v1/{_path}/{{item_id}}") for m in ("get", "patch", "delete")}


def test_the_openapi_document_lists_every_operation_with_a_unique_operation_id(db: None, client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    found = {(method, path): op for path, ops in paths.items() for method, op in ops.items()}
    assert OPERATIONS <= set(found)  # the registry's operations; other apps may add their own
    served = [
        method
        for _prefix, router in ninja_api._routers  # every operation the API serves, documented or not
        for view in router.path_operations.values()
        for operation in view.operations
        for method in operation.methods
    ]
    assert len(found) == len(served)
    ids = [op.get("operationId") for op in found.values()]
    assert all(ids)
    assert len(set(ids)) == len(ids)


# ---- family data lists (personal data: READERS only, through the scope) ----------------------

FAMILY_LISTS = {
    "families": "/api/v1/families/",
    "contacts": "/api/v1/families/contacts",
    "referrals": "/api/v1/families/referrals",
    "inbox": "/api/v1/inbox/referrals",
}


@pytest.fixture
def family_rows(personas: Personas) -> dict[str, Any]:
    from families.services import contacts, referrals
    from tests.families.helpers import make_family

    p = personas
    family = make_family(p)  # at Spoke A1
    referral = referrals.referral_send(
        actor=p.op_a1, family=family, destination=p.destination_a, reason="informazioni", override_reason="Test"
    )
    at_spoke = contacts.contact_log(
        actor=p.op_a1, seat=p.spoke_a1, family=family, channel="telefono", reason="informazioni"
    )
    at_hub = contacts.contact_log(actor=p.coord_a, seat=p.hub_a, channel="telefono", reason="informazioni")  # anonymous
    return {"family": family, "referral": referral, "at_spoke": at_spoke, "at_hub": at_hub}


@pytest.mark.parametrize("persona", [*PERSONAS, "service_a"])
def test_family_data_lists_follow_the_role_matrix(
    personas: Personas, api: Any, family_rows: dict[str, Any], persona: str
) -> None:
    """Spoke operator: its seat; coordinator: its Centre; operator of B: nothing of A; the
    receiving service: its inbox only; every other role: 403 on personal data."""
    from accounts.models import Role, User

    if persona == "service_a":
        user = User.objects.create(username="cav_a", role=Role.RECEIVING_SERVICE, destination=personas.destination_a)
        _token, raw = api_token_create(user=user, name="t")
        client = Api(raw)
    else:
        client = api(persona)
    got = {name: client.get(url) for name, url in FAMILY_LISTS.items()}
    ids = {
        name: sorted(i["id"] for i in r.json()) if r.status_code == 200 else r.status_code for name, r in got.items()
    }
    r = family_rows
    family, referral = [str(r["family"].pk)], [str(r["referral"].pk)]
    expected: dict[str, Any]
    if persona == "op_a1":
        expected = {"families": family, "contacts": [str(r["at_spoke"].pk)], "referrals": referral, "inbox": []}
    elif persona == "coord_a":
        both = sorted([str(r["at_spoke"].pk), str(r["at_hub"].pk)])
        expected = {"families": family, "contacts": both, "referrals": referral, "inbox": []}
    elif persona == "op_b":
        expected = {"families": [], "contacts": [], "referrals": [], "inbox": []}
    elif persona == "service_a":
        expected = {"families": 403, "contacts": 403, "referrals": 403, "inbox": referral}
    else:
        expected = {"families": 403, "contacts": 403, "referrals": 403, "inbox": []}
    assert ids == expected
