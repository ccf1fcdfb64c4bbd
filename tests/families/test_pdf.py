import importlib.util

import pytest
from django.test import Client
from django.urls import reverse

from families import exporters
from families.services import schede
from tests.families.helpers import make_family
from tests.personas import Personas

FUNDING = "Fondo per le politiche della famiglia della Presidenza del Consiglio dei ministri"


def test_printable_scheda_html_carries_the_ats_and_the_funding_sentence(personas: Personas) -> None:
    """No Pango needed: the HTML the PDF is made from."""
    scheda = schede.scheda_open(actor=personas.op_a1, family=make_family(personas), access_reason="altro")
    html = exporters.scheda_html(scheda)
    assert personas.ats_a_obj.name in html
    assert FUNDING in html
    assert scheda.family.code in html


def test_pdf_view_without_pango_is_a_message_not_a_500(personas: Personas, monkeypatch: pytest.MonkeyPatch) -> None:
    scheda = schede.scheda_open(actor=personas.op_a1, family=make_family(personas), access_reason="altro")

    def unavailable(_scheda: object) -> bytes:
        raise exporters.PdfUnavailable("Pango non installato")

    monkeypatch.setattr(exporters, "scheda_pdf", unavailable)
    client = Client()
    client.force_login(personas.op_a1)
    response = client.get(reverse("families:scheda_pdf", args=[scheda.pk]), follow=True)
    assert response.status_code == 200
    assert "Pango" in response.content.decode()


def _pango_available() -> bool:
    if importlib.util.find_spec("weasyprint") is None:
        return False
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _pango_available(), reason="WeasyPrint/Pango non installati su questa macchina")
def test_real_pdf_is_produced(personas: Personas) -> None:
    scheda = schede.scheda_open(actor=personas.op_a1, family=make_family(personas), access_reason="altro")
    assert exporters.scheda_pdf(scheda).startswith(b"%PDF")
