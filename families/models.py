"""The family pathway (D.G.R. 1507/2023, Allegato A § 3.2): families and their members, contacts, the scheda progettuale with
its history, consent and referrals. Every row reaches its owners through the seat where the family
was taken in; ids in URLs are opaque UUIDs, never fiscal codes or names."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.policy import AuditKeeps
from common.concurrency import VersionedModel
from common.fields import CodeListField
from common.scope import ScopePath
from common.uploads import UploadCheck, stored_name
from families import codes
from families.fiscal import fiscal_code_errors
from families.search import normalised_sql

_VIA_FAMILY = ScopePath(ats="family__seat__centre__ats", centre="family__seat__centre", seat="family__seat")
_VIA_SCHEDA = ScopePath(
    ats="scheda__family__seat__centre__ats", centre="scheda__family__seat__centre", seat="scheda__family__seat"
)


class Family(VersionedModel):
    """A nucleo familiare (or a single person) taken in at a seat."""

    audit_keeps = AuditKeeps.FIELDS  # personal data: the audit keeps field names only

    class Residence(models.TextChoices):
        RESIDENCE = "residenza", _("Residenza")
        DOMICILE = "domicilio", _("Domicilio")
        NONE = "nessuna", _("Senza dimora / non indicata")

    scope_path = ScopePath(ats="seat__centre__ats", centre="seat__centre", seat="seat")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.CharField(_("codice pseudonimo"), max_length=20, unique=True, editable=False)
    seat = models.ForeignKey(
        "network.Seat", on_delete=models.PROTECT, related_name="families", verbose_name=_("sede di accoglienza")
    )
    name = models.CharField(_("nome del nucleo"), max_length=120, blank=True)
    residence_kind = models.CharField(
        _("tipo di recapito"), max_length=10, choices=Residence.choices, default=Residence.NONE
    )
    comune = models.ForeignKey(
        "territory.Comune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("comune di residenza o domicilio"),
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unita a")
    )
    is_anonymised = models.BooleanField(_("anonimizzata"), default=False)
    is_synthetic = models.BooleanField(_("dati sintetici"), default=False)
    created_at = models.DateTimeField(_("creata il"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("famiglia")
        verbose_name_plural = _("famiglie")
        # The family list of a seat or Centre, newest first, and its count (index-only: merged
        # families are never listed).
        indexes = [
            models.Index(
                fields=["seat", "-created_at"],
                name="fam_family_seat_created",
                condition=models.Q(merged_into__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return self.name or self.code

    def clean(self) -> None:
        if self.residence_kind != self.Residence.NONE and self.comune_id is None:
            raise ValidationError({"comune": _("Indica il comune di residenza o domicilio.")})


class Person(VersionedModel):
    """A member of a family. Every identity field is optional: the 'invisible' are served too."""

    audit_keeps = AuditKeeps.FIELDS  # personal data: the audit keeps field names only

    class Role(models.TextChoices):
        PARENT = "genitore", _("Genitore")
        CHILD = "figlio", _("Figlio/a")
        GRANDPARENT = "nonno", _("Nonno/a")
        CAREGIVER = "caregiver", _("Caregiver")
        OTHER = "altro", _("Altro")

    class Sex(models.TextChoices):
        FEMALE = "F", _("Femmina")
        MALE = "M", _("Maschio")
        UNKNOWN = "", _("Non indicato")

    scope_path = _VIA_FAMILY

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="members", verbose_name=_("famiglia"))
    role = models.CharField(_("ruolo nel nucleo"), max_length=10, choices=Role.choices)
    first_name = models.CharField(_("nome"), max_length=80, blank=True)
    last_name = models.CharField(_("cognome"), max_length=80, blank=True)
    birth_date = models.DateField(_("data di nascita"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("anno di nascita"), null=True, blank=True)
    sex = models.CharField(_("sesso"), max_length=1, choices=Sex.choices, blank=True, default="")
    citizenship = models.CharField(_("cittadinanza"), max_length=60, blank=True)
    languages = models.CharField(_("lingue parlate"), max_length=120, blank=True)
    fiscal_code = models.CharField(_("codice fiscale"), max_length=16, blank=True)
    is_anonymised = models.BooleanField(_("anonimizzata"), default=False)
    # "cognome nome", lower case, accents folded (families.search): computed by the database.
    name_key = models.GeneratedField(
        expression=normalised_sql("last_name", "first_name"),
        output_field=models.CharField(max_length=161),
        db_persist=True,
    )

    class Meta:
        ordering = ["role", "birth_year"]
        verbose_name = _("persona")
        verbose_name_plural = _("persone")
        indexes = [
            # Exact fiscal-code lookups and the duplicate check (same name and birth date).
            models.Index(fields=["fiscal_code"], name="fam_person_fiscal_code"),
            models.Index(fields=["name_key", "birth_date"], name="fam_person_name_birth"),
        ]

    def __str__(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return full or f"{self.get_role_display()} ({self.family.code})"

    def clean(self) -> None:
        self.fiscal_code = self.fiscal_code.strip().upper()
        today = timezone.localdate()
        errors: dict[str, str] = {}
        if self.birth_date is not None:
            if self.birth_date > today:
                errors["birth_date"] = str(_("La data di nascita non può essere nel futuro."))
            elif self.birth_year is None:
                self.birth_year = self.birth_date.year
            elif self.birth_year != self.birth_date.year:
                errors["birth_year"] = str(_("L'anno di nascita non corrisponde alla data di nascita."))
        if self.birth_year is not None and not (1900 <= self.birth_year <= today.year):
            errors["birth_year"] = str(_("L'anno di nascita deve essere compreso tra il 1900 e l'anno in corso."))
        if not errors:
            errors.update(
                fiscal_code_errors(
                    self.fiscal_code, birth_date=self.birth_date, birth_year=self.birth_year, sex=self.sex
                )
            )
        if errors:
            raise ValidationError(errors)


class Contact(models.Model):
    """An accesso: any contact, with or without a family record (anonymous contacts count too)."""

    audit_keeps = AuditKeeps.FIELDS  # personal data: the audit keeps field names only

    scope_path = ScopePath(ats="seat__centre__ats", centre="seat__centre", seat="seat")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    seat = models.ForeignKey("network.Seat", on_delete=models.PROTECT, related_name="contacts", verbose_name=_("sede"))
    family = models.ForeignKey(
        Family, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts", verbose_name=_("famiglia")
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("operatore")
    )
    channel = models.CharField(_("canale"), max_length=12, choices=codes.Channel.choices)
    date = models.DateField(_("data"), default=timezone.localdate)
    reason = models.CharField(_("motivo"), max_length=15, choices=codes.AccessReason.choices)
    people_count = models.PositiveSmallIntegerField(_("persone raggiunte"), default=1)
    is_synthetic = models.BooleanField(_("dati sintetici"), default=False)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("contatto")
        verbose_name_plural = _("contatti")
        indexes = [
            models.Index(fields=["seat", "date"], name="fam_contact_seat_date"),
            # The contacts list (API, keyset pages) reads newest first by (date, id): a Centre's
            # or deep page walks this index instead of sorting every contact in scope.
            models.Index(fields=["date", "id"], name="fam_contact_date_id"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("La data del contatto non può essere nel futuro.")})
        if self.family is not None and self.seat_id and self.family.seat.centre_id != self.seat.centre_id:
            raise ValidationError({"family": _("La famiglia non appartiene al centro di questa sede.")})


class Scheda(VersionedModel):
    """The scheda progettuale: one per family that accesses; it evolves, its history is kept."""

    audit_keeps = AuditKeeps.FIELDS  # personal data: the audit keeps field names only

    class Status(models.TextChoices):
        OPEN = "aperta", _("Aperta")
        ACTIVE = "attiva", _("In corso")
        CLOSED = "chiusa", _("Chiusa")

    class Outcome(models.TextChoices):
        GOALS_MET = "obiettivi_raggiunti", _("Obiettivi raggiunti")
        PARTIAL = "parziale", _("Obiettivi raggiunti in parte")
        REFERRED = "inviata", _("Presa in carico da altro servizio")
        DROPPED = "interrotta", _("Interrotta dalla famiglia")
        OTHER = "altro", _("Altro")

    scope_path = _VIA_FAMILY
    # Coded fields whose before/after values the history may keep (nothing identifying).
    CODED_FIELDS = ("access_reason", "needs", "status", "outcome", "is_fragile", "fragility_category", "operator")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.OneToOneField(Family, on_delete=models.CASCADE, related_name="scheda", verbose_name=_("famiglia"))
    access_reason = models.CharField(_("motivo dell'accesso"), max_length=15, choices=codes.AccessReason.choices)
    access_reason_text = models.TextField(_("motivo dell'accesso (descrizione)"), blank=True)
    needs = CodeListField(_("bisogni principali"), default=list, blank=True, item_choices=codes.Need.choices)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("operatore di riferimento"),
    )
    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(_("esito"), max_length=20, choices=Outcome.choices, blank=True)
    is_fragile = models.BooleanField(_("fragilità particolare"), default=False)
    fragility_category = models.CharField(
        _("categoria di fragilità"), max_length=15, choices=codes.FragilityCategory.choices, blank=True
    )
    review_on = models.DateField(_("da rivedere entro"), null=True, blank=True)
    opened_on = models.DateField(_("aperta il"), default=timezone.localdate)
    closed_on = models.DateField(_("chiusa il"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheda progettuale")
        verbose_name_plural = _("schede progettuali")
        indexes = [models.Index(fields=["status", "review_on"], name="fam_scheda_status_review")]

    def __str__(self) -> str:
        return str(_("Scheda %(code)s") % {"code": self.family.code})

    def clean(self) -> None:
        errors: dict[str, str] = {}
        valid = set(codes.Need.values)
        if not isinstance(self.needs, list) or any(n not in valid for n in self.needs):
            errors["needs"] = str(_("Uno o più bisogni indicati non sono nell'elenco."))
        if self.is_fragile and not self.fragility_category:
            errors["fragility_category"] = str(_("Indica la categoria della fragilità particolare."))
        if self.status == self.Status.CLOSED and not self.outcome:
            errors["outcome"] = str(_("Per chiudere la scheda indica l'esito."))
        if errors:
            raise ValidationError(errors)


class Intervention(models.Model):
    """An intervention agreed in the scheda: a catalogue service or a free activity."""

    audit_keeps = AuditKeeps.FIELDS  # personal data: the audit keeps field names only

    scope_path = _VIA_SCHEDA

    scheda = models.ForeignKey(Scheda, on_delete=models.CASCADE, related_name="interventions")
    service_area = models.ForeignKey(
        "network.ServiceArea", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("servizio")
    )
    activity = models.CharField(_("attività libera"), max_length=200, blank=True)
    start_date = models.DateField(_("inizio"), default=timezone.localdate)
    end_date = models.DateField(_("fine"), null=True, blank=True)
    outcome = models.CharField(_("esito"), max_length=200, blank=True)

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("intervento")
        verbose_name_plural = _("interventi")

    def __str__(self) -> str:
        return str(self.service_area) if self.service_area_id else self.activity

    def clean(self) -> None:
        if not self.service_area_id and not self.activity.strip():
            raise ValidationError(_("Indica un servizio del catalogo o descrivi l'attività."))
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La fine non può precedere l'inizio.")})


class InvolvedBody(models.Model):
    """Another body of the network involved in the scheda, with its role."""

    audit_keeps = AuditKeeps.FIELDS  # personal data: the audit keeps field names only

    scope_path = _VIA_SCHEDA

    scheda = models.ForeignKey(Scheda, on_delete=models.CASCADE, related_name="bodies")
    ente = models.ForeignKey("network.Ente", on_delete=models.PROTECT, related_name="+", verbose_name=_("ente"))
    role = models.CharField(_("ruolo"), max_length=200)

    class Meta:
        verbose_name = _("ente coinvolto")
        verbose_name_plural = _("enti coinvolti")

    def __str__(self) -> str:
        return f"{self.ente} ({self.role})"


class SchedaChange(models.Model):
    """The readable history of a scheda: who changed which field, when. Values only for coded
    fields (Scheda.CODED_FIELDS); free text is recorded as changed, never copied here."""

    audit_keeps = AuditKeeps.FIELDS  # personal data: the audit keeps field names only

    scope_path = _VIA_SCHEDA

    scheda = models.ForeignKey(Scheda, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    field = models.CharField(max_length=40)
    label = models.CharField(max_length=120)
    before = models.CharField(max_length=400, blank=True)
    after = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]


def consent_upload_path(instance: "Consent", filename: str) -> str:
    """A random name: the name of a signed form often carries the family's surname."""
    return stored_name("families/consents", filename)


