"""Invalid input never reaches the database (issue #9 § 1) and API errors help integrators
(issue #8 § 6): each example of the issues, on whichever database the run uses (the suite runs
on SQLite and on PostgreSQL). The rules live in `common.inputs` (API schemas and write kernel)
and `api/errors.py` (Italian messages with the field path)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from accounts.services import api_token_create
from api.urls import api as ninja_api
from common import inputs
from conciliazione import models as cm
from core.records import record_create
from families.models import Scheda
from families.services import schede as scheda_services
from network import models as nm
from tests.conciliazione.builders import Conc, build_conciliazione
from tests.families.helpers import make_family
from tests.personas import Personas

NET = "/api/v1/network"
BIG = 2**70


class Api:
    def __init__(self, raw: str | None) -> None:
        self.client = Client(raise_request_exception=False)
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}

    def get(self, url: str) -> Any:
        return self.client.get(url, **self.headers)

    def send(self, method: str, url: str, body: Any = None, raw: str | None = None) -> Any:
        data = raw if raw is not None else json.dumps(body or {})
        return getattr(self.client, method)(url, data, content_type="application/json", **self.headers)


@pytest.fixture
def api(personas: Personas) -> Any:
    def as_persona(persona: str) -> Api:
        _token, raw = api_token_create(user=getattr(personas, persona), name="t")
        return Api(raw)

    return as_persona


@pytest.fixture
def conc(personas: Personas) -> Conc:
    return build_conciliazione(personas)


def _errors(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"] == "Dati non validi."
    return dict(body["errors"])


# --- #8 § 6: authentication and Italian messages ----------------------------------------------


def test_post_without_credentials_or_with_a_bad_token_is_401_in_italian(personas: Personas) -> None:
    for client in (Api(None), Api("non-un-token")):
        response = client.send("post", f"{NET}/enti", {"name": "X", "kind": "ets"})
        assert response.status_code == 401
        assert response.json() == {"detail": "Autenticazione richiesta."}
        assert response["WWW-Authenticate"] == "Bearer"


def test_session_post_without_csrf_token_is_403_in_italian(personas: Personas) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.regione)
    response = client.post(f"{NET}/enti", "{}", content_type="application/json")
    assert response.status_code == 403
    assert "Verifica CSRF non riuscita" in response.json()["detail"]


def test_unknown_household_role_is_refused_and_listed(personas: Personas, api: Any) -> None:
    body = {"on": "2026-03-01", "members": [{"role": "genitore", "unemployed": True}]}
    errors = _errors(api("ats_a").send("post", "/api/v1/conciliazione/eligibility/check", body))
    assert errors == {
        "members.0.role": ["Valore non ammesso: «genitore». Valori ammessi: parent, child, other_relative."]
    }


def test_coded_fields_list_their_allowed_values_in_openapi() -> None:
    schemas = ninja_api.get_openapi_schema()["components"]["schemas"]
    assert schemas["MemberCheckIn"]["properties"]["role"]["enum"] == ["parent", "child", "other_relative"]
    assert set(schemas["SeatIn"]["properties"]["kind"]["enum"]) == {"hub", "spoke"}
    assert "comune" in schemas["PartnerCheckIn"]["properties"]["kind"]["enum"]


def test_pydantic_messages_are_italian_with_the_field_path(personas: Personas, api: Any) -> None:
    slot = {"seat_id": personas.spoke_a1.pk, "weekday": "lunedì", "opens": "09:00", "closes": "12:00"}
    errors = _errors(api("coord_a").send("post", f"{NET}/opening-slots", slot))
    assert errors == {"weekday": ["Deve essere un numero intero."]}
    errors = _errors(api("coord_a").send("post", f"{NET}/enti", {"kind": "ets"}))
    assert errors == {"name": ["Campo obbligatorio."]}


# --- #9 § 1: invalid input never reaches the database -----------------------------------------


def test_null_in_optional_text_fields_is_the_empty_text(personas: Personas, api: Any) -> None:
    centre = personas.centre_a
    response = api("ats_a").send("patch", f"{NET}/centres/{centre.pk}", {"version": centre.version, "phone": None})
    assert response.status_code == 200, response.content
    assert response.json()["phone"] == ""
    family = make_family(personas)
    scheda = scheda_services.scheda_open(actor=personas.op_a1, family=family, access_reason="informazioni")
    client = api("op_a1")
    response = client.send(
        "patch", f"/api/v1/families/schede/{scheda.pk}", {"version": scheda.version, "outcome": None}
    )
    assert response.status_code == 200, response.content
    assert Scheda.objects.get(pk=scheda.pk).outcome == ""


@pytest.mark.parametrize("text", ["a\x00b", "\ud800"])
def test_nul_and_lone_surrogates_are_refused_in_every_text(personas: Personas, api: Any, text: str) -> None:
    centre = personas.centre_a
    raw = json.dumps({"version": centre.version, "description": text})
    errors = _errors(api("ats_a").send("patch", f"{NET}/centres/{centre.pk}", raw=raw))
    assert list(errors) == ["description"]
    with pytest.raises(ValidationError) as exc:
        record_create(actor=personas.regione, instance=nm.Ente(name=f"Ente {text}", kind="ets"))
    assert "name" in exc.value.message_dict


def test_integers_beyond_64_bits_are_422_or_404(personas: Personas, api: Any) -> None:
    client = api("regione")
    assert "limit" in _errors(client.get(f"{NET}/seats?limit={BIG}"))
    assert "offset" in _errors(client.get(f"{NET}/centres?offset={BIG}"))
    assert client.get(f"{NET}/seats/{BIG}").status_code in (404, 422)
    slot = {"seat_id": BIG, "weekday": 1, "opens": "09:00", "closes": "12:00"}
    assert "seat_id" in _errors(client.send("post", f"{NET}/opening-slots", slot))
    headcount = {"present": [], "headcounts": {"adulti": BIG}}
    assert client.send("post", "/api/v1/activities/sessions/1/attendance", headcount).status_code == 422


def test_unknown_foreign_keys_are_422(personas: Personas, api: Any) -> None:
    client = api("regione")
    area = {"kind": "ambito", "name": "Ambito nuovo", "ats_id": 987654}
    assert "ats" in _errors(client.send("post", "/api/v1/territory/areas", area))
    slot = {"seat_id": 987654, "weekday": 1, "opens": "09:00", "closes": "12:00"}
    assert "seat" in _errors(client.send("post", f"{NET}/opening-slots", slot))


@pytest.mark.parametrize("amount", ["1e309", "NaN", "Infinity", "-Infinity", "1e30"])
def test_non_finite_or_huge_amounts_are_422(personas: Personas, api: Any, amount: str) -> None:
    body = f'{{"total_cost": {amount}, "contribution_requested": 10}}'
    response = api("regione").send("post", "/api/v1/funding/projects/check", raw=body)
    assert response.status_code == 422, response.content
    body = f'{{"total_cost": "{amount}", "contribution_requested": 10}}'
    assert api("regione").send("post", "/api/v1/funding/projects/check", raw=body).status_code == 422
    assert inputs.check_value(Decimal(amount)) is not None


@pytest.mark.parametrize(("start", "end"), [("9999-01-01", "9999-12-31"), ("0001-01-01", "2026-12-31")])
def test_project_dates_have_a_sane_range(personas: Personas, conc: Conc, api: Any, start: str, end: str) -> None:
    body = {"alliance_id": conc.alliance_a.pk, "title": "Progetto", "start_date": start, "end_date": end}
    body["budget"] = "1000.00"
    errors = _errors(api("ats_a").send("post", "/api/v1/conciliazione/projects", body))
    assert "start_date" in errors
    assert "01/01/1900" in errors["start_date"][0] and "31/12/2100" in errors["start_date"][0]
    assert not cm.ConciliationProject.objects.filter(title="Progetto").exists()


def test_a_project_cannot_end_before_it_starts(personas: Personas, conc: Conc) -> None:
    project = cm.ConciliationProject(
        alliance=conc.alliance_a, title="Progetto", start_date=dt.date(2026, 5, 1), end_date=dt.date(2026, 4, 1)
    )
    with pytest.raises(ValidationError) as exc:
        record_create(actor=personas.ats_a, instance=project)
    assert "end_date" in exc.value.message_dict


def test_opening_slot_times_with_a_time_zone_are_refused(personas: Personas, api: Any) -> None:
    slot = {"seat_id": personas.spoke_a1.pk, "weekday": 1, "opens": "09:00+02:00", "closes": "12:00"}
    errors = _errors(api("coord_a").send("post", f"{NET}/opening-slots", slot))
    assert errors == {"opens": ["Indica un orario locale, senza fuso orario (es. 09:30)."]}


def test_whitespace_only_names_are_refused(personas: Personas, api: Any) -> None:
    errors = _errors(api("regione").send("post", f"{NET}/enti", {"name": "   ", "kind": "ets"}))
    assert errors == {"name": ["Questo campo non può essere vuoto."]}


def test_a_role_that_may_not_write_gets_403_before_any_validation_message(personas: Personas, api: Any) -> None:
    # An operator may not create seats: the answer says so, not what is wrong with the data.
    body = {"centre_id": personas.centre_b.pk, "kind": "spoke", "name": " ", "managing_ente_id": 987654}
    body |= {"address": "Via X 1", "comune_id": 987654}
    assert api("op_a1").send("post", f"{NET}/seats", body).status_code == 403
    # A coordinator writes seats, but not in another Centre: 403 before the unknown comune.
    assert api("coord_a").send("post", f"{NET}/seats", body | {"name": "Sede"}).status_code == 403
    assert api("auditor").send("post", f"{NET}/enti", {"name": "\x00", "kind": "x"}).status_code == 403
