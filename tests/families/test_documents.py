"""Documents a family receives, generated for real and read back as text (pypdf): the scheda PDF
(needs, interventions, the Centre's contacts, the next appointment, signatures) and the data
export (GDPR art. 15 and 20) with Italian labels, codes by their names, dates dd/mm/yyyy, plus
the JSON alongside. Both carry the shared PDF frame: the ATS (logo or name), generation date,
"Pagina N di M" and the sentence of D.G.R. 1507/2023, Allegato A, § 3.3."""

import datetime as dt
import io
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from audit.models import AuditEntry
from common.formatting import format_date
from core.documents import CPF_FUNDING_SENTENCE
from families import codes, exporters
from families.models import Family, Scheda
from families.services import consent, contacts, followups, referrals, schede
from tests.families.helpers import CHILD_CF, make_family
from tests.personas import Personas


def _pango_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


pytestmark = pytest.mark.skipif(not _pango_available(), reason="WeasyPrint/Pango non installati su questa macchina")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _text(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    # Words broken across lines by the table layout are joined back for the assertions.
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


def _family_with_a_history(p: Personas) -> tuple[Family, Scheda]:
    family = make_family(p, fiscal_code=CHILD_CF)
    contacts.contact_log(
        actor=p.op_a1, seat=p.spoke_a1, family=family, channel="telefono", reason="altro", date=dt.date(2026, 1, 12)
    )
    consent.consent_record(
        actor=p.op_a1,
        family=family,
        purpose="condivisione",
        legal_basis="consenso",
        recipient_destination=p.destination_a,
        given_on=dt.date(2026, 1, 12),
    )
    scheda = schede.scheda_open(
        actor=p.op_a1,
        family=family,
        access_reason="altro",
        access_reason_text="Orari di lavoro difficili da conciliare",
        needs=[codes.Need.PARENTING_SKILLS, codes.Need.INFORMATION],
    )
    schede.intervention_add(
        actor=p.op_a1, scheda=scheda, activity="Gruppo di parola per genitori", start_date=dt.date(2026, 1, 19)
    )
    referrals.referral_send(actor=p.op_a1, family=family, destination=p.destination_a, reason="altro")
    review = timezone.localdate() + dt.timedelta(days=20)
    followups.followup_open(
        actor=p.op_a1, scheda=scheda, plan="Piano condiviso", review_on=review, destinations=[p.destination_a]
    )
    p.spoke_a1.phone, p.spoke_a1.email = "02 1234567", "spoke.a1@example.org"
    p.spoke_a1.save(update_fields=["phone", "email"])
    scheda.refresh_from_db()
    return family, scheda


def _frame(text: str, p: Personas) -> None:
    """What every PDF of the platform carries."""
    assert p.ats_a_obj.name in text  # no logo uploaded: the ATS name stands in its place
    assert re.sub(r"\s+", " ", CPF_FUNDING_SENTENCE) in text
    assert f"Documento generato il {format_date(timezone.localdate())}" in text
    assert "Pagina 1 di" in text
    assert not ISO_DATE.search(text)
    for raw in ("True", "False", "None", "[", "{'"):
        assert raw not in text


def test_scheda_pdf_has_needs_interventions_contacts_next_appointment_and_signatures(
    personas: Personas, client: Client
) -> None:
    family, scheda = _family_with_a_history(personas)
    client.force_login(personas.op_a1)
    response = client.get(reverse("families:scheda_pdf", args=[scheda.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    _frame(text, personas)
    assert f"Scheda progettuale — {family.code}" in text
    assert "Competenze genitoriali" in text and "Informazione e orientamento ai servizi" in text  # needs by name
    assert "competenze_genitoriali" not in text
    assert "Gruppo di parola per genitori" in text and "19/01/2026" in text
    assert "Contatti del Centro" in text and "02 1234567" in text and "spoke.a1@example.org" in text
    review = format_date(timezone.localdate() + dt.timedelta(days=20))
    assert f"Prossimo appuntamento {review} — verifica del percorso integrato" in text
    assert "Firma del genitore o del referente del nucleo" in text and "Firma dell'operatore del Centro" in text
    assert AuditEntry.objects.filter(action="families.scheda.printed", object_id=str(scheda.pk)).exists()


def test_without_an_appointment_the_scheda_says_to_agree_one(personas: Personas) -> None:
    scheda = schede.scheda_open(actor=personas.op_a1, family=make_family(personas), access_reason="altro")
    text = _text(exporters.scheda_pdf(scheda))
    assert "Da concordare con l'operatore di riferimento." in text


def test_family_export_pdf_is_in_italian_with_labels_and_translated_codes(personas: Personas, client: Client) -> None:
    family, _scheda = _family_with_a_history(personas)
    client.force_login(personas.op_a1)
    response = client.get(reverse("families:family_export_pdf", args=[family.pk]))
    assert response.status_code == 200
    text = _text(response.content)
    _frame(text, personas)
    for label in (
        "Codice pseudonimo",
        "Sede di accoglienza",
        "Ruolo nel nucleo",
        "Data di nascita",
        "Codice fiscale",
        "Canale",
        "Finalità",
        "Base giuridica",
        "Data del consenso",
        "Destinatario",
        "Inviato il",
        "Urgenza",
        "Motivo dell'accesso",
        "Bisogni principali",
        "Servizi partner",
    ):
        assert label in text, label
    for code in ("residence_kind", "birth_date", "condivisione", "competenze_genitoriali", "figlio"):
        assert code not in text, code
    assert "Condivisione con un ente o categoria di enti" in text  # the purpose by its name
    assert "01/02/2015" in text and "12/01/2026" in text  # dates as dd/mm/yyyy
    assert CHILD_CF in text and "Bimba" in text
    assert personas.destination_a.name in text
    assert "art. 15" in text and "art. 20" in text


def test_family_export_json_is_machine_readable_with_the_labels_alongside(personas: Personas, client: Client) -> None:
    family, _scheda = _family_with_a_history(personas)
    client.force_login(personas.op_a1)
    response = client.get(reverse("families:family_export", args=[family.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["code"] == family.code
    assert data["members"][0]["birth_date"] == "2015-02-01"  # ISO for machines
    assert data["scheda"]["needs"] == ["competenze_genitoriali", "informazione"]
    assert data["labels"]["members"]["birth_date"] == "data di nascita"
    assert data["labels"]["scheda"]["needs"] == "bisogni principali"
    assert set(data["labels"]) >= {"members", "contacts", "consents", "referrals", "scheda", "followups"}


def test_other_centres_cannot_print_or_export(personas: Personas, client: Client) -> None:
    family, scheda = _family_with_a_history(personas)
    client.force_login(personas.op_b)
    assert client.get(reverse("families:scheda_pdf", args=[scheda.pk])).status_code == 404
    assert client.get(reverse("families:family_export_pdf", args=[family.pk])).status_code == 404
    assert client.get(reverse("families:family_export", args=[family.pk])).status_code == 404


def test_an_uploaded_logo_replaces_the_name_placeholder(personas: Personas) -> None:
    from django.core.files.base import ContentFile

    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00"
        b"\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    personas.ats_a_obj.logo.save("logo.png", ContentFile(png), save=True)
    scheda = schede.scheda_open(actor=personas.op_a1, family=make_family(personas), access_reason="altro")
    html = exporters.scheda_html(scheda)
    assert 'class="logo-placeholder"' not in html and '<img src="file://' in html
