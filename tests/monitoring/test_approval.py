"""The validation workflow for every role (submit → approve → accept, reopen with a reason), the
snapshot of approved figures, and the lock on records dated in an approved period."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from families.services.contacts import contact_log
from monitoring import approval as workflow
from monitoring.models import Approval
from monitoring.periods import month, year
from tests.monitoring.fixtures import World, build, confirm_seats
from tests.personas import Personas

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def world(personas: Personas) -> World:
    return build(personas)


def _submitted(p: Personas) -> Approval:
    confirm_seats(p, year(2025), TODAY)
    return workflow.submit(actor=p.coord_a, centre_id=p.centre_a.pk, period=year(2025), today=TODAY)


def test_the_whole_path_keeps_the_figures_as_approved(personas: Personas, world: World) -> None:
    p = personas
    a = _submitted(p)
    assert a.state == Approval.State.SUBMITTED
    assert a.submitted_figures["accessi_fisici"]["centre"] == 4
    assert a.submitted_figures["persone_raggiunte"]["centre"] == 2
    assert a.submitted_figures["persone_raggiunte"]["seats"] == {str(p.spoke_a1.pk): 1, str(p.hub_a.pk): 2}
    a = workflow.approve(actor=p.ats_a, approval=a)
    assert a.state == Approval.State.APPROVED and a.approved_figures == a.submitted_figures
    a = workflow.accept(actor=p.regione, approval=a)
    assert a.state == Approval.State.ACCEPTED
    assert [s.step for s in a.steps.all()] == ["submitted", "approvato", "accettato"]


@pytest.mark.parametrize("persona", ["regione", "ats_a", "ats_b", "admin_a", "op_a1", "op_b", "auditor"])
def test_only_the_hub_coordinator_submits(personas: Personas, world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        workflow.submit(
            actor=getattr(personas, persona), centre_id=personas.centre_a.pk, period=year(2025), today=TODAY
        )
    assert not Approval.objects.exists()  # nothing stored half-way


@pytest.mark.parametrize("persona", ["regione", "ats_b", "coord_a", "admin_a", "op_a1", "op_b", "auditor"])
def test_only_the_centres_ats_approves(personas: Personas, world: World, persona: str) -> None:
    a = _submitted(personas)
    with pytest.raises(PermissionDenied):
        workflow.approve(actor=getattr(personas, persona), approval=a)


@pytest.mark.parametrize("persona", ["ats_a", "ats_b", "coord_a", "admin_a", "op_a1", "op_b", "auditor"])
def test_only_the_region_accepts(personas: Personas, world: World, persona: str) -> None:
    a = workflow.approve(actor=personas.ats_a, approval=_submitted(personas))
    with pytest.raises(PermissionDenied):
        workflow.accept(actor=getattr(personas, persona), approval=a)


def test_steps_out_of_order_are_refused_in_italian(personas: Personas, world: World) -> None:
    p = personas
    with pytest.raises(ValidationError, match="non è ancora concluso"):
        workflow.submit(actor=p.coord_a, centre_id=p.centre_a.pk, period=year(2026), today=TODAY)
    a = _submitted(p)
    with pytest.raises(ValidationError, match="già stato inviato"):
        workflow.submit(actor=p.coord_a, centre_id=p.centre_a.pk, period=year(2025), today=TODAY)
    with pytest.raises(ValidationError, match="già approvato dall'ATS"):
        workflow.accept(actor=p.regione, approval=a)
    a = workflow.approve(actor=p.ats_a, approval=a)
    with pytest.raises(ValidationError, match="solo un periodo inviato"):
        workflow.approve(actor=p.ats_a, approval=a)


def test_an_approved_period_locks_the_centres_records_until_reopened(personas: Personas, world: World) -> None:
    p = personas
    a = workflow.approve(actor=p.ats_a, approval=_submitted(p))
    with pytest.raises(ValidationError, match="è stato approvato"):
        contact_log(actor=p.op_a1, seat=p.spoke_a1, channel="presenza", reason="informazioni", date=dt.date(2025, 5, 2))
    # Another Centre, or another year, is not locked.
    contact_log(actor=p.op_b, seat=p.hub_b, channel="presenza", reason="informazioni", date=dt.date(2025, 5, 2))
    contact_log(actor=p.op_a1, seat=p.spoke_a1, channel="presenza", reason="informazioni", date=dt.date(2026, 1, 2))
    with pytest.raises(ValidationError, match="motivo"):
        workflow.reopen(actor=p.ats_a, approval=a, reason="  ")
    with pytest.raises(PermissionDenied):
        workflow.reopen(actor=p.coord_a, approval=a, reason="errore")
    a = workflow.reopen(actor=p.ats_a, approval=a, reason="Contatti di maggio mancanti")
    assert a.state == Approval.State.OPEN and a.approved_figures == {}
    contact_log(actor=p.op_a1, seat=p.spoke_a1, channel="presenza", reason="informazioni", date=dt.date(2025, 5, 2))
    # Resubmitted: the ATS sees what changed since the previous submission.
    a = _submitted(p)
    assert a.previous_figures["accessi_fisici"]["centre"] == 4 and a.submitted_figures["accessi_fisici"]["centre"] == 5


def test_an_accepted_period_is_reopened_only_by_the_region(personas: Personas, world: World) -> None:
    p = personas
    a = workflow.accept(actor=p.regione, approval=workflow.approve(actor=p.ats_a, approval=_submitted(p)))
    with pytest.raises(ValidationError, match="solo dalla Regione"):
        workflow.reopen(actor=p.ats_a, approval=a, reason="x")
    assert workflow.reopen(actor=p.regione, approval=a, reason="Revisione regionale").state == Approval.State.OPEN


def test_a_month_inside_an_approved_year_cannot_be_submitted_apart(personas: Personas, world: World) -> None:
    p = personas
    workflow.approve(actor=p.ats_a, approval=_submitted(p))
    with pytest.raises(ValidationError, match="già stata approvata"):
        workflow.submit(actor=p.coord_a, centre_id=p.centre_a.pk, period=month(2025, 3), today=TODAY)


PAGES_VISIBLE = {
    "regione": True,
    "auditor": True,
    "ats_a": True,
    "ats_b": False,
    "coord_a": True,
    "admin_a": True,
    "op_a1": True,
    "op_b": False,
}


@pytest.mark.parametrize("persona", list(PAGES_VISIBLE))
def test_approval_pages_by_role(personas: Personas, world: World, client: Client, persona: str) -> None:
    a = _submitted(personas)
    client.force_login(getattr(personas, persona))
    assert client.get("/monitoraggio/validazione/").status_code == 200
    assert client.get(f"/monitoraggio/validazione/{a.pk}/").status_code == (200 if PAGES_VISIBLE[persona] else 404)
    response = client.post(f"/monitoraggio/validazione/{a.pk}/approve/")
    a.refresh_from_db()
    if persona == "ats_a":
        assert a.state == Approval.State.APPROVED
    else:
        assert response.status_code in (302, 403, 404) and a.state == Approval.State.SUBMITTED


def test_the_coordinator_submits_from_the_page_and_bad_input_is_a_message(
    personas: Personas, world: World, client: Client
) -> None:
    client.force_login(personas.coord_a)
    bad = client.post(
        "/monitoraggio/validazione/invia/", {"centre": personas.centre_a.pk, "periodo": "2025-99"}, follow=True
    )
    assert "Periodo non valido" in bad.content.decode() and not Approval.objects.exists()
    confirm_seats(personas, year(2025), dt.date.today())  # noqa: DTZ011 - the view submits as of today
    ok = client.post(
        "/monitoraggio/validazione/invia/", {"centre": personas.centre_a.pk, "periodo": "2025"}, follow=True
    )
    assert ok.status_code == 200 and Approval.objects.get().state == Approval.State.SUBMITTED
    other = client.post("/monitoraggio/validazione/invia/", {"centre": personas.centre_b.pk, "periodo": "2025"})
    assert other.status_code == 404
