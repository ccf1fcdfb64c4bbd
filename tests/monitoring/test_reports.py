"""The funding period report shows the Centre's activity indicators for the period (issue #10
item 10), with the dashboards' suppression for viewers outside the Centre."""

import datetime as dt
from decimal import Decimal

from django.test import Client

from funding.models import Call, Project, ReportingPeriod
from tests.monitoring.fixtures import build
from tests.personas import Personas


def test_the_period_report_lists_the_activity_indicators(personas: Personas, client: Client) -> None:
    p = personas
    build(p)
    call = Call.objects.create(
        ats=p.ats_a_obj, title="Avviso", deadline=dt.date(2025, 1, 31), eligible_applicants=["comuni"]
    )
    project = Project.objects.create(
        call=call,
        centre=p.centre_a,
        title="CpF A 2025",
        total_cost=Decimal("100000.00"),
        contribution_requested=Decimal("70000.00"),
        accepted_on=dt.date(2025, 1, 1),
    )
    period = ReportingPeriod.objects.create(project=project, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    client.force_login(p.coord_a)
    lines = {
        line.name: line.text
        for line in client.get(f"/finanziamenti/periodi/{period.pk}/").context["activity_indicators"]
    }
    assert lines["Accessi fisici ai centri e ai punti di accesso"] == "4"
    assert lines["Nuclei raggiunti per qualsiasi canale"] == "2"  # its own Centre: in full
    client.force_login(p.ats_a)
    lines = {
        line.name: line.text
        for line in client.get(f"/finanziamenti/periodi/{period.pk}/").context["activity_indicators"]
    }
    assert (
        lines["Nuclei raggiunti per qualsiasi canale"] == "<5"
        and lines["Accessi fisici ai centri e ai punti di accesso"] == "4"
    )
