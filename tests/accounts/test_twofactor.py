"""Optional TOTP two-factor: enrolment with a QR code, the code step after the password (pyotp
computes the codes), replays refused, recovery codes hashed and single-use, compulsory for the
roles that read family records when CPF_REQUIRE_2FA is on."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import Client
from django.urls import reverse

from accounts import twofactor
from accounts.models import RecoveryCode, TOTPDevice, User
from audit.models import AuditEntry
from tests.personas import Personas

PASSWORD = "password-di-prova-lunga"


def _enrol(client: Client) -> tuple[pyotp.TOTP, list[str]]:
    page = client.get(reverse("accounts:twofactor_enrol"))
    html = page.content.decode()
    assert '<svg role="img"' in html and "<title>" in html and " style=" not in html
    secret = page.context["secret"]
    totp = pyotp.TOTP(secret)
    done = client.post(reverse("accounts:twofactor_enrol"), {"code": totp.now()})
    assert done.status_code == 200
    return totp, list(done.context["codes"])


def _password_step(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login_verify")
    assert "_auth_user_id" not in client.session  # not signed in before the code
    return client


def test_enrolment_shows_a_qr_code_and_confirms_with_a_code(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.op_a1)
    _totp, codes = _enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    device = TOTPDevice.objects.get(user=personas.op_a1)
    assert device.confirmed_at is not None
    assert _totp.secret not in device.secret  # encrypted at rest
    assert AuditEntry.objects.filter(action="accounts.user.totp_enabled", object_id=str(personas.op_a1.pk)).exists()


def test_a_wrong_code_does_not_enrol(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.op_a1)
    client.get(reverse("accounts:twofactor_enrol"))
    response = client.post(reverse("accounts:twofactor_enrol"), {"code": "000000"})
    assert "Codice non valido" in response.content.decode()
    assert not twofactor.is_enrolled(personas.op_a1)


def test_recovery_codes_are_stored_hashed(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.op_a1)
    _totp, codes = _enrol(client)
    digests = list(RecoveryCode.objects.filter(user=personas.op_a1).values_list("digest", flat=True))
    assert len(digests) == 10 and not set(codes) & set(digests)
    assert all(identify_hasher(d) for d in digests)


def test_after_the_password_an_enrolled_user_must_give_the_code(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.op_a1)
    totp, _codes = _enrol(client)
    second = _password_step("op_a1")
    wrong = second.post(reverse("accounts:login_verify"), {"code": "123456" if totp.now() != "123456" else "654321"})
    assert wrong.status_code == 200 and "Codice non valido" in wrong.content.decode()
    # The enrolment spent the current step's code: the app's next code (one step ahead) is accepted.
    right = second.post(reverse("accounts:login_verify"), {"code": totp.at(time.time() + 30)})
    assert right.status_code == 302
    assert second.session["_auth_user_id"] == str(personas.op_a1.pk)
    assert second.get(reverse("families:home")).status_code == 200


def test_a_code_cannot_be_used_twice(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.op_a1)
    totp, _codes = _enrol(client)
    # The enrolment spent the current code: a new sign-in with the same code is refused.
    second = _password_step("op_a1")
    response = second.post(reverse("accounts:login_verify"), {"code": totp.now()})
    if response.status_code == 302:  # the 30-second step turned over meanwhile: spend this one, retry
        third = _password_step("op_a1")
        response = third.post(reverse("accounts:login_verify"), {"code": totp.now()})
    assert response.status_code == 200 and "già usato" in response.content.decode()


def test_a_recovery_code_works_once(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.op_a1)
    _totp, codes = _enrol(client)
    first = _password_step("op_a1")
    assert first.post(reverse("accounts:login_verify"), {"code": codes[0]}).status_code == 302
    again = _password_step("op_a1")
    assert again.post(reverse("accounts:login_verify"), {"code": codes[0]}).status_code == 200
    assert twofactor.recovery_codes_left(personas.op_a1) == 9


def test_too_many_wrong_codes_end_the_attempt(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.op_a1)
    _enrol(client)
    second = _password_step("op_a1")
    for _ in range(5):
        second.post(reverse("accounts:login_verify"), {"code": "abcdef"})
    response = second.post(reverse("accounts:login_verify"), {"code": "abcdef"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")


def test_disabling_needs_a_valid_code(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.op_a1)
    totp, codes = _enrol(client)
    client.post(reverse("accounts:twofactor_disable"), {"code": "000000"})
    assert twofactor.is_enrolled(personas.op_a1)
    client.post(reverse("accounts:twofactor_disable"), {"code": codes[1]})
    assert not twofactor.is_enrolled(personas.op_a1)
    assert not RecoveryCode.objects.filter(user=personas.op_a1).exists()


def test_the_roles_that_read_family_records_are_derived_from_scoping() -> None:
    assert {r.value for r in twofactor.FAMILY_RECORD_ROLES} == {
        "spoke_operator",
        "hub_coordinator",
        "receiving_service",
    }


@pytest.mark.parametrize(
    ("username", "required"), [("op_a1", True), ("coord_a", True), ("regione", False), ("ats_a", False)]
)
def test_when_required_family_readers_are_kept_on_the_enrolment_page(
    personas: Personas, settings: object, username: str, required: bool
) -> None:
    settings.CPF_REQUIRE_2FA = True  # type: ignore[attr-defined]
    client = Client()
    assert client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD}).status_code == 302
    home = personas.users()[username]
    page = client.get(reverse("accounts:profile"))
    if not required:
        assert page.status_code == 200
        return
    assert page.status_code == 302 and page["Location"] == reverse("accounts:twofactor_enrol")
    totp, _codes = _enrol(client)
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert twofactor.is_enrolled(home)
    # Disabling is refused while it is compulsory.
    client.post(reverse("accounts:twofactor_disable"), {"code": totp.now()})
    assert twofactor.is_enrolled(User.objects.get(pk=home.pk))


def test_the_profile_links_the_two_factor_page(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.regione)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:twofactor_status") in html
    assert re.search(r"Non attiva", client.get(reverse("accounts:twofactor_status")).content.decode())


def test_a_manager_resets_a_lost_app_and_an_outsider_cannot(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.op_a1)
    _enrol(client)
    outsider = Client()
    outsider.force_login(personas.ats_b)
    assert outsider.post(reverse("accounts:user_reset_twofactor", args=[personas.op_a1.pk])).status_code == 404
    manager = Client()
    manager.force_login(personas.coord_a)
    assert manager.post(reverse("accounts:user_reset_twofactor", args=[personas.op_a1.pk])).status_code == 302
    assert not twofactor.is_enrolled(personas.op_a1)
    entry = AuditEntry.objects.get(action="accounts.user.totp_disabled", object_id=str(personas.op_a1.pk))
    assert entry.actor == personas.coord_a
