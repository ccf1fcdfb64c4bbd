"""The network's shared directory of territorial resources: services and
opportunities of every body of the network, not only the Centres, with a visibility level and a
review workflow. Mapped onto Open Referral HSDS 3.0 by directory/hsds.py."""

import uuid

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.concurrency import VersionedModel
from common.scope import ScopePath
from territory.geo import is_in_lombardy

# Language codes offered in the form (ISO 639-1): the languages families in Lombardy ask for most.
LANGUAGES = {
    "it": _("italiano"),
    "en": _("inglese"),
    "fr": _("francese"),
    "es": _("spagnolo"),
    "ar": _("arabo"),
    "zh": _("cinese"),
    "ro": _("rumeno"),
    "sq": _("albanese"),
    "uk": _("ucraino"),
    "ru": _("russo"),
    "bn": _("bengalese"),
    "ur": _("urdu"),
    "tl": _("filippino"),
    "pt": _("portoghese"),
}


class Resource(VersionedModel):
    """One service or opportunity of a body of the network (HSDS service at one location)."""

    class Kind(models.TextChoices):
        CPF = "cpf", _("Servizio di un Centro per la Famiglia")
        DOPOSCUOLA = "doposcuola", _("Doposcuola")
        CONSULTORIO = "consultorio", _("Consultorio familiare")
        CAV = "centro_antiviolenza", _("Centro antiviolenza")
        SHELTER = "casa_rifugio", _("Casa rifugio")
        CASA_COMUNITA = "casa_comunita", _("Casa di Comunità")
        NPIA = "npia", _("Neuropsichiatria dell'infanzia e dell'adolescenza (NPIA)")
        SERD = "serd", _("Servizio per le dipendenze (SerD)")
        CHILD_PROTECTION = "tutela_minori", _("Servizio tutela minori")
        SOCIAL_SECRETARIAT = "segretariato_sociale", _("Segretariato sociale del Comune")
        LIBRARY = "biblioteca", _("Biblioteca")
        SPORT = "sport", _("Sport")
        SUMMER_CAMP = "centro_estivo", _("Centro estivo")
        ORATORIO = "oratorio", _("Parrocchia / oratorio")
        LANGUAGE_COURSE = "corso_lingua", _("Corso di lingua per adulti")
        LEGAL_AID = "sportello_legale", _("Sportello di consulenza legale")
        FOOD_BANK = "banco_alimentare", _("Banco alimentare / emporio solidale")
        EMPLOYMENT = "lavoro", _("Servizi per il lavoro")
        OTHER = "altro", _("Altro")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Pubblica (visibile a tutti)")
        NETWORK = "network", _("Rete (tutti gli utenti registrati)")
        OPERATORS = "operators", _("Solo operatori")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bozza")
        PROPOSED = "proposed", _("In attesa di revisione")
        PUBLISHED = "published", _("Pubblicata")
        WITHDRAWN = "withdrawn", _("Ritirata")

    # The ATS reviews and publishes (ACTIONS); the organisation's editor keeps its own entries.
    scope_path = ScopePath(ats="ats", ente="organisation")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("nome"), max_length=200)
    kind = models.CharField(_("tipologia"), max_length=25, choices=Kind.choices)
    description = models.TextField(_("descrizione"), blank=True)
    organisation = models.ForeignKey(
        "network.Ente", on_delete=models.PROTECT, related_name="resources", verbose_name=_("ente")
    )
    ats = models.ForeignKey(
        "territory.Ats", on_delete=models.PROTECT, related_name="resources", verbose_name=_("ATS"), editable=False
    )
    comune = models.ForeignKey(
        "territory.Comune", on_delete=models.PROTECT, related_name="resources", verbose_name=_("comune")
    )
    address = models.CharField(_("indirizzo"), max_length=200, blank=True)
    postal_code = models.CharField(_("CAP"), max_length=5, blank=True)
    latitude = models.DecimalField(_("latitudine"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitudine"), max_digits=8, decimal_places=5, null=True, blank=True)
    phone = models.CharField(_("telefono"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("sito web"), blank=True)
    schedule_notes = models.CharField(
        _("note sugli orari"), max_length=200, blank=True, help_text=_("Es. chiuso ad agosto.")
    )
    eligibility = models.TextField(_("a chi si rivolge"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("età minima"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("età massima"), null=True, blank=True)
    is_free = models.BooleanField(_("gratuito"), default=True)
    fees_description = models.CharField(_("costi"), max_length=200, blank=True)
    languages = models.CharField(
        _("lingue parlate"), max_length=100, blank=True, help_text=_("Codici separati da virgola, es. it,en,ar.")
    )
    how_to_access = models.TextField(_("come accedere"), blank=True)
    service_areas = models.ManyToManyField(
        "network.ServiceArea", blank=True, related_name="resources", verbose_name=_("aree di servizio")
    )
    tags = models.ManyToManyField(
        "network.Tag", blank=True, related_name="resources", verbose_name=_("bisogni a cui risponde")
    )
    visibility = models.CharField(_("visibilità"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    last_checked_on = models.DateField(_("ultima verifica"), null=True, blank=True)
    published_at = models.DateTimeField(_("pubblicata il"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("ultima modifica"), auto_now=True)
    # The registry's own rows that this entry represents (one directory, not a parallel one).
    offering = models.OneToOneField(
        "network.ServiceOffering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resource",
        verbose_name=_("servizio di una sede"),
        editable=False,
    )
    destination = models.OneToOneField(
        "network.ReferralDestination",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resource",
        verbose_name=_("servizio specialistico di invio"),
        editable=False,
    )
    is_synthetic = models.BooleanField(_("dati sintetici"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("risorsa del territorio")
        verbose_name_plural = _("risorse del territorio")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "comune", "name"],
                name="uniq_resource_per_organisation_comune",
                violation_error_message=_("L'ente ha già una risorsa con questo nome in questo comune."),
            ),
            models.CheckConstraint(
                condition=Q(maximum_age__isnull=True)
                | Q(minimum_age__isnull=True)
                | Q(maximum_age__gte=models.F("minimum_age")),
                name="resource_age_order",
                violation_error_message=_("L'età massima non può essere inferiore all'età minima."),
            ),
        ]
        indexes = [models.Index(fields=["status", "visibility"]), models.Index(fields=["updated_at"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if self.comune_id and not self.ats_id:
            self.ats_id = self.comune.ats_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def language_codes(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = str(_("Indica sia la latitudine sia la longitudine, oppure nessuna delle due."))
        elif (
            self.latitude is not None
            and self.longitude is not None
            and not is_in_lombardy(self.latitude, self.longitude)
        ):
            errors["latitude"] = str(_("Le coordinate indicate sono fuori dalla Lombardia."))
        if self.minimum_age is not None and self.maximum_age is not None and self.maximum_age < self.minimum_age:
            errors["maximum_age"] = str(_("L'età massima non può essere inferiore all'età minima."))
        if self.kind == self.Kind.SHELTER and self.visibility != self.Visibility.OPERATORS:
            # A shelter is "a indirizzo segreto" (Intesa Stato-Regioni 27/11/2014 on the minimum
            # requirements of anti-violence centres and shelters): only the operators who refer to it see it.
            errors["visibility"] = str(
                _("Una casa rifugio è visibile solo agli operatori: il suo indirizzo è riservato.")
            )
        if self.destination_id is not None and self.comune_id:
            from network.models import ReferralDestination

            dest_ats = (
                ReferralDestination.objects.filter(pk=self.destination_id).values_list("ats_id", flat=True).first()
            )
            if dest_ats is not None and dest_ats != self.comune.ats_id:
                errors["destination"] = str(_("Il servizio di invio appartiene a un'altra ATS."))
        unknown = [code for code in self.language_codes() if code not in LANGUAGES]
        if unknown:
            errors["languages"] = str(_("Lingue non riconosciute: %(codes)s.") % {"codes": ", ".join(unknown)})
        if self.postal_code and not (self.postal_code.isdigit() and len(self.postal_code) == 5):
            errors["postal_code"] = str(_("Il CAP è composto da 5 cifre."))
        try:
            if self.comune_id:
                self.ats_id = self.comune.ats_id
        except ObjectDoesNotExist:
            pass  # an unknown comune id is reported by clean_fields
        if errors:
            raise ValidationError(errors)


class ResourceHours(models.Model):
    """A weekly opening interval of a resource (HSDS schedule: byday, opens_at, closes_at)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("lunedì")
        TUESDAY = 1, _("martedì")
        WEDNESDAY = 2, _("mercoledì")
        THURSDAY = 3, _("giovedì")
        FRIDAY = 4, _("venerdì")
        SATURDAY = 5, _("sabato")
        SUNDAY = 6, _("domenica")

    scope_path = ScopePath(ats="resource__ats", ente="resource__organisation")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="hours", verbose_name=_("risorsa"))
    weekday = models.PositiveSmallIntegerField(_("giorno"), choices=Weekday.choices)
    opens = models.TimeField(_("apertura"))
    closes = models.TimeField(_("chiusura"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("orario della risorsa")
        verbose_name_plural = _("orari della risorsa")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")),
                name="resource_hours_close_after_open",
                violation_error_message=_("L'orario di chiusura deve essere successivo a quello di apertura."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("L'orario di chiusura deve essere successivo a quello di apertura.")})


class PendingChange(models.Model):
    """A change to a published entry waiting for the ATS's review (the entry stays as it was)."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("In attesa")
        APPROVED = "approved", _("Approvata")
        REJECTED = "rejected", _("Respinta")

    scope_path = ScopePath(ats="resource__ats", ente="resource__organisation")

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="pending_changes", verbose_name=_("risorsa")
    )
    data = models.JSONField(_("modifiche proposte"), default=dict)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["proposed_at"]
        verbose_name = _("modifica in attesa di revisione")
        verbose_name_plural = _("modifiche in attesa di revisione")

    def __str__(self) -> str:
        return f"{self.resource} ({self.proposed_at:%d/%m/%Y})"


class DirectorySettings(models.Model):
    """Per-ATS choice: whether editors' changes go live only after the ATS's review."""

    scope_path = ScopePath(ats="ats")

    ats = models.OneToOneField(
        "territory.Ats", on_delete=models.CASCADE, related_name="directory_settings", verbose_name=_("ATS")
    )
    review_required = models.BooleanField(_("le modifiche degli enti richiedono la revisione dell'ATS"), default=True)

    class Meta:
        verbose_name = _("impostazioni della mappatura")
        verbose_name_plural = _("impostazioni della mappatura")

    def __str__(self) -> str:
        return str(self.ats)


class Carta(models.Model):
    """A version of a Centre's carta dei servizi (D.G.R. 1507/2023 All. A § 3.2), generated from the
    registry. `fingerprint` digests the registry facts it was made from: when the registry changes
    after publication the published version is flagged as out of date."""

    scope_path = ScopePath(ats="centre__ats", centre="centre")

    centre = models.ForeignKey(
        "network.Centre", on_delete=models.PROTECT, related_name="carte", verbose_name=_("centro")
    )
    number = models.PositiveIntegerField(_("versione"))
    html = models.TextField(_("testo"))
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("generata il"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("pubblicata il"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["centre", "-number"]
        verbose_name = _("carta dei servizi")
        verbose_name_plural = _("carte dei servizi")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "number"],
                name="uniq_carta_version",
                violation_error_message=_("Esiste già questa versione della carta."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.centre} v{self.number}"
