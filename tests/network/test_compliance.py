"""The compliance checker's pure rules (D.G.R. 1507/2023 All. A §§ 3.1–3.3), table-driven at the
boundaries: exactly 18 hours, overlapping seats, a coordinator who is also at a Spoke."""

import datetime as dt
from dataclasses import replace
from datetime import time

import pytest

from network import compliance as c
from network.hours import WeeklySlot

ON = dt.date(2026, 12, 2)


def slot(day: int, opens: int, closes: int, minutes: int = 0) -> WeeklySlot:
    return WeeklySlot(day, time(opens), time(closes, minutes))


def staff(name: str, profile: str, role: str = "", seats: str = "hub", qualification: str = "Laurea") -> c.StaffFact:
    return c.StaffFact(name, profile, role, qualification, frozenset(seats.split(",")) if seats else frozenset())


GOOD_STAFF = [
    staff("Anna", "pedagogista", c.COORDINATOR),
    staff("Bruno", "amministrativo", c.ADMIN_LEAD),
    staff("Carla", "assistente_sociale", seats="spoke"),
    staff("Dario", "psicologo"),
    staff("Elena", "mediatore_familiare"),
    staff("Fabio", "educatore", seats="spoke"),
]
GOOD_OFFERINGS = [
    c.OfferingFact("Sportello", "informazione-orientamento", "hub"),
    c.OfferingFact("Genitori", "sostegno-genitorialita", "spoke"),
    c.OfferingFact("Gruppo caregiver", "risorse-famiglia-comunita", "hub", text="Gruppo per caregiver familiari"),
]
GOOD = c.CentreFacts(
    name="Centro",
    on=ON,
    seats_slots=[[slot(0, 9, 13), slot(2, 9, 13)], [slot(4, 9, 13), slot(1, 14, 20)]],  # 4+4+4+6 = 18
    staff=GOOD_STAFF,
    offerings=GOOD_OFFERINGS,
    protocols=[c.ProtocolFact("Protocollo rete", frozenset({7, 8}), dt.date(2025, 1, 1), None)],
    partners={7: "Comune", 8: "Cooperativa"},
    carta=c.CartaFact(published_on=dt.date(2026, 11, 1), current=True),
)


def outcome(check: str, facts: c.CentreFacts) -> c.Outcome:
    return next(x for x in c.evaluate(facts).checks if x.code == check).outcome


def test_a_compliant_centre_passes_every_check_with_evidence_and_paragraph() -> None:
    report = c.evaluate(GOOD)
    assert report.compliant and report.passed == 8 and report.to_fix == []
    assert all(check.evidence and check.paragraph.startswith("All. A §") for check in report.checks)


HOURS = [
    ("exactly 18 hours", [[slot(0, 9, 18), slot(1, 9, 18)]], c.Outcome.PASS),
    ("17 h 59", [[slot(0, 9, 18), slot(1, 9, 17, 59)]], c.Outcome.FAIL),
    ("overlap counts once", [[slot(0, 9, 18)], [slot(0, 9, 18)], [slot(1, 9, 17)]], c.Outcome.FAIL),
    ("two seats add up", [[slot(0, 9, 18)], [slot(1, 9, 18)]], c.Outcome.PASS),
    ("partial overlap", [[slot(0, 8, 14)], [slot(0, 12, 20)], [slot(1, 14, 20)]], c.Outcome.PASS),
    ("no hours at all", [[], []], c.Outcome.MISSING),
]


@pytest.mark.parametrize(("label", "slots", "expected"), HOURS, ids=[h[0] for h in HOURS])
def test_network_opening_hours(label: str, slots: list[list[WeeklySlot]], expected: c.Outcome) -> None:
    assert outcome("opening_hours", replace(GOOD, seats_slots=slots)) == expected


def _with_coordinator(**changes: object) -> c.CentreFacts:
    coordinator = replace(GOOD_STAFF[0], **changes)  # type: ignore[arg-type]
    return replace(GOOD, staff=[coordinator, *GOOD_STAFF[1:]])


ROLES = [
    ("coordinator also at a Spoke", {"seat_kinds": frozenset({"hub", "spoke"})}, c.Outcome.PASS, c.Outcome.FAIL),
    ("coordinator only at a Spoke", {"seat_kinds": frozenset({"spoke"})}, c.Outcome.FAIL, c.Outcome.FAIL),
    ("coordinator without qualification", {"qualification": " "}, c.Outcome.MISSING, c.Outcome.PASS),
    ("coordinator who left", {"active": False}, c.Outcome.FAIL, c.Outcome.PASS),
    ("coordinator at the Hub", {}, c.Outcome.PASS, c.Outcome.PASS),
]


