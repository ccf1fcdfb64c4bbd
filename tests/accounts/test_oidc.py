"""SPID/CIE single sign-on (accounts.oidc) against the in-process provider of oidc_provider.py: a
real RS256 id_token verified by mozilla-django-oidc, the fiscal number mapped to an existing
active account, never an account created; Italian refusals."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.oidc import normalise_fiscal_number
from tests.accounts import oidc_provider
from tests.accounts.oidc_provider import Provider
from tests.personas import Personas

CF = "RSSMRA80A01F205X"


@pytest.fixture
def provider(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Provider:
    return oidc_provider.install(settings, monkeypatch)


def _spid_login(client: Client, provider: Provider, claims: dict[str, Any]) -> Any:
    start = client.get(reverse("accounts:oidc_login"))
    assert start.status_code == 302
    return client.get(provider.authorize(start["Location"], claims))


@pytest.mark.parametrize(
    ("claim", "code"),
    [
        ("TINIT-RSSMRA80A01F205X", CF),
        (" tinit-rssmra80a01f205x ", CF),
        ("RSSMRA80A01F205X", CF),
        ("RSSMRA80A41F2L5X", "RSSMRA80A41F2L5X"),  # omocodia
        ("TINIT-123", None),
        ("", None),
        (None, None),
        (12, None),
    ],
)
def test_the_fiscal_number_claim_is_normalised(claim: object, code: str | None) -> None:
    assert normalise_fiscal_number(claim) == code


def test_a_known_fiscal_number_signs_in_the_existing_account(personas: Personas, provider: Provider) -> None:
    User.objects.filter(pk=personas.op_a1.pk).update(fiscal_code=CF)
    users_before = User.objects.count()
    client = Client()
    response = _spid_login(client, provider, {"fiscalNumber": "TINIT-" + CF, "name": "Mario"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:home")
    assert client.session["_auth_user_id"] == str(personas.op_a1.pk)
    assert client.get(reverse("families:home")).status_code == 200
    assert User.objects.count() == users_before


def test_the_fiscal_number_may_come_in_the_id_token(personas: Personas, provider: Provider) -> None:
    User.objects.filter(pk=personas.coord_a.pk).update(fiscal_code=CF)
    provider.id_token_extra = {"https://attributes.eid.gov.it/fiscal_number": "TINIT-" + CF}
    client = Client()
    assert _spid_login(client, provider, {}).status_code == 302
    assert client.session["_auth_user_id"] == str(personas.coord_a.pk)


def test_an_unknown_fiscal_number_creates_nothing_and_is_refused_in_italian(
    personas: Personas, provider: Provider
) -> None:
    users_before = User.objects.count()
    client = Client()
    response = _spid_login(client, provider, {"fiscalNumber": "TINIT-" + CF})
    assert response.status_code == 403
    html = response.content.decode()
    assert "nessun account della piattaforma è associato al tuo codice fiscale" in html
    assert CF not in html  # not echoed back
    assert "_auth_user_id" not in client.session and User.objects.count() == users_before


def test_a_deactivated_account_is_refused(personas: Personas, provider: Provider) -> None:
    User.objects.filter(pk=personas.op_a1.pk).update(fiscal_code=CF, is_active=False)
    client = Client()
    response = _spid_login(client, provider, {"fiscalNumber": "TINIT-" + CF})
    assert response.status_code == 403 and "Il tuo account è disattivato" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_id_token_signed_with_another_key_is_refused(personas: Personas, provider: Provider) -> None:
    User.objects.filter(pk=personas.op_a1.pk).update(fiscal_code=CF)
    provider.sign_with = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    client = Client()
    response = _spid_login(client, provider, {"fiscalNumber": "TINIT-" + CF})
    assert response.status_code == 403
    assert "Non è stato possibile verificare l'accesso" in response.content.decode().replace("&#x27;", "'")
    assert "_auth_user_id" not in client.session


def test_an_id_token_for_another_client_is_refused(personas: Personas, provider: Provider) -> None:
    User.objects.filter(pk=personas.op_a1.pk).update(fiscal_code=CF)
    provider.id_token_extra = {"aud": "un-altro-servizio"}
    client = Client()
    assert _spid_login(client, provider, {"fiscalNumber": "TINIT-" + CF}).status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_missing_fiscal_number_is_refused(personas: Personas, provider: Provider) -> None:
    response = _spid_login(Client(), provider, {"email": "x@example.org"})
    assert response.status_code == 403 and "non ha comunicato il codice fiscale" in response.content.decode()


def test_a_replayed_callback_is_refused(personas: Personas, provider: Provider) -> None:
    User.objects.filter(pk=personas.op_a1.pk).update(fiscal_code=CF)
    client = Client()
    start = client.get(reverse("accounts:oidc_login"))
    callback = provider.authorize(start["Location"], {"fiscalNumber": "TINIT-" + CF})
    assert client.get(callback).status_code == 302
    other = Client()
    other.get(reverse("accounts:oidc_login"))
    assert other.get(callback).status_code == 403
    assert "_auth_user_id" not in other.session


def test_spid_satisfies_compulsory_two_factor(personas: Personas, provider: Provider, settings: Any) -> None:
    settings.CPF_REQUIRE_2FA = True
    User.objects.filter(pk=personas.op_a1.pk).update(fiscal_code=CF)
    client = Client()
    _spid_login(client, provider, {"fiscalNumber": "TINIT-" + CF})
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_the_login_page_offers_spid_only_when_configured(db: None, settings: Any, monkeypatch: Any) -> None:
    assert "Accedi con SPID/CIE" not in Client().get(reverse("accounts:login")).content.decode()
    assert Client().get(reverse("accounts:oidc_login")).status_code == 404
    oidc_provider.install(settings, monkeypatch)
    html = Client().get(reverse("accounts:login")).content.decode()
    assert "Accedi con SPID/CIE" in html and reverse("accounts:oidc_login") in html


def test_local_passwords_still_work_beside_spid(personas: Personas, provider: Provider) -> None:
    response = Client().post(reverse("accounts:login"), {"username": "regione", "password": "password-di-prova-lunga"})
    assert response.status_code == 302


def test_a_fiscal_code_belongs_to_one_account(personas: Personas) -> None:
    from django.core.exceptions import ValidationError

    User.objects.filter(pk=personas.op_a1.pk).update(fiscal_code=CF)
    personas.op_b.fiscal_code = CF
    with pytest.raises(ValidationError):
        personas.op_b.full_clean()


def test_refused_spid_logins_do_not_lock_out_an_office_address(personas: Personas, provider: Provider) -> None:
    for _ in range(6):  # more than AXES_FAILURE_LIMIT people without an account, same address
        assert _spid_login(Client(), provider, {"fiscalNumber": "TINIT-" + CF}).status_code == 403
    User.objects.filter(pk=personas.op_a1.pk).update(fiscal_code=CF)
    assert _spid_login(Client(), provider, {"fiscalNumber": "TINIT-" + CF}).status_code == 302
