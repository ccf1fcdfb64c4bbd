"""CSV import (atomic, per-row report, dry run, bad input in Italian) and HSDS tabular export."""

import csv
import io
import zipfile
from typing import Any

import pytest
from django.test import Client

from audit.models import AuditEntry
from directory import importers
from directory.models import Resource
from tests.personas import Personas

pytestmark = pytest.mark.django_db
HEADER = "nome;tipologia;ente;comune;indirizzo;telefono;email;sito;latitudine;longitudine;visibilita;orari\n"


def rows(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode()


GOOD = 'Doposcuola Gorla;doposcuola;Cooperativa sociale Il Girasole;015146;Via Gorla 2;02 123456;a@b.it;https://x.it;45.5;9.2;pubblica;"lun 14:30-18:00; mer 14:30-18:00"'


def test_a_good_file_is_imported_with_hours(personas: Personas, directory: dict[str, Any]) -> None:
    report = importers.import_csv(actor=personas.ats_a, content=rows(GOOD, GOOD.replace("Gorla;", "Crescenzago;", 1)))
    assert report.ok and report.stored == 2
    created = Resource.objects.get(name="Doposcuola Gorla")
    assert created.status == "published" and created.hours.count() == 2


def test_dry_run_stores_nothing(personas: Personas, directory: dict[str, Any]) -> None:
    report = importers.import_csv(actor=personas.ats_a, content=rows(GOOD), dry_run=True)
    assert report.ok and report.stored == 0 and not Resource.objects.filter(name="Doposcuola Gorla").exists()


BAD = [
    ("Doposcuola X;doposcuola;Cooperativa sociale Il Girasole;999999;;;;;;;;", "Comune sconosciuto"),
    ("Doposcuola X;doposcuola;Ente che non esiste;015146;;;;;;;;", "Ente non trovato"),
    ("Doposcuola X;doposcuola;Cooperativa sociale Il Girasole;015146;;abc;;;;;;", "Telefono non valido"),
    ("Doposcuola X;doposcuola;Cooperativa sociale Il Girasole;015146;;;non-mail;;;;;", "email"),
    ("Doposcuola X;doposcuola;Cooperativa sociale Il Girasole;015146;;;;sito senza schema;;;;", "URL"),
    ("Doposcuola X;doposcuola;Cooperativa sociale Il Girasole;015146;;;;;48.85;2.35;;", "fuori dalla Lombardia"),
    ("Doposcuola X;doposcuola;Cooperativa sociale Il Girasole;015146;;;;;;;;lun 18:00-09:00", "chiusura"),
    ("Doposcuola del quartiere;doposcuola;Cooperativa sociale Il Girasole;015146;;;;;;;;", "ha già una risorsa"),
    ("Doposcuola X;pizzeria;Cooperativa sociale Il Girasole;015146;;;;;;;;", "Tipologia sconosciuta"),
    (";doposcuola;Cooperativa sociale Il Girasole;015146;;;;;;;;", "obbligatorio"),
]


@pytest.mark.parametrize(("line", "message"), BAD, ids=[b[1] for b in BAD])
def test_a_bad_row_is_reported_and_nothing_is_stored(
    personas: Personas, directory: dict[str, Any], line: str, message: str
) -> None:
    before = Resource.objects.count()
    report = importers.import_csv(actor=personas.ats_a, content=rows(GOOD, line))
    assert not report.ok and report.stored == 0 and Resource.objects.count() == before
    assert report.rows[0].ok and report.rows[1].line == 3
    assert message.lower() in " ".join(report.rows[1].errors).lower()


def test_duplicates_within_the_file_and_bad_files(personas: Personas, directory: dict[str, Any]) -> None:
    report = importers.import_csv(actor=personas.ats_a, content=rows(GOOD, GOOD))
    assert "ripetuta" in report.rows[1].errors[0] and not Resource.objects.filter(name="Doposcuola Gorla").exists()
    assert importers.import_csv(actor=personas.ats_a, content=b"a;b\n1;2\n").file_errors
    assert importers.import_csv(actor=personas.ats_a, content="\xff".encode("latin-1")).file_errors


def test_the_editor_imports_for_its_own_organisation_only(personas: Personas, directory: dict[str, Any]) -> None:
    other = GOOD.replace("Cooperativa sociale Il Girasole", "Associazione Casa Sicura")
    report = importers.import_csv(actor=directory["editor"], content=rows(GOOD, other))
    assert not report.ok and report.rows[1].errors and report.stored == 0


def test_import_page_and_hsds_tabular_export(client: Client, personas: Personas, directory: dict[str, Any]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(personas.ats_a)
    upload = SimpleUploadedFile("risorse.csv", rows(GOOD), content_type="text/csv")
    page = client.post("/mappatura/importa/", {"file": upload, "dry_run": "on"}).content.decode()
    assert "nulla è stato salvato" in page, page[page.find("<h1") :][:1500]
    client.logout()
    archive = zipfile.ZipFile(io.BytesIO(client.get("/mappatura/esporta-hsds.zip").content))
    assert {"organizations.csv", "services.csv", "locations.csv", "service_at_locations.csv", "schedules.csv"} <= set(
        archive.namelist()
    )
    services = list(csv.DictReader(io.StringIO(archive.read("services.csv").decode())))
    assert {s["name"] for s in services} == {"Doposcuola del quartiere", "Biblioteca ragazzi"}  # public only
    assert not AuditEntry.objects.filter(action="directory.resource.exported_zip").exists()  # public entries
    client.force_login(personas.ats_a)
    assert client.get("/mappatura/esporta-hsds.zip").status_code == 200
    assert AuditEntry.objects.get(action="directory.resource.exported_zip").actor == personas.ats_a


@pytest.mark.parametrize(
    ("encode", "named"),
    [
        (lambda text: text.encode("cp1252"), "Windows-1252 (Excel)"),
        (lambda text: b"\xef\xbb\xbf" + text.encode(), "UTF-8 con BOM"),
        (
            lambda text: (
                text.replace(";", ",").replace('"lun 14:30-18:00, mer 14:30-18:00"', '"lun 14:30-18:00"').encode()
            ),
            "UTF-8",
        ),
    ],
    ids=["excel-italian", "utf8-bom", "comma-utf8"],
)
def test_excel_files_are_read_and_the_page_says_how(
    client: Client, personas: Personas, directory: dict[str, Any], encode: Any, named: str
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    line = GOOD.replace("Via Gorla 2", "Via Città di Cantù 2")
    content = encode(HEADER + line + "\n")
    report = importers.import_csv(actor=personas.ats_a, content=content, dry_run=True)
    assert report.ok, (report.file_errors, [r.errors for r in report.rows])
    assert report.encoding == named
    client.force_login(personas.ats_a)
    upload = SimpleUploadedFile("risorse.csv", content, content_type="text/csv")
    page = client.post("/mappatura/importa/", {"file": upload, "dry_run": "on"}).content.decode()
    assert f"File letto come {named}." in page


def test_an_unreadable_file_is_refused_in_italian(personas: Personas, directory: dict[str, Any]) -> None:
    report = importers.import_csv(actor=personas.ats_a, content=HEADER.encode() + b"\x81\x00\x9d")
    assert report.file_errors and report.file_errors[0].startswith("Il file non è un CSV di testo leggibile")
    assert report.stored == 0
