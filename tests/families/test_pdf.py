import contextlib

from families import exporters
from families.services import schede
from tests.families.helpers import make_family
from tests.personas import Personas


def test_printable_scheda_carries_the_ats_and_the_funding_sentence(personas: Personas) -> None:
    scheda = schede.scheda_open(actor=personas.op_a1, family=make_family(personas), access_reason="altro")
    html = exporters.scheda_html(scheda)
    assert personas.ats_a_obj.name in html
    assert "Fondo per le politiche della famiglia della Presidenza del Consiglio dei ministri" in html
    with contextlib.suppress(exporters.PdfUnavailable):  # no Pango on this machine
        assert exporters.scheda_pdf(scheda).startswith(b"%PDF")
