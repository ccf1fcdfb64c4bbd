"""Exports of an allocation (XLSX with openpyxl, PDF with WeasyPrint), built on the selectors."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from accounts.types import Actor
from common.formatting import format_eur
from common.xlsx import Book, Column
from core.documents import document_context, render_pdf
from core.exports import CONTENT_TYPES, Exporter, ExportFile
from core.records import audit_record
from funding.models import Allocation, Project
from funding.reporting import ProjectReport, project_report
from funding.selectors import allocation_table

COMPONENT_LABELS = {
    "population": "quota popolazione",
    "equal": "quota in parti uguali",
    "weights": "quota a pesi",
    "fixed": "importi fissi",
}


def component_label(spec: dict[str, object]) -> str:
    text = COMPONENT_LABELS.get(str(spec.get("kind")), str(spec.get("kind")))
    return f"{text} {spec.get('share')}%"


def rounding_note(allocation: Allocation) -> str:
    """Why a line may differ by a cent (or a rounding unit) from its exact share."""
    return str(
        _(
            "Arrotondamento: ogni ATS riceve la parte intera della sua quota esatta in unità di %(unit)s; "
            "le unità che restano vanno alle quote con i resti più grandi (metodo dei resti più grandi, "
            "Hamilton). Così la somma è esattamente il totale e ogni importo si scosta dalla quota esatta "
            "di meno di %(unit)s: una differenza di un centesimo rispetto al calcolo riga per riga è voluta."
        )
        % {"unit": format_eur(allocation.rounding_unit)}
    )


def allocation_xlsx(allocation: Allocation) -> bytes:
    table = allocation_table(allocation=allocation)
    book = Book()
    sheet = book.sheet(str(_("Riparto")))
    sheet.title(f"{allocation.label} — {allocation.fund}")
    sheet.pairs(
        [
            (str(_("Totale da ripartire")), allocation.total, "eur"),
            (str(_("Unità di arrotondamento")), allocation.rounding_unit, "eur"),
            (str(_("Criteri")), "; ".join(component_label(c) for c in allocation.components), "text"),
        ]
    )
    sheet.blank()
    columns = [
        Column(str(_("Codice ATS"))),
        Column(str(_("ATS"))),
        *[Column(component_label(c), "eur") for c in allocation.components],
        Column(str(_("Quota esatta")), "decimal"),
        Column(str(_("Importo assegnato")), "eur"),
    ]
    rows = [
        [line.ats.code, line.ats.name, *[Decimal(a) for a in line.component_amounts], line.raw_quota, line.amount]
        for line in table["lines"]
    ]
    totals = ["", str(_("Totale")), *[None] * len(allocation.components), None, table["total_assigned"]]
    sheet.table(columns, rows, totals=totals)
    sheet.blank()
    sheet.note(rounding_note(allocation))
    return book.bytes()


def allocation_pdf(allocation: Allocation) -> bytes:
    context = {
        # A riparto among the ATS is the Regione's document: its name stands in the header.
        **document_context(title=f"{_('Riparto tra le ATS')} — {allocation.label}"),
        "allocation": allocation,
        **allocation_table(allocation=allocation),
        "criteria": [component_label(c) for c in allocation.components],
    }
    return render_pdf("funding/allocation_pdf.html", context)


def project_report_xlsx(report: "ProjectReport") -> bytes:
    project = report.project
    book = Book()
    sheet = book.sheet(str(_("Rendiconto")))
    sheet.title(f"{_('Rendiconto')} — {project.title}")
    sheet.line(str(_("Centro")), str(project.centre))
    sheet.line(str(_("Avviso")), str(project.call))
    sheet.blank()
    columns = [
        Column(str(_("Voce"))),
        Column(str(_("Budget")), "eur"),
        Column(str(_("Rendicontato")), "eur"),
        Column(str(_("Approvato")), "eur"),
        Column(str(_("Residuo")), "eur"),
    ]
    rows = [[line.label, line.budget, line.reported, line.approved, line.remaining] for line in report.lines]
    totals = [
        str(_("Totale")),
        report.budget_total,
        report.reported_total,
        report.approved_total,
        report.budget_total - report.reported_total,
    ]
    sheet.table(columns, rows, totals=totals)
    sheet.blank()
    sheet.pairs(
        [
            (str(_("Contributo concesso")), project.contribution_granted or Decimal(0), "eur"),
            (str(_("Contributo dovuto sulle spese approvate")), report.contribution_due, "eur"),
            (str(_("Tranche pagate")), report.paid, "eur"),
            (str(_("Quota di cofinanziamento sulle spese approvate")), report.cofinancing_share, "percent"),
        ]
    )
    return book.bytes()


def project_report_pdf(report: "ProjectReport") -> bytes:
    project = report.project
    context = {
        **document_context(title=f"{_('Rendiconto')} — {project.title}", ats=project.centre.ats),
        "report": report,
        "project": project,
    }
    return render_pdf("funding/project_report_pdf.html", context)


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
