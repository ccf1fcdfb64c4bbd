"""Printed documents: every PDF extends `templates/pdf/base.html` (A4, the ATS logo — or its name
in the logo's place until the Regione uploads one —, the generation date dd/mm/yyyy, "Pagina N di M"
from CSS @page counters, and the funding sentence the decree requires) and is rendered here.

The sentences are the decrees' own words, to be printed as they are (never translated):
- D.G.R. 1507/2023, Allegato A, § 3.3 «Caratteristiche delle sedi e azioni di comunicazione»:
  every product of the Centres «deve riportare il logo dell'ATS e la frase "Finanziato da Regione
  Lombardia con il Fondo per le politiche della famiglia della Presidenza del Consiglio dei ministri"»;
- D.G.R. XII/5464 del 09/12/2025, § 4.5 «Pubblicizzazione del contributo» (Piani di conciliazione):
  «il logo dell'ATS e la frase "Intervento finanziato con il contributo di Regione Lombardia"»."""

import datetime as dt
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from common.formatting import format_date
from common.pdf import html_to_pdf
from territory.models import Ats

CPF_FUNDING_SENTENCE = (
    "Finanziato da Regione Lombardia con il Fondo per le politiche della famiglia "
    "della Presidenza del Consiglio dei ministri"
)
CONCILIAZIONE_FUNDING_SENTENCE = "Intervento finanziato con il contributo di Regione Lombardia"
REGION_NAME = "Regione Lombardia"


def logo_uri(ats: Ats | None) -> str | None:
    """A file:// URI WeasyPrint can load, or None when the Regione has not uploaded the logo."""
    if ats is None or not ats.logo:
        return None
    try:
        return Path(ats.logo.path).as_uri()
    except (NotImplementedError, ValueError):
        return None


def page_counter_css() -> SafeString:
    """The CSS `content` value of "Pagina N di M" in the active language, from one gettext string."""
    text = "".join(c for c in gettext("Pagina %(page)s di %(pages)s") if c not in '"\\<>&')
    css = '"' + text.replace("%(page)s", '" counter(page) "').replace("%(pages)s", '" counter(pages) "') + '"'
    return mark_safe(css)  # noqa: S308 - quotes, backslashes and markup removed above


def document_context(
    *,
    title: str,
    ats: Ats | None = None,
    funding_sentence: str = CPF_FUNDING_SENTENCE,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """What the base template needs: the issuing body (the ATS, or the Regione for regional
    documents such as an allocation among the ATS), its logo, the date and the sentence."""
    return {
        "doc_title": title,
        "issuer": ats.name if ats is not None else REGION_NAME,
        "logo_uri": logo_uri(ats),
        "generated_on": format_date(today or timezone.localdate()),
        "funding_sentence": funding_sentence,
        "page_counter": page_counter_css(),
    }


def render_document(template: str, context: dict[str, Any]) -> str:
    return render_to_string(template, context)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Raises common.pdf.PdfUnavailable without Pango (core.exports turns it into a message)."""
    return html_to_pdf(render_document(template, context))
