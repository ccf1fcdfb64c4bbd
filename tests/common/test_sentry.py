"""Error reports (Sentry protocol) leave without personal data: an error raised in a request that
carries a fiscal code, an e-mail, names, cookies, a body and a query string is sent through a fake
transport, and nothing personal is in what would have left."""

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import sentry_sdk
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from common.sentry import before_send, init_sentry
from tests.personas import Personas

CF = "RSSMRA80A01F205X"
OTHER_CF = "BNCLRA85M41F205Y"
EMAIL = "mario.rossi@example.it"
USER_EMAIL = "operatrice.privata@example.it"
SURNAME, FIRST_NAME = "Rossi", "Mario"
# The view below names these constants only: the report's source context (code lines around the
# raise) must not be what carries them.
PERSONAL = (CF, OTHER_CF, EMAIL, USER_EMAIL, "Rossi", "Mario", "Giulietta", "Capuleti", "segreto-di-sessione", "q=")

logger = logging.getLogger("families.test")


def _boom(request: HttpRequest) -> HttpResponse:
    sentry_sdk.set_extra("famiglia", {"cognome": SURNAME, "nota": f"richiamare, codice {OTHER_CF}"})
    sentry_sdk.set_tag("ricerca", f"cf {CF}")
    sentry_sdk.add_breadcrumb(
        message=f"aperta la scheda di {EMAIL}", data={"codice_fiscale": CF, "url": f"/f/?q={SURNAME}"}
    )
    logger.warning("ricerca per %s", CF)
    raise ValueError(f"Key (fiscal_code)=({CF}) already exists; scrivere a {EMAIL}")


urlpatterns = [path("boom/", _boom)]


class FakeTransport(Transport):
    def __init__(self) -> None:
        super().__init__({"dsn": "https://public@sentry.example.invalid/1"})
        self.envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        self.envelopes.append(envelope)


@pytest.fixture
def transport() -> Iterator[FakeTransport]:
    fake = FakeTransport()
    init_sentry(dsn="https://public@sentry.example.invalid/1", environment="test", transport=fake)
    yield fake
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN: reporting off again for the other tests


def _sent(transport: FakeTransport) -> tuple[list[dict[str, Any]], str]:
    sentry_sdk.flush()
    events = [item.payload.json for env in transport.envelopes for item in env.items if item.payload.json]
    return events, "\n".join(env.serialize().decode("utf-8", "replace") for env in transport.envelopes)


@pytest.mark.urls("tests.common.test_sentry")
def test_an_error_in_a_request_is_reported_without_personal_data(
    personas: Personas, client: Client, transport: FakeTransport
) -> None:
    user = personas.op_a1
    user.email, user.first_name, user.last_name = USER_EMAIL, "Giulietta", "Capuleti"
    user.save(update_fields=["email", "first_name", "last_name"])
    client.force_login(user)
    client.cookies["preferenza"] = "segreto-di-sessione"
    client.raise_request_exception = False

    response = client.post(f"/boom/?q=Rossi&cf={CF}", {"nome": "Mario", "codice_fiscale": CF, "email": EMAIL})

    assert response.status_code == 500
    events, raw = _sent(transport)
    errors = [e for e in events if e.get("exception")]
    assert errors, "the error was not reported"
    event = errors[0]
    assert event["exception"]["values"][-1]["type"] == "ValueError"
    assert "Key (fiscal_code)=[dati omessi]" in event["exception"]["values"][-1]["value"]
    assert set(event.get("request") or {}) <= {"method", "url"}
    assert set(event.get("user") or {}) <= {"id"}
    for personal in PERSONAL:
        at = raw.find(personal)
        assert at < 0, f"{personal!r} left the process: ...{raw[max(0, at - 300) : at + 50]}"


def test_log_messages_and_their_arguments_are_scrubbed() -> None:
    event = {
        "logentry": {"message": "ricerca per %s", "params": [CF], "formatted": f"ricerca per {CF}"},
        "message": f"scrivere a {EMAIL}",
        "extra": {"nested": [{"email": EMAIL}, {"testo": f"cf {CF}"}]},
        "request": {
            "url": "https://cpf.example/famiglie/?q=Rossi",
            "cookies": {"sessionid": "x"},
            "data": "nome=Mario",
        },
        "user": {"id": 7, "email": USER_EMAIL, "username": "giulietta"},
        "breadcrumbs": {"values": [{"message": f"GET /famiglie/?q=Rossi {EMAIL}", "data": {"params": [CF]}}]},
    }
    text = json.dumps(before_send(event))
    for personal in (CF, EMAIL, USER_EMAIL, "Rossi", "Mario", "giulietta", "sessionid"):
        assert personal not in text
    assert event["user"] == {"id": 7}
    assert event["request"] == {"url": "https://cpf.example/famiglie/"}
