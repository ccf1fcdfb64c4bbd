from activities.demo import seed_activities
from activities.models import Activity, AnonymousHeadcount, Attendance, Registration
from families.demo import seed_families
from tests.personas import Personas


def test_demo_activities_are_synthetic_and_fill_the_module(personas: Personas) -> None:
    seed_families(operator_username="op_a1")
    personas.op_a1.refresh_from_db()
    from tests import factories as f

    f.ServiceAreaFactory()
    assert seed_activities(operator_username="op_a1") == 2
    activities = Activity.objects.all()
    assert activities.count() == 2
    assert all(a.is_synthetic and a.title.endswith("(demo)") for a in activities)
    course = activities.get(kind="corso_genitorialita")
    assert course.capacity == 8 and course.sessions.count() == 4
    assert course.registrations.filter(status=Registration.Status.WAITLISTED).count() == 1
    assert Attendance.objects.filter(present=True).exists()
    assert AnonymousHeadcount.objects.exists()
