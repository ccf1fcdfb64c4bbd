"""Compliance checker on the registry (fixtures with known answers), the ATS/Region overview, and
the carta dei servizi: generated from the registry, PDF text checked, versioned, published by the
coordinator, flagged out of date when the registry changes."""

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from audit.models import AuditEntry
from directory import carta as carta_service
from directory import quality
from network import compliance as c
from network import models as nm
from tests import factories as f
from tests.personas import Personas

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def outcomes(centre: nm.Centre) -> dict[str, str]:
    centre = nm.Centre.objects.get(pk=centre.pk)
    return {check.code: check.outcome.value for check in c.evaluate(quality.centre_facts(centre, TODAY)).checks}


def complete(p: Personas) -> None:
    """Bring centre A up to the decree: 18 h across seats, roles, profiles, services, protocols."""
    f.OpeningSlotFactory(seat=p.hub_a, weekday=1, opens=dt.time(9), closes=dt.time(18))  # 9 h
    f.OpeningSlotFactory(seat=p.spoke_a1, weekday=2, opens=dt.time(14), closes=dt.time(19))  # 5 h (+4 Monday)
    coordinator = f.StaffMemberFactory(
        centre=p.centre_a, profile="pedagogista", hub_role="coordinatore", qualification="Laurea in pedagogia"
    )
    admin = f.StaffMemberFactory(centre=p.centre_a, profile="amministrativo", hub_role="referente_amministrativo")
    coordinator.seats.add(p.hub_a)
    admin.seats.add(p.hub_a)
    for profile in ("psicologo", "mediatore_familiare", "educatore"):
        f.StaffMemberFactory(centre=p.centre_a, profile=profile)
    parenting = f.ServiceAreaFactory(code="sostegno-genitorialita", name="Sostegno alla genitorialità")
    community = f.ServiceAreaFactory(code="risorse-famiglia-comunita", name="Risorse familiari", level="base")
    f.ServiceOfferingFactory(seat=p.hub_a, area=parenting, name="Spazio genitori")
    f.ServiceOfferingFactory(seat=p.hub_a, area=community, name="Gruppo caregiver", description="Per chi assiste")


def test_known_answers_for_a_centre_before_and_after(personas: Personas) -> None:
    # As the personas build it: 4 hours (two seats open Monday 9–13 count once), no Hub roles...
    assert outcomes(personas.centre_a) == {
        "hub_roles": "fail",
        "spokes_no_coordination": "missing",
        "opening_hours": "fail",
        "basic_services": "fail",
        "caregiver_action": "fail",
        "profiles": "fail",
        "protocols": "pass",
        "carta": "fail",
    }
    complete(personas)
    result = outcomes(personas.centre_a)
    assert {k for k, v in result.items() if v != "pass"} == {"carta"}
    partner = f.EnteFactory(name="Comune partner")
    personas.centre_a.partners.add(partner)
    assert outcomes(personas.centre_a)["protocols"] == "fail"
    personas.protocol_a.parties.add(partner)
    assert outcomes(personas.centre_a)["protocols"] == "pass"


def test_carta_generated_published_pdf_and_out_of_date(personas: Personas) -> None:
    complete(personas)
    personas.hub_a.access_modes = "Accesso libero il martedì"
    personas.hub_a.save()
    with pytest.raises(PermissionDenied):
        carta_service.publish(
            actor=personas.admin_a, carta=carta_service.generate(actor=personas.coord_a, centre=personas.centre_a)
        )
    first = carta_service.generate(actor=personas.coord_a, centre=personas.centre_a)
    assert first.number == 2
    carta_service.publish(actor=personas.coord_a, carta=first)
    assert outcomes(personas.centre_a)["carta"] == "pass"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(carta_service.pdf(first))).pages)
    flat = " ".join(text.split())
    assert "Carta dei servizi — Centro A" in flat
    assert "Hub A" in flat and "Spoke A1" in flat and "Accesso libero il martedì" in flat
    assert "Gruppo caregiver" in flat and "Protocollo" in flat
    assert f"versione 2 del {TODAY:%d/%m/%Y}" in flat and "Pagina 1 di" in flat
    assert "Finanziato da Regione Lombardia con il Fondo per le politiche della famiglia" in flat
    # the registry changes after publication: the carta is flagged out of date
    personas.hub_a.phone = "02 9999999"
    personas.hub_a.save()
    assert not carta_service.is_current(first)
    assert outcomes(personas.centre_a)["carta"] == "fail"


