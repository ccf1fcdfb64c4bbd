"""Approving a backlog of past periods in bulk (service and command) for every role, and what the
pages show of approved against latest figures ("approvato il …" / "dati aggiornati")."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from families.services.contacts import contact_log
from monitoring import approval as workflow
from monitoring.models import Approval
from monitoring.periods import quarter, year
from tests.monitoring.fixtures import World, build, confirm_seats
from tests.personas import Personas

TODAY = dt.date(2026, 6, 1)
PERIODS = [year(2025), quarter(2024, 4)]


@pytest.fixture
def world(personas: Personas) -> World:
    return build(personas)


def test_the_ats_approves_the_backlog_of_its_own_centres_only(personas: Personas, world: World) -> None:
    p = personas
    result = workflow.approve_backlog(actor=p.ats_a, periods=PERIODS, today=TODAY)
    assert sorted((a.centre_id, a.period_code) for a in result.approved) == [
        (p.centre_a.pk, "2024-T4"),
        (p.centre_a.pk, "2025"),
    ]
    a = Approval.objects.get(centre=p.centre_a, period_code="2025")
    assert a.state == Approval.State.APPROVED and a.approved_figures["accessi_fisici"]["centre"] == 4
    steps = list(a.steps.values_list("step", "reason"))
    assert steps == [("submitted", workflow.BACKLOG_REASON), ("approvato", "")]
    assert not Approval.objects.filter(centre=p.centre_b).exists()
    # Again: nothing left to approve, each period reported as already approved.
    again = workflow.approve_backlog(actor=p.ats_a, periods=PERIODS, today=TODAY)
    assert again.approved == [] and len(again.skipped) == 2


def test_a_submitted_period_is_approved_as_submitted_and_the_current_period_is_skipped(
    personas: Personas, world: World
) -> None:
    p = personas
    confirm_seats(p, year(2025), TODAY)
    submitted = workflow.submit(actor=p.coord_a, centre_id=p.centre_a.pk, period=year(2025), today=TODAY)
    result = workflow.approve_backlog(actor=p.ats_a, periods=[year(2025), year(2026)], today=TODAY)
    assert [a.pk for a in result.approved] == [submitted.pk]
    assert [s for s in Approval.objects.get(pk=submitted.pk).steps.values_list("step", flat=True)] == [
        "submitted",
        "approvato",
    ]
    assert [(c, code) for c, code, _why in result.skipped] == [("Centro A", "2026")]
    assert not Approval.objects.filter(period_code="2026").exists()


def test_the_region_accepts_only_what_the_ats_approved(personas: Personas, world: World) -> None:
    p = personas
    workflow.approve_backlog(actor=p.ats_a, periods=[year(2025)], today=TODAY)
    confirm_seats(p, quarter(2024, 4), TODAY)
    workflow.submit(actor=p.coord_a, centre_id=p.centre_a.pk, period=quarter(2024, 4), today=TODAY)
    result = workflow.approve_backlog(actor=p.regione, periods=[year(2025), quarter(2024, 4)], today=TODAY)
    assert [(a.centre_id, a.period_code, a.state) for a in result.accepted] == [
        (p.centre_a.pk, "2025", Approval.State.ACCEPTED)
    ]
    assert [code for _c, code, _why in result.skipped] == ["2024-T4"]  # submitted, not yet approved


@pytest.mark.parametrize("persona", ["coord_a", "admin_a", "op_a1", "op_b", "auditor"])
def test_other_roles_cannot_approve_a_backlog(personas: Personas, world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        workflow.approve_backlog(actor=getattr(personas, persona), periods=[year(2025)], today=TODAY)
    assert not Approval.objects.exists()


def test_the_backlog_locks_the_records_of_the_approved_periods(personas: Personas, world: World) -> None:
    from django.core.exceptions import ValidationError

    p = personas
    workflow.approve_backlog(actor=p.ats_a, periods=[year(2025)], today=TODAY)
    with pytest.raises(ValidationError, match="è stato approvato"):
        contact_log(actor=p.op_a1, seat=p.spoke_a1, channel="presenza", reason="informazioni", date=dt.date(2025, 5, 2))


def test_the_command_reports_what_it_did_and_refuses_bad_input_in_italian(personas: Personas, world: World) -> None:
    out = StringIO()
    call_command("approve_backlog", "--user", personas.ats_a.username, "--period", "2025", stdout=out)
    assert "Approvato: Centro A 2025" in out.getvalue() and "Approvati: 1" in out.getvalue()
    out = StringIO()
    call_command("approve_backlog", "--user", personas.regione.username, "--period", "2025", stdout=out)
    assert "Accettato: Centro A 2025" in out.getvalue()
    with pytest.raises(CommandError, match="Periodo non valido"):
        call_command("approve_backlog", "--user", personas.ats_a.username, "--period", "2025-99")
    with pytest.raises(CommandError, match="non consente"):
        call_command("approve_backlog", "--user", personas.op_a1.username, "--period", "2025")
    with pytest.raises(CommandError, match="Utente sconosciuto"):
        call_command("approve_backlog", "--user", "nessuno", "--period", "2025")


# ---- approved against latest on the pages --------------------------------------------------------


def _approve_2025(p: Personas) -> Approval:
    today = timezone.localdate()
    confirm_seats(p, year(2025), today)
    return workflow.approve(
        actor=p.ats_a,
        approval=workflow.submit(actor=p.coord_a, centre_id=p.centre_a.pk, period=year(2025), today=today),
    )


def test_the_centre_page_shows_the_approval_date_the_approved_value_and_the_change_since(
    personas: Personas, world: World, client: Client
) -> None:
    p = personas
    client.force_login(p.coord_a)
    before = client.get("/monitoraggio/?periodo=2025")
    assert "Dati aggiornati" in before.content.decode()
    assert all(t.approved is None for t in before.context["tiles"])
    a = _approve_2025(p)
    # A record changed after approval (by a bulk update the lock cannot see): the page shows both.
    Approval.objects.filter(pk=a.pk).update(state=Approval.State.OPEN)
    contact_log(actor=p.op_a1, seat=p.spoke_a1, channel="presenza", reason="informazioni", date=dt.date(2025, 9, 2))
    Approval.objects.filter(pk=a.pk).update(state=Approval.State.APPROVED)
    page = client.get("/monitoraggio/?periodo=2025")
    body = page.content.decode()
    when = f"{timezone.localtime(a.approved_at):%d/%m/%Y}"
    assert f"approvato dall&#x27;ATS il {when}" in body or f"approvato dall'ATS il {when}" in body
    tiles = {t.indicator.code: t for t in page.context["tiles"]}
    assert tiles["accessi_fisici"].current.value == 5 and tiles["accessi_fisici"].approved.value == 4
    assert tiles["accessi_fisici"].since_approval == "+1"
    assert tiles["persone_raggiunte"].approved.value == 2  # own Centre: in full
    indicator = client.get("/monitoraggio/indicatori/accessi_fisici/?periodo=2025")
    assert indicator.context["approved"].value == 4 and indicator.context["since_approval"] == "+1"


def test_outside_the_centre_the_approved_value_is_hidden_like_the_latest(
    personas: Personas, world: World, client: Client
) -> None:
    p = personas
    _approve_2025(p)
    client.force_login(p.ats_a)
    ats = client.get("/monitoraggio/?periodo=2025")
    rows = {r.name: r.validation for r in ats.context["rows"]}
    assert rows["Centro A"].startswith("approvato dall'ATS il ")
    page = client.get(f"/monitoraggio/?periodo=2025&livello=centre&nodo={p.centre_a.pk}")
    tiles = {t.indicator.code: t for t in page.context["tiles"]}
    assert tiles["persone_raggiunte"].approved.text == "<5" and tiles["persone_raggiunte"].approved.value is None
    assert tiles["accessi_fisici"].approved.value == 4  # not people: in full
    client.force_login(p.regione)
    region = client.get("/monitoraggio/?periodo=2025")
    by_ats = {r.name: r.validation for r in region.context["rows"]}
    assert by_ats == {
        p.ats_a_obj.short_name: "centri con il periodo approvato: 1 su 1",
        p.ats_b_obj.short_name: "centri con il periodo approvato: 0 su 1",
    }
    # Another ATS never learns of Centre A's approval: its node is outside its scope.
    client.force_login(p.ats_b)
    assert client.get(f"/monitoraggio/?periodo=2025&livello=centre&nodo={p.centre_a.pk}").status_code == 404


def _queries(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # cold: computes and stores the figures
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["regione", "ats_a", "coord_a"])
def test_warm_dashboards_read_a_fixed_number_of_queries_however_many_centres_approved(
    personas: Personas, world: World, client: Client, persona: str
) -> None:
    from tests import factories as f

    p = personas
    client.force_login(getattr(p, persona))
    url = "/monitoraggio/?periodo=2025"
    first = _queries(client, url)
    for n in range(3):  # more Centres in ATS A, each with its period approved
        centre = f.CentreFactory(name=f"Centro A{n + 2}", ats=p.ats_a_obj)
        f.SeatFactory(centre=centre, name=f"Sede A{n + 2}", comune=p.milano)
        Approval.objects.create(
            centre=centre,
            period_code="2025",
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2025, 12, 31),
            state=Approval.State.APPROVED,
            approved_at=timezone.now(),
        )
    _approve_2025(p)
    assert _queries(client, url) == first


@pytest.mark.parametrize(
    ("persona", "url", "most"),
    [
        ("regione", "/monitoraggio/?periodo=2025", 10),
        ("coord_a", "/monitoraggio/?periodo=2025", 10),
        ("regione", "/monitoraggio/indicatori/persone_raggiunte/?periodo=2025", 14),
        ("ats_a", "/monitoraggio/indicatori/quota_partecipanti/?periodo=2025", 14),
    ],
)
def test_a_warm_page_reads_its_stored_figures_in_one_query(
    personas: Personas, world: World, client: Client, persona: str, url: str, most: int
) -> None:
    """Every stored indicator × period of the page in one query, not one per figure (26 tiles)."""
    client.force_login(getattr(personas, persona))
    assert _queries(client, url) <= most