class Consent(models.Model):
    """Consent of a person or the whole family, for one purpose."""

    audit_keeps = AuditKeeps.FIELDS  # personal data: the audit keeps field names only

    class Purpose(models.TextChoices):
        SERVICE = "servizio", _("Erogazione del servizio")
        SHARING = "condivisione", _("Condivisione con un ente o categoria di enti")
        SURVEYS = "indagini", _("Contatto per indagini e questionari")
        PHOTOS = "foto", _("Foto durante le attività")

    class LegalBasis(models.TextChoices):
        CONSENT = "consenso", _("Consenso dell'interessato (art. 6.1.a / 9.2.a GDPR)")
        PUBLIC_TASK = "compito_pubblico", _("Compito di interesse pubblico (art. 6.1.e GDPR)")
        LEGAL_OBLIGATION = "obbligo_legale", _("Obbligo di legge (art. 6.1.c GDPR)")

    scope_path = _VIA_FAMILY

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="consents")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="consents", verbose_name=_("persona")
    )
    purpose = models.CharField(_("finalità"), max_length=15, choices=Purpose.choices)
    recipient_ente = models.ForeignKey(
        "network.Ente", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("ente")
    )
    recipient_destination = models.ForeignKey(
        "network.ReferralDestination",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("servizio specialistico"),
    )
    recipient_kind = models.CharField(_("categoria di enti"), max_length=25, blank=True)
    legal_basis = models.CharField(_("base giuridica"), max_length=20, choices=LegalBasis.choices)
    given_on = models.DateField(_("data del consenso"), default=timezone.localdate)
    form = models.FileField(
        _("modulo firmato"), upload_to=consent_upload_path, blank=True, validators=[UploadCheck("PDF", "PNG", "JPEG")]
    )
    expires_on = models.DateField(_("scadenza"), null=True, blank=True)
    withdrawn_on = models.DateField(_("revocato il"), null=True, blank=True)

    class Meta:
        ordering = ["-given_on"]
        verbose_name = _("consenso")
        verbose_name_plural = _("consensi")

    def __str__(self) -> str:
        return str(self.get_purpose_display())

    def clean(self) -> None:
        recipients = [self.recipient_destination_id, self.recipient_ente_id, self.recipient_kind]
        if self.purpose == self.Purpose.SHARING and not any(recipients):
            raise ValidationError(
                {
                    "recipient_destination": _(
                        "Indica il servizio, l'ente o la categoria a cui la famiglia consente l'invio."
                    )
                }
            )
        if self.purpose == self.Purpose.SHARING and sum(1 for r in recipients if r) > 1:
            raise ValidationError(
                {"recipient_destination": _("Indica un solo destinatario: il servizio, l'ente oppure la categoria.")}
            )
        if self.purpose != self.Purpose.SHARING and any(recipients):
            raise ValidationError(
                {"recipient_destination": _("Il destinatario si indica solo per il consenso alla condivisione.")}
            )
        if self.given_on and self.given_on > timezone.localdate():
            raise ValidationError({"given_on": _("La data del consenso non può essere nel futuro.")})
        if self.expires_on and self.given_on and self.expires_on <= self.given_on:
            raise ValidationError({"expires_on": _("La scadenza deve essere successiva alla data del consenso.")})

    @property
    def recipient_label(self) -> str:
        """Who the consent lets the Centre share with, by name (never a code)."""
        from families.codes import recipient_kind_label

        if self.recipient_destination_id:
            return str(self.recipient_destination)
        if self.recipient_ente_id:
            return str(self.recipient_ente)
        return recipient_kind_label(self.recipient_kind)

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.expires_on is None or self.expires_on >= day) and (
            self.withdrawn_on is None or self.withdrawn_on > day
        )


