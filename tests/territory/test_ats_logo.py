"""ATS logos: uploaded by the Regione, printed on the family's scheda (D.G.R. 1507/2023 § 3.3)."""

import base64

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from families import exporters
from families.services import schede
from tests.families.helpers import make_family
from tests.personas import Personas

# A 1×1 transparent PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def test_regione_uploads_the_logo_and_the_scheda_prints_it(personas: Personas, client: Client) -> None:
    ats = personas.ats_a_obj
    client.force_login(personas.ats_a)
    assert client.get(f"/territorio/ats/{ats.pk}/modifica/").status_code == 403
    client.force_login(personas.regione)
    response = client.post(
        f"/territorio/ats/{ats.pk}/modifica/",
        {"logo": SimpleUploadedFile("logo.png", PNG, "image/png"), "version": ats.version},
    )
    assert response.status_code == 302
    ats.refresh_from_db()
    assert ats.logo.name.endswith(".png")

    family = make_family(personas)
    scheda = schede.scheda_open(actor=personas.op_a1, family=family, access_reason="informazioni")
    html = exporters.scheda_html(scheda)
    assert "file://" in html and 'alt="ATS della Città Metropolitana di Milano"' in html


def test_a_logo_must_be_an_image(personas: Personas, client: Client) -> None:
    client.force_login(personas.regione)
    response = client.post(
        f"/territorio/ats/{personas.ats_a_obj.pk}/modifica/",
        {"logo": SimpleUploadedFile("logo.exe", b"MZ", "application/octet-stream")},
    )
    assert response.status_code == 200
    assert "Tipo di file non ammesso: sono accettati solo file PNG, JPEG" in response.content.decode()
