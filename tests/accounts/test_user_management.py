"""User management without the Django admin: every role × every user-management page (may see,
may act), an ATS officer creating operators only for its own seats, escalation refused in Italian,
every change audited, deactivated accounts locked out."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from audit.models import AuditEntry
from core.navigation import menu_for
from tests import factories as f
from tests.personas import Personas

MANAGERS = ("regione", "ats_a", "coord_a")
NOT_MANAGERS = ("admin_a", "op_a1", "op_b", "auditor", "service", "editor")


def _users(personas: Personas) -> dict[str, User]:
    users = personas.users()
    users["service"] = f.UserFactory(username="cav_a", role=Role.RECEIVING_SERVICE, destination=personas.destination_a)
    users["editor"] = f.UserFactory(username="coop", role=Role.ORG_EDITOR, ente=f.EnteFactory(name="Coop"))
    return users


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _target(personas: Personas) -> User:
    return f.UserFactory(username="nuovo_op", role=Role.SPOKE_OPERATOR, seat=personas.spoke_a2, email="n@example.org")


# What each role gets on each page about an operator of spoke A2 (centre A, ATS A):
# 200/302 may, 403 may not, 404 cannot even see the account.
EXPECTED = {
    "regione": {
        "list": 200,
        "create": 200,
        "detail": 200,
        "edit": 200,
        "deactivate": 302,
        "reactivate": 302,
        "reinvite": 302,
    },
    "ats_a": {
        "list": 200,
        "create": 200,
        "detail": 200,
        "edit": 200,
        "deactivate": 302,
        "reactivate": 302,
        "reinvite": 302,
    },
    "coord_a": {
        "list": 200,
        "create": 200,
        "detail": 200,
        "edit": 200,
        "deactivate": 302,
        "reactivate": 302,
        "reinvite": 302,
    },
    "ats_b": {
        "list": 200,
        "create": 200,
        "detail": 404,
        "edit": 404,
        "deactivate": 404,
        "reactivate": 404,
        "reinvite": 404,
    },
    **{
        name: {
            "list": 403,
            "create": 403,
            "detail": 403,
            "edit": 403,
            "deactivate": 403,
            "reactivate": 403,
            "reinvite": 403,
        }
        for name in NOT_MANAGERS
    },
}
for _expected in EXPECTED.values():  # resetting a lost authenticator: as deactivating
    _expected["reset_twofactor"] = _expected["deactivate"]
PAGES = ("list", "create", "detail", "edit", "deactivate", "reactivate", "reinvite", "reset_twofactor")
POSTED = ("deactivate", "reactivate", "reinvite", "reset_twofactor")


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_every_role_on_every_user_management_page(personas: Personas, role: str) -> None:
    actor = _users(personas)[role]
    target = _target(personas)
    client = _client(actor)
    got = {}
    for page in PAGES:
        if page in ("list", "create"):
            url = reverse(f"accounts:user_{page}")
        else:
            url = reverse(f"accounts:user_{page}", args=[target.pk])
        response = client.post(url) if page in POSTED else client.get(url)
        got[page] = response.status_code
    assert got == EXPECTED[role]


@pytest.mark.parametrize("role", [*MANAGERS, "ats_b", *NOT_MANAGERS])
def test_the_list_shows_only_accounts_in_scope(personas: Personas, role: str) -> None:
    users = _users(personas)
    response = _client(users[role]).get(reverse("accounts:user_list"))
    if role in NOT_MANAGERS:
        assert response.status_code == 403
        return
    shown = {u.username for u, *_rest in response.context["rows"]}
    expected = {
        "regione": set(User.objects.values_list("username", flat=True)),
        "ats_a": {"ats_a", "coord_a", "admin_a", "op_a1", "cav_a"},
        "ats_b": {"ats_b", "op_b"},
        "coord_a": {"coord_a", "admin_a", "op_a1"},
    }[role]
    assert shown == expected


def test_list_filters_by_role_ats_centre_and_status(personas: Personas) -> None:
    client = _client(personas.regione)
    personas.op_b.is_active = False
    personas.op_b.save(update_fields=["is_active"])

    def names(**params: str) -> set[str]:
        return {u.username for u, *_r in client.get(reverse("accounts:user_list"), params).context["rows"]}

    assert names(role="spoke_operator") == {"op_a1", "op_b"}
    assert names(ats=str(personas.ats_b_obj.pk)) == {"ats_b", "op_b"}
    assert names(centre=str(personas.centre_a.pk)) == {"coord_a", "admin_a", "op_a1"}
    assert names(status="inactive") == {"op_b"}
    assert names(ats="nonsense") >= {"regione"}  # an invalid filter is ignored, never a 500


def _operator_form(seat_pk: int, username: str = "mario.rossi") -> dict[str, str]:
    return {
        "username": username,
        "first_name": "Mario",
        "last_name": "Rossi",
        "email": "mario.rossi@example.org",
        "role": "spoke_operator",
        "seat": str(seat_pk),
    }


def test_an_ats_officer_creates_an_operator_for_one_of_its_seats_and_not_elsewhere(personas: Personas) -> None:
    client = _client(personas.ats_a)
    response = client.post(reverse("accounts:user_create"), _operator_form(personas.spoke_a1.pk))
    created = User.objects.get(username="mario.rossi")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:user_detail", args=[created.pk])
    assert created.role == Role.SPOKE_OPERATOR and created.seat == personas.spoke_a1
    assert created.is_active and not created.has_usable_password() and not created.is_staff
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["mario.rossi@example.org"]

    response = client.post(reverse("accounts:user_create"), _operator_form(personas.hub_b.pk, "luigi.verdi"))
    assert response.status_code == 200
    assert response.context["form"].errors["seat"] == [
        "Puoi assegnare solo la tua ATS, i suoi centri, le sue sedi e i suoi servizi."
    ]
    assert not User.objects.filter(username="luigi.verdi").exists()
    assert len(mail.outbox) == 1


def test_the_form_offers_only_grantable_roles_and_places(personas: Personas) -> None:
    form = _client(personas.ats_a).get(reverse("accounts:user_create")).context["form"]
    assert [v for v, _label in form.fields["role"].widget.choices if v] == [
        "ats_officer",
        "hub_coordinator",
        "hub_admin",
        "spoke_operator",
        "receiving_service",
    ]
    seats = {str(label) for value, label in form.fields["seat"].widget.choices if value}
    assert seats == {str(personas.hub_a), str(personas.spoke_a1), str(personas.spoke_a2)}
    assert "ente" not in form.fields
    coord_form = _client(personas.coord_a).get(reverse("accounts:user_create")).context["form"]
    assert set(coord_form.fields) == {"username", "first_name", "last_name", "email", "fiscal_code", "role", "seat"}


@pytest.mark.parametrize(
    ("actor", "extra", "field", "message"),
    [
        ("ats_a", {"role": "regione", "seat": ""}, "role", "Non puoi assegnare il ruolo «Regione»"),
        ("ats_a", {"role": "auditor", "seat": ""}, "role", "Non puoi assegnare il ruolo «Revisore (sola lettura)»"),
        ("ats_a", {"role": "ats_officer", "seat": "", "ats": "{ats_b}"}, "ats", "Puoi assegnare solo la tua ATS"),
        (
            "ats_a",
            {"role": "hub_coordinator", "seat": "", "centre": "{centre_b}"},
            "centre",
            "Puoi assegnare solo la tua ATS",
        ),
        (
            "ats_a",
            {"role": "receiving_service", "seat": "", "destination": "{destination_b}"},
            "destination",
            "Puoi assegnare solo la tua ATS",
        ),
        (
            "coord_a",
            {"role": "hub_coordinator", "seat": "", "centre": "{centre_a}"},
            "role",
            "Non puoi assegnare il ruolo «Coordinatore dell'Hub»",
        ),
        ("coord_a", {"seat": "{hub_b}"}, "seat", "Puoi invitare solo operatori delle sedi del tuo Centro."),
    ],
)
def test_escalation_through_posted_values_is_refused_in_italian(
    personas: Personas, actor: str, extra: dict[str, str], field: str, message: str
) -> None:
    ids = {
        "ats_b": personas.ats_b_obj.pk,
        "centre_a": personas.centre_a.pk,
        "centre_b": personas.centre_b.pk,
        "destination_b": personas.destination_b.pk,
        "hub_b": personas.hub_b.pk,
    }
    data = {**_operator_form(personas.spoke_a1.pk), **{k: v.format(**ids) for k, v in extra.items()}}
    response = _client(personas.users()[actor]).post(reverse("accounts:user_create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in e for e in errors[field]), errors
    assert not User.objects.filter(username="mario.rossi").exists()
    assert message in response.content.decode().replace("&#x27;", "'").replace("&laquo;", "«").replace("&raquo;", "»")


def test_posted_superuser_and_staff_flags_are_ignored(personas: Personas) -> None:
    data = {**_operator_form(personas.spoke_a1.pk), "is_superuser": "on", "is_staff": "on"}
    _client(personas.regione).post(reverse("accounts:user_create"), data)
    created = User.objects.get(username="mario.rossi")
    assert not created.is_superuser and not created.is_staff


def test_an_ats_officer_cannot_move_its_operator_to_another_ats(personas: Personas) -> None:
    client = _client(personas.ats_a)
    data = {**_operator_form(personas.hub_b.pk, "op_a1")}
    response = client.post(reverse("accounts:user_edit", args=[personas.op_a1.pk]), data)
    assert response.status_code == 200
    personas.op_a1.refresh_from_db()
    assert personas.op_a1.seat == personas.spoke_a1


def test_nobody_manages_their_own_account_here(personas: Personas) -> None:
    client = _client(personas.ats_a)
    assert client.get(reverse("accounts:user_edit", args=[personas.ats_a.pk])).status_code == 403
    assert client.post(reverse("accounts:user_deactivate", args=[personas.ats_a.pk])).status_code == 403


def test_a_coordinator_sees_but_cannot_change_its_administrative_lead(personas: Personas) -> None:
    client = _client(personas.coord_a)
    assert client.get(reverse("accounts:user_detail", args=[personas.admin_a.pk])).status_code == 200
    assert client.get(reverse("accounts:user_edit", args=[personas.admin_a.pk])).status_code == 403
    assert client.post(reverse("accounts:user_deactivate", args=[personas.admin_a.pk])).status_code == 403


def test_superusers_are_not_managed_here(personas: Personas) -> None:
    root = User.objects.create_superuser("root", "root@example.org", "password-di-prova-lunga")
    assert _client(personas.regione).get(reverse("accounts:user_edit", args=[root.pk])).status_code == 403


def test_every_change_is_audited_with_who_and_what(personas: Personas) -> None:
    client = _client(personas.ats_a)
    client.post(reverse("accounts:user_create"), _operator_form(personas.spoke_a1.pk))
    created = User.objects.get(username="mario.rossi")
    entry = AuditEntry.objects.get(action="accounts.user.created", object_id=str(created.pk))
    assert entry.actor == personas.ats_a and entry.ats_id == personas.ats_a_obj.pk
    assert entry.changes["role"] == "spoke_operator" and entry.changes["seat"] == personas.spoke_a1.pk
    assert "mario" not in str(entry.changes).lower()  # personal fields by name only

    data = {
        **_operator_form(personas.spoke_a2.pk),
        "role": "hub_coordinator",
        "seat": "",
        "centre": str(personas.centre_a.pk),
    }
    client.post(reverse("accounts:user_edit", args=[created.pk]), data)
    updated = AuditEntry.objects.get(action="accounts.user.updated", object_id=str(created.pk))
    assert updated.changes["role"] == ["spoke_operator", "hub_coordinator"]
    assert updated.changes["seat"] == [personas.spoke_a1.pk, None]
    assert updated.changes["centre"] == [None, personas.centre_a.pk]

    client.post(reverse("accounts:user_deactivate", args=[created.pk]))
    client.post(reverse("accounts:user_reactivate", args=[created.pk]))
    actions = list(
        AuditEntry.objects.filter(object_id=str(created.pk), object_type="accounts.user")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "accounts.user.created",
        "accounts.user.invited",
        "accounts.user.updated",
        "accounts.user.deactivated",
        "accounts.user.reactivated",
    ]
    html = client.get(reverse("accounts:user_detail", args=[created.pk])).content.decode()
    assert "Utente disattivato" in html and "ruolo, centro, sede" in html


def test_a_deactivated_user_cannot_sign_in_and_loses_its_session(personas: Personas) -> None:
    session = _client(personas.op_a1)
    assert session.get(reverse("families:home")).status_code == 200
    _client(personas.coord_a).post(reverse("accounts:user_deactivate", args=[personas.op_a1.pk]))
    assert session.get(reverse("families:home")).status_code == 302  # back to the login page
    response = Client().post(reverse("accounts:login"), {"username": "op_a1", "password": "password-di-prova-lunga"})
    assert response.status_code == 200 and "_auth_user_id" not in response.wsgi_request.session
    assert User.objects.filter(pk=personas.op_a1.pk).exists()  # never deleted


@pytest.mark.parametrize(("role", "shown"), [*((r, True) for r in MANAGERS), *((r, False) for r in NOT_MANAGERS)])
def test_the_menu_offers_user_management_to_managers_only(personas: Personas, role: str, shown: bool) -> None:
    labels = {e.label for e in menu_for(_users(personas)[role], "/")}
    assert ("Utenti" in labels) is shown


def test_user_management_speaks_english_when_chosen(personas: Personas) -> None:
    client = _client(personas.ats_a)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("accounts:user_list")).content.decode()
    assert "Invite a user" in html and "Invita un utente" not in html
    response = client.post(reverse("accounts:user_create"), _operator_form(personas.hub_b.pk))
    assert "You can only assign your own ATS, its Centres, its seats and its services." in response.content.decode()


def test_the_user_list_costs_the_same_for_10_or_40_accounts(personas: Personas) -> None:
    client = _client(personas.ats_a)

    def queries_for_list() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("accounts:user_list")).status_code == 200
        return len(ctx.captured_queries)

    for i in range(10):
        f.UserFactory(username=f"op{i}", role=Role.SPOKE_OPERATOR, seat=personas.spoke_a2)
    few = queries_for_list()
    for i in range(10, 40):
        f.UserFactory(username=f"op{i}", role=Role.SPOKE_OPERATOR, seat=personas.spoke_a1)
    assert queries_for_list() == few