class Referral(VersionedModel):
    """An invio to a specialist service of the registry, with its state machine."""

    audit_keeps = AuditKeeps.FIELDS  # personal data: the audit keeps field names only

    class Status(models.TextChoices):
        SENT = "inviato", _("Inviato")
        RECEIVED = "ricevuto", _("Ricevuto")
        ACCEPTED = "accettato", _("Accettato")
        REJECTED = "rifiutato", _("Rifiutato")
        TAKEN_IN_CHARGE = "in_carico", _("Preso in carico")
        CLOSED = "chiuso", _("Chiuso")
        WITHDRAWN = "ritirato", _("Ritirato")

    scope_path = ScopePath(
        ats="family__seat__centre__ats", centre="family__seat__centre", seat="family__seat", destination="destination"
    )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="referrals")
    destination = models.ForeignKey(
        "network.ReferralDestination", on_delete=models.PROTECT, related_name="+", verbose_name=_("servizio")
    )
    reason = models.CharField(_("motivo"), max_length=15, choices=codes.AccessReason.choices)
    reason_text = models.TextField(_("motivo (descrizione)"), blank=True)
    urgency = models.CharField(_("urgenza"), max_length=8, choices=codes.Urgency.choices, default=codes.Urgency.NORMAL)
    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.SENT)
    sent_on = models.DateField(_("inviato il"), default=timezone.localdate)
    respond_by = models.DateField(_("risposta attesa entro"))
    responded_on = models.DateField(_("risposta il"), null=True, blank=True)
    status_note = models.TextField(_("motivazione o esito"), blank=True)
    feedback = models.TextField(_("riscontro del servizio"), blank=True)
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    override_reason = models.TextField(_("motivo dell'invio senza consenso (obbligo di legge)"), blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.SENT: (Status.RECEIVED, Status.WITHDRAWN),
        Status.RECEIVED: (Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN),
        Status.ACCEPTED: (Status.TAKEN_IN_CHARGE, Status.WITHDRAWN),
        Status.TAKEN_IN_CHARGE: (Status.CLOSED,),
        Status.REJECTED: (),
        Status.CLOSED: (),
        Status.WITHDRAWN: (),
    }
    AWAITING = (Status.SENT, Status.RECEIVED)

    class Meta:
        ordering = ["-sent_on"]
        verbose_name = _("invio")
        verbose_name_plural = _("invii")
        indexes = [
            models.Index(fields=["destination", "status", "respond_by"], name="fam_referral_dest_status_resp"),
            models.Index(fields=["status", "respond_by"], name="fam_referral_status_respond"),
        ]

    def __str__(self) -> str:
        return f"{self.destination} ({self.get_status_display()})"

    @property
    def is_overdue(self) -> bool:
        return self.status in self.AWAITING and self.respond_by < timezone.localdate()


