from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One row per change (and per read of a family record). `changes` holds field names and,
    for registry data only, old/new values; personal data never goes in here."""

    at = models.DateTimeField(_("quando"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("azione"), max_length=80)  # e.g. "network.seat.updated"
    object_type = models.CharField(_("tipo di oggetto"), max_length=80)
    object_id = models.CharField(_("id dell'oggetto"), max_length=40)
    ats_id = models.BigIntegerField(null=True, blank=True)
    centre_id = models.BigIntegerField(null=True, blank=True)
    changes = models.JSONField(_("modifiche"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("voce di registro")
        verbose_name_plural = _("registro delle attività")
        # Only what the audit screens read: a record's history, and the newest entries of a Centre
        # or an ATS (the viewer's scope); `at` alone serves the Regione's view and the archive.
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["centre_id", "-at"], name="audit_centre_at"),
            models.Index(fields=["ats_id", "-at"], name="audit_ats_at"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}#{self.object_id}"
