"""Role × operation matrix: activities and sessions are visible to every role in scope; their
participants (registrations, attendance) only to family workers (op_a1, coord_a), in the back
office and in the API. Nobody outside the scope sees the activity at all."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from activities import services
from audit.models import AuditEntry
from tests.activities.helpers import make_activity, make_family, make_sessions
from tests.personas import Personas

pytestmark = pytest.mark.django_db

# persona: (activity page status, participants visible, may write)
MATRIX = {
    "op_a1": (200, True, True),
    "coord_a": (200, True, True),
    "admin_a": (200, False, False),
    "ats_a": (200, False, False),
    "regione": (200, False, False),
    "auditor": (200, False, False),
    "op_b": (404, False, False),
    "ats_b": (404, False, False),
}


@pytest.fixture
def setup(personas: Personas) -> dict[str, object]:
    activity = make_activity(personas, capacity=5)
    (session,) = make_sessions(personas, activity)
    family = make_family(personas)
    registration = services.registration_create(actor=personas.op_a1, activity=activity, family=family)
    services.attendance_record(actor=personas.op_a1, session=session, present={registration.pk}, headcounts={})
    return {"activity": activity, "session": session, "family": family, "registration": registration}


@pytest.mark.parametrize("who", list(MATRIX))
def test_participants_follow_the_matrix_in_ui_and_api(personas: Personas, setup: dict, who: str) -> None:
    status, participants, _writes = MATRIX[who]
    activity, session, family = setup["activity"], setup["session"], setup["family"]
    client = Client()
    client.force_login(getattr(personas, who))
    pages = [
        client.get(reverse("activities:activity_detail", args=[activity.pk])),
        client.get(reverse("activities:session_detail", args=[session.pk])),
    ]
    for response in pages:
        assert response.status_code == status
        assert (family.code in response.content.decode()) is participants
    listing = client.get(reverse("activities:activity_list")).content.decode()
    assert (activity.title in listing) is (status == 200)
    api_list = client.get("/api/v1/activities/activities").json()
    assert api_list["count"] == (1 if status == 200 else 0)
    regs = client.get(f"/api/v1/activities/activities/{activity.pk}/registrations")
    if participants:
        assert regs.status_code == 200 and regs.json()[0]["family_code"] == family.code
    else:
        assert regs.status_code in (403, 404)
        assert family.code not in regs.content.decode()


@pytest.mark.parametrize("who", list(MATRIX))
def test_writes_follow_the_matrix(personas: Personas, setup: dict, who: str) -> None:
    _status, _participants, writes = MATRIX[who]
    activity, session, registration = setup["activity"], setup["session"], setup["registration"]
    client = Client()
    client.force_login(getattr(personas, who))
    signup = client.post(
        f"/api/v1/activities/activities/{activity.pk}/registrations",
        json.dumps({"participant_label": "Partecipante esterno"}),
        content_type="application/json",
    )
    attendance = client.post(
        f"/api/v1/activities/sessions/{session.pk}/attendance",
        json.dumps({"present": [], "headcounts": {"genitori": 1}}),
        content_type="application/json",
    )
    ui = client.post(reverse("activities:session_detail", args=[session.pk]), {"headcount_genitori": "1"})
    cancel = client.post(f"/api/v1/activities/registrations/{registration.pk}/cancel")
    if writes:
        assert (signup.status_code, attendance.status_code, ui.status_code, cancel.status_code) == (201, 200, 302, 200)
    else:
        for response in (signup, attendance, ui, cancel):
            assert response.status_code in (403, 404)


@pytest.mark.parametrize("who", list(MATRIX))
def test_session_cancel_follows_the_matrix(personas: Personas, setup: dict, who: str) -> None:
    _status, _participants, writes = MATRIX[who]
    session = setup["session"]
    client = Client()
    client.force_login(getattr(personas, who))
    page = client.get(reverse("activities:session_detail", args=[session.pk]))
    response = client.post(reverse("activities:session_cancel", args=[session.pk]))
    session.refresh_from_db()
    if writes:
        assert 'data-testid="session-cancel"' in page.content.decode()
        assert response.status_code == 302 and session.cancelled
        again = client.post(reverse("activities:session_cancel", args=[session.pk]), follow=True)
        assert "già annullato" in again.content.decode()
        assert AuditEntry.objects.filter(action="activities.session.cancelled").count() == 1
    else:
        assert 'data-testid="session-cancel"' not in page.content.decode()
        assert response.status_code in (403, 404) and not session.cancelled


def test_the_attendance_sheet_is_an_audited_read(personas: Personas, setup: dict) -> None:
    client = Client()
    client.force_login(personas.coord_a)
    client.get(reverse("activities:session_detail", args=[setup["session"].pk]))
    entry = AuditEntry.objects.get(action="activities.registration.attendance_viewed")
    assert entry.changes == {"count": 1, "ids": [str(setup["registration"].pk)]}
    assert setup["family"].code not in str(entry.changes)


def test_operator_of_another_seat_of_the_same_centre_sees_nothing(personas: Personas) -> None:
    activity = make_activity(personas, seat=personas.spoke_a2, actor=personas.coord_a)
    client = Client()
    client.force_login(personas.op_a1)
    assert client.get(reverse("activities:activity_detail", args=[activity.pk])).status_code == 404
    assert client.get(f"/api/v1/activities/activities/{activity.pk}").status_code == 404


def test_activity_create_and_edit_through_the_back_office(personas: Personas) -> None:
    from tests import factories as f

    area = f.ServiceAreaFactory()
    client = Client()
    client.force_login(personas.op_a1)
    data = {
        "title": "Gruppo di parola",
        "kind": "gruppo_parola",
        "area": area.pk,
        "seat": personas.spoke_a1.pk,
        "targets": ["ragazzi_11_13"],
        "capacity": "10",
        "status": "aperta",
    }
    response = client.post(reverse("activities:activity_create"), data)
    assert response.status_code == 302
    from activities.models import Activity

    activity = Activity.objects.get()
    assert activity.targets == ["ragazzi_11_13"]
    data.update({"title": "Gruppo di parola per figli", "version": activity.version})
    assert client.post(reverse("activities:activity_edit", args=[activity.pk]), data).status_code == 302
    client.force_login(personas.ats_a)
    assert client.get(reverse("activities:activity_create")).status_code == 403
