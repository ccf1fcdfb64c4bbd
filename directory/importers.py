"""CSV import of territorial resources (a municipality's existing list loaded in minutes) and the
HSDS 3.0 tabular export. The import is atomic: every row is validated (unknown comuni, missing
organisations, malformed phones, e-mails or URLs, coordinates outside Lombardy, duplicates,
hours that close before they open) and either all rows are stored or none; a dry run validates
and stores nothing. Rows are written through directory.services (scope, review, audit)."""

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from accounts.types import Actor
from common.csvfiles import CsvDecodeError, SafeDictWriter, read_csv_text, sniff_delimiter
from common.errors import error_messages
from directory import hsds, schedule, services
from directory.models import Resource
from network.models import Ente
from territory.models import Comune

COLUMNS = (
    "nome",
    "tipologia",
    "ente",
    "comune",
    "indirizzo",
    "cap",
    "latitudine",
    "longitudine",
    "telefono",
    "email",
    "sito",
    "visibilita",
    "descrizione",
    "a_chi_si_rivolge",
    "come_accedere",
    "lingue",
    "gratuito",
    "costi",
    "orari",
)
REQUIRED = ("nome", "tipologia", "ente", "comune")
PHONE = re.compile(r"^\+?[0-9][0-9 ./-]{5,19}$")
VISIBILITY = {
    "pubblica": "public",
    "rete": "network",
    "operatori": "operators",
    **{v: v for v in Resource.Visibility.values},
}
MAX_ROWS = 5000


@dataclass
class RowReport:
    line: int
    name: str
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    rows: list[RowReport]
    dry_run: bool
    stored: int = 0
    file_errors: list[str] = field(default_factory=list)
    encoding: str = ""  # what the file was read as ("UTF-8", "Windows-1252 (Excel)"…)

    @property
    def ok(self) -> bool:
        return not self.file_errors and all(r.ok for r in self.rows)


def _kind(value: str) -> str | None:
    value = value.strip().lower()
    for code, label in Resource.Kind.choices:
        if value in (code, str(label).lower()):
            return code
    return None


def _hours(value: str) -> tuple[list[tuple[int, time, time]], list[str]]:
    return schedule.parse_hours(value)


def _ente(value: str) -> Ente | None:
    value = value.strip()
    return (
        Ente.objects.filter(Q(tax_code=value.upper()) | Q(name__iexact=value)).order_by("pk").first() if value else None
    )


def _comune(value: str) -> Comune | None:
    value = value.strip()
    if value.isdigit():
        return Comune.objects.filter(istat_code=value.zfill(6)).first()
    matches = list(Comune.objects.filter(name__iexact=value)[:2])
    return matches[0] if len(matches) == 1 else None


def _build(row: dict[str, str], report: RowReport) -> tuple[Resource | None, list[tuple[int, time, time]]]:
    for column in REQUIRED:
        if not row.get(column, "").strip():
            report.errors.append(f"Manca il campo obbligatorio «{column}».")
    kind = _kind(row.get("tipologia", ""))
    if row.get("tipologia") and kind is None:
        report.errors.append(f"Tipologia sconosciuta «{row['tipologia']}».")
    ente = _ente(row.get("ente", ""))
    if row.get("ente") and ente is None:
        report.errors.append(f"Ente non trovato «{row['ente']}»: inseriscilo prima nel registro degli enti.")
    comune = _comune(row.get("comune", ""))
    if row.get("comune") and comune is None:
        report.errors.append(f"Comune sconosciuto «{row['comune']}»: indica il codice ISTAT o il nome esatto.")
    phone = row.get("telefono", "").strip()
    if phone and not PHONE.match(phone):
        report.errors.append(f"Telefono non valido «{phone}»: usa solo cifre, spazi e il prefisso +.")
    visibility = VISIBILITY.get(row.get("visibilita", "").strip().lower() or "public")
    if visibility is None:
        report.errors.append("Visibilità non valida: usa pubblica, rete oppure operatori.")
    slots, hour_errors = _hours(row.get("orari", ""))
    report.errors += hour_errors
    coords = {}
    for column, name in (("latitudine", "latitude"), ("longitudine", "longitude")):
        raw = row.get(column, "").strip().replace(",", ".")
        coords[name] = raw or None
    if report.errors:
        return None, slots
    assert ente is not None and comune is not None and kind is not None
    resource = Resource(
        name=row["nome"].strip(),
        kind=kind,
        organisation=ente,
        comune=comune,
        address=row.get("indirizzo", "").strip(),
        postal_code=row.get("cap", "").strip(),
        latitude=coords["latitude"],
        longitude=coords["longitude"],
        phone=phone,
        email=row.get("email", "").strip(),
        website=row.get("sito", "").strip(),
        visibility=visibility or "public",
        description=row.get("descrizione", "").strip(),
        eligibility=row.get("a_chi_si_rivolge", "").strip(),
        how_to_access=row.get("come_accedere", "").strip(),
        languages=row.get("lingue", "").strip(),
        is_free=row.get("gratuito", "sì").strip().lower() not in ("no", "0", "false"),
        fees_description=row.get("costi", "").strip(),
    )
    return resource, slots


