"""The conciliazione API: scoped lists, 404/403 by role, service-backed writes and the three pure
checks, with Italian 422s (negative or sub-cent amounts, vouchers redeemed twice or expired)."""

from typing import Any

import pytest
from django.test import Client

from conciliazione import models as m
from tests.conciliazione.builders import Conc
from tests.personas import Personas

API = "/api/v1/conciliazione"


def _call(client: Client, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    return getattr(client, method)(url, body, content_type="application/json")


def _errors(response: Any) -> str:
    assert response.status_code == 422, response.content
    return " ".join(msg for msgs in response.json()["errors"].values() for msg in msgs)


HOUSEHOLD_READERS = {"regione", "ats_a", "ats_b"}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("regione", 2), ("auditor", 2), ("ats_a", 1), ("ats_b", 1), ("coord_a", 1), ("op_a1", 1)],
)
@pytest.mark.parametrize("path", ["networks", "alliances", "projects", "households", "vouchers", "de-minimis-grants"])
def test_lists_are_scoped(
    client: Client, personas: Personas, conc: Conc, persona: str, expected: int, path: str
) -> None:
    client.force_login(getattr(personas, persona))
    response = client.get(f"{API}/{path}")
    if path == "households" and persona not in HOUSEHOLD_READERS:
        # Households are personal data read only by the programme's managers (least privilege).
        assert response.status_code == 200 and response.json()["count"] == 0
    else:
        assert response.json()["count"] == expected


@pytest.mark.parametrize(
    ("persona", "status"),
    [("regione", 200), ("ats_a", 200), ("ats_b", 404), ("coord_a", 403), ("auditor", 403), ("op_a1", 403)],
)
def test_patch_alliance_by_role(client: Client, personas: Personas, conc: Conc, persona: str, status: int) -> None:
    client.force_login(getattr(personas, persona))
    response = _call(client, "patch", f"{API}/alliances/{conc.alliance_a.pk}", {"version": 1, "name": "Nuovo nome"})
    assert response.status_code == status


@pytest.mark.parametrize(("persona", "status"), [("ats_a", 201), ("regione", 201), ("ats_b", 403), ("auditor", 403)])
def test_add_partner_by_role(client: Client, personas: Personas, conc: Conc, persona: str, status: int) -> None:
    client.force_login(getattr(personas, persona))
    body = {"alliance_id": conc.alliance_a.pk, "ente_id": conc.ets_a.pk}
    assert _call(client, "post", f"{API}/alliance-partners", body).status_code == status


def test_adding_a_partner_makes_the_alliance_valid_and_partnership_check_agrees(
    client: Client, personas: Personas, conc: Conc
) -> None:
    client.force_login(personas.ats_a)
    lead = {"name": "Comune di Milano", "kind": "comune"}
    body = {"lead": lead, "partners": [{"name": "Coop A", "kind": "social_coop_a"}]}
    result = _call(client, "post", f"{API}/partnership/check", body).json()
    assert not result["valid"] and result["violations"][0]["code"] == "too_few_beneficiaries"
    body["partners"].append({"name": "Associazione", "kind": "third_sector"})
    assert _call(client, "post", f"{API}/partnership/check", body).json() == {"valid": True, "violations": []}
    body["partners"].append({"name": "X", "kind": "banca"})
    assert "Valore non ammesso: «banca»" in _errors(_call(client, "post", f"{API}/partnership/check", body))


def test_eligibility_check_is_pure_and_lists_all_reasons(client: Client, personas: Personas) -> None:
    client.force_login(personas.auditor)
    body = {
        "on": "2026-03-01",
        "members": [{"label": "Genitore 1", "role": "parent", "unemployed": True, "did_date": "2026-04-01"}],
    }
    result = _call(client, "post", f"{API}/eligibility/check", body).json()
    assert not result["eligible"]
    assert {v["code"] for v in result["violations"]} == {
        "no_working_member",
        "no_dependent_family_members",
        "not_resident_nor_domiciled_in_lombardy",
        "did_after_use_date",
        "psp_missing",
    }
    assert not m.Household.objects.exists()


def test_de_minimis_check_and_grant_over_the_cap(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.ats_a)
    body = {
        "undertaking_id": conc.company.pk,
        "regime": "reg_2023_2831",
        "grant_date": "2026-05-01",
        "amount": "100000.01",
    }
    result = _call(client, "post", f"{API}/de-minimis/check", body).json()
    assert not result["allowed"] and result["used"] == "200000.00" and result["available"] == "100000.00"
    grant = {**body, "ats_id": personas.ats_a_obj.pk, "rna_reference": "COR-X"}
    assert "supera il massimale di 300.000,00 €" in _errors(_call(client, "post", f"{API}/de-minimis-grants", grant))
    assert _call(client, "post", f"{API}/de-minimis-grants", {**grant, "amount": "100000.00"}).status_code == 201
    assert "Valore non ammesso: «x». Valori ammessi: reg_1407_2013, reg_2023_2831." in _errors(
        _call(client, "post", f"{API}/de-minimis/check", {**body, "regime": "x"})
    )


