"""Today's sessions on the operator's desk (issue #3 § 7), within the operator's scope."""

import datetime as dt

from django.test import Client
from django.utils import timezone

from activities.models import Session
from tests.activities.helpers import make_activity
from tests.personas import Personas


def test_operator_desk_lists_todays_sessions_of_its_seat_only(personas: Personas, client: Client) -> None:
    now = timezone.localtime()
    today = now.replace(hour=17, minute=30, second=0, microsecond=0)
    mine = make_activity(personas, seat=personas.spoke_a1, title="Gruppo di parola")
    other = make_activity(personas, seat=personas.hub_b, actor=personas.op_b, title="Laboratorio B")
    Session.objects.create(activity=mine, starts_at=today, ends_at=today + dt.timedelta(hours=1))
    Session.objects.create(
        activity=mine, starts_at=today + dt.timedelta(days=1), ends_at=today + dt.timedelta(days=1, hours=1)
    )
    Session.objects.create(activity=other, starts_at=today, ends_at=today + dt.timedelta(hours=1))
    client.force_login(personas.op_a1)
    page = client.get("/famiglie/").content.decode()
    assert "Incontri di oggi (1)" in page
    assert "Gruppo di parola" in page and "Laboratorio B" not in page
