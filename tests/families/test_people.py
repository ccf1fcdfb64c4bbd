import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from families.models import Family, Person
from families.services import families as family_services
from tests.families.helpers import CHILD_CF, make_family
from tests.personas import Personas


def test_valid_fiscal_code_consistent_with_birth_data_is_accepted(personas: Personas) -> None:
    family = make_family(personas, fiscal_code=CHILD_CF.lower())
    assert family.members.get().fiscal_code == CHILD_CF


def test_omocodic_variant_of_a_fiscal_code_is_accepted(personas: Personas) -> None:
    from codicefiscale import codicefiscale

    variant = codicefiscale.decode(CHILD_CF)["omocodes"][1]
    assert variant != CHILD_CF
    make_family(personas, fiscal_code=variant)


def test_invalid_fiscal_code_gets_an_italian_message_and_nothing_is_saved(personas: Personas) -> None:
    with pytest.raises(ValidationError) as exc:
        make_family(personas, fiscal_code="RSSMRA80A01F205Z")
    assert "non è valido" in str(exc.value)
    assert not Family.objects.exists()


def test_fiscal_code_inconsistent_with_birth_date_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError) as exc:
        make_family(personas, fiscal_code=CHILD_CF, birth_date=dt.date(2016, 2, 1))
    assert "data di nascita" in str(exc.value)


def test_fiscal_code_inconsistent_with_sex_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="sesso"):
        make_family(personas, fiscal_code=CHILD_CF, sex="M")


def test_future_birth_date_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="futuro"):
        make_family(personas, birth_date=timezone.localdate() + dt.timedelta(days=3))
    assert not Person.objects.exists()


def test_an_invisible_person_needs_no_identity_at_all(personas: Personas) -> None:
    family = family_services.family_create(actor=personas.op_a1, seat=personas.spoke_a1, members=[{"role": "genitore"}])
    assert family.code.startswith("FAM-")
    assert family.members.get().fiscal_code == ""


def test_audit_of_a_new_family_names_fields_but_holds_no_personal_values(personas: Personas) -> None:
    make_family(personas, fiscal_code=CHILD_CF)
    entry = AuditEntry.objects.get(action="families.person.created")
    assert "first_name" in entry.changes["fields"]
    text = str(entry.changes)
    assert "Bimba" not in text and CHILD_CF not in text and "2015" not in text


def test_duplicates_by_fiscal_code_are_flagged_and_merged(personas: Personas) -> None:
    from families import selectors

    first = make_family(personas, fiscal_code=CHILD_CF)
    second = make_family(personas, fiscal_code=CHILD_CF)
    duplicates = selectors.possible_duplicates(user=personas.op_a1, person=first.members.get())
    assert [p.family_id for p in duplicates] == [second.pk]
    family_services.family_merge(actor=personas.op_a1, target=first, duplicate=second)
    assert first.members.count() == 2
    second.refresh_from_db()
    assert second.merged_into_id == first.pk
    assert AuditEntry.objects.filter(action="families.family.merged").exists()
