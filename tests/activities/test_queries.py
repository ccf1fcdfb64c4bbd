"""The activity list and the session attendance page run a fixed number of queries, whatever the
number of rows."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities import services
from tests.activities.helpers import make_activity, make_family, make_sessions
from tests.personas import Personas

pytestmark = pytest.mark.django_db


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_activity_list_queries_do_not_grow(personas: Personas, django_assert_num_queries: Any) -> None:
    client = Client()
    client.force_login(personas.op_a1)
    url = reverse("activities:activity_list")
    make_activity(personas)
    client.get(url)  # warm the session and the scope
    one = _count(client, url)
    for index in range(4):
        activity = make_activity(personas, title=f"Attività {index}")
        make_sessions(personas, activity, 2)
        services.registration_create(actor=personas.op_a1, activity=activity, family=make_family(personas))
    with django_assert_num_queries(one):
        client.get(url)
    assert one == 6


def test_session_page_queries_do_not_grow(personas: Personas, django_assert_num_queries: Any) -> None:
    activity = make_activity(personas, capacity=None)
    (session,) = make_sessions(personas, activity)
    services.registration_create(actor=personas.op_a1, activity=activity, family=make_family(personas))
    client = Client()
    client.force_login(personas.op_a1)
    url = reverse("activities:session_detail", args=[session.pk])
    client.get(url)
    one = _count(client, url)
    registrations = [
        services.registration_create(actor=personas.op_a1, activity=activity, family=make_family(personas))
        for _ in range(5)
    ]
    services.attendance_record(
        actor=personas.op_a1, session=session, present={r.pk for r in registrations}, headcounts={"genitori": 3}
    )
    with django_assert_num_queries(one):
        client.get(url)
    assert one == 12  # 8 reads + the audited read of the attendance sheet (savepoint, scope, insert, release)
