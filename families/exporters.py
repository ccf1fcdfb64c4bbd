"""The printable scheda for the family (WeasyPrint, imported lazily: it loads Pango)."""

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from common.pdf import PdfUnavailable as PdfUnavailable  # re-exported: the views catch exporters.PdfUnavailable
from common.pdf import html_to_pdf
from families.models import Scheda
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
