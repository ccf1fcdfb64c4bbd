"""Optional two-factor sign-in with an authenticator app (TOTP, RFC 6238), and the rule that can
make it compulsory for the roles that read family records.

- The shared secret is encrypted at rest (Fernet, key derived from SECRET_KEY, old keys from
  SECRET_KEY_FALLBACKS still decrypt); a code is accepted once (`TOTPDevice.last_step`) within one
  30-second step either side of now.
- Recovery codes (ten, shown once at enrolment) are stored with the password hasher and spent
  on use.
- `CPF_REQUIRE_2FA=1` makes it compulsory for `FAMILY_RECORD_ROLES` (the roles in
  `scoping.READERS` of family records: operators, coordinators, receiving services): such a user
  who signs in with a password and has not enrolled is kept on the enrolment page
  (`accounts.middleware.TwoFactorMiddleware`). A SPID/CIE login (OIDC) counts as strong
  authentication when `CPF_OIDC_IS_STRONG` (SPID level 2 and CIE are two-factor themselves)."""

import base64
import hashlib
import secrets

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.models import RecoveryCode, TOTPDevice, User
from accounts.services import audit_account

ISSUER = "Centri per la Famiglia Lombardia"
RECOVERY_CODES = 10
SESSION_VERIFIED = "cpf_2fa_verified"
FAMILY_RECORD_ROLES = scoping.FAMILY_RECORD_ROLES


def _fernet() -> MultiFernet:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet(
        [Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"cpf.totp:{k}".encode()).digest())) for k in keys]
    )


def _secret(device: TOTPDevice) -> str:
    return _fernet().decrypt(device.secret.encode()).decode()


def is_enrolled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def is_required(user: User) -> bool:
    """Whether the installation makes two-factor compulsory for this user's role."""
    return bool(settings.CPF_REQUIRE_2FA) and user.role in FAMILY_RECORD_ROLES


def session_is_verified(request: HttpRequest) -> bool:
    return bool(request.session.get(SESSION_VERIFIED))


def mark_verified(request: HttpRequest) -> None:
    request.session[SESSION_VERIFIED] = True


def enrolment_begin(user: User) -> tuple[TOTPDevice, str]:
    """A new (unconfirmed) secret for `user`, replacing an unconfirmed one; returns the device and
    its otpauth:// URI. An enrolled user disables the app first."""
    if is_enrolled(user):
        raise ValueError("already enrolled")
    raw = pyotp.random_base32()
    device, _created = TOTPDevice.objects.update_or_create(
        user=user, defaults={"secret": _fernet().encrypt(raw.encode()).decode(), "last_step": 0}
    )
    return device, provisioning_uri(user, raw)


def pending_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=True).first()


def provisioning_uri(user: User, raw: str) -> str:
    return pyotp.TOTP(raw).provisioning_uri(name=user.username, issuer_name=ISSUER)


def device_uri(device: TOTPDevice) -> str:
    return provisioning_uri(device.user, _secret(device))


def device_secret(device: TOTPDevice) -> str:
    """The secret in base32, for typing it into an app that cannot scan (shown at enrolment only)."""
    return _secret(device)


def qr_svg(uri: str) -> str:
    """The QR code as inline SVG markup (no script, no style attribute), with a text title."""
    svg = segno.make(uri, error="m").svg_inline(
        scale=5, border=2, dark="#000", light="#fff", title=_("Codice QR per l'app di autenticazione")
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def _check_code(device: TOTPDevice, code: str) -> bool:
    """Accept a 6-digit code of the step before, now or after, once (replays refused)."""
    code = "".join(code.split())
    if not (len(code) == 6 and code.isdigit()):
        return False
    try:
        totp = pyotp.TOTP(_secret(device))
    except InvalidToken:
        return False
    now = totp.timecode(timezone.now())
    for step in (now - 1, now, now + 1):
        if step > device.last_step and constant_time_compare(totp.generate_otp(step), code):
            updated = TOTPDevice.objects.filter(pk=device.pk, last_step__lt=step).update(last_step=step)
            device.last_step = step
            return updated == 1
    return False


def enrolment_confirm(user: User, code: str) -> list[str] | None:
    """Confirm the pending device with a code from the app: returns the new recovery codes (to be
    shown once), or None when the code is wrong."""
    device = pending_device(user)
    if device is None or not _check_code(device, code):
        return None
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    with transaction.atomic():
        device.confirmed_at = timezone.now()
        device.save(update_fields=["confirmed_at"])
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(RecoveryCode(user=user, digest=make_password(c)) for c in codes)
        audit_account(actor=user, action="accounts.user.totp_enabled", target=user)
    return codes


def verify(user: User, code: str) -> bool:
    """The second step of a sign-in: a code of the enrolled app, or an unused recovery code."""
    device = TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return False
    if _check_code(device, code):
        return True
    cleaned = "".join(code.split()).lower()
    if len(cleaned) != 10:
        return False
    for recovery in RecoveryCode.objects.filter(user=user, used_at__isnull=True):
        if check_password(cleaned, recovery.digest):
            spent = RecoveryCode.objects.filter(pk=recovery.pk, used_at__isnull=True).update(used_at=timezone.now())
            return spent == 1
    return False


def disable(user: User, *, actor: User) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        audit_account(actor=actor, action="accounts.user.totp_disabled", target=user)


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
