"""The printable scheda for the family (WeasyPrint, imported lazily: it loads Pango)."""

import json
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from accounts.types import Actor
from common.pdf import PdfUnavailable as PdfUnavailable  # re-exported for callers of this module
from common.pdf import html_to_pdf
from core.exports import CONTENT_TYPES, PDF, Exporter, ExportFile
from core.records import audit_record
from families.models import Family, Scheda
from territory.models import Ats

FUNDING_SENTENCE = (
    "Finanziato da Regione Lombardia con il Fondo per le politiche della famiglia "
    "della Presidenza del Consiglio dei ministri"
)


def logo_uri(ats: Ats) -> str | None:
    """A file:// URI WeasyPrint can load, or None when the Regione has not uploaded the logo."""
    if not ats.logo:
        return None
    try:
        return Path(ats.logo.path).as_uri()
    except (NotImplementedError, ValueError):
        return None


def scheda_html(scheda: Scheda) -> str:
    return render_to_string(
        "families/scheda_pdf.html",
        {
            "scheda": scheda,
            "ats": scheda.family.seat.centre.ats,
            "logo_uri": logo_uri(scheda.family.seat.centre.ats),
            "funding_sentence": FUNDING_SENTENCE,
        },
    )


def scheda_pdf(scheda: Scheda) -> bytes:
    return html_to_pdf(scheda_html(scheda))


def _sections(data: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The export's lists (and the scheda, as a one-row list) for a plain tabular rendering."""
    sections: list[tuple[str, list[dict[str, Any]]]] = []
    for key, value in data.items():
        if isinstance(value, list):
            sections.append((key, value))
        elif isinstance(value, dict):
            sections.append((key, [value]))
    return sections


def family_export_html(data: dict[str, Any], ats_name: str) -> str:
    header = {k: v for k, v in data.items() if not isinstance(v, (list, dict))}
    return render_to_string(
        "families/family_export_pdf.html",
        {"header": header, "sections": _sections(data), "ats_name": ats_name, "funding_sentence": FUNDING_SENTENCE},
    )


def family_export_pdf(data: dict[str, Any], ats_name: str) -> bytes:
    """The same content as the JSON export, printable for the family (access request, GDPR art. 15)."""
    return html_to_pdf(family_export_html(data, ats_name))


class SchedaExporter(Exporter[Scheda]):
    """The printable scheda for the family (audited as a read of the record: "printed")."""

    name = "families.scheda"
    verbose_name = _("Scheda progettuale")
    formats = ("pdf",)

    def render(self, actor: Actor, obj: Scheda, fmt: str) -> ExportFile:
        return ExportFile(f"scheda-{obj.family.code}.pdf", PDF, content=scheda_pdf(obj))

    def audit(self, actor: Actor, obj: Scheda, fmt: str) -> None:
        audit_record(actor=actor, obj=obj, verb="printed")


class FamilyExporter(Exporter[Family]):
    """Everything kept about a family, for a request of access or portability (GDPR art. 15, 20)."""

    name = "families.family"
    verbose_name = _("Dati della famiglia")
    formats = ("json", "pdf")

    def render(self, actor: Actor, obj: Family, fmt: str) -> ExportFile:
        from families.services.privacy import family_export_data

        data = family_export_data(actor=actor, family=obj)
        if fmt == "json":
            content = json.dumps(data, ensure_ascii=False, indent=2).encode()
        else:
            content = family_export_pdf(data, obj.seat.centre.ats.name)
        return ExportFile(f"famiglia-{obj.code}.{fmt}", CONTENT_TYPES[fmt], content=content)

    def audit(self, actor: Actor, obj: Family, fmt: str) -> None:
        audit_record(actor=actor, obj=obj, verb="exported")
