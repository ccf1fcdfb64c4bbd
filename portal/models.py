"""What the public portal stores: requests to be contacted, online sign-ups' contact details and
page feedback. Only what a visitor chooses to send; kept only as long as the privacy notice says
(`manage.py purge_portal_data`)."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.policy import AuditKeeps
from common.scope import ScopePath

# Retention (privacy notice, portal/templates/portal/privacy.html): days after the request is closed
# or, for requests never handled, after it was sent; sign-up contacts after the activity's last session.
CONTACT_REQUEST_RETENTION_DAYS = 90
SIGNUP_RETENTION_DAYS = 30
FEEDBACK_RETENTION_DAYS = 365


class ContactRequest(models.Model):
    """«Chiedi di essere contattato»: lands in the chosen seat's worklist."""

    class Status(models.TextChoices):
        NEW = "nuova", _("Da richiamare")
        DONE = "gestita", _("Richiamata")
        CONVERTED = "convertita", _("Registrata come contatto o famiglia")

    class Slot(models.TextChoices):
        ANY = "qualsiasi", _("Qualsiasi orario")
        MORNING = "mattina", _("Mattina")
        AFTERNOON = "pomeriggio", _("Pomeriggio")
        EVENING = "sera", _("Dopo le 17")

    scope_path = ScopePath(ats="seat__centre__ats", centre="seat__centre", seat="seat")
    audit_keeps = AuditKeeps.FIELDS

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    seat = models.ForeignKey(
        "network.Seat", on_delete=models.CASCADE, related_name="contact_requests", verbose_name=_("sede")
    )
    name = models.CharField(_("nome o soprannome"), max_length=80)
    phone = models.CharField(_("telefono"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("lingua preferita"), max_length=10)
    preferred_time = models.CharField(_("orario preferito"), max_length=12, choices=Slot.choices, default=Slot.ANY)
    message = models.TextField(_("messaggio"), max_length=1000, blank=True)
    status = models.CharField(_("stato"), max_length=12, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("ricevuta il"), default=timezone.now)
    handled_at = models.DateTimeField(_("gestita il"), null=True, blank=True)
    contact = models.ForeignKey(
        "families.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contatto"),
    )
    family = models.ForeignKey(
        "families.Family",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("famiglia"),
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("richiesta di contatto")
        verbose_name_plural = _("richieste di contatto")
        indexes = [models.Index(fields=["seat", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M}"

    def clean(self) -> None:
        if not self.phone.strip() and not self.email.strip():
            raise ValidationError({"phone": _("Indica un telefono o un indirizzo e-mail per essere ricontattato.")})


class PublicSignup(models.Model):
    """The contact details of an online sign-up (the place itself is an activities.Registration)."""

    scope_path = ScopePath(
        ats="registration__activity__seat__centre__ats",
        centre="registration__activity__seat__centre",
        seat="registration__activity__seat",
    )
    audit_keeps = AuditKeeps.FIELDS

    registration = models.OneToOneField(
        "activities.Registration", on_delete=models.CASCADE, related_name="public_signup", verbose_name=_("iscrizione")
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("lingua"), max_length=10)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("iscrizione online")
        verbose_name_plural = _("iscrizioni online")


class PageFeedback(models.Model):
    """«Quanto sono chiare le informazioni su questa pagina?» (1–5), with no personal data."""

    page = models.CharField(max_length=200)
    rating = models.PositiveSmallIntegerField()
    answer = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["page", "created_at"])]
