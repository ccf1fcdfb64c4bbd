"""Exports of the Piano di conciliazione of one ATS (Allegato A §4.1: network composition,
community of practice, projects activated), built on selectors.ats_plan."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from accounts.types import Actor
from common.xlsx import Book, Column, Sheet
from conciliazione import selectors
from conciliazione.models import ConciliationNetwork
from core.documents import CONCILIAZIONE_FUNDING_SENTENCE, document_context, render_pdf
from core.exports import CONTENT_TYPES, Exporter, ExportFile
from core.records import audit_record


def _network_sheet(sheet: Sheet, plan: dict[str, Any]) -> None:
    network = plan["network"]
    sheet.title(f"{_('Piano di conciliazione')} — {network.ats.name}")
    sheet.line(str(_("Rete territoriale di conciliazione")), network.name)
    sheet.blank()
    columns = [Column(str(_("Ente"))), Column(str(_("Rappresentanza"))), Column(str(_("Comunità di pratica")))]
    rows = [[m.ente.name, m.get_representation_display(), m.in_community_of_practice] for m in plan["members"]]
    sheet.table(columns, rows)
    sheet.blank()
    sheet.line(str(_("Verifica della Comunità di pratica (§4.1)")))
    for violation in plan["community_violations"] or []:
        sheet.note(violation.message)
    if not plan["community_violations"]:
        sheet.note(str(_("Tutte le rappresentanze obbligatorie sono presenti.")))


def _projects_sheet(sheet: Sheet, plan: dict[str, Any]) -> None:
    columns = [
        Column(str(_("Progetto"))),
        Column(str(_("Alleanza"))),
        Column(str(_("Inizio")), "date"),
        Column(str(_("Fine")), "date"),
        Column(str(_("Budget")), "eur"),
        Column(str(_("Impegnato")), "eur"),
        Column(str(_("Disponibile")), "eur"),
        Column(str(_("Interventi"))),
    ]
    rows = [
        [
            row["project"].title,
            row["project"].alliance.name,
            row["project"].start_date,
            row["project"].end_date,
            row["budget"].budget,
            row["budget"].committed,
            row["budget"].available,
            "; ".join(i.title for i in row["project"].interventions.all()),
        ]
        for row in plan["projects"]
    ]
    totals = [str(_("Totale")), None, None, None, plan["total_budget"], plan["total_committed"], None, None]
    sheet.table(columns, rows, totals=totals)


def _alliances_sheet(sheet: Sheet, plan: dict[str, Any]) -> None:
    columns = [
        Column(str(_("Alleanza"))),
        Column(str(_("Capofila"))),
        Column(str(_("Partner"))),
        Column(str(_("Esito della verifica (§4.2)"))),
    ]
    rows = []
    for row in plan["alliances"]:
        alliance = row["alliance"]
        partners = ", ".join(p.ente.name for p in alliance.partners.all())
        outcome = " ".join(v.message for v in row["violations"]) or str(_("Partenariato conforme."))
        rows.append([alliance.name, alliance.lead.name, partners, outcome])
    sheet.table(columns, rows)


def plan_xlsx(plan: dict[str, Any]) -> bytes:
    book = Book()
    _network_sheet(book.sheet(str(_("Rete"))), plan)
    _alliances_sheet(book.sheet(str(_("Alleanze"))), plan)
    _projects_sheet(book.sheet(str(_("Progetti"))), plan)
    return book.bytes()


def plan_pdf(plan: dict[str, Any]) -> bytes:
    ats = plan["network"].ats
    context = {
        # D.G.R. XII/5464 § 4.5: the Piano carries «Intervento finanziato con il contributo di Regione Lombardia».
        **document_context(
            title=f"{_('Piano di conciliazione')} — {ats.name}",
            ats=ats,
            funding_sentence=CONCILIAZIONE_FUNDING_SENTENCE,
        ),
        **plan,
    }
    return render_pdf("conciliazione/plan_pdf.html", context)


class PlanExporter(Exporter[ConciliationNetwork]):
    """The Piano di conciliazione of the network's ATS (Allegato A § 4.1)."""

    name = "conciliazione.plan"
    verbose_name = _("Piano di conciliazione")
    formats = ("xlsx", "pdf")

    def render(self, actor: Actor, obj: ConciliationNetwork, fmt: str) -> ExportFile:
        plan = selectors.ats_plan(network=obj)
        content = plan_xlsx(plan) if fmt == "xlsx" else plan_pdf(plan)
        return ExportFile(f"piano-conciliazione-{obj.ats.code}.{fmt}", CONTENT_TYPES[fmt], content=content)

    def audit(self, actor: Actor, obj: ConciliationNetwork, fmt: str) -> None:
        audit_record(actor=actor, obj=obj, verb=f"exported_{fmt}", action=f"conciliazione.plan.exported_{fmt}")