class IntegratedFollowUp(VersionedModel):
    """A family followed in an integrated way (seguita in modo integrato) with other services:
    its own pathway with a plan shared with the partner services, goals and a review date.
    Sharing the family's data with a partner needs the family's consent, as for referrals."""

    audit_keeps = AuditKeeps.FIELDS  # personal data: the audit keeps field names only

    class Status(models.TextChoices):
        OPEN = "aperta", _("Aperta")
        CLOSED = "chiusa", _("Chiusa")

    class Outcome(models.TextChoices):
        GOALS_MET = "obiettivi_raggiunti", _("Obiettivi raggiunti")
        PARTIAL = "parziale", _("Obiettivi raggiunti in parte")
        TAKEN_OVER = "presa_in_carico", _("Presa in carico da un servizio partner")
        DROPPED = "interrotta", _("Interrotta")
        OTHER = "altro", _("Altro")

    scope_path = _VIA_SCHEDA

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    scheda = models.ForeignKey(
        Scheda, on_delete=models.CASCADE, related_name="followups", verbose_name=_("scheda progettuale")
    )
    partner_destinations = models.ManyToManyField(
        "network.ReferralDestination",
        blank=True,
        related_name="+",
        verbose_name=_("servizi specialistici partner"),
    )
    partner_entes = models.ManyToManyField("network.Ente", blank=True, related_name="+", verbose_name=_("enti partner"))
    plan = models.TextField(_("piano condiviso"))
    goals = models.TextField(_("obiettivi"), blank=True)
    start_date = models.DateField(_("inizio"), default=timezone.localdate)
    review_on = models.DateField(_("da rivedere entro"), null=True, blank=True)
    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(_("esito"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("note sull'esito"), blank=True)
    closed_on = models.DateField(_("chiusa il"), null=True, blank=True)
    override_reason = models.TextField(_("motivo della condivisione senza consenso (obbligo di legge)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("aperta da")
    )

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("presa in carico integrata")
        verbose_name_plural = _("prese in carico integrate")

    def __str__(self) -> str:
        return str(_("Presa in carico integrata dal %(d)s") % {"d": f"{self.start_date:%d/%m/%Y}"})

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.plan or "").strip():
            errors["plan"] = str(_("Descrivi il piano condiviso con i servizi partner."))
        if self.start_date and self.start_date > timezone.localdate():
            errors["start_date"] = str(_("L'inizio non può essere nel futuro."))
        if self.review_on and self.start_date and self.review_on < self.start_date:
            errors["review_on"] = str(_("La data di revisione non può precedere l'inizio."))
        if self.status == self.Status.CLOSED and not self.outcome:
            errors["outcome"] = str(_("Per chiudere la presa in carico integrata indica l'esito."))
        if errors:
            raise ValidationError(errors)

    @property
    def is_due(self) -> bool:
        return self.status == self.Status.OPEN and self.review_on is not None and self.review_on < timezone.localdate()