@pytest.mark.parametrize(("label", "changes", "roles", "spokes"), ROLES, ids=[r[0] for r in ROLES])
def test_hub_roles_and_no_coordination_at_spokes(
    label: str, changes: dict[str, object], roles: c.Outcome, spokes: c.Outcome
) -> None:
    facts = _with_coordinator(**changes)
    assert outcome("hub_roles", facts) == roles
    assert outcome("spokes_no_coordination", facts) == spokes


def test_missing_admin_lead_fails() -> None:
    facts = replace(GOOD, staff=[s for s in GOOD_STAFF if s.hub_role != c.ADMIN_LEAD])
    check = next(x for x in c.evaluate(facts).checks if x.code == "hub_roles")
    assert check.outcome == c.Outcome.FAIL and "referente amministrativo" in check.evidence


SERVICES = [
    ("all three", GOOD_OFFERINGS, c.Outcome.PASS, c.Outcome.PASS),
    ("one missing", GOOD_OFFERINGS[:2], c.Outcome.FAIL, c.Outcome.FAIL),
    (
        "inactive does not count",
        [*GOOD_OFFERINGS[:2], replace(GOOD_OFFERINGS[2], active=False)],
        c.Outcome.FAIL,
        c.Outcome.FAIL,
    ),
    (
        "caregiver in the name",
        [*GOOD_OFFERINGS[:2], replace(GOOD_OFFERINGS[2], text="Caffè dei CAREGIVER")],
        c.Outcome.PASS,
        c.Outcome.PASS,
    ),
    ("none registered", [], c.Outcome.MISSING, c.Outcome.MISSING),
]


@pytest.mark.parametrize(("label", "offerings", "basic", "caregiver"), SERVICES, ids=[s[0] for s in SERVICES])
def test_basic_services_and_caregiver_action(
    label: str, offerings: list[c.OfferingFact], basic: c.Outcome, caregiver: c.Outcome
) -> None:
    facts = replace(GOOD, offerings=offerings)
    assert outcome("basic_services", facts) == basic
    assert outcome("caregiver_action", facts) == caregiver


def test_professional_profiles() -> None:
    assert outcome("profiles", replace(GOOD, staff=GOOD_STAFF[:-1])) == c.Outcome.FAIL  # no educator
    assert outcome("profiles", replace(GOOD, staff=[])) == c.Outcome.MISSING


PROTOCOLS = [
    ("in force with all partners", [c.ProtocolFact("P", frozenset({7, 8}), ON, None)], c.Outcome.PASS),
    ("ends today: still in force", [c.ProtocolFact("P", frozenset({7, 8}), dt.date(2025, 1, 1), ON)], c.Outcome.PASS),
    (
        "expired yesterday",
        [c.ProtocolFact("P", frozenset({7, 8}), dt.date(2025, 1, 1), ON - dt.timedelta(1))],
        c.Outcome.FAIL,
    ),
    ("starts tomorrow", [c.ProtocolFact("P", frozenset({7, 8}), ON + dt.timedelta(1), None)], c.Outcome.FAIL),
    ("a partner without protocol", [c.ProtocolFact("P", frozenset({7}), ON, None)], c.Outcome.FAIL),
    ("none", [], c.Outcome.MISSING),
]


@pytest.mark.parametrize(("label", "protocols", "expected"), PROTOCOLS, ids=[p[0] for p in PROTOCOLS])
def test_protocols_in_force_with_the_partners(label: str, protocols: list[c.ProtocolFact], expected: c.Outcome) -> None:
    assert outcome("protocols", replace(GOOD, protocols=protocols)) == expected


@pytest.mark.parametrize(
    ("carta", "expected"),
    [
        (c.CartaFact(dt.date(2026, 1, 1), True), c.Outcome.PASS),
        (c.CartaFact(dt.date(2026, 1, 1), False), c.Outcome.FAIL),
        (None, c.Outcome.FAIL),
    ],
)
def test_carta_published_and_current(carta: c.CartaFact | None, expected: c.Outcome) -> None:
    assert outcome("carta", replace(GOOD, carta=carta)) == expected
