"""The Centre's review page, the Hub coordinator's home: open schede, referrals waiting, open
integrated follow-ups, the week's activities and what each seat recorded; through the scope
(an operator sees its seat, other Centres nothing), audited, and in a fixed number of queries."""

import datetime as dt
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from families.review import centre_review, week_of
from families.services import contacts, followups, referrals, schede
from tests.activities.helpers import make_activity
from tests.families.helpers import make_family
from tests.personas import Personas

URL = reverse("families:centre_review")


def _records(p: Personas, seat: Any, actor: Any, n: int) -> None:
    for i in range(n):
        family = make_family(p, actor=actor, seat=seat, first_name=f"Bimbo{i}")
        scheda = schede.scheda_open(actor=actor, family=family, access_reason="altro")
        contacts.contact_log(actor=actor, seat=seat, family=family, channel="telefono", reason="altro", people_count=2)
        destination = p.destination_a if seat.centre_id == p.centre_a.pk else p.destination_b
        referrals.referral_send(
            actor=actor, family=family, destination=destination, reason="altro", override_reason="Obbligo di legge"
        )
        followups.followup_open(
            actor=actor, scheda=scheda, plan="Piano", destinations=[destination], override_reason="Obbligo di legge"
        )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_coordinator_sees_the_whole_centre_and_what_each_seat_recorded(personas: Personas) -> None:
    _records(personas, personas.spoke_a1, personas.op_a1, 2)
    _records(personas, personas.hub_b, personas.op_b, 1)
    data = centre_review(user=personas.coord_a)
    assert data.open_schede_count == 2 and data.waiting_referrals_count == 2 and data.open_followups_count == 2
    by_seat = {row.seat.name: row for row in data.seats}
    assert set(by_seat) == {"Hub A", "Spoke A1", "Spoke A2"}  # Centre B's seat is not there
    assert (by_seat["Spoke A1"].contacts, by_seat["Spoke A1"].people) == (2, 4)
    assert by_seat["Spoke A1"].schede_opened == 2 and by_seat["Spoke A1"].referrals_sent == 2
    assert by_seat["Hub A"].contacts == 0
    html = _client(personas.coord_a).get(URL).content.decode()
    assert "Revisione del Centro" in html and 'data-testid="seat-records"' in html
    assert AuditEntry.objects.filter(action="families.family.review_viewed", actor=personas.coord_a).exists()


def test_an_operator_sees_only_their_seat_and_other_roles_are_refused(personas: Personas) -> None:
    _records(personas, personas.spoke_a1, personas.op_a1, 1)
    _records(personas, personas.hub_b, personas.op_b, 1)
    data = centre_review(user=personas.op_b)
    assert [row.seat.name for row in data.seats] == ["Hub B"]
    assert data.open_schede_count == 1 and data.open_schede[0].family.seat == personas.hub_b
    for user in (personas.ats_a, personas.regione, personas.auditor, personas.admin_a):
        assert _client(user).get(URL).status_code == 403


def test_the_week_s_activities_are_listed(personas: Personas) -> None:
    from activities import services

    activity = make_activity(personas)
    monday, _sunday = week_of(timezone.localdate())
    first = timezone.make_aware(dt.datetime.combine(monday, dt.time(17)))
    services.activity_schedule_sessions(actor=personas.op_a1, activity=activity, first=first, weekly_count=2)
    html = _client(personas.coord_a).get(URL).content.decode()
    week = html.split('data-testid="sessions-week"')[1].split("</ul>")[0]
    assert week.count("<li>") == 1 and activity.title in week  # next week's session is not this week's
    assert monday.strftime("%d/%m/%Y") in week


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_the_review_reads_a_fixed_number_of_queries(personas: Personas) -> None:
    client = _client(personas.coord_a)
    _records(personas, personas.spoke_a1, personas.op_a1, 1)
    make_activity(personas)
    client.get(URL)  # warms what the first request of a session loads once (scope, session, content types)
    before = _queries(client)
    _records(personas, personas.spoke_a2, personas.coord_a, 3)
    _records(personas, personas.hub_a, personas.coord_a, 2)
    assert _queries(client) == before
