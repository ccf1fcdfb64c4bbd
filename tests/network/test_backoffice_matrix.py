"""The back-office pages under /rete/ and /territorio/ as a table: which rows each persona's list
shows, 404 outside the scope, 403 on visible rows it may not write and on forbidden create
pages, and an edit that goes through optimistic locking into the audit log (SPEC §10)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.test import Client

from audit.models import AuditEntry
from network import forms as nf
from network import models as nm
from territory import models as tm
from tests.personas import Personas

PERSONAS = ("regione", "ats_a", "ats_b", "coord_a", "admin_a", "op_a1", "op_b", "auditor")

# URL prefix of each model's pages and the personas' rows of that model.
PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "centre": ("/rete/centri/", ("centre_a", "centre_b")),
    "seat": ("/rete/sedi/", ("hub_a", "spoke_a1", "spoke_a2", "hub_b")),
    "openingslot": ("/rete/orari/", ("slot_hub_a", "slot_spoke_a1", "slot_hub_b")),
    "serviceoffering": ("/rete/servizi/", ("offering_a1", "offering_a2", "offering_b")),
    "staffmember": ("/rete/equipe/", ("staff_a", "staff_b")),
    "protocol": ("/rete/protocolli/", ("protocol_a", "protocol_b")),
    "referraldestination": ("/rete/servizi-invio/", ("destination_a", "destination_b")),
    "area": ("/territorio/aree/", ("ambito_a", "ambito_b")),
}
A = {"centre_a", "hub_a", "spoke_a1", "spoke_a2", "slot_hub_a", "slot_spoke_a1", "offering_a1", "offering_a2"}
A |= {"staff_a", "protocol_a", "destination_a", "ambito_a"}
B = {"centre_b", "hub_b", "slot_hub_b", "offering_b", "staff_b", "protocol_b", "destination_b", "ambito_b"}
EVERYTHING = A | B
OP_A1 = A - {"hub_a", "spoke_a2", "slot_hub_a", "offering_a2"}
VISIBLE = {
    "regione": EVERYTHING,
    "auditor": EVERYTHING,
    "ats_a": A,
    "ats_b": B,
    "coord_a": A,
    "admin_a": A,
    "op_a1": OP_A1,
    "op_b": B,
}


def _obj(p: Personas, label: str) -> Any:
    if label.startswith("slot_"):
        return getattr(p, label.removeprefix("slot_")).opening_slots.get()
    return getattr(p, label)


def _tbody(html: str) -> str:
    match = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    return match.group(1) if match else ""


def _post_data(form: forms.BaseForm) -> dict[str, Any]:
    """What the browser would submit for an unchanged form (hidden `version` included)."""
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "on" if value is True else str(value)
    return data


@pytest.fixture
def as_user(client: Client, personas: Personas) -> Any:
    def login(persona: str) -> Client:
        client.force_login(getattr(personas, persona))
        return client

    return login


LIST_MATRIX = [(persona, model_name) for persona in PERSONAS for model_name in PAGES]


@pytest.mark.parametrize(("persona", "model_name"), LIST_MATRIX, ids=[f"{p}-{m}" for p, m in LIST_MATRIX])
def test_list_pages_show_exactly_the_rows_in_the_personas_scope(
    personas: Personas, as_user: Any, persona: str, model_name: str
) -> None:
    prefix, labels = PAGES[model_name]
    response = as_user(persona).get(prefix)
    assert response.status_code == 200
    rows = _tbody(response.content.decode())
    for label in labels:
        obj = _obj(personas, label)
        shown = label in VISIBLE[persona]
        assert (f'href="{prefix}{obj.pk}/"' in rows) is shown, label
        if model_name != "openingslot":  # every slot reads "lunedì 09:00–13:00"
            name = obj.name if model_name == "area" else str(obj)  # areas are listed by bare name
            assert (name in rows) is shown, label


SHARED_LISTS = ["/rete/enti/", "/territorio/comuni/"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url", SHARED_LISTS)
def test_shared_directories_are_listed_for_every_role(personas: Personas, as_user: Any, persona: str, url: str) -> None:
    rows = _tbody(as_user(persona).get(url).content.decode())
    expected = [personas.centre_a.lead_ente.name, personas.centre_b.lead_ente.name]
    if "comuni" in url:
        expected = ["Milano", "Sesto San Giovanni", "Bergamo"]
    for name in expected:
        assert name in rows


def test_the_comuni_list_offers_and_applies_a_province_filter(personas: Personas, as_user: Any) -> None:
    html = as_user("op_b").get("/territorio/comuni/?province_abbr=BG").content.decode()
    assert '<option value="BG" selected>BG</option>' in html
    assert '<option value="MI">MI</option>' in html
    rows = _tbody(html)
    assert "Bergamo (BG)" in rows
    assert "Milano (MI)" not in rows


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


def _url(p: Personas, label: str, suffix: str = "") -> str:
    model_name = next(name for name, (_prefix, labels) in PAGES.items() if label in labels)
    return f"{PAGES[model_name][0]}{_obj(p, label).pk}/{suffix}"


@pytest.mark.parametrize("suffix", ["", "modifica/", "elimina/"], ids=["detail", "edit", "delete"])
@pytest.mark.parametrize(("persona", "label"), OUT_OF_SCOPE, ids=[f"{p}-{label}" for p, label in OUT_OF_SCOPE])
def test_pages_of_rows_outside_the_scope_are_not_found(
    personas: Personas, as_user: Any, persona: str, label: str, suffix: str
) -> None:
    assert as_user(persona).get(_url(personas, label, suffix)).status_code == 404


VISIBLE_NOT_WRITABLE = [
    ("auditor", "hub_b"),
    ("auditor", "ambito_a"),
    ("op_a1", "spoke_a1"),
    ("op_a1", "slot_spoke_a1"),
    ("op_a1", "staff_a"),
    ("op_b", "offering_b"),
    ("admin_a", "hub_a"),
    ("admin_a", "protocol_a"),
    ("admin_a", "centre_a"),
    ("coord_a", "destination_a"),
    ("coord_a", "ambito_a"),
]


@pytest.mark.parametrize("suffix", ["modifica/", "elimina/"], ids=["edit", "delete"])
@pytest.mark.parametrize(
    ("persona", "label"), VISIBLE_NOT_WRITABLE, ids=[f"{p}-{label}" for p, label in VISIBLE_NOT_WRITABLE]
)
def test_rows_visible_but_not_writable_are_readable_and_forbidden_to_change(
    personas: Personas, as_user: Any, persona: str, label: str, suffix: str
) -> None:
    client = as_user(persona)
    detail = client.get(_url(personas, label))
    assert detail.status_code == 200
    assert _url(personas, label, "modifica/") not in detail.content.decode()
    assert client.get(_url(personas, label, suffix)).status_code == 403
    assert client.post(_url(personas, label, suffix), {}).status_code == 403


@pytest.mark.parametrize("persona", ["coord_a", "admin_a", "op_a1", "auditor"])
def test_only_regione_and_ats_officers_edit_a_shared_ente(personas: Personas, as_user: Any, persona: str) -> None:
    url = f"/rete/enti/{personas.centre_a.lead_ente_id}/modifica/"
    assert as_user(persona).get(url).status_code == 403
    assert as_user("ats_a").get(url).status_code == 200


@pytest.mark.parametrize("persona", ["ats_a", "coord_a", "auditor"])
def test_only_regione_edits_a_comune(personas: Personas, as_user: Any, persona: str) -> None:
    url = f"/territorio/comuni/{personas.milano.pk}/modifica/"
    assert as_user(persona).get(url).status_code == 403
    assert as_user("regione").get(url).status_code == 200


CREATE_PAGES = {
    "/rete/centri/nuovo/": {"regione", "ats_a", "ats_b"},
    "/rete/sedi/nuovo/": {"regione", "ats_a", "ats_b", "coord_a"},
    "/rete/orari/nuovo/": {"regione", "ats_a", "ats_b", "coord_a"},
    "/rete/equipe/nuovo/": {"regione", "ats_a", "ats_b", "coord_a", "admin_a"},
    "/rete/enti/nuovo/": {"regione", "ats_a", "ats_b", "coord_a"},
    "/rete/servizi-invio/nuovo/": {"regione", "ats_a", "ats_b"},
    "/territorio/aree/nuovo/": {"regione", "ats_a", "ats_b"},
    "/territorio/comuni/nuovo/": {"regione"},
}
CREATE_MATRIX = [(url, persona) for url in CREATE_PAGES for persona in PERSONAS]


@pytest.mark.parametrize(("url", "persona"), CREATE_MATRIX, ids=[f"{p}-{u}" for u, p in CREATE_MATRIX])
def test_create_pages_are_forbidden_to_roles_that_may_not_create(
    personas: Personas, as_user: Any, url: str, persona: str
) -> None:
    expected = 200 if persona in CREATE_PAGES[url] else 403
    assert as_user(persona).get(url).status_code == expected


@pytest.mark.parametrize("url", ["/rete/", "/rete/sedi/", "/rete/sedi/nuovo/", "/territorio/aree/"])
def test_anonymous_visitors_are_sent_to_the_login_page(personas: Personas, client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/accesso/?next=")


@pytest.mark.parametrize("suffix", ["", "modifica/"])
def test_anonymous_visitors_do_not_learn_whether_a_row_exists(personas: Personas, client: Client, suffix: str) -> None:
    assert client.get(f"/rete/sedi/{personas.hub_b.pk}/{suffix}").status_code == 302
    assert client.get(f"/rete/sedi/987654/{suffix}").status_code == 302


# Writes ------------------------------------------------------------------------------------


def test_a_coordinator_edits_a_seat_of_their_centre_and_the_change_is_audited(personas: Personas, as_user: Any) -> None:
    seat = personas.spoke_a1
    data = _post_data(nf.SeatForm(instance=seat, user=personas.coord_a))
    assert data["version"] == "1"
    data["phone"] = "02 1234567"
    response = as_user("coord_a").post(f"/rete/sedi/{seat.pk}/modifica/", data)
    assert response.status_code == 302
    assert response["Location"] == f"/rete/sedi/{seat.pk}/"
    seat.refresh_from_db()
    assert (seat.phone, seat.version) == ("02 1234567", 2)
    entry = AuditEntry.objects.get(action="network.seat.updated")
    assert entry.actor == personas.coord_a
    assert entry.object_id == str(seat.pk)
    assert entry.centre_id == personas.centre_a.pk
    assert entry.changes == {"phone": ["", "02 1234567"]}


def test_an_edit_from_a_stale_version_is_refused_with_an_italian_message(personas: Personas, as_user: Any) -> None:
    seat = personas.spoke_a1
    data = _post_data(nf.SeatForm(instance=seat, user=personas.coord_a))
    nm.Seat.objects.filter(pk=seat.pk).update(version=2)  # someone else saved meanwhile
    data["phone"] = "02 7654321"
    response = as_user("coord_a").post(f"/rete/sedi/{seat.pk}/modifica/", data)
    assert response.status_code == 200
    assert "modificato da un altro utente" in response.content.decode()
    seat.refresh_from_db()
    assert seat.phone == ""
    assert not AuditEntry.objects.filter(action="network.seat.updated").exists()


def test_a_coordinator_cannot_move_a_seat_to_another_centre_from_the_form(personas: Personas, as_user: Any) -> None:
    seat = personas.spoke_a1
    data = _post_data(nf.SeatForm(instance=seat, user=personas.coord_a))
    data.update(centre=str(personas.centre_b.pk), comune=str(personas.bergamo.pk))
    response = as_user("coord_a").post(f"/rete/sedi/{seat.pk}/modifica/", data)
    assert response.status_code == 200
    assert "centre" in response.context["form"].errors
    assert nm.Seat.objects.get(pk=seat.pk).centre_id == personas.centre_a.pk


def test_an_auditor_post_to_an_edit_page_changes_nothing(personas: Personas, as_user: Any) -> None:
    seat = personas.spoke_a1
    data = _post_data(nf.SeatForm(instance=seat, user=personas.regione))
    data["phone"] = "02 0000000"
    assert as_user("auditor").post(f"/rete/sedi/{seat.pk}/modifica/", data).status_code == 403
    assert nm.Seat.objects.get(pk=seat.pk).phone == ""
    assert not AuditEntry.objects.filter(action="network.seat.updated").exists()


def test_a_coordinator_deletes_an_offering_of_their_centre_and_it_is_audited(personas: Personas, as_user: Any) -> None:
    offering = personas.offering_a2
    response = as_user("coord_a").post(f"/rete/servizi/{offering.pk}/elimina/")
    assert response.status_code == 302
    assert not nm.ServiceOffering.objects.filter(pk=offering.pk).exists()
    assert AuditEntry.objects.filter(action="network.serviceoffering.deleted", actor=personas.coord_a).exists()


def test_the_administrative_lead_edits_the_staff_of_their_centre(personas: Personas, as_user: Any) -> None:
    staff = personas.staff_a
    data = _post_data(nf.StaffMemberForm(instance=staff, user=personas.regione))
    data["qualification"] = "Laurea in servizio sociale"
    response = as_user("admin_a").post(f"/rete/equipe/{staff.pk}/modifica/", data)
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="network.staffmember.updated", actor=personas.admin_a).exists()


def test_a_coordinator_edits_a_seat_that_has_a_local_area(personas: Personas, as_user: Any) -> None:
    municipio = tm.Area.objects.create(
        kind=tm.Area.Kind.MUNICIPIO, name="Municipio 1", ats=personas.ats_a_obj, comune=personas.sesto
    )
    nm.Seat.objects.filter(pk=personas.spoke_a1.pk).update(local_area=municipio)
    seat = nm.Seat.objects.get(pk=personas.spoke_a1.pk)
    data = _post_data(nf.SeatForm(instance=seat, user=personas.regione))
    data["phone"] = "02 1111111"
    assert as_user("coord_a").post(f"/rete/sedi/{seat.pk}/modifica/", data).status_code == 302
