from codicefiscale import codicefiscale

from families.demo import DEMO_FAMILIES, seed_families
from families.models import Contact, Family, Person, Referral
from tests.personas import Personas


def test_demo_families_are_synthetic_and_fill_the_modules(personas: Personas) -> None:
    assert seed_families(operator_username="op_a1") == DEMO_FAMILIES
    assert Family.objects.filter(is_synthetic=True, name__startswith="Famiglia Demo").count() == DEMO_FAMILIES
    assert Contact.objects.filter(family__isnull=True).count() == 5
    assert Referral.objects.exists()
    codes = [p.fiscal_code for p in Person.objects.exclude(fiscal_code="")]
    assert codes and all(codicefiscale.is_valid(c) for c in codes)
    assert Person.objects.filter(fiscal_code="", birth_date__isnull=True).exists()  # the 'invisible'
