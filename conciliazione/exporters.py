"""Exports of the Piano di conciliazione of one ATS (Allegato A §4.1: network composition,
community of practice, projects activated), built on selectors.ats_plan."""

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from accounts.types import Actor
from common.formatting import format_date
from common.pdf import html_to_pdf
from conciliazione import selectors
from conciliazione.models import ConciliationNetwork
from core.exports import CONTENT_TYPES, Exporter, ExportFile
from core.records import audit_record

EURO_FORMAT = '#,##0.00 "€"'


def _header(ws: Worksheet, *labels: str) -> None:
    ws.append(list(labels))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)


def _title(ws: Worksheet, text: str) -> None:
    ws.append([text])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True, size=13)


def _network_sheet(ws: Worksheet, plan: dict[str, Any]) -> None:
    network = plan["network"]
    ws.title = "Rete"
    _title(ws, f"Piano di conciliazione — {network.ats.name}")
    ws.append([f"Rete territoriale di conciliazione: {network.name}"])
    ws.append([])
    _header(ws, "Ente", "Rappresentanza", "Comunità di pratica")
    for member in plan["members"]:
        ws.append(
            [member.ente.name, member.get_representation_display(), "Sì" if member.in_community_of_practice else "No"]
        )
    ws.append([])
    ws.append(["Verifica della Comunità di pratica (§4.1)"])
    for violation in plan["community_violations"] or []:
        ws.append([violation.message])
    if not plan["community_violations"]:
        ws.append(["Tutte le rappresentanze obbligatorie sono presenti."])
    for column, width in zip("ABC", (50, 45, 20), strict=True):
        ws.column_dimensions[column].width = width


def _projects_sheet(ws: Worksheet, plan: dict[str, Any]) -> None:
    ws.title = "Progetti"
    _header(ws, "Progetto", "Alleanza", "Inizio", "Fine", "Budget", "Impegnato", "Disponibile", "Interventi")
    for row in plan["projects"]:
        project, budget = row["project"], row["budget"]
        ws.append(
            [
                project.title,
                project.alliance.name,
                format_date(project.start_date),
                format_date(project.end_date),
                budget.budget,
                budget.committed,
                budget.available,
                "; ".join(i.title for i in project.interventions.all()),
            ]
        )
        for cell in ws[ws.max_row][4:7]:
            cell.number_format = EURO_FORMAT
    ws.append(["Totale", "", "", "", plan["total_budget"], plan["total_committed"]])
    for cell in ws[ws.max_row][4:6]:
        cell.number_format = EURO_FORMAT
    for column, width in zip("ABCDEFGH", (40, 35, 12, 12, 16, 16, 16, 60), strict=True):
        ws.column_dimensions[column].width = width


def _alliances_sheet(ws: Worksheet, plan: dict[str, Any]) -> None:
    ws.title = "Alleanze"
    _header(ws, "Alleanza", "Capofila", "Partner", "Esito della verifica (§4.2)")
    for row in plan["alliances"]:
        alliance = row["alliance"]
        partners = ", ".join(p.ente.name for p in alliance.partners.all())
        outcome = " ".join(v.message for v in row["violations"]) or "Partenariato conforme."
        ws.append([alliance.name, alliance.lead.name, partners, outcome])
    for column, width in zip("ABCD", (40, 35, 60, 80), strict=True):
        ws.column_dimensions[column].width = width


def plan_xlsx(plan: dict[str, Any]) -> bytes:
    wb = Workbook()
    first = wb.active
    assert first is not None
    _network_sheet(first, plan)
    _alliances_sheet(wb.create_sheet(), plan)
    _projects_sheet(wb.create_sheet(), plan)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def plan_pdf(plan: dict[str, Any]) -> bytes:
    html = render_to_string("conciliazione/plan_pdf.html", plan)
    return html_to_pdf(html)


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
