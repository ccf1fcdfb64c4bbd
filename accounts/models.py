"""Users carry one role and the scope it applies to ; `accounts.scoping` reads them."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# An Italian fiscal code (omocodia letters allowed in the digits' places), upper case.
FISCAL_CODE_RE = r"^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$"


class Role(models.TextChoices):
    REGIONE = "regione", _("Regione")
    ATS_OFFICER = "ats_officer", _("Referente ATS")
    HUB_COORDINATOR = "hub_coordinator", _("Coordinatore dell'Hub")
    HUB_ADMIN = "hub_admin", _("Referente amministrativo dell'Hub")
    SPOKE_OPERATOR = "spoke_operator", _("Operatore di sede")
    AUDITOR = "auditor", _("Revisore (sola lettura)")
    # Staff of a specialist service that families are referred to (consultorio, CAV…), when it uses
    # the platform: it acknowledges the referrals addressed to it and nothing else.
    RECEIVING_SERVICE = "receiving_service", _("Servizio che riceve gli invii")
    # Staff of one organisation (Ente) that keeps its own entries of the shared directory of
    # territorial resources: nothing else of the network.
    ORG_EDITOR = "org_editor", _("Redattore di un ente")


# Which scope fields each role needs; the others must be empty.
ROLE_SCOPE_FIELDS: dict[str, set[str]] = {
    Role.REGIONE: set(),
    Role.AUDITOR: set(),
    Role.ATS_OFFICER: {"ats"},
    Role.HUB_COORDINATOR: {"centre"},
    Role.HUB_ADMIN: {"centre"},
    Role.SPOKE_OPERATOR: {"seat"},
    Role.RECEIVING_SERVICE: {"destination"},
    Role.ORG_EDITOR: {"ente"},
}


class User(AbstractUser):
    role = models.CharField(_("ruolo"), max_length=20, choices=Role.choices, blank=True)
    ats = models.ForeignKey(
        "territory.Ats", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("ATS")
    )
    centre = models.ForeignKey(
        "network.Centre", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("centro")
    )
    seat = models.ForeignKey(
        "network.Seat", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sede")
    )
    destination = models.ForeignKey(
        "network.ReferralDestination",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("servizio di invio"),
    )
    ente = models.ForeignKey(
        "network.Ente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ente"),
    )

    # The person's fiscal code: the key by which a SPID/CIE login (OIDC `fiscalNumber` claim) finds
    # this account. Never used to create an account (accounts.oidc).
    fiscal_code = models.CharField(
        _("codice fiscale"),
        max_length=16,
        blank=True,
        validators=[
            RegexValidator(FISCAL_CODE_RE, _("Codice fiscale non valido: 16 caratteri, lettere maiuscole e cifre."))
        ],
        help_text=_("Serve per l'accesso con SPID o CIE."),
    )

    class Meta:
        verbose_name = _("utente")
        verbose_name_plural = _("utenti")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_code"], condition=~models.Q(fiscal_code=""), name="uniq_user_fiscal_code"
            )
        ]

    def clean(self) -> None:
        super().clean()
        if not self.role:
            return
        needed = ROLE_SCOPE_FIELDS[self.role]
        errors: dict[str, str] = {}
        for field in ("ats", "centre", "seat", "destination", "ente"):
            has_value = getattr(self, f"{field}_id") is not None
            if field in needed and not has_value:
                errors[field] = str(_("Questo ruolo richiede di indicare il campo."))
            if field not in needed and has_value:
                errors[field] = str(_("Questo ruolo non prevede il campo: lascialo vuoto."))
        if errors:
            raise ValidationError(errors)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """Bearer token for integrations. Only a SHA-256 digest is stored; the token is shown once."""

    PREFIX = "cpf_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nome"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def generate(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> "InvitationQuerySet":
        from django.utils import timezone

        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A one-time link to set the password of an account (accounts.invitations). Only a SHA-256
    digest of the secret part is stored; the link itself is signed and expires."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invito")
        verbose_name_plural = _("inviti")

    @staticmethod
    def hash(raw: str) -> str:
        return _digest(raw)


class TOTPDevice(models.Model):
    """A user's authenticator app (RFC 6238, 30-second steps). `secret` is the shared key in
    base32, encrypted at rest (accounts.twofactor); `last_step` refuses a code used twice."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("app di autenticazione")
        verbose_name_plural = _("app di autenticazione")


class RecoveryCode(models.Model):
    """A single-use code for when the authenticator is lost; stored with the password hasher."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=255)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("codice di recupero")
        verbose_name_plural = _("codici di recupero")
