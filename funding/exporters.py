"""Exports of an allocation (XLSX with openpyxl, PDF with WeasyPrint), built on the selectors."""

import io
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from accounts.types import Actor
from common.formatting import format_eur
from common.pdf import html_to_pdf
from core.exports import CONTENT_TYPES, Exporter, ExportFile
from core.records import audit_record
from funding.models import Allocation, Project
from funding.reporting import ProjectReport, project_report
from funding.selectors import allocation_table

EURO_FORMAT = '#,##0.00 "€"'
COMPONENT_LABELS = {
    "population": "quota popolazione",
    "equal": "quota in parti uguali",
    "weights": "quota a pesi",
    "fixed": "importi fissi",
}


def component_label(spec: dict[str, object]) -> str:
    text = COMPONENT_LABELS.get(str(spec.get("kind")), str(spec.get("kind")))
    return f"{text} {spec.get('share')}%"


def allocation_xlsx(allocation: Allocation) -> bytes:
    table = allocation_table(allocation=allocation)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Riparto"
    ws.append([f"{allocation.label} — {allocation.fund}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(
        [f"Totale: {format_eur(allocation.total)} — unità di arrotondamento {format_eur(allocation.rounding_unit)}"]
    )
    ws.append(["Criteri: " + "; ".join(component_label(c) for c in allocation.components)])
    ws.append([])
    header = [
        "Codice ATS",
        "ATS",
        *[component_label(c) for c in allocation.components],
        "Quota esatta",
        "Importo assegnato",
    ]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for line in table["lines"]:
        ws.append(
            [line.ats.code, line.ats.name, *[Decimal(a) for a in line.component_amounts], line.raw_quota, line.amount]
        )
        for cell in ws[ws.max_row][2:]:
            cell.number_format = EURO_FORMAT
    ws.append(["", "Totale", *[""] * len(allocation.components), "", table["total_assigned"]])
    ws.cell(row=ws.max_row, column=len(header)).number_format = EURO_FORMAT
    for column, width in zip("ABCDEFGH", (12, 45, 20, 20, 20, 20, 20, 20), strict=False):
        ws.column_dimensions[column].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def allocation_pdf(allocation: Allocation) -> bytes:
    context = {
        "allocation": allocation,
        **allocation_table(allocation=allocation),
        "criteria": [component_label(c) for c in allocation.components],
    }
    html = render_to_string("funding/allocation_pdf.html", context)
    return html_to_pdf(html)


def project_report_xlsx(report: "ProjectReport") -> bytes:
    project = report.project
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Rendiconto"
    ws.append([f"Rendiconto — {project.title}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"Centro: {project.centre} — Avviso: {project.call}"])
    ws.append([])
    ws.append(["Voce", "Budget", "Rendicontato", "Approvato", "Residuo"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for line in report.lines:
        ws.append([line.label, line.budget, line.reported, line.approved, line.remaining])
        for cell in ws[ws.max_row][1:]:
            cell.number_format = EURO_FORMAT
    ws.append(
        [
            "Totale",
            report.budget_total,
            report.reported_total,
            report.approved_total,
            report.budget_total - report.reported_total,
        ]
    )
    for cell in ws[ws.max_row][1:]:
        cell.number_format = EURO_FORMAT
    ws.append([])
    ws.append(["Contributo concesso", project.contribution_granted or Decimal(0)])
    ws.append(["Contributo dovuto sulle spese approvate", report.contribution_due])
    ws.append(["Tranche pagate", report.paid])
    for row in ws.iter_rows(min_row=ws.max_row - 2, max_row=ws.max_row, min_col=2, max_col=2):
        row[0].number_format = EURO_FORMAT
    ws.append(["Quota di cofinanziamento sulle spese approvate (%)", report.cofinancing_share])
    ws.column_dimensions["A"].width = 50
    for column in "BCDE":
        ws.column_dimensions[column].width = 18
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def project_report_pdf(report: "ProjectReport") -> bytes:
    html = render_to_string("funding/project_report_pdf.html", {"report": report, "project": report.project})
    return html_to_pdf(html)


class AllocationExporter(Exporter[Allocation]):
    """An allocation with its lines and inputs (the table of the decree)."""

    name = "funding.allocation"
    verbose_name = _("Riparto")
    formats = ("xlsx", "pdf")

    def render(self, actor: Actor, obj: Allocation, fmt: str) -> ExportFile:
        content = allocation_xlsx(obj) if fmt == "xlsx" else allocation_pdf(obj)
        return ExportFile(f"riparto-{obj.pk}.{fmt}", CONTENT_TYPES[fmt], content=content)


class ProjectReportExporter(Exporter[Project]):
    """A project's report: budget against actual expenses and the contribution due."""

    name = "funding.project_report"
    verbose_name = _("Rendiconto del progetto")
    formats = ("xlsx", "pdf")

    def render(self, actor: Actor, obj: Project, fmt: str) -> ExportFile:
        report = project_report(project=obj)
        content = project_report_xlsx(report) if fmt == "xlsx" else project_report_pdf(report)
        return ExportFile(f"rendiconto-progetto-{obj.pk}.{fmt}", CONTENT_TYPES[fmt], content=content)

    def audit(self, actor: Actor, obj: Project, fmt: str) -> None:
        audit_record(actor=actor, obj=obj, verb=f"exported_report_{fmt}")
