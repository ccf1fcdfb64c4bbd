"""Tests for core/records.py (the write kernel) on the network registry: record_create, record_update and
record_delete validate before saving, lock optimistically and write one audit entry per change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from audit.models import AuditEntry
from common.concurrency import ConflictError
from core.records import record_create, record_delete, record_update
from network.models import Centre, OpeningException, OpeningSlot, Seat, StaffMember
from tests.personas import Personas

OUTSIDE_LOMBARDY = "Le coordinate indicate sono fuori dalla Lombardia."
BOTH_OR_NONE = "Indica sia la latitudine sia la longitudine, oppure nessuna delle due."
OTHER_ATS = "Il comune della sede deve appartenere all'ATS del centro."
CLOSES_BEFORE_OPENS = "L'orario di chiusura deve essere successivo a quello di apertura."
PROTECTED = "Non è possibile eliminare l'elemento perché è collegato ad altri dati: modificalo o disattivalo."


def new_seat(p: Personas, **overrides: Any) -> Seat:
    fields: dict[str, Any] = {
        "centre": p.centre_a,
        "kind": Seat.Kind.SPOKE,
        "name": "Spoke nuova",
        "managing_ente": p.centre_a.lead_ente,
        "address": "Via Nuova 1",
        "comune": p.milano,
    }
    return Seat(**(fields | overrides))


def t(hhmm: str) -> dt.time:
    return dt.time.fromisoformat(hhmm)


def fresh(seat: Seat) -> Seat:
    return Seat.objects.get(pk=seat.pk)


# --- record_create --------------------------------------------------------------------


def test_record_create_saves_a_valid_seat_with_an_audit_entry(personas: Personas) -> None:
    seat = record_create(
        actor=personas.coord_a,
        instance=new_seat(personas, latitude=Decimal("45.47"), longitude=Decimal("9.19")),
    )

    assert seat.pk and seat.version == 1
    entry = AuditEntry.objects.get(action="network.seat.created")
    assert entry.object_id == str(seat.pk) and entry.actor == personas.coord_a
    assert (entry.ats_id, entry.centre_id) == (personas.ats_a_obj.pk, personas.centre_a.pk)
    assert entry.changes["name"] == "Spoke nuova"
    assert entry.changes["comune"] == personas.milano.pk
    assert "id" not in entry.changes and "version" not in entry.changes


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        pytest.param(
            {"latitude": Decimal("41.9"), "longitude": Decimal("12.5")}, "latitude", OUTSIDE_LOMBARDY, id="rome"
        ),
        pytest.param(
            {"latitude": Decimal("46.0"), "longitude": Decimal("8.95")}, "latitude", OUTSIDE_LOMBARDY, id="lugano"
        ),
        pytest.param({"latitude": Decimal("45.47")}, "longitude", BOTH_OR_NONE, id="latitude-only"),
        pytest.param({"longitude": Decimal("9.19")}, "longitude", BOTH_OR_NONE, id="longitude-only"),
        pytest.param({"comune": "bergamo"}, "comune", OTHER_ATS, id="comune-in-another-ats"),
        pytest.param(
            {"name": "Spoke A1"}, "__all__", "Il centro ha già una sede con questo nome.", id="duplicate-name"
        ),
        pytest.param(
            {"comune": "sesto", "address": "spoke_a1"},
            "__all__",
            "Il centro ha già una sede a questo indirizzo in questo comune.",
            id="duplicate-address",
        ),
        pytest.param(
            {"kind": Seat.Kind.HUB, "name": "Hub bis"},
            "__all__",
            "Il centro ha già una sede Hub: un centro ha una sola sede principale.",
            id="second-hub",
        ),
    ],
)
def test_record_create_rejects_an_invalid_seat_and_saves_nothing(
    personas: Personas, overrides: dict[str, Any], field: str, message: str
) -> None:
    overrides = dict(overrides)  # the parameter is shared between runs
    if overrides.get("comune") in ("bergamo", "sesto"):
        overrides["comune"] = getattr(personas, overrides["comune"])
    if overrides.get("address") == "spoke_a1":
        overrides["address"] = personas.spoke_a1.address
    seats, entries = Seat.objects.count(), AuditEntry.objects.count()

    with pytest.raises(ValidationError) as caught:
        record_create(actor=personas.regione, instance=new_seat(personas, **overrides))

    assert caught.value.message_dict[field] == [message]
    assert (Seat.objects.count(), AuditEntry.objects.count()) == (seats, entries)


def test_a_coordinator_cannot_create_a_seat_in_another_centre(personas: Personas) -> None:
    seat = new_seat(personas, centre=personas.centre_b, comune=personas.bergamo)

    with pytest.raises(PermissionDenied):
        record_create(actor=personas.coord_a, instance=seat)

    assert not Seat.objects.filter(name="Spoke nuova").exists()


@pytest.mark.parametrize(("opens", "closes"), [("13:00", "09:00"), ("09:00", "09:00")])
def test_an_opening_slot_closing_before_it_opens_is_refused_by_the_model(
    personas: Personas, opens: str, closes: str
) -> None:
    slot = OpeningSlot(seat=personas.hub_a, weekday=0, opens=t(opens), closes=t(closes))

    with pytest.raises(ValidationError) as caught:
        record_create(actor=personas.coord_a, instance=slot)

    assert caught.value.message_dict["closes"] == [CLOSES_BEFORE_OPENS]
    assert not AuditEntry.objects.filter(action="network.openingslot.created").exists()


def test_an_opening_slot_closing_before_it_opens_is_refused_by_the_database(personas: Personas) -> None:
    slots = OpeningSlot.objects.count()

    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningSlot.objects.create(seat=personas.hub_a, weekday=0, opens=t("13:00"), closes=t("09:00"))

    assert OpeningSlot.objects.count() == slots


@pytest.mark.parametrize(
    ("closed", "opens", "closes", "field", "message"),
    [
        (True, "09:00", "12:00", "opens", "Una chiusura non ha orari: togli gli orari o la chiusura."),
        (True, "09:00", None, "opens", "Una chiusura non ha orari: togli gli orari o la chiusura."),
        (False, "09:00", None, "opens", "Per un'apertura straordinaria indica apertura e chiusura."),
        (False, "12:00", "09:00", "closes", CLOSES_BEFORE_OPENS),
    ],
)
def test_an_inconsistent_opening_exception_is_refused(
    personas: Personas, closed: bool, opens: str | None, closes: str | None, field: str, message: str
) -> None:
    exception = OpeningException(
        seat=personas.hub_a,
        day=dt.date(2025, 12, 24),
        closed=closed,
        opens=t(opens) if opens else None,
        closes=t(closes) if closes else None,
    )

    with pytest.raises(ValidationError) as caught:
        record_create(actor=personas.coord_a, instance=exception)

    assert caught.value.message_dict[field] == [message]
    assert not OpeningException.objects.exists()
    assert not AuditEntry.objects.exists()


# --- record_update --------------------------------------------------------------------


def test_record_update_audits_old_and_new_values_of_the_changed_fields_only(personas: Personas) -> None:
    seat = fresh(personas.hub_a)
    old_name, email = seat.name, seat.email

    record_update(
        actor=personas.coord_a,
        instance=seat,
        data={"name": "Hub A (nuova sede)", "phone": "02 1234567", "email": email, "comune": personas.sesto},
        expected_version=1,
    )

    entry = AuditEntry.objects.get(action="network.seat.updated")
    assert entry.changes == {
        "name": [old_name, "Hub A (nuova sede)"],
        "phone": ["", "02 1234567"],
        "comune": [personas.milano.pk, personas.sesto.pk],
    }
    row = fresh(seat)
    assert (row.name, row.phone, row.comune_id, row.version) == (
        "Hub A (nuova sede)",
        "02 1234567",
        personas.sesto.pk,
        2,
    )
    assert seat.version == 2


def test_record_update_that_changes_nothing_writes_no_audit_entry(personas: Personas) -> None:
    seat = fresh(personas.hub_a)

    record_update(actor=personas.coord_a, instance=seat, data={"name": seat.name}, expected_version=1)

    assert not AuditEntry.objects.exists()


def test_record_update_with_a_stale_expected_version_conflicts_and_leaves_the_row_unchanged(
    personas: Personas,
) -> None:
    record_update(actor=personas.coord_a, instance=fresh(personas.hub_a), data={"phone": "02 1"}, expected_version=1)
    record_update(actor=personas.coord_a, instance=fresh(personas.hub_a), data={"phone": "02 2"}, expected_version=2)
    before = fresh(personas.hub_a)
    entries = AuditEntry.objects.count()

    # The edit form was opened at version 1; the row is now at version 3.
    with pytest.raises(ConflictError, match="modificato da un altro utente"):
        record_update(actor=personas.regione, instance=fresh(before), data={"name": "Mia modifica"}, expected_version=1)

    after = fresh(personas.hub_a)
    assert (after.name, after.phone, after.version) == (before.name, "02 2", 3)
    assert AuditEntry.objects.count() == entries


def test_of_two_edits_started_from_the_same_version_the_first_wins_and_the_second_conflicts(
    personas: Personas,
) -> None:
    mine, theirs = fresh(personas.hub_a), fresh(personas.hub_a)
    start = mine.version

    record_update(actor=personas.coord_a, instance=theirs, data={"name": "Hub (loro)"}, expected_version=start)
    with pytest.raises(ConflictError):
        record_update(actor=personas.regione, instance=mine, data={"name": "Hub (mio)"}, expected_version=start)

    row = fresh(personas.hub_a)
    assert (row.name, row.version) == ("Hub (loro)", start + 1)
    assert AuditEntry.objects.filter(action="network.seat.updated").count() == 1


def test_of_two_edits_without_expected_version_the_stale_instance_conflicts(personas: Personas) -> None:
    mine, theirs = fresh(personas.hub_a), fresh(personas.hub_a)

    record_update(actor=personas.coord_a, instance=theirs, data={"name": "Hub (loro)"})
    with pytest.raises(ConflictError):
        record_update(actor=personas.coord_a, instance=mine, data={"name": "Hub (mio)"})

    assert fresh(personas.hub_a).name == "Hub (loro)"


def test_record_update_runs_model_validation(personas: Personas) -> None:
    seat = fresh(personas.hub_a)

    with pytest.raises(ValidationError) as caught:
        record_update(actor=personas.regione, instance=seat, data={"comune": personas.bergamo}, expected_version=1)

    assert caught.value.message_dict["comune"] == [OTHER_ATS]
    assert fresh(seat).comune == personas.milano


def test_a_coordinator_cannot_move_a_seat_into_another_centre(personas: Personas) -> None:
    seat = fresh(personas.spoke_a1)

    with pytest.raises(PermissionDenied):
        record_update(
            actor=personas.coord_a,
            instance=seat,
            data={"centre": personas.centre_b, "comune": personas.bergamo},
            expected_version=1,
        )

    assert fresh(seat).centre == personas.centre_a


# --- record_delete --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attribute", "model"),
    [
        pytest.param("spoke_a1", Seat, id="seat-of-an-operator-account"),
        pytest.param("centre_a", Centre, id="centre-with-seats-staff-protocols"),
    ],
)
def test_record_delete_of_a_protected_record_gives_an_italian_validation_error(
    personas: Personas, attribute: str, model: type[Seat] | type[Centre]
) -> None:
    obj = getattr(personas, attribute)

    with pytest.raises(ValidationError) as caught:
        record_delete(actor=personas.regione, instance=obj)

    assert caught.value.messages == [PROTECTED]
    assert model.objects.filter(pk=obj.pk).exists()
    assert not AuditEntry.objects.exists()  # the audit entry rolled back with the delete


def test_record_delete_removes_a_free_seat_with_an_audit_entry(personas: Personas) -> None:
    seat = personas.spoke_a2
    seat_pk = seat.pk

    record_delete(actor=personas.coord_a, instance=seat)

    assert not Seat.objects.filter(pk=seat_pk).exists()
    entry = AuditEntry.objects.get(action="network.seat.deleted")
    assert (entry.object_id, entry.changes, entry.centre_id) == (
        str(seat_pk),
        {"str": "Spoke A2"},
        personas.centre_a.pk,
    )


def test_deleting_a_seat_unlinks_the_staff_assigned_to_it_without_deleting_them(personas: Personas) -> None:
    """Staff reach seats through a many-to-many link, which does not protect the seat."""
    personas.staff_a.seats.add(personas.spoke_a2)

    record_delete(actor=personas.coord_a, instance=personas.spoke_a2)

    assert StaffMember.objects.get(pk=personas.staff_a.pk).seats.count() == 0


def test_an_operator_cannot_delete_a_seat(personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        record_delete(actor=personas.op_a1, instance=personas.spoke_a1)

    assert Seat.objects.filter(pk=personas.spoke_a1.pk).exists()
