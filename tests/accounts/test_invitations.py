"""Invitations by e-mail (one-time signed link, stored hashed, expiry) and password reset."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import invitations
from accounts.models import Invitation, Role, User
from audit.models import AuditEntry
from tests.personas import Personas

PASSWORD = "una-password-molto-lunga-2026"


def _invite(personas: Personas) -> tuple[User, str]:
    client = Client()
    client.force_login(personas.coord_a)
    data = {
        "username": "giulia.bianchi",
        "first_name": "Giulia",
        "last_name": "Bianchi",
        "email": "giulia@example.org",
        "role": "spoke_operator",
        "seat": str(personas.spoke_a2.pk),
    }
    assert client.post(reverse("accounts:user_create"), data).status_code == 302
    user = User.objects.get(username="giulia.bianchi")
    match = re.search(r"http://testserver(/account/invito/\?t=\S+)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return user, match.group(1)


def _accept(link: str, password: str = PASSWORD) -> tuple[Client, object]:
    client = Client()
    opened = client.get(link)
    if opened.status_code != 302:
        return client, opened
    assert opened["Location"] == reverse("accounts:invitation_password")
    return client, client.post(opened["Location"], {"new_password1": password, "new_password2": password})


def test_the_link_in_the_mail_sets_the_password_and_the_user_signs_in(personas: Personas) -> None:
    user, link = _invite(personas)
    assert mail.outbox[-1].subject == "Invito alla piattaforma dei Centri per la Famiglia"
    assert "giulia.bianchi" in mail.outbox[-1].body
    _client, response = _accept(link)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")  # type: ignore[attr-defined]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    login = Client().post(reverse("accounts:login"), {"username": "giulia.bianchi", "password": PASSWORD})
    assert login.status_code == 302
    assert AuditEntry.objects.filter(action="accounts.user.invitation_accepted", object_id=str(user.pk)).exists()


def test_only_a_digest_of_the_secret_is_stored(personas: Personas) -> None:
    _user, link = _invite(personas)
    token = parse_qs(urlparse(link).query)["t"][0]
    invitation = Invitation.objects.get()
    assert invitation.digest not in token and len(invitation.digest) == 64
    from django.core import signing

    secret = signing.loads(token, salt=invitations.SALT)["s"]
    assert invitation.digest == Invitation.hash(secret) and secret not in invitation.digest


def test_a_used_link_is_refused(personas: Personas) -> None:
    _user, link = _invite(personas)
    _accept(link)
    _client, again = _accept(link, "un-altra-password-lunga-99")
    assert again.status_code == 400  # type: ignore[attr-defined]
    assert "Il link è già stato usato" in again.content.decode()  # type: ignore[attr-defined]


def test_an_expired_link_is_refused(personas: Personas) -> None:
    user, link = _invite(personas)
    Invitation.objects.filter(user=user).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    _client, response = _accept(link)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Il link è scaduto" in response.content.decode()  # type: ignore[attr-defined]
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_a_link_past_its_signed_age_is_refused(personas: Personas, settings: object) -> None:
    _user, link = _invite(personas)
    settings.CPF_INVITATION_HOURS = 0  # type: ignore[attr-defined]
    _client, response = _accept(link)
    assert "Il link è scaduto" in response.content.decode()  # type: ignore[attr-defined]


def test_a_tampered_link_is_refused(personas: Personas) -> None:
    _user, link = _invite(personas)
    _client, response = _accept(link[:-3] + "xx")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Il link non è valido" in response.content.decode()  # type: ignore[attr-defined]


def test_a_new_invitation_replaces_the_old_link(personas: Personas) -> None:
    user, first = _invite(personas)
    client = Client()
    client.force_login(personas.coord_a)
    client.post(reverse("accounts:user_reinvite", args=[user.pk]))
    second = re.search(r"http://testserver(/account/invito/\?t=\S+)", mail.outbox[-1].body).group(1)  # type: ignore[union-attr]
    assert "già stato usato" in _accept(first)[1].content.decode()  # type: ignore[attr-defined]
    assert _accept(second)[1].status_code == 302  # type: ignore[attr-defined]


def test_deactivating_the_account_kills_its_link(personas: Personas) -> None:
    user, link = _invite(personas)
    client = Client()
    client.force_login(personas.coord_a)
    client.post(reverse("accounts:user_deactivate", args=[user.pk]))
    assert _accept(link)[1].status_code == 400  # type: ignore[attr-defined]


def test_the_set_password_page_applies_the_password_rules(personas: Personas) -> None:
    user, link = _invite(personas)
    _client, response = _accept(link, "corta")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "La password è troppo corta" in response.content.decode()  # type: ignore[attr-defined]
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_the_set_password_page_without_a_link_is_refused(db: None) -> None:
    assert Client().get(reverse("accounts:invitation_password")).status_code == 400


@pytest.mark.parametrize("email", ["coord@example.org", "nessuno@example.org"])
def test_password_reset_says_the_same_whether_or_not_the_address_exists(personas: Personas, email: str) -> None:
    personas.coord_a.email = "coord@example.org"
    personas.coord_a.save(update_fields=["email"])
    response = Client().post(reverse("accounts:password_reset"), {"email": email})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == (1 if email == "coord@example.org" else 0)


def test_password_reset_link_works_once(personas: Personas) -> None:
    personas.coord_a.email = "coord@example.org"
    personas.coord_a.save(update_fields=["email"])
    Client().post(reverse("accounts:password_reset"), {"email": "coord@example.org"})
    message = mail.outbox[0]
    assert message.subject == "Nuova password per la piattaforma dei Centri per la Famiglia"
    link = re.search(r"http://testserver(/account/password/nuova/\S+/)", message.body).group(1)  # type: ignore[union-attr]
    client = Client()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and "Scegli una nuova password" in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:password_reset_complete")
    personas.coord_a.refresh_from_db()
    assert personas.coord_a.check_password(PASSWORD)
    assert AuditEntry.objects.filter(action="accounts.user.password_reset", object_id=str(personas.coord_a.pk)).exists()
    again = Client().get(link, follow=True)
    assert "Il link non è valido" in again.content.decode()


def test_the_login_page_links_the_password_reset(db: None) -> None:
    assert reverse("accounts:password_reset") in Client().get(reverse("accounts:login")).content.decode()


def test_invited_accounts_show_as_waiting(personas: Personas) -> None:
    user, _link = _invite(personas)
    client = Client()
    client.force_login(personas.regione)
    html = client.get(reverse("accounts:user_detail", args=[user.pk])).content.decode()
    assert "In attesa di attivazione" in html and "Invia di nuovo l'invito" in html
    assert user.role == Role.SPOKE_OPERATOR


def test_the_token_is_not_in_the_path_the_access_log_keeps(personas: Personas) -> None:
    _user, link = _invite(personas)
    token = parse_qs(urlparse(link).query)["t"][0]
    assert token not in urlparse(link).path
    opened = Client().get(link)
    assert token not in opened["Location"]
