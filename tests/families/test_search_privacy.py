"""No personal data in logs or URLs (issue #9 § 3): the family flows are driven through the pages
and the API — register, list, search by name and by fiscal code, page through the results, open
the family, a refused duplicate, a bad request — while every log record of the run is captured at
DEBUG (Django's request and server loggers, the apps' loggers, the root logger) and every request
line is kept as an access log would write it (method, path and query string). Then the captured
logs, the request lines and the audit rows are scanned for the names and the fiscal code used."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from codicefiscale import codicefiscale
from django.test import Client
from django.urls import reverse

from accounts.services import api_token_create
from audit.models import AuditEntry
from common.logfilters import ScrubDatabaseDetails
from families.models import Family
from tests.personas import Personas

LAST, FIRST = "Zanzottera", "Ilaria"
BORN = dt.date(1984, 7, 9)
FISCAL_CODE = str(
    codicefiscale.encode(lastname=LAST, firstname=FIRST, gender="F", birthdate="09/07/1984", birthplace="Milano")
)
SECRETS = (LAST, FIRST, FISCAL_CODE)
LOGGERS = ("", "django", "django.request", "django.server", "django.security", "axes", "api", "accounts")
LOGGERS += ("audit", "core", "common", "families", "activities", "network", "monitoring", "jobs")


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.addFilter(ScrubDatabaseDetails())  # as every configured handler (config/settings LOGGING)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def captured() -> Iterator[Capture]:
    handler = Capture()
    previous = {}
    for name in LOGGERS:
        log = logging.getLogger(name)
        previous[name] = log.level
        log.setLevel(logging.DEBUG)
        log.addHandler(handler)
    try:
        yield handler
    finally:
        for name in LOGGERS:
            log = logging.getLogger(name)
            log.removeHandler(handler)
            log.setLevel(previous[name])


class Recorder:
    """A test client that keeps each request line as an access log (gunicorn's %(r)s) has it."""

    def __init__(self, client: Client, headers: dict[str, str] | None = None) -> None:
        self.client, self.headers, self.lines = client, headers or {}, []

    def __call__(self, method: str, url: str, data: Any = None, **extra: Any) -> Any:
        kwargs: dict[str, Any] = {**self.headers, **extra}
        if data is not None:
            kwargs["data"] = data
        response = getattr(self.client, method)(url, **kwargs)
        request = response.wsgi_request
        self.lines.append(f'"{request.method} {request.get_full_path()} HTTP/1.1" {response.status_code}')
        return response


def _leaks(texts: list[str]) -> list[str]:
    return [t for t in texts if any(secret.lower() in t.lower() for secret in SECRETS)]


def test_the_family_flows_leave_no_name_or_fiscal_code_in_logs_urls_or_audit(
    personas: Personas, captured: Capture
) -> None:
    _token, raw = api_token_create(user=personas.op_a1, name="t")
    api = Recorder(Client(raise_request_exception=False), {"HTTP_AUTHORIZATION": f"Bearer {raw}"})
    page = Recorder(Client(raise_request_exception=False))
    page.client.force_login(personas.op_a1)
    member = {"role": "genitore", "first_name": FIRST, "last_name": LAST, "birth_date": BORN.isoformat(), "sex": "F"}
    body = {
        "seat_id": personas.spoke_a1.pk,
        "name": f"Famiglia {LAST}",
        "members": [{**member, "fiscal_code": FISCAL_CODE}],
    }

    created = api("post", "/api/v1/families/", json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content
    family = Family.objects.get(pk=created.json()["id"])
    # a person whose fiscal code does not match the birth data: refused, the message names no data
    wrong = {**body, "members": [{**member, "fiscal_code": FISCAL_CODE, "birth_date": "1990-01-01"}]}
    assert api("post", "/api/v1/families/", json.dumps(wrong), content_type="application/json").status_code == 422
    for term in (LAST, FISCAL_CODE, f"{FIRST.lower()} {LAST.lower()}"):
        found = api("post", "/api/v1/families/search", json.dumps({"q": term}), content_type="application/json")
        assert found.status_code == 200 and [f["id"] for f in found.json()] == [str(family.pk)], term
    assert api("get", "/api/v1/families/").status_code == 200
    assert api("get", f"/api/v1/families/{family.pk}").status_code == 200
    broken = api("post", "/api/v1/families/search", "{", content_type="application/json")
    assert broken.status_code == 400 and broken.json() == {"detail": "Il corpo della richiesta non è JSON valido."}

    listing = reverse("families:family_list")
    assert page("get", listing).status_code == 200
    for term in (LAST, FISCAL_CODE):
        response = page("post", listing, {"q": term})
        assert response.status_code == 200 and family.code in response.content.decode(), term
    assert page("post", listing, {"q": LAST, "page": "2"}).status_code == 200
    assert page("post", listing, {"q": LAST + "\x00"}).status_code == 200  # refused by the form, no 500
    assert page("get", reverse("families:family_detail", args=[family.pk])).status_code == 200
    missing = reverse("families:family_detail", args=["00000000-0000-4000-8000-000000000000"])
    assert page("get", missing).status_code == 404  # the 404 is logged

    assert api.lines and page.lines and captured.lines  # the scan below reads something
    assert any("Not Found" in line for line in captured.lines)
    assert not _leaks(api.lines + page.lines), "a request line carries a name or fiscal code"
    assert not _leaks(captured.lines), _leaks(captured.lines)
    entries = [json.dumps([e.action, e.object_type, e.object_id, e.changes]) for e in AuditEntry.objects.all()]
    assert any("families.family.list_viewed" in e for e in entries)
    assert not _leaks(entries), _leaks(entries)


def test_a_search_in_the_url_is_ignored(personas: Personas) -> None:
    """An old bookmark with ?q= shows the plain list: the term is not used (nor audited as a filter)."""
    client = Client()
    client.force_login(personas.op_a1)
    response = client.get(reverse("families:family_list"), {"q": LAST})
    assert response.status_code == 200
    assert response.context["q"] == ""
    assert 'method="post"' in response.content.decode()
