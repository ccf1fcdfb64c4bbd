"""The exporter interface (core.exports): exporters return a file, run_export audits a done
export, serve_export answers with the download or, without the PDF engine, with the message."""

from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from accounts.types import Actor
from audit.models import AuditEntry
from common.pdf import PdfUnavailable
from core.exports import CONTENT_TYPES, Exporter, ExportFile, run_export, serve_export
from core.records import audit_event
from network.models import Centre
from tests.personas import Personas

REPO = Path(__file__).resolve().parents[2]


class CentreCard(Exporter[Centre]):
    name = "tests.centre_card"
    verbose_name = "Scheda del centro"
    formats = ("json", "pdf")

    def render(self, actor: Actor, obj: Centre, fmt: str) -> ExportFile:
        if fmt == "pdf":
            raise PdfUnavailable("Pango non installato")
        return ExportFile(f"centro-{obj.pk}.json", CONTENT_TYPES["json"], stream=iter([b'{"name": ', b'"x"}']))


def _request(personas: Personas) -> object:
    request = RequestFactory().get("/")
    request.user = personas.coord_a
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_a_file_has_content_or_a_stream() -> None:
    with pytest.raises(ValueError):
        ExportFile("a.json", "application/json")
    with pytest.raises(ValueError):
        ExportFile("a.json", "application/json", content=b"{}", stream=iter([b"{}"]))


def test_run_export_audits_the_done_export_on_the_record(personas: Personas) -> None:
    file = run_export(CentreCard(), actor=personas.coord_a, obj=personas.centre_a, fmt="json")
    assert file.filename == f"centro-{personas.centre_a.pk}.json"
    entry = AuditEntry.objects.get(action="network.centre.exported_json")
    assert (entry.actor, entry.object_id, entry.centre_id) == (
        personas.coord_a,
        str(personas.centre_a.pk),
        personas.centre_a.pk,
    )


def test_an_unknown_format_is_a_validation_error_and_not_audited(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        run_export(CentreCard(), actor=personas.coord_a, obj=personas.centre_a, fmt="xlsx")
    assert not AuditEntry.objects.exists()


def test_serve_export_streams_the_file_as_an_attachment(personas: Personas) -> None:
    response = serve_export(_request(personas), CentreCard(), personas.centre_a, "json", back="/indietro/")
    assert response["Content-Disposition"] == f'attachment; filename="centro-{personas.centre_a.pk}.json"'
    assert b"".join(response.streaming_content) == b'{"name": "x"}'  # type: ignore[attr-defined]


def test_without_the_pdf_engine_the_user_reads_why_and_nothing_is_audited(personas: Personas) -> None:
    request = _request(personas)
    response = serve_export(request, CentreCard(), personas.centre_a, "pdf", back="/indietro/")
    assert (response.status_code, response["Location"]) == (302, "/indietro/")
    assert ["Pango" in str(m) for m in get_messages(request)] == [True]
    assert not AuditEntry.objects.exists()


class Greeting(Exporter[str]):
    """An export of something that is not one record: it must say how it is audited."""

    name = "tests.greeting"
    verbose_name = "Saluto"
    formats = ("pdf",)

    def render(self, actor: Actor, obj: str, fmt: str) -> ExportFile:
        return ExportFile("saluto.pdf", CONTENT_TYPES["pdf"], content=obj.encode(), inline=True)


def test_an_export_of_no_record_without_its_own_audit_is_refused(personas: Personas) -> None:
    with pytest.raises(TypeError):
        run_export(Greeting(), actor=personas.coord_a, obj="ciao", fmt="pdf")


def test_an_inline_document_is_shown_in_the_browser(personas: Personas) -> None:
    class AuditedGreeting(Greeting):
        def audit(self, actor: Actor, obj: str, fmt: str) -> None:
            audit_event(actor=actor, action="tests.greeting.exported_pdf", changes={"length": len(obj)})

    response = serve_export(_request(personas), AuditedGreeting(), "ciao", "pdf", back="/indietro/")
    assert response["Content-Disposition"] == 'inline; filename="saluto.pdf"'
    entry = AuditEntry.objects.get(action="tests.greeting.exported_pdf")
    assert (entry.actor, entry.object_id, entry.centre_id, entry.changes) == (
        personas.coord_a,
        "",
        personas.centre_a.pk,
        {"length": 4},
    )


def test_no_view_builds_its_own_download() -> None:
    """Every export goes through core.exports: nothing else sets Content-Disposition."""
    offenders = [
        str(path.relative_to(REPO))
        for path in REPO.glob("*/**/*.py")
        if path.parts[len(REPO.parts)] not in ("tests", ".venv", "node_modules")
        and path.relative_to(REPO).as_posix() not in ("core/exports.py", "common/middleware.py")
        and 'response["Content-Disposition"]' in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
