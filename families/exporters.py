"""The printable scheda for the family (WeasyPrint, imported lazily: it loads Pango)."""

from django.template.loader import render_to_string

from families.models import Scheda

FUNDING_SENTENCE = (
    "Finanziato da Regione Lombardia con il Fondo per le politiche della famiglia "
    "della Presidenza del Consiglio dei ministri"
)


class PdfUnavailable(RuntimeError):
    """WeasyPrint needs the system's Pango library."""


def scheda_html(scheda: Scheda) -> str:
    return render_to_string(
        "families/scheda_pdf.html",
        {"scheda": scheda, "ats": scheda.family.seat.centre.ats, "funding_sentence": FUNDING_SENTENCE},
    )


def scheda_pdf(scheda: Scheda) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as exc:
        raise PdfUnavailable("Pango non installato") from exc
    return bytes(HTML(string=scheda_html(scheda)).write_pdf())
