"""Who may grant what (accounts.grants), table-driven over scopes, without a database."""

import pytest

from accounts.grants import grant_refusal, grantable_roles, may_grant, may_manage
from accounts.models import Role
from accounts.scoping import Placement, Scope

REGIONE = Scope(Role.REGIONE)
ATS_A = Scope(Role.ATS_OFFICER, ats_id=1)
COORD_A = Scope(Role.HUB_COORDINATOR, ats_id=1, centre_id=10)
OPERATOR = Scope(Role.SPOKE_OPERATOR, ats_id=1, centre_id=10, seat_id=100)

SEAT_A = Placement(Role.SPOKE_OPERATOR, ats_id=1, centre_id=10, seat_id=100)
SEAT_A_OTHER_CENTRE = Placement(Role.SPOKE_OPERATOR, ats_id=1, centre_id=11, seat_id=110)
SEAT_B = Placement(Role.SPOKE_OPERATOR, ats_id=2, centre_id=20, seat_id=200)
COORD_IN_A = Placement(Role.HUB_COORDINATOR, ats_id=1, centre_id=10)
ATS_OFFICER_A = Placement(Role.ATS_OFFICER, ats_id=1)
ATS_OFFICER_B = Placement(Role.ATS_OFFICER, ats_id=2)
REGIONAL = Placement(Role.REGIONE)
AUDITOR = Placement(Role.AUDITOR)
EDITOR = Placement(Role.ORG_EDITOR, ente_id=5)
SERVICE_A = Placement(Role.RECEIVING_SERVICE, ats_id=1, destination_id=7)
SERVICE_B = Placement(Role.RECEIVING_SERVICE, ats_id=2, destination_id=8)
SUPERUSER = Placement(Role.REGIONE, is_superuser=True)


@pytest.mark.parametrize(
    ("actor", "placement", "allowed"),
    [
        (REGIONE, REGIONAL, True),
        (REGIONE, AUDITOR, True),
        (REGIONE, SEAT_B, True),
        (REGIONE, EDITOR, True),
        (REGIONE, SUPERUSER, False),
        (ATS_A, SEAT_A, True),
        (ATS_A, SEAT_A_OTHER_CENTRE, True),
        (ATS_A, SEAT_B, False),
        (ATS_A, COORD_IN_A, True),
        (ATS_A, ATS_OFFICER_A, True),
        (ATS_A, ATS_OFFICER_B, False),
        (ATS_A, SERVICE_A, True),
        (ATS_A, SERVICE_B, False),
        (ATS_A, REGIONAL, False),
        (ATS_A, AUDITOR, False),
        (ATS_A, EDITOR, False),
        (COORD_A, SEAT_A, True),
        (COORD_A, SEAT_A_OTHER_CENTRE, False),
        (COORD_A, SEAT_B, False),
        (COORD_A, COORD_IN_A, False),
        (COORD_A, ATS_OFFICER_A, False),
        (OPERATOR, SEAT_A, False),
        (None, SEAT_A, False),
    ],
)
def test_who_may_grant_what(actor: Scope | None, placement: Placement, allowed: bool) -> None:
    assert may_grant(actor, placement) is allowed
    assert may_manage(actor, placement) is allowed


def test_an_ats_officer_never_grants_a_role_above_its_own() -> None:
    roles = grantable_roles(ATS_A)
    assert Role.REGIONE not in roles and Role.AUDITOR not in roles
    assert grant_refusal(ATS_A, REGIONAL) == (
        "Non puoi assegnare il ruolo «Regione»: puoi assegnare solo Referente ATS, Coordinatore dell'Hub, "
        "Referente amministrativo dell'Hub, Operatore di sede, Servizio che riceve gli invii."
    )


def test_refusals_say_why_in_italian() -> None:
    assert (
        grant_refusal(ATS_A, SEAT_B) == "Puoi assegnare solo la tua ATS, i suoi centri, le sue sedi e i suoi servizi."
    )
    assert grant_refusal(COORD_A, SEAT_A_OTHER_CENTRE) == "Puoi invitare solo operatori delle sedi del tuo Centro."
    assert grant_refusal(OPERATOR, SEAT_A) == "Il tuo ruolo non consente di gestire gli utenti."


def test_a_coordinator_grants_only_operators() -> None:
    assert grantable_roles(COORD_A) == (Role.SPOKE_OPERATOR,)
    assert grantable_roles(OPERATOR) == ()


def test_an_incomplete_placement_is_left_to_the_models_validation() -> None:
    """A seat-less operator is not refused as 'outside': User.clean names the missing field."""
    assert grant_refusal(ATS_A, Placement(Role.SPOKE_OPERATOR)) is None
    assert not may_manage(ATS_A, Placement(Role.SPOKE_OPERATOR))


def test_accounts_without_a_role_are_the_regiones() -> None:
    assert may_manage(REGIONE, Placement(None))
    assert not may_manage(ATS_A, Placement(None))