def _voucher(conc: Conc, value: str) -> dict[str, Any]:
    return {
        "project_id": conc.project_a.pk,
        "household_id": conc.household_a.pk,
        "provider_id": conc.ets_a.pk,
        "code": "VOU-API",
        "value": value,
        "valid_from": "2026-02-01",
        "valid_until": "2026-12-31",
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-5.00", "L'importo deve essere positivo."),
        ("0", "L'importo deve essere positivo."),
        ("900.00", "supera il budget del progetto"),
    ],
)
def test_voucher_issue_italian_422(client: Client, personas: Personas, conc: Conc, value: str, message: str) -> None:
    client.force_login(personas.ats_a)
    assert message in _errors(_call(client, "post", f"{API}/vouchers", _voucher(conc, value)))


def test_voucher_issue_and_redeem_once(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.ats_a)
    created = _call(client, "post", f"{API}/vouchers", _voucher(conc, "200.00"))
    assert created.status_code == 201
    url = f"{API}/vouchers/{created.json()['id']}/redeem"
    redeemed = _call(client, "post", url, {"on": "2026-03-01", "amount": "150.00"})
    assert redeemed.status_code == 200 and redeemed.json()["redeemed_amount"] == "150.00"
    assert "già stato utilizzato il 01/03/2026" in _errors(
        _call(client, "post", url, {"on": "2026-03-02", "amount": "1"})
    )


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        ({"on": "2027-01-01", "amount": "10.00"}, ["è scaduto il 30/06/2026"]),
        ({"on": "2026-01-15", "amount": "-1"}, ["è utilizzabile dal 01/02/2026", "l'importo deve essere positivo"]),
        ({"on": "2026-03-01", "amount": "10.005"}, ["più di due decimali"]),
    ],
)
def test_voucher_redeem_italian_422(
    client: Client, personas: Personas, conc: Conc, body: dict[str, str], messages: list[str]
) -> None:
    client.force_login(personas.ats_a)
    text = _errors(_call(client, "post", f"{API}/vouchers/{conc.voucher_a.pk}/redeem", body))
    assert all(message in text for message in messages)


def test_redeem_is_404_outside_the_scope_and_403_read_only(client: Client, personas: Personas, conc: Conc) -> None:
    body = {"on": "2026-03-01", "amount": "10.00"}
    client.force_login(personas.ats_b)
    assert _call(client, "post", f"{API}/vouchers/{conc.voucher_a.pk}/redeem", body).status_code == 404
    client.force_login(personas.coord_a)
    assert _call(client, "post", f"{API}/vouchers/{conc.voucher_a.pk}/redeem", body).status_code == 403


def test_reimbursement_negative_amounts_are_italian_422(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.ats_a)
    body = {
        "project_id": conc.project_a.pk,
        "household_id": conc.household_a.pk,
        "receipts_total": "-10.00",
        "requested": "-20.00",
        "receipt_date": "2026-03-01",
        "request_date": "2026-03-02",
    }
    text = _errors(_call(client, "post", f"{API}/reimbursements", body))
    assert "Rimborso richiesto: l'importo deve essere positivo." in text
    assert "Totale dei giustificativi: l'importo deve essere positivo." in text
    ok = {**body, "receipts_total": "120.00", "requested": "100.00"}
    assert _call(client, "post", f"{API}/reimbursements", ok).status_code == 201


def test_project_with_negative_budget_is_italian_422(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.ats_a)
    body = {
        "alliance_id": conc.alliance_a.pk,
        "title": "P",
        "start_date": "2026-01-01",
        "end_date": "2027-12-31",
        "budget": "-1",
    }
    assert "L'importo deve essere positivo." in _errors(_call(client, "post", f"{API}/projects", body))


def test_household_with_a_name_instead_of_a_code_is_refused(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.ats_a)
    body = {"project_id": conc.project_a.pk, "code": "Mario Rossi", "request_date": "2026-03-01"}
    assert "pseudonimo" in _errors(_call(client, "post", f"{API}/households", body))


def test_openapi_lists_the_check_operations(client: Client, personas: Personas) -> None:
    client.force_login(personas.regione)
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("partnership/check", "eligibility/check", "de-minimis/check", "vouchers/{voucher_id}/redeem"):
        assert f"{API}/{path}" in paths
