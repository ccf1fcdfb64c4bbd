"""Uploads (issues #9 § 5, #13 § 7): size, type by content, the extension agreeing with the
content, random stored names; through the model fields that every form and service writes."""

import base64
import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from common import uploads
from families.models import Consent
from families.services.consent import consent_record
from tests.families.helpers import make_family
from tests.personas import Personas

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
EXE = b"MZ\x90\x00" + b"\x00" * 64
HTML = b"<html><script>alert(1)</script></html>"


def _xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("virus.exe", "MZ")
    return out.getvalue()


def _file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "kinds", "kind"),
    [
        ("consenso.pdf", PDF, uploads.DOCUMENTS, "PDF"),
        ("scansione.PNG", PNG, uploads.DOCUMENTS, "PNG"),
        ("scansione.jpeg", JPEG, uploads.DOCUMENTS, "JPEG"),
        ("foglio.xlsx", _xlsx(), uploads.SPREADSHEETS, "XLSX"),
        ("elenco.csv", "comune;ambito\nBergamo;Bergamo\n".encode("cp1252"), uploads.SPREADSHEETS, "CSV"),
    ],
)
def test_files_whose_content_matches_their_name_are_accepted(name: str, content: bytes, kinds: Any, kind: str) -> None:
    assert uploads.check_upload(_file(name, content), kinds).label == kind


@pytest.mark.parametrize(
    ("name", "content", "kinds", "message"),
    [
        ("fattura.pdf", EXE, uploads.DOCUMENTS, "Tipo di file non ammesso: sono accettati solo file PDF, PNG, JPEG"),
        ("fattura.pdf", HTML, uploads.DOCUMENTS, "Tipo di file non ammesso"),
        ("fattura.pdf", PNG, uploads.DOCUMENTS, "Il contenuto del file è PNG ma il nome termina con «.pdf»"),
        ("logo.png", PDF, uploads.IMAGES, "Tipo di file non ammesso: sono accettati solo file PNG, JPEG"),
        ("foto.exe", JPEG, uploads.DOCUMENTS, "Il contenuto del file è JPEG ma il nome termina con «.exe»"),
        ("documento", PDF, uploads.DOCUMENTS, "il nome termina con «—»"),
        ("foglio.xlsx", _zip(), uploads.SPREADSHEETS, "Tipo di file non ammesso"),  # a ZIP, not a workbook
        ("elenco.csv", EXE, uploads.SPREADSHEETS, "Tipo di file non ammesso"),
        ("vuoto.pdf", b"", uploads.DOCUMENTS, "Il file è vuoto."),
    ],
)
def test_forged_and_unknown_files_are_refused_in_italian(name: str, content: bytes, kinds: Any, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        uploads.check_upload(_file(name, content), kinds)
    assert message in caught.value.messages[0]


def test_files_over_the_limit_are_refused(settings: Any) -> None:
    settings.CPF_UPLOAD_MAX_BYTES = 1024 * 1024
    big = _file("grande.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError, match="supera la dimensione massima di 1 MB"):
        uploads.check_upload(big, uploads.DOCUMENTS)


def test_stored_names_are_random_and_keep_only_the_checked_extension() -> None:
    first = uploads.stored_name("families/consents", "consenso Rossi Mario.PDF")
    second = uploads.stored_name("families/consents", "consenso Rossi Mario.PDF")
    assert first != second and first.startswith("families/consents/") and first.endswith(".pdf")
    assert "Rossi" not in first and len(first.rsplit("/", 1)[1]) == 36
    assert uploads.stored_name("x", "../../etc/passwd").startswith("x/") and ".." not in uploads.stored_name(
        "x", "../a"
    )
    assert uploads.download_name("expenses/3/ab12.pdf", "giustificativo-7") == "giustificativo-7.pdf"


@pytest.mark.django_db
def test_a_consent_form_with_a_forged_extension_is_refused_by_the_write_kernel(personas: Personas) -> None:
    family = make_family(personas)
    with pytest.raises(ValidationError) as caught:
        consent_record(
            actor=personas.op_a1,
            family=family,
            purpose=Consent.Purpose.PHOTOS,
            legal_basis=Consent.LegalBasis.CONSENT,
            form=_file("consenso.pdf", EXE),
        )
    assert "Tipo di file non ammesso" in str(caught.value)
    assert not Consent.objects.filter(family=family).exists()


@pytest.mark.django_db
def test_a_signed_consent_form_is_stored_under_a_random_name(personas: Personas, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    family = make_family(personas)
    consent = consent_record(
        actor=personas.op_a1,
        family=family,
        purpose=Consent.Purpose.PHOTOS,
        legal_basis=Consent.LegalBasis.CONSENT,
        form=_file("consenso famiglia Prova.pdf", PDF),
    )
    consent.refresh_from_db()
    assert consent.form.name.startswith("families/consents/") and consent.form.name.endswith(".pdf")
    assert "Prova" not in consent.form.name
    with consent.form.open("rb") as stored:
        assert stored.read() == PDF


def test_every_stored_file_field_is_checked_by_content() -> None:
    from django.apps import apps
    from django.db import models

    unchecked = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and not any(isinstance(v, uploads.UploadCheck) for v in field.validators)
    ]
    assert unchecked == ["jobs.Job.result"]  # written by the platform's own exporters, never uploaded
