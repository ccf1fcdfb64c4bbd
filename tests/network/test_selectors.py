"""Tests for network/selectors.py: network hours across seats, a seat's hours at a given moment,
and the dashboards' query counts (no N+1: the count does not grow with the rows)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from accounts.models import User
from network.hours import ROME
from network.models import OpeningException, OpeningSlot, Seat
from network.selectors import ambito_coverage, centre_network_hours, centres_for_dashboard, seat_hours_summary
from territory.models import Area, AreaMembership, Comune
from tests import factories as f
from tests.personas import Personas

ON = dt.date(2025, 5, 5)
MON, TUE, WED, THU, FRI, SAT = range(6)
# Real comuni of ATS 321 (territory/data/lombardia_comuni.csv): istat, cadastral, name, lat, lon.
MORE_COMUNI_ATS_A = [
    ("015002", "A010", "Abbiategrasso", "45.38188", "8.89520"),
    ("015005", "A127", "Albairate", "45.42253", "8.94545"),
    ("015007", "A375", "Arconate", "45.54028", "8.84154"),
    ("015009", "A389", "Arese", "45.55082", "9.07346"),
    ("015010", "A413", "Arluno", "45.50886", "8.94208"),
]


def t(hhmm: str) -> dt.time:
    return dt.time.fromisoformat(hhmm)


def rome(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ROME)


def add_slot(seat: Seat, weekday: int, opens: str, closes: str) -> None:
    OpeningSlot.objects.create(seat=seat, weekday=weekday, opens=t(opens), closes=t(closes))


def reload(user: User) -> User:
    """A fresh user object: the scope cached on the old one would hide its query."""
    return User.objects.get(pk=user.pk)


def comune_of_ats_a(personas: Personas, index: int) -> Comune:
    code, cadastral, name, lat, lon = MORE_COMUNI_ATS_A[index]
    return f.ComuneFactory(
        istat_code=code,
        cadastral_code=cadastral,
        name=name,
        is_capoluogo=False,
        ats=personas.ats_a_obj,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
    )


# --- Network hours --------------------------------------------------------------------

# Personas: Hub A and Spoke A1 are both open on Monday 9–13; Spoke A2 has no slots.


@pytest.mark.parametrize(
    ("extra_slots", "inactive", "network", "per_seat"),
    [
        pytest.param([], [], "4.00", {"Hub A": "4.00", "Spoke A1": "4.00", "Spoke A2": "0.00"}, id="same-hours-once"),
        pytest.param(
            [("spoke_a1", MON, "11:00", "15:00")],
            [],
            "6.00",
            {"Hub A": "4.00", "Spoke A1": "6.00", "Spoke A2": "0.00"},
            id="overlap-counted-once",
        ),
        pytest.param(
            [("spoke_a2", TUE, "09:00", "13:00")],
            [],
            "8.00",
            {"Hub A": "4.00", "Spoke A1": "4.00", "Spoke A2": "4.00"},
            id="other-days-add-up",
        ),
        pytest.param(
            [("spoke_a2", TUE, "09:00", "13:00")],
            ["spoke_a2"],
            "4.00",
            {"Hub A": "4.00", "Spoke A1": "4.00"},
            id="inactive-seat-ignored",
        ),
    ],
)
def test_centre_network_hours_is_the_union_of_the_seats_hours(
    personas: Personas,
    extra_slots: list[tuple[str, int, str, str]],
    inactive: list[str],
    network: str,
    per_seat: dict[str, str],
) -> None:
    for seat_name, weekday, opens, closes in extra_slots:
        add_slot(getattr(personas, seat_name), weekday, opens, closes)
    for seat_name in inactive:
        Seat.objects.filter(pk=getattr(personas, seat_name).pk).update(is_active=False)

    total, meets_minimum, seats = centre_network_hours(centre=personas.centre_a, on=ON)

    assert total == Decimal(network)
    assert not meets_minimum
    assert {seat.name: str(hours) for seat, hours in seats} == per_seat


def test_a_network_of_hub_and_spoke_reaching_18_hours_meets_the_minimum(personas: Personas) -> None:
    for weekday in (TUE, WED, THU, FRI):
        add_slot(personas.hub_a, weekday, "09:00", "12:00")  # 4 + 4 × 3 = 16 h at the Hub
    add_slot(personas.spoke_a1, MON, "10:00", "12:00")  # inside the Hub's Monday: adds nothing
    add_slot(personas.spoke_a2, SAT, "09:00", "11:00")  # + 2 h

    total, meets_minimum, _seats = centre_network_hours(centre=personas.centre_a, on=ON)

    assert (total, meets_minimum) == (Decimal("18.00"), True)


# --- One seat at a moment -------------------------------------------------------------

# Hub A (Milano) is open on Monday 9–13; Milano's patron day is 7 December (Sant'Ambrogio).


@pytest.mark.parametrize(
    ("now", "open_now"),
    [
        pytest.param(rome(2025, 4, 28, 10, 0), True, id="monday-morning"),
        pytest.param(rome(2025, 4, 28, 9, 0), True, id="at-opening"),
        pytest.param(rome(2025, 4, 28, 13, 0), False, id="at-closing"),
        pytest.param(rome(2025, 4, 29, 10, 0), False, id="tuesday"),
        pytest.param(rome(2025, 4, 21, 10, 0), False, id="pasquetta"),
        pytest.param(rome(2026, 12, 7, 10, 0), False, id="sant-ambrogio-monday"),
        pytest.param(dt.datetime(2025, 4, 28, 8, 0, tzinfo=dt.UTC), True, id="utc-0800-is-1000-in-rome"),
        pytest.param(dt.datetime(2025, 4, 28, 11, 0, tzinfo=dt.UTC), False, id="utc-1100-is-1300-in-rome"),
    ],
)
def test_seat_hours_summary_tells_whether_the_seat_is_open_at_a_given_moment(
    personas: Personas, now: dt.datetime, open_now: bool
) -> None:
    summary = seat_hours_summary(seat=personas.hub_a, now=now)

    assert summary["open_now"] is open_now
    assert summary["nominal_weekly_hours"] == Decimal("4.00")


def test_seat_hours_summary_gives_the_next_opening_and_this_weeks_hours(personas: Personas) -> None:
    summary = seat_hours_summary(seat=personas.hub_a, now=rome(2025, 4, 28, 13, 0))

    assert summary["next_opening"] == rome(2025, 5, 5, 9, 0)
    assert summary["this_week_hours"] == Decimal("4.00")
    assert [slot.weekday for slot in summary["slots"]] == [MON]


def test_seat_hours_summary_applies_a_closure_and_lists_the_patron_day(personas: Personas) -> None:
    OpeningException.objects.create(seat=personas.hub_a, day=dt.date(2026, 11, 30), closed=True, note="Inventario")

    summary = seat_hours_summary(seat=personas.hub_a, now=rome(2026, 11, 30, 10, 0))

    assert summary["open_now"] is False
    assert summary["this_week_hours"] == Decimal("0.00")
    assert summary["next_opening"] == rome(2026, 12, 14, 9, 0)  # 7/12 Sant'Ambrogio is skipped
    assert [e.note for e in summary["exceptions"]] == ["Inventario"]
    assert (dt.date(2026, 12, 7), "Santo patrono") in summary["upcoming_holidays"]


# --- Query counts (N+1 guard) ---------------------------------------------------------


def add_centres(personas: Personas, how_many: int) -> None:
    """Centres in ATS A, each with a hub, two staff members and a protocol."""
    for index in range(how_many):
        centre = f.CentreFactory(ats=personas.ats_a_obj)
        f.SeatFactory(centre=centre, kind=Seat.Kind.HUB, comune=personas.milano)
        f.StaffMemberFactory.create_batch(2, centre=centre)
        f.ProtocolFactory(centre=centre, title=f"Protocollo extra {index}")


def add_ambiti(personas: Personas, how_many: int) -> None:
    """Ambiti in ATS A with one comune each; every other one has a seat of Centre A."""
    for index in range(how_many):
        comune = comune_of_ats_a(personas, index)
        area = f.AreaFactory(ats=personas.ats_a_obj)
        AreaMembership.objects.create(area=area, comune=comune, kind=Area.Kind.AMBITO)
        if index % 2 == 0:
            f.SeatFactory(centre=personas.centre_a, comune=comune)


def dashboard_rows(user: User) -> list[tuple[Any, ...]]:
    return [
        (c.ats.code, c.lead_ente.name, c.name, c.seat_count, c.staff_count) for c in centres_for_dashboard(user=user)
    ]


def coverage_rows(user: User) -> list[tuple[str, list[str], list[str]]]:
    return [
        (e["ats"].code, [a.name for a in e["covered"]], [a.name for a in e["uncovered"]])
        for e in ambito_coverage(user=user)
    ]


# scope_of() costs one query for Centre-level roles (their ATS comes from the Centre).
@pytest.mark.parametrize(("persona", "queries"), [("regione", 1), ("ats_a", 1), ("coord_a", 2)])
def test_centres_for_dashboard_query_count_does_not_grow_with_the_centres(
    personas: Personas, django_assert_num_queries: Any, persona: str, queries: int
) -> None:
    user = reload(getattr(personas, persona))
    with django_assert_num_queries(queries):
        before = dashboard_rows(user)

    add_centres(personas, 5)
    user = reload(user)
    with django_assert_num_queries(queries):
        after = dashboard_rows(user)

    assert len(after) == len(before) + (0 if persona == "coord_a" else 5)


@pytest.mark.parametrize(("persona", "queries"), [("regione", 3), ("ats_a", 3), ("coord_a", 4)])
def test_ambito_coverage_query_count_does_not_grow_with_the_ambiti(
    personas: Personas, django_assert_num_queries: Any, persona: str, queries: int
) -> None:
    user = reload(getattr(personas, persona))
    with django_assert_num_queries(queries):
        before = coverage_rows(user)

    add_ambiti(personas, 5)
    user = reload(user)
    with django_assert_num_queries(queries):
        after = coverage_rows(user)

    count = sum(len(covered) + len(uncovered) for _ats, covered, uncovered in after)
    assert count == sum(len(c) + len(u) for _ats, c, u in before) + 5


def test_centres_for_dashboard_counts_seats_and_staff_without_multiplying_them(personas: Personas) -> None:
    f.StaffMemberFactory.create_batch(2, centre=personas.centre_a)  # 3 staff, 3 seats

    rows = {name: (seats, staff) for _ats, _ente, name, seats, staff in dashboard_rows(personas.regione)}

    assert rows == {"Centro A": (3, 3), "Centro B": (1, 1)}
    assert [row[2] for row in dashboard_rows(personas.ats_b)] == ["Centro B"]


def test_ambito_coverage_splits_the_ambiti_of_each_ats_in_scope_by_active_seats(personas: Personas) -> None:
    sesto_ambito = f.AreaFactory(name="Ambito Nord", ats=personas.ats_a_obj)
    AreaMembership.objects.create(area=sesto_ambito, comune=personas.sesto, kind=Area.Kind.AMBITO)
    empty = f.AreaFactory(name="Ambito Ovest", ats=personas.ats_a_obj)
    AreaMembership.objects.create(area=empty, comune=comune_of_ats_a(personas, 0), kind=Area.Kind.AMBITO)
    f.AreaFactory(name="Distretto Uno", kind=Area.Kind.DISTRETTO, ats=personas.ats_a_obj)  # not an ambito

    assert coverage_rows(personas.regione) == [
        ("321", ["Ambito Milano", "Ambito Nord"], ["Ambito Ovest"]),
        ("325", ["Ambito Bergamo"], []),
    ]
    Seat.objects.filter(pk=personas.spoke_a1.pk).update(is_active=False)  # Sesto's only seat
    assert coverage_rows(personas.ats_a) == [("321", ["Ambito Milano"], ["Ambito Nord", "Ambito Ovest"])]
