"""Seats confirm their figures before the Hub submits (issue #10 § 4), for every role; reopening
asks the seats to confirm again."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client

from audit.models import AuditEntry
from families.services.contacts import contact_log
from monitoring import approval as workflow
from monitoring.models import Approval, SeatConfirmation
from monitoring.periods import year
from tests.monitoring.fixtures import World, build, confirm_seats
from tests.personas import Personas

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def world(personas: Personas) -> World:
    return build(personas)


def test_the_hub_cannot_submit_until_every_seat_has_confirmed(personas: Personas, world: World) -> None:
    p = personas
    workflow.seat_confirm(actor=p.op_a1, seat_id=p.spoke_a1.pk, period=year(2025), today=TODAY)
    with pytest.raises(ValidationError, match="mancano Hub A, Spoke A2"):
        workflow.submit(actor=p.coord_a, centre_id=p.centre_a.pk, period=year(2025), today=TODAY)
    assert not Approval.objects.exists()  # nothing stored half-way
    confirm_seats(p, year(2025), TODAY)
    a = workflow.submit(actor=p.coord_a, centre_id=p.centre_a.pk, period=year(2025), today=TODAY)
    assert a.state == Approval.State.SUBMITTED


def test_a_confirmation_keeps_the_seats_figures_and_is_audited(personas: Personas, world: World) -> None:
    p = personas
    c = workflow.seat_confirm(actor=p.op_a1, seat_id=p.spoke_a1.pk, period=year(2025), today=TODAY)
    assert c.figures["accessi_fisici"] == 3 and c.figures["persone_raggiunte"] == 1  # F1 at spoke A1
    assert c.confirmed_by == p.op_a1
    assert AuditEntry.objects.filter(action="monitoring.seatconfirmation.confirmed").count() == 1
    # Confirmed again after a correction: the figures are refreshed, still one confirmation.
    contact_log(actor=p.op_a1, seat=p.spoke_a1, channel="presenza", reason="informazioni", date=dt.date(2025, 9, 2))
    c = workflow.seat_confirm(actor=p.op_a1, seat_id=p.spoke_a1.pk, period=year(2025), today=TODAY)
    assert c.figures["accessi_fisici"] == 4 and SeatConfirmation.objects.count() == 1


@pytest.mark.parametrize(
    ("persona", "seat", "outcome"),
    [
        ("op_a1", "spoke_a1", "ok"),
        ("coord_a", "spoke_a2", "ok"),
        ("op_a1", "hub_a", "404"),  # another seat of the same Centre
        ("op_b", "spoke_a1", "404"),
        ("ats_a", "spoke_a1", "403"),
        ("regione", "spoke_a1", "403"),
        ("admin_a", "spoke_a1", "403"),
        ("auditor", "spoke_a1", "403"),
        ("ats_b", "spoke_a1", "404"),
    ],
)
def test_who_may_confirm_a_seat(personas: Personas, world: World, persona: str, seat: str, outcome: str) -> None:
    actor, target = getattr(personas, persona), getattr(personas, seat)
    if outcome == "ok":
        workflow.seat_confirm(actor=actor, seat_id=target.pk, period=year(2025), today=TODAY)
        assert SeatConfirmation.objects.filter(seat=target).exists()
        return
    with pytest.raises(Http404 if outcome == "404" else PermissionDenied):
        workflow.seat_confirm(actor=actor, seat_id=target.pk, period=year(2025), today=TODAY)
    assert not SeatConfirmation.objects.exists()


def test_bad_periods_and_a_submitted_period_are_refused_in_italian(personas: Personas, world: World) -> None:
    p = personas
    with pytest.raises(ValidationError, match="non è ancora concluso"):
        workflow.seat_confirm(actor=p.op_a1, seat_id=p.spoke_a1.pk, period=year(2026), today=TODAY)
    confirm_seats(p, year(2025), TODAY)
    a = workflow.submit(actor=p.coord_a, centre_id=p.centre_a.pk, period=year(2025), today=TODAY)
    with pytest.raises(ValidationError, match="già inviato"):
        workflow.seat_confirm(actor=p.op_a1, seat_id=p.spoke_a1.pk, period=year(2025), today=TODAY)
    # Reopened: the seats confirm again before the next submission.
    workflow.reopen(actor=p.ats_a, approval=a, reason="Contatti mancanti")
    assert not SeatConfirmation.objects.exists()
    with pytest.raises(ValidationError, match="mancano"):
        workflow.submit(actor=p.coord_a, centre_id=p.centre_a.pk, period=year(2025), today=TODAY)


def test_the_operator_confirms_from_the_page(personas: Personas, world: World, client: Client) -> None:
    p = personas
    client.force_login(p.op_a1)
    page = client.get("/monitoraggio/validazione/")
    assert [s.name for s in page.context["seats"]] == ["Spoke A1"]
    bad = client.post(
        "/monitoraggio/validazione/conferma-sede/", {"seat": p.spoke_a1.pk, "periodo": "2099"}, follow=True
    )
    assert "nel futuro" in bad.content.decode() and not SeatConfirmation.objects.exists()
    ok = client.post(
        "/monitoraggio/validazione/conferma-sede/", {"seat": p.spoke_a1.pk, "periodo": "2025"}, follow=True
    )
    assert ok.status_code == 200 and SeatConfirmation.objects.get().seat == p.spoke_a1
    assert "Spoke A1" in ok.content.decode()
    other = client.post("/monitoraggio/validazione/conferma-sede/", {"seat": p.hub_b.pk, "periodo": "2025"})
    assert other.status_code == 404
    assert client.post("/monitoraggio/validazione/conferma-sede/", {"seat": "x", "periodo": "2025"}).status_code == 404
    client.force_login(p.ats_a)  # the ATS sees the confirmations of its Centres, and confirms none
    page = client.get("/monitoraggio/validazione/")
    assert page.context["seats"] == [] and [c.seat.name for c in page.context["confirmations"]] == ["Spoke A1"]
    client.force_login(p.op_b)
    assert list(client.get("/monitoraggio/validazione/").context["confirmations"]) == []
