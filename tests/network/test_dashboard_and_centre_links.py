"""The ATS officer's home shows its calls; a Centre's page links only to the seats the reader may
open (a sister seat's page answers 404 to an operator of another seat)."""

import datetime as dt
import re
from typing import Any

from django.test import Client
from django.urls import reverse

from funding.models import Call, Project, ReportingPeriod
from tests.personas import Personas


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_ats_officer_home_lists_its_calls_with_what_waits_for_review(personas: Personas) -> None:
    call = Call.objects.create(ats=personas.ats_a_obj, title="Avviso CpF A", deadline=dt.date(2026, 3, 31))
    Call.objects.create(ats=personas.ats_b_obj, title="Avviso CpF B", deadline=dt.date(2026, 3, 31))
    project = Project.objects.create(
        call=call, centre=personas.centre_a, title="P", total_cost=100000, contribution_requested=70000
    )
    ReportingPeriod.objects.create(
        project=project, start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30), status=ReportingPeriod.Status.SUBMITTED
    )
    html = _client(personas.ats_a).get(reverse("network:dashboard")).content.decode()
    table = html.split('data-testid="dashboard-calls"')[1].split("</table>")[0]
    assert "Avviso CpF A" in table and "Avviso CpF B" not in table
    assert "31/03/2026" in table
    assert re.search(r'<td class="text-end">1</td><td class="text-end">1</td>', table)
    operator_html = _client(personas.op_a1).get(reverse("network:dashboard")).content.decode()
    assert 'data-testid="dashboard-calls"' not in operator_html


def test_a_centre_page_links_only_seats_the_reader_may_open(personas: Personas) -> None:
    client = _client(personas.op_a1)
    response = client.get(reverse("network:centre_detail", args=[personas.centre_a.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    links = set(re.findall(r'href="(/[^"?#]*)"', html))
    for url in sorted(links):
        if url.startswith(("/static/", "/account/esci", "/i18n/")):
            continue
        assert client.get(url).status_code in (200, 302), url
    assert reverse("network:seat_detail", args=[personas.spoke_a1.pk]) in links
    assert reverse("network:seat_detail", args=[personas.spoke_a2.pk]) not in links  # it would answer 404
    assert "Spoke A2" in html  # a sister seat is named, even where it cannot be opened
    coordinator = _client(personas.coord_a).get(reverse("network:centre_detail", args=[personas.centre_a.pk]))
    assert reverse("network:seat_detail", args=[personas.spoke_a2.pk]) in coordinator.content.decode()
