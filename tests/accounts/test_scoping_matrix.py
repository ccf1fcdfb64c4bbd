"""The scoping layer as a table: for each persona and each owned model, exactly which of the
personas' rows `scoped()` shows (VIEW) and lets change (CHANGE), plus the write checks of
`check_can_write` and `record_update` (SPEC §10, accounts/scoping.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from accounts import scoping
from accounts.models import Role
from core.records import record_update
from network import models as nm
from territory import models as tm
from tests import factories as f
from tests.personas import Personas

PERSONAS = ("regione", "ats_a", "ats_b", "coord_a", "admin_a", "op_a1", "op_b", "auditor")

# The personas' rows of each owned model, by label (slots are named after their seat).
ROWS: dict[str, tuple[type[models.Model], tuple[str, ...]]] = {
    "centre": (nm.Centre, ("centre_a", "centre_b")),
    "seat": (nm.Seat, ("hub_a", "spoke_a1", "spoke_a2", "hub_b")),
    "openingslot": (nm.OpeningSlot, ("slot_hub_a", "slot_spoke_a1", "slot_hub_b")),
    "serviceoffering": (nm.ServiceOffering, ("offering_a1", "offering_a2", "offering_b")),
    "staffmember": (nm.StaffMember, ("staff_a", "staff_b")),
    "protocol": (nm.Protocol, ("protocol_a", "protocol_b")),
    "referraldestination": (nm.ReferralDestination, ("destination_a", "destination_b")),
    "area": (tm.Area, ("ambito_a", "ambito_b")),
}

# Rows of centre A / ATS A and of centre B / ATS B, per model.
A = {
    "centre": {"centre_a"},
    "seat": {"hub_a", "spoke_a1", "spoke_a2"},
    "openingslot": {"slot_hub_a", "slot_spoke_a1"},
    "serviceoffering": {"offering_a1", "offering_a2"},
    "staffmember": {"staff_a"},
    "protocol": {"protocol_a"},
    "referraldestination": {"destination_a"},
    "area": {"ambito_a"},
}
B = {
    "centre": {"centre_b"},
    "seat": {"hub_b"},
    "openingslot": {"slot_hub_b"},
    "serviceoffering": {"offering_b"},
    "staffmember": {"staff_b"},
    "protocol": {"protocol_b"},
    "referraldestination": {"destination_b"},
    "area": {"ambito_b"},
}
EVERYTHING = {name: set(labels) for name, (_model, labels) in ROWS.items()}
# Operators see their own seat's seat-owned rows, their Centre's rows and their ATS's rows.
OP_A1 = {**A, "seat": {"spoke_a1"}, "openingslot": {"slot_spoke_a1"}, "serviceoffering": {"offering_a1"}}
OP_B = dict(B)

VISIBLE: dict[str, dict[str, set[str]]] = {
    "regione": EVERYTHING,
    "auditor": EVERYTHING,
    "ats_a": A,
    "ats_b": B,
    "coord_a": A,
    "admin_a": A,
    "op_a1": OP_A1,
    "op_b": OP_B,
}

NOTHING: dict[str, set[str]] = {name: set() for name in ROWS}
ATS_ONLY = ("referraldestination", "area")
CENTRE_MODELS = ("centre", "seat", "openingslot", "serviceoffering", "staffmember", "protocol")
CHANGEABLE: dict[str, dict[str, set[str]]] = {
    "regione": EVERYTHING,
    "auditor": NOTHING,
    "ats_a": A,
    "ats_b": B,
    # Coordinators manage their Centre's registry, not the ATS-owned destinations and areas.
    "coord_a": {**{m: A[m] for m in CENTRE_MODELS}, **{m: set() for m in ATS_ONLY}},
    # The administrative lead keeps the staff list only.
    "admin_a": {**NOTHING, "staffmember": {"staff_a"}},
    "op_a1": NOTHING,
    "op_b": NOTHING,
}


def _label_to_pk(p: Personas, model_name: str) -> dict[str, int]:
    if model_name == "openingslot":
        return {f"slot_{seat}": getattr(p, seat).opening_slots.get().pk for seat in ("hub_a", "spoke_a1", "hub_b")}
    return {label: getattr(p, label).pk for label in ROWS[model_name][1]}


def _seen(p: Personas, user: Any, model_name: str, action: str) -> set[str]:
    model = ROWS[model_name][0]
    by_pk = {pk: label for label, pk in _label_to_pk(p, model_name).items()}
    pks = scoping.scoped(user, model._default_manager.all(), action).values_list("pk", flat=True)
    return {by_pk[pk] for pk in pks if pk in by_pk}


MATRIX = [(persona, model_name) for persona in PERSONAS for model_name in ROWS]


@pytest.mark.parametrize(("persona", "model_name"), MATRIX, ids=[f"{p}-{m}" for p, m in MATRIX])
def test_each_persona_sees_exactly_the_rows_of_its_scope(personas: Personas, persona: str, model_name: str) -> None:
    user = getattr(personas, persona)
    assert _seen(personas, user, model_name, scoping.VIEW) == VISIBLE[persona][model_name]


@pytest.mark.parametrize(("persona", "model_name"), MATRIX, ids=[f"{p}-{m}" for p, m in MATRIX])
def test_each_persona_may_change_exactly_the_rows_it_writes(personas: Personas, persona: str, model_name: str) -> None:
    user = getattr(personas, persona)
    assert _seen(personas, user, model_name, scoping.CHANGE) == CHANGEABLE[persona][model_name]


@pytest.mark.parametrize(("persona", "model_name"), MATRIX, ids=[f"{p}-{m}" for p, m in MATRIX])
def test_what_a_persona_may_change_it_may_also_see(personas: Personas, persona: str, model_name: str) -> None:
    assert CHANGEABLE[persona][model_name] <= VISIBLE[persona][model_name]


SHARED = [nm.Ente, tm.Comune, nm.ServiceArea]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("model", SHARED, ids=lambda m: m.__name__)
def test_shared_directories_are_visible_to_every_signed_in_role(
    personas: Personas, persona: str, model: type[models.Model]
) -> None:
    f.ServiceAreaFactory()
    user = getattr(personas, persona)
    everything = set(model._default_manager.values_list("pk", flat=True))
    assert everything
    assert set(scoping.scoped(user, model._default_manager.all()).values_list("pk", flat=True)) == everything


SHARED_WRITES = {
    # model: (may create, may change) by persona
    "ente": (nm.Ente, {"regione", "ats_a", "ats_b", "coord_a"}, {"regione", "ats_a", "ats_b"}),
    "comune": (tm.Comune, {"regione"}, {"regione"}),
    "centre": (nm.Centre, {"regione", "ats_a", "ats_b"}, {"regione", "ats_a", "ats_b", "coord_a"}),
    "seat": (nm.Seat, {"regione", "ats_a", "ats_b", "coord_a"}, {"regione", "ats_a", "ats_b", "coord_a"}),
    "staffmember": (nm.StaffMember, {"regione", "ats_a", "ats_b", "coord_a", "admin_a"}, None),
    "referraldestination": (nm.ReferralDestination, {"regione", "ats_a", "ats_b"}, None),
    "area": (tm.Area, {"regione", "ats_a", "ats_b"}, None),
}
ROLE_TABLE = [(persona, name) for persona in PERSONAS for name in SHARED_WRITES]


@pytest.mark.parametrize(("persona", "model_name"), ROLE_TABLE, ids=[f"{p}-{m}" for p, m in ROLE_TABLE])
def test_roles_may_create_and_change_exactly_as_declared(personas: Personas, persona: str, model_name: str) -> None:
    model, creators, changers = SHARED_WRITES[model_name]
    user = getattr(personas, persona)
    assert scoping.may_write(user, model, scoping.CREATE) is (persona in creators)
    if changers is not None:
        expected = persona in changers
        assert scoping.scoped(user, model._default_manager.all(), scoping.CHANGE).exists() is expected


@pytest.mark.parametrize("model", [*(m for m, _l in ROWS.values()), *SHARED], ids=lambda m: m.__name__)
def test_anonymous_role_less_and_inactive_users_see_nothing(personas: Personas, model: type[models.Model]) -> None:
    f.ServiceAreaFactory()
    role_less = f.UserFactory(username="senza_ruolo", role="")
    inactive = f.UserFactory(username="disattivato", role=Role.REGIONE, is_active=False)
    for user in (AnonymousUser(), role_less, inactive):
        assert not scoping.scoped(user, model._default_manager.all()).exists()
        assert not scoping.may_write(user, model, scoping.CREATE)
        assert scoping.scope_of(user) is None


def test_a_superuser_without_role_is_treated_as_the_regional_officer(personas: Personas) -> None:
    admin = f.UserFactory(username="root", role="", is_superuser=True)
    assert scoping.scope_of(admin) == scoping.Scope(Role.REGIONE)
    assert scoping.scoped(admin, nm.Seat.objects.all()).count() == 4


# get_for_user: 404 outside the scope, 403 when visible but not writable ---------------------

GET_CASES = [
    ("coord_a", "hub_b", scoping.VIEW, Http404),
    ("op_a1", "spoke_a2", scoping.VIEW, Http404),
    ("ats_b", "spoke_a1", scoping.CHANGE, Http404),
    ("op_a1", "spoke_a1", scoping.CHANGE, PermissionDenied),
    ("auditor", "hub_b", scoping.CHANGE, PermissionDenied),
    ("admin_a", "centre_a", scoping.CHANGE, PermissionDenied),
    ("coord_a", "destination_a", scoping.CHANGE, PermissionDenied),
    ("op_b", "protocol_b", scoping.CHANGE, PermissionDenied),
    ("coord_a", "spoke_a1", scoping.CHANGE, None),
    ("admin_a", "staff_a", scoping.CHANGE, None),
    ("auditor", "protocol_a", scoping.VIEW, None),
]


@pytest.mark.parametrize(
    ("persona", "label", "action", "error"),
    GET_CASES,
    ids=[f"{p}-{a}-{label}-{e.__name__ if e else 'ok'}" for p, label, a, e in GET_CASES],
)
def test_get_for_user_hides_invisible_rows_and_forbids_visible_unwritable_ones(
    personas: Personas, persona: str, label: str, action: str, error: type[Exception] | None
) -> None:
    obj = getattr(personas, label)
    user = getattr(personas, persona)
    queryset = type(obj)._default_manager.all()
    if error is None:
        assert scoping.get_for_user(user, queryset, obj.pk, action) == obj
    else:
        with pytest.raises(error):
            scoping.get_for_user(user, queryset, obj.pk, action)


def test_get_for_user_treats_a_malformed_id_as_not_found(personas: Personas) -> None:
    with pytest.raises(Http404):
        scoping.get_for_user(personas.regione, nm.Seat.objects.all(), "abc")


# check_can_write on new rows -----------------------------------------------------------------


def _new(p: Personas, kind: str, where: str) -> models.Model:
    centre = p.centre_a if where == "a" else p.centre_b
    ats = p.ats_a_obj if where == "a" else p.ats_b_obj
    seat = p.spoke_a1 if where == "a" else p.hub_b
    return {
        "centre": lambda: nm.Centre(name="Nuovo", ats=ats, lead_ente=centre.lead_ente, start_date=dt.date(2025, 1, 1)),
        "seat": lambda: nm.Seat(centre=centre, kind=nm.Seat.Kind.SPOKE, name="Nuova sede"),
        "slot": lambda: nm.OpeningSlot(seat=seat, weekday=2, opens=dt.time(9), closes=dt.time(12)),
        "staff": lambda: nm.StaffMember(centre=centre, first_name="Anna", last_name="Neri"),
        "destination": lambda: nm.ReferralDestination(name="Nuovo consultorio", ats=ats),
        "area": lambda: tm.Area(kind=tm.Area.Kind.DISTRETTO, name="Distretto nuovo", ats=ats),
        "ente": lambda: nm.Ente(name="Nuovo ente", kind=nm.Ente.Kind.ETS),
    }[kind]()


CREATE_CASES = [
    ("coord_a", "seat", "a", True),
    ("coord_a", "seat", "b", False),
    ("ats_a", "seat", "a", True),
    ("ats_a", "seat", "b", False),
    ("regione", "seat", "b", True),
    ("admin_a", "seat", "a", False),
    ("op_a1", "seat", "a", False),
    ("auditor", "seat", "a", False),
    ("coord_a", "slot", "a", True),
    ("coord_a", "slot", "b", False),
    ("op_a1", "slot", "a", False),
    ("admin_a", "staff", "a", True),
    ("admin_a", "staff", "b", False),
    ("op_a1", "staff", "a", False),
    ("ats_a", "centre", "a", True),
    ("ats_a", "centre", "b", False),
    ("coord_a", "centre", "a", False),
    ("regione", "centre", "b", True),
    ("ats_b", "destination", "b", True),
    ("ats_b", "destination", "a", False),
    ("coord_a", "destination", "a", False),
    ("ats_a", "area", "a", True),
    ("ats_a", "area", "b", False),
    ("coord_a", "area", "a", False),
    ("coord_a", "ente", "a", True),
    ("op_a1", "ente", "a", False),
    ("auditor", "ente", "a", False),
]


@pytest.mark.parametrize(
    ("persona", "kind", "where", "allowed"),
    CREATE_CASES,
    ids=[f"{p}-creates-{k}-in-{w}-{'allowed' if ok else 'denied'}" for p, k, w, ok in CREATE_CASES],
)
def test_check_can_write_allows_creating_only_inside_the_writers_scope(
    personas: Personas, persona: str, kind: str, where: str, allowed: bool
) -> None:
    obj = _new(personas, kind, where)
    user = getattr(personas, persona)
    if allowed:
        scoping.check_can_write(user, obj, scoping.CREATE)
    else:
        with pytest.raises(PermissionDenied):
            scoping.check_can_write(user, obj, scoping.CREATE)


@pytest.mark.parametrize("persona", ["coord_a", "admin_a", "op_a1", "auditor"])
def test_only_regione_and_ats_officers_change_a_shared_ente(personas: Personas, persona: str) -> None:
    ente = personas.centre_a.lead_ente
    with pytest.raises(PermissionDenied):
        scoping.check_can_write(getattr(personas, persona), ente, scoping.CHANGE)
    scoping.check_can_write(personas.ats_a, ente, scoping.CHANGE)


# record_update must not move a row out of the editor's scope ---------------------------------

MOVE_CASES = [
    ("coord_a", False),
    ("ats_a", False),
    ("regione", True),
]


@pytest.mark.parametrize(("persona", "allowed"), MOVE_CASES, ids=[p for p, _a in MOVE_CASES])
def test_moving_a_seat_to_another_centre_needs_write_access_to_both(
    personas: Personas, persona: str, allowed: bool
) -> None:
    user = getattr(personas, persona)
    seat = nm.Seat.objects.get(pk=personas.spoke_a1.pk)
    data = {"centre": personas.centre_b, "comune": personas.bergamo}
    if allowed:
        record_update(actor=user, instance=seat, data=data)
        assert nm.Seat.objects.get(pk=seat.pk).centre_id == personas.centre_b.pk
    else:
        with pytest.raises(PermissionDenied):
            record_update(actor=user, instance=seat, data=data)
        assert nm.Seat.objects.get(pk=seat.pk).centre_id == personas.centre_a.pk


@pytest.mark.parametrize(
    ("label", "field", "target"),
    [
        ("offering_a1", "seat", "hub_b"),
        ("protocol_a", "centre", "centre_b"),
        ("staff_a", "centre", "centre_b"),
    ],
)
def test_a_coordinator_cannot_move_a_row_into_another_centre(
    personas: Personas, label: str, field: str, target: str
) -> None:
    obj = getattr(personas, label)
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    with pytest.raises(PermissionDenied):
        record_update(actor=personas.coord_a, instance=fresh, data={field: getattr(personas, target)})
    assert getattr(type(obj)._default_manager.get(pk=obj.pk), f"{field}_id") == getattr(obj, f"{field}_id")


def test_a_coordinator_cannot_move_an_opening_slot_to_a_seat_of_another_centre(personas: Personas) -> None:
    slot = personas.spoke_a1.opening_slots.get()
    with pytest.raises(PermissionDenied):
        record_update(actor=personas.coord_a, instance=slot, data={"seat": personas.hub_b})
    assert nm.OpeningSlot.objects.get(pk=slot.pk).seat_id == personas.spoke_a1.pk


def test_an_ats_officer_cannot_move_an_area_to_another_ats(personas: Personas) -> None:
    area = tm.Area.objects.get(pk=personas.ambito_a.pk)
    with pytest.raises(PermissionDenied):
        record_update(actor=personas.ats_a, instance=area, data={"ats": personas.ats_b_obj})
    assert tm.Area.objects.get(pk=area.pk).ats_id == personas.ats_a_obj.pk


# The shared directory of territorial resources (directory.Resource) ------------------------
# Reading follows the entry's visibility level (public, network, operators) for everyone, plus the
# entries the user may change; changing follows the ATS (reviewers, coordinators) or the Ente
# (an organisation's editor). Entries: a public doposcuola of the Milan cooperative, an
# operators-only shelter and a network-only legal desk of another body in ATS A, a public
# library of that body in ATS B.

DIRECTORY_VISIBLE = {
    "anonymous": {"doposcuola", "library"},
    "regione": {"doposcuola", "shelter", "desk", "library"},
    "auditor": {"doposcuola", "desk", "library"},
    "ats_a": {"doposcuola", "shelter", "desk", "library"},
    "ats_b": {"doposcuola", "shelter", "desk", "library"},
    "coord_a": {"doposcuola", "shelter", "desk", "library"},
    "admin_a": {"doposcuola", "shelter", "desk", "library"},
    "op_a1": {"doposcuola", "shelter", "desk", "library"},
    "op_b": {"doposcuola", "shelter", "desk", "library"},
    "editor": {"doposcuola", "desk", "library"},
}
DIRECTORY_CHANGEABLE = {
    "anonymous": set(),
    "regione": {"doposcuola", "shelter", "desk", "library"},
    "auditor": set(),
    "ats_a": {"doposcuola", "shelter", "desk"},
    "ats_b": {"library"},
    "coord_a": {"doposcuola", "shelter", "desk"},
    "admin_a": set(),
    "op_a1": set(),
    "op_b": set(),
    "editor": {"doposcuola"},
}
DIRECTORY_PUBLISHERS = {"regione", "ats_a"}  # on the ATS A doposcuola


@pytest.mark.parametrize("persona", sorted(DIRECTORY_VISIBLE))
def test_directory_entries_each_persona_reads_changes_and_publishes(personas: Personas, persona: str) -> None:
    from directory.models import Resource
    from tests.directory.builders import build_directory

    entries = build_directory(personas)
    user = AnonymousUser() if persona == "anonymous" else entries["editor"] if persona == "editor" else None
    user = user or getattr(personas, persona)
    by_pk = {entries[label].pk: label for label in ("doposcuola", "shelter", "desk", "library")}
    seen = {by_pk[pk] for pk in scoping.directory_visible(user, Resource.objects.all()).values_list("pk", flat=True)}
    changeable = {
        by_pk[pk] for pk in scoping.scoped(user, Resource.objects.all(), scoping.CHANGE).values_list("pk", flat=True)
    }
    assert seen == DIRECTORY_VISIBLE[persona]
    assert changeable == DIRECTORY_CHANGEABLE[persona]
    may_publish = scoping.may_act(user, "directory.resource.publish", entries["doposcuola"])
    assert may_publish is (persona in DIRECTORY_PUBLISHERS)


def test_an_organisation_editor_needs_its_ente_and_nothing_else(personas: Personas) -> None:
    from django.core.exceptions import ValidationError

    editor = f.UserFactory.build(username="senza_ente", role=Role.ORG_EDITOR)
    with pytest.raises(ValidationError) as exc:
        editor.clean()
    assert "ente" in exc.value.message_dict
    editor.ente = f.EnteFactory()
    editor.ats = personas.ats_a_obj
    with pytest.raises(ValidationError) as exc:
        editor.clean()
    assert set(exc.value.message_dict) == {"ats"}
