"""One-time links by e-mail: an invitation sets the password of a new account.

The link carries a signed token (`django.core.signing`, salted, with its own expiry) made of the
invitation's id and a random secret; only the SHA-256 digest of the secret is stored. A link is
refused when its signature is wrong, when it expired (signature age or `expires_at`), when it was
used or replaced by a newer invitation, or when the account was deactivated. The token is read
once from the link and kept in the session, so that the set-password page's address (and the
Referer it sends) never carries it, as Django's password reset does."""

import datetime as dt
import logging
import secrets
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Invitation, User
from accounts.services import audit_account
from accounts.types import Actor, user_of

logger = logging.getLogger(__name__)
SALT = "accounts.invitation"
SESSION_KEY = "cpf_invitation_token"


class LinkProblem(StrEnum):
    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"


PROBLEM_MESSAGES = {
    LinkProblem.INVALID: gettext_noop(
        "Il link non è valido. Controlla di averlo copiato per intero o chiedi un nuovo invito."
    ),
    LinkProblem.EXPIRED: gettext_noop("Il link è scaduto. Chiedi a chi ti ha invitato di inviarne uno nuovo."),
    LinkProblem.USED: gettext_noop(
        "Il link è già stato usato. Se non ricordi la password, usa «Password dimenticata?»."
    ),
}


def problem_message(problem: LinkProblem) -> str:
    return _(PROBLEM_MESSAGES[problem])


@dataclass(frozen=True)
class Checked:
    invitation: Invitation | None
    problem: LinkProblem | None


def max_age() -> dt.timedelta:
    return dt.timedelta(hours=settings.CPF_INVITATION_HOURS)


def invitation_create(*, actor: Actor, user: User) -> tuple[Invitation, str]:
    """A new invitation for `user` (the earlier pending ones are revoked) and its signed token.
    Call inside the transaction of the change that invites; the token is shown nowhere but in
    the e-mail."""
    now = timezone.now()
    Invitation.objects.filter(user=user).pending().update(revoked_at=now)
    secret = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=user, created_by=user_of(actor), digest=Invitation.hash(secret), expires_at=now + max_age()
    )
    token = signing.dumps({"i": invitation.pk, "s": secret}, salt=SALT, compress=True)
    return invitation, token


def invitation_send(*, user: User, token: str, base_url: str) -> bool:
    """E-mail the link (through EMAIL_BACKEND). False when the mail server refused it: the account
    stays, and the manager can send the invitation again."""
    link = base_url.rstrip("/") + reverse("accounts:invitation_open") + "?" + urlencode({"t": token})
    context = {"user": user, "link": link, "hours": settings.CPF_INVITATION_HOURS}
    try:
        send_mail(
            subject=_("Invito alla piattaforma dei Centri per la Famiglia"),
            message=render_to_string("accounts/email/invitation.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
    except OSError as exc:  # smtplib errors are OSErrors; the address is not logged
        logger.warning("invitation e-mail not sent: %s", type(exc).__name__)
        return False
    return True


def invitation_check(token: str) -> Checked:
    """Whether a link may set a password now, and which invitation it is."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
        pk, secret = int(data["i"]), str(data["s"])
    except signing.SignatureExpired:
        return Checked(None, LinkProblem.EXPIRED)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return Checked(None, LinkProblem.INVALID)
    invitation = Invitation.objects.select_related("user").filter(pk=pk).first()
    if invitation is None or not constant_time_compare(invitation.digest, Invitation.hash(secret)):
        return Checked(None, LinkProblem.INVALID)
    if invitation.used_at is not None or invitation.revoked_at is not None:
        return Checked(invitation, LinkProblem.USED)
    if invitation.expires_at <= timezone.now():
        return Checked(invitation, LinkProblem.EXPIRED)
    if not invitation.user.is_active:
        return Checked(invitation, LinkProblem.INVALID)
    return Checked(invitation, None)


def invitation_accept(*, token: str, password: str) -> User:
    """Set the invited account's password and spend the link (once: the row is locked)."""
    with transaction.atomic():
        checked = invitation_check(token)
        if checked.problem is not None or checked.invitation is None:
            raise ValueError(checked.problem or LinkProblem.INVALID)
        invitation = Invitation.objects.select_for_update().get(pk=checked.invitation.pk)
        if invitation.used_at is not None or invitation.revoked_at is not None:
            raise ValueError(LinkProblem.USED)
        user = checked.invitation.user
        user.set_password(password)
        user.save(update_fields=["password"])
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
        audit_account(
            actor=user, action="accounts.user.invitation_accepted", target=user, changes={"invitation": invitation.pk}
        )
    return user
