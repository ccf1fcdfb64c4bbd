"""The write kernel (core.records): one audit path whose content follows the model's
`audit_keeps`, and the after-write hooks that run inside the write's transaction."""

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import models

from audit.models import AuditEntry
from audit.policy import AuditKeeps, keeps
from core.records import record_create, record_delete, record_update, register_write_hook, unregister_write_hook
from families.models import Person
from network.models import StaffMember
from tests.families.helpers import make_family
from tests.personas import Personas

REPO = Path(__file__).resolve().parents[2]


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, Any, dict[str, Any], int]] = []

    def __call__(self, action: str, instance: models.Model, previous: Mapping[str, Any]) -> None:
        # The audit entry of the write is already there: the hook runs after it, in the same transaction.
        self.calls.append((action, instance.pk, dict(previous), AuditEntry.objects.count()))


@pytest.fixture
def staff_hook() -> Iterator[Recorder]:
    recorder = Recorder()
    register_write_hook(StaffMember, recorder)
    yield recorder
    unregister_write_hook(StaffMember, recorder)


def new_staff(p: Personas) -> StaffMember:
    return StaffMember(
        centre=p.centre_a,
        first_name="Anna",
        last_name="Verdi",
        profile=StaffMember.Profile.PEDAGOGIST,
        engagement=StaffMember.Engagement.EXCLUSIVE,
    )


def test_hooks_see_create_update_delete_with_the_previous_state(personas: Personas, staff_hook: Recorder) -> None:
    staff = record_create(actor=personas.coord_a, instance=new_staff(personas))
    record_update(actor=personas.coord_a, instance=staff, data={"hub_role": "coordinatore"})
    pk = staff.pk
    record_delete(actor=personas.coord_a, instance=staff)

    actions = [c[0] for c in staff_hook.calls]
    assert actions == ["created", "updated", "deleted"]
    assert all(c[1] == pk for c in staff_hook.calls)
    assert staff_hook.calls[0][2] == {}
    assert staff_hook.calls[1][2]["hub_role"] == "" and staff_hook.calls[1][2]["centre_id"] == personas.centre_a.pk
    assert staff_hook.calls[2][2]["hub_role"] == "coordinatore"
    assert [c[3] for c in staff_hook.calls] == [1, 2, 3]


def test_an_unchanged_update_calls_no_hook(personas: Personas, staff_hook: Recorder) -> None:
    staff = record_create(actor=personas.coord_a, instance=new_staff(personas))
    record_update(actor=personas.coord_a, instance=staff, data={"first_name": "Anna"})
    assert [c[0] for c in staff_hook.calls] == ["created"]


def test_a_failing_hook_rolls_the_write_and_its_audit_back(personas: Personas) -> None:
    def refuse(action: str, instance: models.Model, previous: Mapping[str, Any]) -> None:
        raise RuntimeError("rollup failed")

    register_write_hook(StaffMember, refuse)
    try:
        with pytest.raises(RuntimeError):
            record_create(actor=personas.coord_a, instance=new_staff(personas))
    finally:
        unregister_write_hook(StaffMember, refuse)
    assert not StaffMember.objects.filter(last_name="Verdi").exists()
    assert not AuditEntry.objects.filter(action="network.staffmember.created").exists()


def test_registry_rows_keep_values_and_family_records_keep_field_names_only(personas: Personas) -> None:
    staff = record_create(actor=personas.coord_a, instance=new_staff(personas))
    record_update(actor=personas.coord_a, instance=staff, data={"hub_role": "coordinatore"})
    assert AuditEntry.objects.get(action="network.staffmember.created").changes["last_name"] == "Verdi"
    assert AuditEntry.objects.get(action="network.staffmember.updated").changes == {"hub_role": ["", "coordinatore"]}

    family = make_family(personas, first_name="Bimba")
    person = Person.objects.get(family=family)
    record_update(actor=personas.op_a1, instance=person, data={"first_name": "Carla"})
    created = AuditEntry.objects.get(action="families.person.created")
    updated = AuditEntry.objects.get(action="families.person.updated")
    assert "first_name" in created.changes["fields"] and "Bimba" not in str(created.changes)
    assert updated.changes == {"fields": ["first_name"]}
    assert "Carla" not in str(updated.changes)


@pytest.mark.parametrize("label", ["families", "activities.registration", "activities.attendance"])
def test_personal_data_models_declare_field_names_only(label: str) -> None:
    if "." in label:
        targets = [apps.get_model(label)]
    else:
        targets = list(apps.get_app_config(label).get_models())
    assert targets
    for model in targets:
        assert keeps(model) is AuditKeeps.FIELDS, model


def test_no_audit_entry_is_written_outside_the_audit_app() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for path in REPO.glob("*/**/*.py")
        if path.parts[len(REPO.parts)] not in ("audit", "tests", ".venv", "node_modules")
        and "AuditEntry.objects.create" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_only_the_kernel_and_the_token_service_call_the_low_level_writer() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for path in REPO.glob("*/**/*.py")
        if path.parts[len(REPO.parts)] not in ("audit", "core", "tests", ".venv", "node_modules")
        and path.relative_to(REPO).as_posix() != "accounts/services.py"
        and "audit_log(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
