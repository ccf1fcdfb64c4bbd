"""CSV import of Ambiti/Distretti (`istat_code,ambito`): all rows are checked first and the
import is written only if none is rejected (atomic), with a report of every rejected row."""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor
from common.csvfiles import CsvDecodeError, read_csv_text, sniff_delimiter
from core.records import audit_record
from territory.models import Area, AreaMembership, Comune


@dataclass
class ImportReport:
    rows_read: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    areas_created: int = 0
    memberships_written: int = 0
    applied: bool = False
    encoding: str = ""  # what the file was read as ("UTF-8", "Windows-1252 (Excel)"…)

    @property
    def ok(self) -> bool:
        return not self.rejected


def _read_rows(content: bytes | str, report: ImportReport) -> list[tuple[int, dict[str, str]]] | None:
    """(line number in the file, row): blank lines and quoted line breaks keep the numbering right.
    None (and the reason in the report) for a file that cannot be read."""
    try:
        decoded = read_csv_text(content)
    except CsvDecodeError as exc:
        report.rejected.append((0, str(exc)))
        return None
    report.encoding = decoded.encoding
    try:
        reader = csv.DictReader(io.StringIO(decoded.text), delimiter=sniff_delimiter(decoded.text))
        return [(reader.line_num, row) for row in reader]
    except csv.Error:
        report.rejected.append((0, _("Il file non è un CSV leggibile.")))
        return None


def _row_problem(
    code: str, name: str, comune: Comune | None, seen: dict[str, tuple[int, str]], area_ats: dict[str, int]
) -> str | None:
    if not name:
        return _("Nome dell'ambito mancante.")
    if comune is None:
        return _("Codice ISTAT %(code)s sconosciuto in Lombardia.") % {"code": code}
    if code in seen and seen[code][1] != name:
        return _("Il comune %(code)s è già assegnato a «%(other)s» alla riga %(row)d.") % {
            "code": code,
            "other": seen[code][1],
            "row": seen[code][0],
        }
    if name in area_ats and area_ats[name] != comune.ats_id:
        return _("L'ambito «%(name)s» comprende comuni di ATS diverse: un ambito appartiene a una sola ATS.") % {
            "name": name
        }
    return None


def import_areas_csv(
    *, actor: Actor, content: bytes | str, kind: str = Area.Kind.AMBITO, dry_run: bool = False, synthetic: bool = False
) -> ImportReport:
    """Assign comuni to Ambiti (or Distretti). Re-importing replaces the previous assignment of
    the comuni listed; each Ambito lies within one ATS."""
    report = ImportReport()
    if kind not in Area.SUPRA_MUNICIPAL:
        report.rejected.append((0, _("Tipo di area non valido per l'importazione: usa ambito o distretto.")))
        return report
    rows = _read_rows(content, report)
    if rows is None:
        return report
    if not rows:
        report.rejected.append((0, _("Il file non contiene righe di dati sotto l'intestazione.")))
        return report
    if not {"istat_code", "ambito"} <= set(rows[0][1].keys()):
        report.rejected.append((1, _("Intestazione mancante: servono le colonne istat_code e ambito.")))
        return report

    comuni = {c.istat_code: c for c in Comune.objects.select_related("ats")}
    seen: dict[str, tuple[int, str]] = {}
    area_ats: dict[str, int] = {}
    plan: dict[str, list[Comune]] = defaultdict(list)
    for line, row in rows:
        report.rows_read += 1
        code = (row.get("istat_code") or "").strip().zfill(6)
        name = (row.get("ambito") or "").strip()
        comune = comuni.get(code)
        reason = _row_problem(code, name, comune, seen, area_ats)
        if reason:
            report.rejected.append((line, reason))
            continue
        assert comune is not None
        if code not in seen:
            plan[name].append(comune)
        seen[code] = (line, name)
        area_ats[name] = comune.ats_id
    # Permission: every ATS touched must be writable by the actor.
    for name, ats_id in area_ats.items():
        probe = Area(kind=kind, name=name, ats_id=ats_id)
        try:
            scoping.check_can_write(actor, probe, scoping.CREATE)
        except PermissionDenied:
            report.rejected.append((0, _("Non puoi modificare gli ambiti dell'ATS di «%(name)s».") % {"name": name}))
    if report.rejected or dry_run:
        return report

    with transaction.atomic():
        for name, members in plan.items():
            area, created = Area.objects.get_or_create(
                kind=kind, name=name, ats_id=area_ats[name], defaults={"is_synthetic": synthetic}
            )
            report.areas_created += int(created)
            AreaMembership.objects.filter(kind=kind, comune__in=members).delete()
            AreaMembership.objects.bulk_create([AreaMembership(area=area, comune=c, kind=kind) for c in members])
            report.memberships_written += len(members)
            audit_record(
                actor=actor,
                obj=area,
                verb="imported",
                changes={"comuni": sorted(c.istat_code for c in members)},
            )
        report.applied = True
    return report