def test_carta_pages_and_public_link(client: Client, personas: Personas) -> None:
    client.force_login(personas.coord_a)
    assert client.post(f"/mappatura/qualita/carta/{personas.centre_a.pk}/", {"action": "generate"}).status_code == 302
    carta = personas.centre_a.carte.get()
    assert client.get(f"/mappatura/carta-dei-servizi/{personas.centre_a.pk}/").status_code == 404  # not published
    client.post(f"/mappatura/qualita/carta/{personas.centre_a.pk}/", {"action": "publish", "carta": carta.pk})
    assert client.get(f"/mappatura/qualita/carta/{personas.centre_b.pk}/").status_code == 404
    client.logout()
    public = client.get(f"/mappatura/carta-dei-servizi/{personas.centre_a.pk}/")
    assert public.status_code == 200 and "Carta dei servizi — Centro A" in public.content.decode()
    pdf = client.get(f"/mappatura/carta-dei-servizi/{personas.centre_a.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    seat_page = client.get(f"/sedi/{personas.hub_a.pk}/").content.decode()  # linked from the portal's seat pages
    assert f'href="/mappatura/carta-dei-servizi/{personas.centre_a.pk}/"' in seat_page
    assert (
        f"/mappatura/carta-dei-servizi/{personas.centre_b.pk}/"
        not in client.get(f"/sedi/{personas.hub_b.pk}/").content.decode()
    )
    assert pdf["Content-Disposition"].startswith("inline;")  # shown in the browser
    assert not AuditEntry.objects.filter(action="directory.carta.exported_pdf").exists()  # a public document
    client.force_login(personas.coord_a)
    assert client.get(f"/mappatura/qualita/carta/versione/{carta.pk}/pdf/").status_code == 200
    entry = AuditEntry.objects.get(action="directory.carta.exported_pdf")
    assert (entry.actor, entry.object_id) == (personas.coord_a, str(carta.pk))
    client.force_login(personas.admin_a)
    page = client.get(f"/mappatura/qualita/carta/{personas.centre_a.pk}/").content.decode()
    assert "Genera una nuova versione" not in page
    assert client.post(f"/mappatura/qualita/carta/{personas.centre_a.pk}/", {"action": "generate"}).status_code == 403


OVERVIEW = {
    "regione": {"Centro A", "Centro B"},
    "ats_a": {"Centro A"},
    "coord_a": {"Centro A"},
    "auditor": {"Centro A", "Centro B"},
}


@pytest.mark.parametrize("persona", ["regione", "ats_a", "ats_b", "coord_a", "admin_a", "op_a1", "auditor"])
def test_compliance_overview_by_role(client: Client, personas: Personas, persona: str) -> None:
    client.force_login(getattr(personas, persona))
    response = client.get("/mappatura/qualita/conformita/")
    if persona in OVERVIEW or persona == "ats_b":
        assert response.status_code == 200
        html = response.content.decode()
        expected = OVERVIEW.get(persona, {"Centro B"})
        assert {name for name in ("Centro A", "Centro B") if name in html} == expected
        assert "All. A § 3.3" in html
    else:
        assert response.status_code == 403


def test_overview_query_count_does_not_grow_with_centres(
    personas: Personas, django_assert_max_num_queries: Any
) -> None:
    for n in range(5):
        centre = f.CentreFactory(name=f"Centro extra {n}", ats=personas.ats_a_obj)
        seat = f.SeatFactory(centre=centre, kind="hub", comune=personas.milano)
        f.OpeningSlotFactory(seat=seat)
        f.StaffMemberFactory(centre=centre).seats.add(seat)
    with django_assert_max_num_queries(60):
        groups = quality.overview(personas.regione, TODAY)
    assert sum(len(g["centres"]) for g in groups) == 7


def test_unknown_centre_is_404(personas: Personas) -> None:
    from accounts import scoping

    with pytest.raises(Http404):
        scoping.get_for_user(personas.coord_a, nm.Centre.objects.all(), personas.centre_b.pk)
