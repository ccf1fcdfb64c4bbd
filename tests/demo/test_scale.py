"""seed_scale: consistent, labelled synthetic data at any factor (tiny here), valid fiscal codes."""

import datetime as dt

import pytest
from codicefiscale import codicefiscale
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F
from django.utils import timezone

from activities.models import Attendance, Registration
from audit.models import AuditEntry
from demo.scale import DECADE, Plan, fiscal_code, seed_scale
from families.fiscal import fiscal_code_errors
from families.models import Contact, Family, Person, Referral, Scheda
from tests.personas import Personas


@pytest.mark.parametrize(
    ("last", "first", "sex", "born", "place"),
    [
        ("Rossi", "Mario", "M", dt.date(1980, 1, 1), "F205"),
        ("Bianchi", "Francesca", "F", dt.date(1992, 12, 31), "A794"),
        ("Fo", "Ida", "F", dt.date(2010, 6, 15), "B157"),
        ("Haddad", "Youssef", "M", dt.date(2001, 3, 9), "Z100"),
    ],
)
def test_fiscal_code_matches_the_reference_library(last: str, first: str, sex: str, born: dt.date, place: str) -> None:
    ours = fiscal_code(last, first, sex, born, place)
    assert codicefiscale.is_valid(ours)
    decoded = codicefiscale.decode(ours)
    assert decoded["birthdate"].date() == born
    assert decoded["gender"] == sex
    assert (
        ours[:11]
        == codicefiscale.encode(
            lastname=last, firstname=first, gender=sex, birthdate=born.strftime("%d/%m/%Y"), birthplace="Milano"
        )[:11]
    )


def test_plan_scales_every_count() -> None:
    assert Plan.for_scale("decade").counts["families"] == DECADE["families"]
    demo = Plan.for_scale("demo")
    assert demo.counts["contacts"] == DECADE["contacts"] // 100 and not demo.full_network
    assert Plan.for_scale("0.5").full_network
    with pytest.raises(ValueError, match="out of range"):
        Plan.for_scale("0")


@pytest.mark.django_db
def test_seed_scale_is_consistent_and_labelled(personas: Personas) -> None:
    plan = seed_scale("0.001", with_demo=False)
    counts = plan.counts
    families = Family.objects.filter(code__startswith="SIN-")
    assert families.count() == counts["families"] == 300
    assert not families.filter(is_synthetic=False).exists()
    assert not families.exclude(name__endswith="(sintetica)").exists()
    assert Person.objects.filter(family__in=families).count() == counts["persons"]
    assert Contact.objects.filter(is_synthetic=True).count() == counts["contacts"]
    assert Scheda.objects.filter(family__in=families).count() == counts["schede"]
    assert Referral.objects.filter(family__in=families).count() == counts["referrals"]
    assert AuditEntry.objects.count() >= counts["audit"]
    # Consistency: the same Centre, the family's ATS.
    assert not Contact.objects.filter(family__isnull=False).exclude(seat__centre=F("family__seat__centre")).exists()
    assert not Referral.objects.exclude(destination__ats=F("family__seat__centre__ats")).exists()
    assert not Registration.objects.exclude(family__seat__centre=F("activity__seat__centre")).exists()
    assert (
        Attendance.objects.filter(registration__activity=F("session__activity")).count() == Attendance.objects.count()
    )
    for person in Person.objects.filter(family__in=families).exclude(fiscal_code=""):
        assert not fiscal_code_errors(
            person.fiscal_code, birth_date=person.birth_date, birth_year=person.birth_year, sex=person.sex
        )
        assert person.birth_date is not None and person.birth_date <= timezone.localdate()


@pytest.mark.django_db
def test_seed_scale_refuses_a_second_run_and_bad_scales(personas: Personas) -> None:
    seed_scale("0.0005", with_demo=False)
    with pytest.raises(RuntimeError):
        seed_scale("0.0005", with_demo=False)
    with pytest.raises(CommandError):
        call_command("seed_scale", "--scale", "enorme")
