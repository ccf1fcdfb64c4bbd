"""Validation of a Centre's figures per period, as DHIS2 data approval (research notes §1):
the Hub coordinator submits, the ATS approves, the Region accepts. An approved period is locked
for that Centre's records; reopening needs a written reason and is done by the level that
approved or a higher one. The figures are kept as they were at each step (snapshots)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.concurrency import VersionedModel
from common.scope import ScopePath


class Approval(VersionedModel):
    class State(models.TextChoices):
        OPEN = "aperto", _("Da inviare")
        SUBMITTED = "inviato", _("Inviato all'ATS")
        APPROVED = "approvato", _("Approvato dall'ATS")
        ACCEPTED = "accettato", _("Accettato dalla Regione")

    LOCKED = (State.APPROVED, State.ACCEPTED)
    scope_path = ScopePath(ats="centre__ats", centre="centre")

    centre = models.ForeignKey(
        "network.Centre", on_delete=models.PROTECT, related_name="approvals", verbose_name=_("centro")
    )
    period_code = models.CharField(_("periodo"), max_length=30)
    period_start = models.DateField(_("inizio del periodo"))
    period_end = models.DateField(_("fine del periodo"))
    state = models.CharField(_("stato"), max_length=10, choices=State.choices, default=State.OPEN)
    # Figures (centre and seats, every indicator) as submitted, and as they were at the previous
    # submission, so each step sees what changed; `approved_figures` is frozen at approval.
    submitted_figures = models.JSONField(_("valori inviati"), default=dict, blank=True)
    previous_figures = models.JSONField(_("valori dell'invio precedente"), default=dict, blank=True)
    approved_figures = models.JSONField(_("valori approvati"), default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("validazione del periodo")
        verbose_name_plural = _("validazioni dei periodi")
        ordering = ["-period_start", "centre_id"]
        constraints = [models.UniqueConstraint(fields=["centre", "period_code"], name="uniq_approval_centre_period")]
        indexes = [models.Index(fields=["centre", "period_start", "period_end"], name="approval_centre_dates")]

    def __str__(self) -> str:
        return f"{self.centre} {self.period_code}"

    @property
    def is_locked(self) -> bool:
        return self.state in self.LOCKED


class ApprovalStep(models.Model):
    """One step of the workflow, with its written reason for a reopening."""

    approval = models.ForeignKey(Approval, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=12)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)
    scope_path = ScopePath(ats="approval__centre__ats", centre="approval__centre")

    LABELS = {
        "submitted": _("inviato all'ATS"),
        "approvato": _("approvato dall'ATS"),
        "accettato": _("accettato dalla Regione"),
        "reopened": _("riaperto"),
    }

    class Meta:
        ordering = ["at", "pk"]

    @property
    def label(self) -> str:
        return str(self.LABELS.get(self.step, self.step))


class SeatConfirmation(models.Model):
    """A seat's figures for a period, confirmed by its operator (or the Hub coordinator) before the
    coordinator submits the Centre's period. Dropped when the period is reopened."""

    scope_path = ScopePath(ats="seat__centre__ats", centre="seat__centre", seat="seat")

    seat = models.ForeignKey("network.Seat", on_delete=models.PROTECT, related_name="+", verbose_name=_("sede"))
    period_code = models.CharField(_("periodo"), max_length=30)
    period_start = models.DateField(_("inizio del periodo"))
    period_end = models.DateField(_("fine del periodo"))
    figures = models.JSONField(_("valori confermati"), default=dict, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confermato il"), default=timezone.now)

    class Meta:
        verbose_name = _("conferma della sede")
        verbose_name_plural = _("conferme delle sedi")
        constraints = [models.UniqueConstraint(fields=["seat", "period_code"], name="uniq_seat_confirmation")]

    def __str__(self) -> str:
        return f"{self.seat} {self.period_code}"


class SourceChange(models.Model):
    """Append-only log of writes that change monitoring figures (monitoring.freshness): one row per
    record source (model label) and month (yyyymm; 0: every month) per write. Never personal data."""

    id = models.BigAutoField(primary_key=True)
    source = models.CharField(max_length=60)
    month = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["source", "month", "id"], name="mon_change_source_month")]


class StoredFigures(models.Model):
    """One indicator × period computed from the records (values and the cells hidden by
    suppression), stored under the key of the record versions it was computed from
    (monitoring.freshness.key_for): a later write changes the key, so it is never served stale."""

    key = models.CharField(max_length=64, primary_key=True)
    indicator = models.CharField(max_length=40)
    period_kind = models.CharField(max_length=10)
    period_start = models.DateField()
    period_end = models.DateField()
    payload = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["indicator", "period_start", "period_end", "period_kind"], name="mon_stored_period")
        ]
