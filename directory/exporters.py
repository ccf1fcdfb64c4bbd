"""The directory's exports, served through `core.exports`: the carta dei servizi (PDF, shown in
the browser), the coverage table (XLSX) and the entries in HSDS 3.0 tabular form (zip).

The carta and the HSDS tables are public documents when read without signing in (the published
carta of a Centre, the public entries): those reads are not audited, like the public portal's
pages; a signed-in user's export is."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.types import Actor
from common.xlsx import Book, Column
from core.exports import PDF, XLSX, ZIP, Exporter, ExportFile
from core.records import audit_event, audit_record
from directory import carta as carta_service
from directory import coverage, importers
from directory.models import Carta, Resource


def _public(actor: Actor) -> bool:
    return actor is None or isinstance(actor, AnonymousUser) or not actor.is_authenticated


class CartaExporter(Exporter[Carta]):
    name = "directory.carta"
    verbose_name = gettext_lazy("Carta dei servizi")
    formats = ("pdf",)

    def render(self, actor: Actor, obj: Carta, fmt: str) -> ExportFile:
        return ExportFile(
            f"carta-dei-servizi-{obj.centre_id}-v{obj.number}.pdf", PDF, content=carta_service.pdf(obj), inline=True
        )

    def audit(self, actor: Actor, obj: Carta, fmt: str) -> None:
        if not _public(actor):
            audit_record(actor=actor, obj=obj, verb=f"exported_{fmt}", changes={"number": obj.number})


@dataclass(frozen=True)
class CoverageTable:
    """The coverage page as the user sees it: its rows in the chosen order, the analysis today
    (`before`) and with the proposed Spoke (`after`, the same when none is proposed)."""

    rows: Sequence[coverage.ComuneCoverage]
    before: coverage.Coverage
    after: coverage.Coverage
    snapshot: Any  # territory.PopulationSnapshot | None
    proposed: str = ""  # ISTAT code of the proposed Spoke's comune


def _km(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


class CoverageExporter(Exporter[CoverageTable]):
    name = "directory.coverage"
    verbose_name = gettext_lazy("Copertura della rete")
    formats = ("xlsx",)

    def render(self, actor: Actor, obj: CoverageTable, fmt: str) -> ExportFile:
        book = Book()
        book.sheet("Copertura").table(
            [
                Column(_("Codice ISTAT")),
                Column(_("Comune")),
                Column(_("Popolazione"), "int"),
                Column(_("Km dal punto di accesso più vicino"), "decimal"),
                Column(_("Punto più vicino")),
                Column(_("Km dall'Hub più vicino"), "decimal"),
            ],
            [[r.istat_code, r.name, r.population, _km(r.nearest_km), r.nearest_name, _km(r.hub_km)] for r in obj.rows],
        )
        before, after = obj.before, obj.after
        summary = book.sheet("Riepilogo")
        summary.table(
            [
                Column(_("Indicatore")),
                Column(_("Oggi"), "int"),
                Column(_("Con lo Spoke proposto (se indicato)"), "int"),
            ],
            [
                [_("Popolazione"), before.population, after.population],
                *[
                    [_("Oltre %(km)s km") % {"km": km}, before.beyond[km], after.beyond[km]]
                    for km in coverage.THRESHOLDS_KM
                ],
            ],
        )
        summary.blank()
        summary.line(_("Ambiti e Distretti senza sede"), ", ".join(after.uncovered_areas) or _("nessuno"))
        if obj.snapshot:
            summary.line(_("Rilevazione della popolazione"), str(obj.snapshot))
        return ExportFile("copertura-rete.xlsx", XLSX, content=book.bytes())

    def audit(self, actor: Actor, obj: CoverageTable, fmt: str) -> None:
        changes: dict[str, Any] = {"comuni": len(obj.rows)}
        if obj.proposed:
            changes["proposed"] = obj.proposed
        audit_event(actor=actor, action=f"directory.coverage.exported_{fmt}", changes=changes)


class HsdsExporter(Exporter[QuerySet[Resource]]):
    name = "directory.hsds"
    verbose_name = gettext_lazy("Risorse in formato HSDS 3.0")
    formats = ("zip",)

    def render(self, actor: Actor, obj: QuerySet[Resource], fmt: str) -> ExportFile:
        return ExportFile("hsds-risorse.zip", ZIP, content=importers.hsds_tabular_zip(obj))

    def audit(self, actor: Actor, obj: QuerySet[Resource], fmt: str) -> None:
        if not _public(actor):
            audit_event(
                actor=actor,
                action=f"directory.resource.exported_{fmt}",
                object_type="directory.resource",
                changes={"count": obj.count()},
            )