def _store(actor: Actor, resource: Resource, slots: list[tuple[int, time, time]], report: RowReport) -> int:
    """Write one row (savepoint): 1 if stored, 0 with the row's errors otherwise."""
    try:
        with transaction.atomic():
            services.create_resource(actor=actor, instance=resource, publish=True, hours=slots)
    except ValidationError as exc:
        report.errors += [m for messages in error_messages(exc).values() for m in messages]
        return 0
    except PermissionDenied as exc:
        report.errors.append(str(exc))
        return 0
    return 1


class _DryRun(Exception):
    pass


def import_csv(*, actor: Actor, content: bytes, dry_run: bool = False) -> ImportReport:
    """Validate every row, then store all of them or none (dry run: store none)."""
    try:
        decoded = read_csv_text(content)
        reader = csv.DictReader(io.StringIO(decoded.text), delimiter=sniff_delimiter(decoded.text))
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
    except CsvDecodeError as exc:
        return ImportReport([], dry_run, file_errors=[str(exc)])
    except csv.Error:
        return ImportReport([], dry_run, file_errors=["Il file non è un CSV leggibile."])
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return ImportReport(
            [], dry_run, file_errors=["Colonne mancanti: " + ", ".join(missing) + "."], encoding=decoded.encoding
        )
    reader.fieldnames = header
    reports: list[RowReport] = []
    seen: set[tuple[int, int, str]] = set()
    stored = 0
    try:
        with transaction.atomic():
            for line, row in enumerate(reader, start=2):
                if line - 1 > MAX_ROWS:
                    reports.append(RowReport(line, "", [f"Troppe righe: al massimo {MAX_ROWS} per file."]))
                    break
                row = {k: (v or "") for k, v in row.items() if k}
                report = RowReport(line, row.get("nome", "").strip())
                reports.append(report)
                resource, slots = _build(row, report)
                if resource is None:
                    continue
                key = (resource.organisation_id, resource.comune_id, resource.name.lower())
                if key in seen:
                    report.errors.append("Risorsa ripetuta nel file (stesso ente, comune e nome).")
                    continue
                seen.add(key)
                stored += _store(actor, resource, slots, report)
            if dry_run or any(not r.ok for r in reports):
                raise _DryRun
    except _DryRun:
        stored = 0
    except csv.Error:  # a malformed line further down (nothing was stored: the transaction rolled back)
        return ImportReport(
            reports, dry_run, file_errors=["Il file non è un CSV leggibile."], encoding=decoded.encoding
        )
    return ImportReport(reports, dry_run, stored=stored, encoding=decoded.encoding)


def _flat(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if not isinstance(v, (list, dict))}


def hsds_tabular_zip(resources: Iterable[Resource]) -> bytes:
    """HSDS 3.0 tabular form: one CSV per table (organizations, services, locations, addresses,
    service_at_locations, schedules, phones, languages, taxonomy_terms, attributes), in a zip."""
    tables: dict[str, list[dict[str, Any]]] = {
        name: []
        for name in (
            "organizations",
            "services",
            "locations",
            "addresses",
            "service_at_locations",
            "schedules",
            "phones",
            "languages",
            "taxonomies",
            "taxonomy_terms",
            "attributes",
        )
    }
    organisations: dict[str, dict[str, Any]] = {}
    terms: dict[str, dict[str, Any]] = {}
    for resource in resources:
        service = hsds.service(resource, full=True)
        organisations[service["organization_id"]] = _flat(service["organization"])
        tables["services"].append(_flat(service))
        for sal in service["service_at_locations"]:
            tables["service_at_locations"].append(_flat(sal))
            location = sal["location"]
            tables["locations"].append(_flat(location))
            tables["addresses"] += [_flat(a) for a in location["addresses"]]
        tables["schedules"] += [_flat(s) for s in service["schedules"]]
        tables["phones"] += [_flat(p) for p in service.get("phones", [])]
        tables["languages"] += [_flat(lang) for lang in service["languages"]]
        for attribute in service["attributes"]:
            terms[attribute["taxonomy_term_id"]] = _flat(attribute["taxonomy_term"])
            tables["attributes"].append(_flat(attribute))
    tables["organizations"] = list(organisations.values())
    tables["taxonomy_terms"] = list(terms.values())
    tables["taxonomies"] = [hsds.taxonomy(t) for t in hsds.TAXONOMIES]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            columns = sorted({key for row in rows for key in row}, key=lambda k: (k != "id", k))
            out = io.StringIO()
            writer = SafeDictWriter(out, fieldnames=columns or ["id"])
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
            archive.writestr(f"{name}.csv", out.getvalue())
    return buffer.getvalue()
