"""Activities (D.G.R. 1507/2023, Allegato A § 3.2: group activities): group activities of a Centre organised by one of its seats,
their sessions (one-off or weekly), sign-ups with a waiting list and attendance per session.

Activities and sessions are visible to every role in scope. Registrations and attendance link
people and families to an activity: they are family data, read only by those who work with the
families (see activities.selectors)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.policy import AuditKeeps
from common.concurrency import VersionedModel
from common.fields import CodeListField
from common.scope import ScopePath

_VIA_ACTIVITY = ScopePath(ats="activity__seat__centre__ats", centre="activity__seat__centre", seat="activity__seat")
_VIA_SESSION = ScopePath(
    ats="session__activity__seat__centre__ats",
    centre="session__activity__seat__centre",
    seat="session__activity__seat",
)


class Kind(models.TextChoices):
    WORKSHOP = "laboratorio", _("Laboratorio")
    MUTUAL_AID = "auto_mutuo_aiuto", _("Gruppo di auto mutuo aiuto")
    MEETING_CYCLE = "ciclo_incontri", _("Ciclo di incontri")
    PARENTING_COURSE = "corso_genitorialita", _("Corso di accompagnamento alla genitorialità")
    WORD_GROUP = "gruppo_parola", _("Gruppo di parola")
    LISTENING_DESK = "sportello_ascolto", _("Sportello di ascolto tempestivo")
    HOMEWORK_HELP = "aiuto_compiti", _("Aiuto compiti")
    COMMUNITY_EVENT = "evento_comunita", _("Evento di comunità")
    OPERATOR_TRAINING = "formazione_operatori", _("Formazione per operatori")
    OTHER = "altro", _("Altra attività")


class Target(models.TextChoices):
    PARENTS = "genitori", _("Genitori")
    CHILDREN_0_5 = "bambini_0_5", _("Bambini 0-5 anni")
    CHILDREN_6_10 = "bambini_6_10", _("Bambini 6-10 anni")
    PRETEENS = "ragazzi_11_13", _("Ragazzi 11-13 anni")
    TEENAGERS = "adolescenti", _("Adolescenti 14-17 anni")
    GRANDPARENTS = "nonni", _("Nonni")
    CAREGIVERS = "caregiver", _("Caregiver")
    OPERATORS = "operatori", _("Operatori")


def target_labels(codes: list[str]) -> str:
    labels = dict(Target.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes)


class Activity(VersionedModel):
    class Status(models.TextChoices):
        PLANNED = "programmata", _("Programmata")
        OPEN = "aperta", _("Iscrizioni aperte")
        CLOSED = "chiusa", _("Iscrizioni chiuse")
        CANCELLED = "annullata", _("Annullata")
        DONE = "conclusa", _("Conclusa")

    scope_path = ScopePath(ats="seat__centre__ats", centre="seat__centre", seat="seat")

    seat = models.ForeignKey(
        "network.Seat", on_delete=models.PROTECT, related_name="activities", verbose_name=_("sede organizzatrice")
    )
    title = models.CharField(_("titolo"), max_length=200)
    kind = models.CharField(_("tipo di attività"), max_length=25, choices=Kind.choices)
    area = models.ForeignKey(
        "network.ServiceArea", on_delete=models.PROTECT, related_name="activities", verbose_name=_("area di servizio")
    )
    targets = CodeListField(_("destinatari"), default=list, blank=True, item_choices=Target.choices)
    description = models.TextField(_("descrizione"), blank=True)
    place_comune = models.ForeignKey(
        "territory.Comune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("comune di svolgimento (se non presso la sede)"),
    )
    place_description = models.CharField(_("luogo (se non presso la sede)"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("posti disponibili"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10000)],
        help_text=_("Vuoto: senza limite di posti."),
    )
    is_public = models.BooleanField(_("visibile sul portale pubblico"), default=False)
    status = models.CharField(_("stato"), max_length=12, choices=Status.choices, default=Status.OPEN)
    is_synthetic = models.BooleanField(_("dati sintetici"), default=False, editable=False)
    created_at = models.DateTimeField(_("creata il"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("attività")
        verbose_name_plural = _("attività")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        valid = set(Target.values)
        if not isinstance(self.targets, list) or any(code not in valid for code in self.targets):
            errors["targets"] = str(_("Destinatari non validi."))
        if self.place_description and self.place_comune_id is None:
            errors["place_comune"] = str(_("Indica il comune del luogo di svolgimento."))
        if errors:
            raise ValidationError(errors)

    @property
    def place(self) -> str:
        if self.place_comune_id:
            return f"{self.place_description} ({self.place_comune})".strip()
        return str(self.seat)


class Session(models.Model):
    """One meeting of an activity."""

    scope_path = _VIA_ACTIVITY

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("inizio"))
    ends_at = models.DateTimeField(_("fine"))
    cancelled = models.BooleanField(_("annullato"), default=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("incontro")
        verbose_name_plural = _("incontri")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="activity_session_order",
                violation_error_message=_("La fine dell'incontro deve seguire l'inizio."),
            )
        ]

    def __str__(self) -> str:
        return timezone.localtime(self.starts_at).strftime("%d/%m/%Y %H:%M")

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("La fine dell'incontro deve seguire l'inizio.")})


class Registration(models.Model):
    """A sign-up: a family (optionally one of its members) or a named participant not registered
    as a family. One registration takes one place."""

    audit_keeps = AuditKeeps.FIELDS  # personal data: the audit keeps field names only

    class Status(models.TextChoices):
        CONFIRMED = "confermata", _("Confermata")
        WAITLISTED = "in_attesa", _("In lista d'attesa")
        CANCELLED = "annullata", _("Annullata")

    ACTIVE = (Status.CONFIRMED, Status.WAITLISTED)

    scope_path = _VIA_ACTIVITY

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="registrations")
    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activity_registrations",
        verbose_name=_("famiglia"),
    )
    person = models.ForeignKey(
        "families.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activity_registrations",
        verbose_name=_("persona"),
    )
    participant_label = models.CharField(_("partecipante (non registrato come famiglia)"), max_length=120, blank=True)
    status = models.CharField(_("stato"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(_("iscritto il"), default=timezone.now)
    is_synthetic = models.BooleanField(_("dati sintetici"), default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("iscrizione")
        verbose_name_plural = _("iscrizioni")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "family"],
                condition=Q(status__in=["confermata", "in_attesa"], person__isnull=True, family__isnull=False),
                name="activity_one_active_family_registration",
                violation_error_message=_("La famiglia è già iscritta a questa attività."),
            )
        ]

    def __str__(self) -> str:
        if self.person_id:
            return str(self.person)
        if self.family_id:
            return str(self.family)
        return self.participant_label

    def clean(self) -> None:
        if not self.family_id and not self.participant_label.strip():
            raise ValidationError(_("Indica la famiglia o il nome del partecipante."))
        if self.person_id and self.person is not None and self.person.family_id != self.family_id:
            raise ValidationError({"person": _("La persona non fa parte della famiglia indicata.")})


class Attendance(models.Model):
    """Whether a registered participant was at a session."""

    audit_keeps = AuditKeeps.FIELDS  # personal data: the audit keeps field names only

    scope_path = _VIA_SESSION

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField(_("presente"), default=False)

    class Meta:
        verbose_name = _("presenza")
        verbose_name_plural = _("presenze")
        constraints = [
            models.UniqueConstraint(fields=["session", "registration"], name="activity_one_attendance_per_session")
        ]


class AnonymousHeadcount(models.Model):
    """People at a session counted without names, by target."""

    scope_path = _VIA_SESSION

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="headcounts")
    target = models.CharField(_("destinatari"), max_length=20, choices=Target.choices)
    count = models.PositiveIntegerField(_("persone"), validators=[MaxValueValidator(10000)])

    class Meta:
        ordering = ["target"]
        verbose_name = _("conteggio anonimo")
        verbose_name_plural = _("conteggi anonimi")
        constraints = [models.UniqueConstraint(fields=["session", "target"], name="activity_one_headcount_per_target")]
