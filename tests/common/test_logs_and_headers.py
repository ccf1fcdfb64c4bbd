"""Logs carry no row contents (common/logfilters.py, installed on every handler), personal data is
never cached (common/middleware.py NoStoreMiddleware: family pages and API, exports and PDFs; not
static files or public pages), and plain forms apply the input rules (common.inputs.check_form_data
through common.forms.StyledForm)."""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Iterator

import pytest
from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.test import Client

from common.forms import StyledForm
from common.logfilters import REDACTED, ScrubDatabaseDetails, scrub, scrub_personal
from families.models import Family
from tests.families.helpers import make_family
from tests.personas import Personas

PG_ERROR = (
    'null value in column "outcome" of relation "families_intervention" violates not-null constraint\n'
    "DETAIL:  Failing row contains (7, Bimba Prova ha raccontato della madre, null, 2026-03-01).\n"
)
PG_UNIQUE = (
    'duplicate key value violates unique constraint "families_person_fiscal_code_key"\n'
    "DETAIL:  Key (fiscal_code)=(PRVBMB15B41F205X) already exists.\n"
)


@pytest.mark.parametrize(
    ("message", "kept", "gone"),
    [
        (PG_ERROR, "violates not-null constraint", "Bimba Prova ha raccontato"),
        (PG_UNIQUE, "families_person_fiscal_code_key", "PRVBMB15B41F205X"),
        ("Failing row contains (1, Rossi Mario, 02 1234).", "Failing row contains", "Rossi Mario"),
        ("Key (code)=(FAM-0001) already exists.", "Key (code)=", "FAM-0001"),
        ("SELECT 1 WHERE name = %s; params=('Rossi',)", "SELECT 1", "Rossi"),
    ],
)
def test_database_details_are_cut_keeping_the_error_and_the_constraint(message: str, kept: str, gone: str) -> None:
    cleaned = scrub(message)
    assert kept in cleaned
    assert gone not in cleaned
    assert REDACTED in cleaned


def test_scrub_personal_hides_fiscal_codes_emails_and_query_strings() -> None:
    text = "utente mario.rossi@example.org cercava PRVBMB15B41F205X su /famiglie/elenco/?q=Prova"
    cleaned = scrub_personal(text)
    assert "mario.rossi@example.org" not in cleaned and "PRVBMB15B41F205X" not in cleaned
    assert "q=Prova" not in cleaned and "/famiglie/elenco/?" in cleaned


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.stream = io.StringIO()
        self.addFilter(ScrubDatabaseDetails())

    def emit(self, record: logging.LogRecord) -> None:
        self.stream.write(logging.Formatter("%(message)s").format(record) + "\n")


@pytest.fixture
def log() -> Iterator[tuple[logging.Logger, _Lines]]:
    logger = logging.getLogger("tests.logfilters")
    handler = _Lines()
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, handler
    logger.removeHandler(handler)


def test_the_filter_cleans_messages_arguments_and_tracebacks(log: tuple[logging.Logger, _Lines]) -> None:
    logger, handler = log
    logger.error("Errore del database: %s", PG_ERROR)
    try:
        raise IntegrityError(PG_UNIQUE)
    except IntegrityError:
        logger.exception("Scrittura non riuscita")
    written = handler.stream.getvalue()
    assert "Bimba Prova ha raccontato" not in written and "PRVBMB15B41F205X" not in written
    assert "Scrittura non riuscita" in written and "IntegrityError" in written
    assert "families_person_fiscal_code_key" in written


def test_a_real_integrity_error_logged_through_the_filter_names_no_value(
    personas: Personas, log: tuple[logging.Logger, _Lines]
) -> None:
    logger, handler = log
    family = make_family(personas)
    values = {"code": family.code, "seat": personas.spoke_a1, "name": "Famiglia " + "Doppione"}
    try:
        with transaction.atomic():
            Family.objects.create(**values)
    except IntegrityError:
        logger.exception("Scrittura non riuscita")
    written = handler.stream.getvalue()
    assert "IntegrityError" in written
    assert family.code not in written, written
    assert "Famiglia Doppione" not in written, written


def test_every_configured_handler_carries_the_filter() -> None:
    handlers = settings.LOGGING["handlers"]
    assert handlers
    for name, handler in handlers.items():
        assert "no_row_data" in handler.get("filters", []), name
    assert settings.LOGGING["filters"]["no_row_data"]["()"] == "common.logfilters.ScrubDatabaseDetails"


# --- Cache-Control: no-store ------------------------------------------------------------------


def _no_store(response: object) -> bool:
    return "no-store" in response.headers.get("Cache-Control", "")  # type: ignore[attr-defined]


def test_family_pages_and_api_are_never_stored(personas: Personas) -> None:
    family = make_family(personas)
    client = Client()
    client.force_login(personas.op_a1)
    for url in ("/famiglie/", "/famiglie/elenco/", f"/famiglie/{family.pk}/", "/api/v1/families/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url
        assert response.headers["Pragma"] == "no-cache"
    response = client.post("/famiglie/elenco/", {"q": "Prova"})
    assert response.status_code == 200 and _no_store(response)


def test_exports_are_never_stored(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.regione)
    response = client.get("/monitoraggio/esporta/csv/")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    assert _no_store(response)


@pytest.mark.parametrize("url", ["/static/css/app.css", "/", "/informazioni/privacy/", "/healthz"])
def test_static_files_and_public_pages_stay_cacheable(db: None, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 200, url
    assert not _no_store(response), url


# --- plain forms apply the input rules ---------------------------------------------------------


class _Probe(StyledForm):
    text = forms.CharField(required=False)
    number = forms.IntegerField(required=False)
    amount = forms.DecimalField(required=False)
    day = forms.DateField(required=False)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": "a\ud800b"}, "text", "Il testo contiene caratteri non validi."),
        ({"number": str(2**70)}, "number", "Numero troppo grande."),
        ({"amount": "1e20"}, "amount", "Importo o numero troppo grande."),
        ({"day": "9999-12-31"}, "day", "La data deve essere compresa tra il 01/01/1900 e il 31/12/2100."),
    ],
)
def test_a_styled_form_refuses_what_the_write_kernel_refuses(data: dict[str, str], field: str, message: str) -> None:
    form = _Probe(data)
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_a_styled_form_keeps_ordinary_values() -> None:
    form = _Probe({"text": "Città", "number": "12", "amount": "1234.56", "day": dt.date(2026, 3, 1).isoformat()})
    assert form.is_valid(), form.errors
