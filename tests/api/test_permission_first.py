"""Permission before validation (issue #9 § 2), for every write operation of the API: the role is
checked as soon as the caller is known (`core.api_auth.writers()` for the generic CRUD and the
service-backed writes, `roles()` for the family pathway and the receiving services' inbox), so a
role that may not write reads 403 (or 404 for a row it cannot see) and never a 422 whose messages
could tell it something about the data."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from accounts.services import api_token_create
from api.urls import api as ninja_api
from tests.personas import Personas

# POST operations that compute and store nothing (the decrees' rules over the numbers sent):
# open to every signed-in role, so their 422 says nothing about stored rows.
CALCULATORS = {
    "/api/v1/funding/allocations/compute",
    "/api/v1/funding/projects/check",
    "/api/v1/conciliazione/partnership/check",
    "/api/v1/conciliazione/eligibility/check",
    "/api/v1/conciliazione/de-minimis/check",
}
UUID = "00000000-0000-4000-8000-000000000000"
GARBAGE = json.dumps({"version": "x", "garbage": ["\x00", 2**70], "seat_id": "uno"})


def write_operations() -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for path, operations in ninja_api.get_openapi_schema()["paths"].items():
        for method in ("post", "put", "patch", "delete"):
            if method in operations and path not in CALCULATORS:
                found.append((method, path, operations[method]))
    return found


def _url(path: str, operation: dict[str, Any]) -> str:
    kinds = {p["name"]: p.get("schema", {}).get("format") for p in operation.get("parameters", [])}
    return re.sub(r"\{(\w+)\}", lambda m: UUID if kinds.get(m.group(1)) == "uuid" else "1", path)


def test_the_auditor_posting_garbage_to_any_write_operation_reads_403_or_404(personas: Personas) -> None:
    """The auditor never writes (accounts/scoping.py)."""
    _token, raw = api_token_create(user=personas.auditor, name="t")
    client = Client(raise_request_exception=False)
    operations = write_operations()
    assert len(operations) > 60
    answers = {}
    for method, path, operation in operations:
        response = getattr(client, method)(
            _url(path, operation), GARBAGE, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
        )
        answers[f"{method.upper()} {path}"] = response.status_code
    wrong = {op: status for op, status in answers.items() if status not in (403, 404)}
    assert wrong == {}


@pytest.mark.parametrize(
    ("persona", "method", "path"),
    [
        ("ats_a", "post", "/api/v1/families/"),  # ATS officers read no family record
        ("regione", "patch", f"/api/v1/families/schede/{UUID}"),
        ("op_a1", "post", "/api/v1/inbox/referrals/" + UUID + "/acknowledge"),  # receiving services only
        ("op_a1", "post", "/api/v1/funding/allocations"),  # the Region only
        ("op_a1", "post", "/api/v1/conciliazione/vouchers"),
        ("coord_a", "post", "/api/v1/conciliazione/de-minimis-grants"),
    ],
)
def test_a_role_outside_the_operation_gets_403_in_italian_whatever_the_body(
    personas: Personas, persona: str, method: str, path: str
) -> None:
    _token, raw = api_token_create(user=getattr(personas, persona), name="t")
    response = getattr(Client(raise_request_exception=False), method)(
        path, GARBAGE, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 403, response.content
    assert response.json()["detail"] in {
        "Il tuo ruolo non consente questa operazione.",
        "Il tuo ruolo non consente l'accesso ai dati delle famiglie.",
    }
