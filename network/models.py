"""The network registry: Enti, Centres (Hub and Spoke), seats, hours, staff, services,
protocols and referral destinations (D.G.R. 1507/2023, Allegato A § 3.1–3.3). Shaped to map onto Open Referral HSDS 3.0:
Ente → organization, Seat → location, ServiceOffering → service + service_at_location,
OpeningSlot → schedule, ServiceArea/Tag → taxonomy_term (see docs/ARCHITECTURE.md)."""

from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.concurrency import VersionedModel
from common.scope import ScopePath
from common.uploads import UploadCheck, stored_name
from network.validators import validate_organisation_tax_code, validate_vat_number
from territory.geo import is_in_lombardy


class Ente(VersionedModel):
    """An organisation of the network (public body, third sector, school, company…)."""

    class Kind(models.TextChoices):
        COMUNE = "comune", _("Comune")
        UNIONE_COMUNI = "unione_comuni", _("Unione di Comuni")
        COMUNITA_MONTANA = "comunita_montana", _("Comunità Montana")
        AMBITO = "ambito", _("Ambito / ente capofila del Piano di Zona")
        ASST = "asst", _("ASST")
        ATS = "ats", _("ATS")
        OTHER_PUBLIC = "altro_pubblico", _("Altro ente pubblico")
        ETS = "ets", _("Ente del Terzo Settore")
        COOP_A = "coop_a", _("Cooperativa sociale di tipo A")
        COOP_B = "coop_b", _("Cooperativa sociale di tipo B")
        APS = "aps", _("Associazione di promozione sociale (APS)")
        ODV = "odv", _("Organizzazione di volontariato (ODV)")
        FAMILY_ASSOCIATION = "assoc_famiglie", _("Associazione di solidarietà familiare")
        CONSULTORIO = "consultorio", _("Consultorio familiare accreditato")
        CAV = "cav", _("Centro di Aiuto alla Vita")
        SCHOOL = "scuola", _("Scuola")
        PARISH = "parrocchia", _("Parrocchia / oratorio")
        COMPANY = "impresa", _("Impresa")
        UNION = "sindacato", _("Organizzazione sindacale")
        EMPLOYERS = "datoriale", _("Associazione datoriale")
        CHAMBER = "camera_commercio", _("Camera di commercio")
        OTHER = "altro", _("Altro")

    PUBLIC_KINDS = (
        Kind.COMUNE,
        Kind.UNIONE_COMUNI,
        Kind.COMUNITA_MONTANA,
        Kind.AMBITO,
        Kind.ASST,
        Kind.ATS,
        Kind.OTHER_PUBLIC,
    )

    name = models.CharField(_("denominazione"), max_length=200)
    kind = models.CharField(_("tipo di ente"), max_length=20, choices=Kind.choices)
    tax_code = models.CharField(
        _("codice fiscale"), max_length=16, blank=True, validators=[validate_organisation_tax_code]
    )
    vat_number = models.CharField(_("partita IVA"), max_length=13, blank=True, validators=[validate_vat_number])
    comune = models.ForeignKey(
        "territory.Comune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enti",
        verbose_name=_("comune"),
    )
    address = models.CharField(_("indirizzo"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    pec = models.EmailField(_("PEC"), blank=True)
    phone = models.CharField(_("telefono"), max_length=30, blank=True)
    website = models.URLField(_("sito web"), blank=True)
    manages_udo = models.BooleanField(_("gestisce unità d'offerta sociali o sociosanitarie"), default=False)
    is_synthetic = models.BooleanField(_("dati sintetici"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ente")
        verbose_name_plural = _("enti")
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code"],
                condition=~Q(tax_code=""),
                name="uniq_ente_tax_code",
                violation_error_message=_("Esiste già un ente con questo codice fiscale."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.kind in self.PUBLIC_KINDS


class Centre(VersionedModel):
    """A funded Centro per la Famiglia: the capofila Ente runs the Hub, partners the Spokes."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("In avvio")
        ACTIVE = "active", _("Attivo")
        SUSPENDED = "suspended", _("Sospeso")
        CLOSED = "closed", _("Concluso")

    scope_path = ScopePath(ats="ats", centre="pk")

    name = models.CharField(_("nome"), max_length=200)
    ats = models.ForeignKey("territory.Ats", on_delete=models.PROTECT, related_name="centres", verbose_name=_("ATS"))
    lead_ente = models.ForeignKey(
        Ente, on_delete=models.PROTECT, related_name="led_centres", verbose_name=_("ente capofila (Hub)")
    )
    partners = models.ManyToManyField(Ente, related_name="partner_centres", blank=True, verbose_name=_("enti partner"))
    start_date = models.DateField(_("inizio"))
    end_date = models.DateField(_("fine"), null=True, blank=True)
    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    description = models.TextField(_("descrizione"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefono"), max_length=30, blank=True)
    website = models.URLField(_("sito web"), blank=True)
    is_synthetic = models.BooleanField(_("dati sintetici"), default=False)

    class Meta:
        ordering = ["ats__code", "name"]
        verbose_name = _("centro per la famiglia")
        verbose_name_plural = _("centri per la famiglia")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="centre_period_order",
                violation_error_message=_("La data di fine non può precedere la data di inizio."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La data di fine non può precedere la data di inizio.")})


class Seat(VersionedModel):
    """A sede: the Hub's main seat or a Spoke access point (HSDS location)."""

    class Kind(models.TextChoices):
        HUB = "hub", _("Hub (sede principale)")
        SPOKE = "spoke", _("Spoke (punto di accesso)")

    scope_path = ScopePath(ats="centre__ats", centre="centre", seat="pk")

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="seats", verbose_name=_("centro"))
    kind = models.CharField(_("tipo di sede"), max_length=5, choices=Kind.choices)
    name = models.CharField(_("nome"), max_length=200)
    managing_ente = models.ForeignKey(
        Ente, on_delete=models.PROTECT, related_name="seats", verbose_name=_("ente gestore")
    )
    address = models.CharField(_("indirizzo"), max_length=200)
    postal_code = models.CharField(_("CAP"), max_length=5, blank=True)
    comune = models.ForeignKey(
        "territory.Comune", on_delete=models.PROTECT, related_name="seats", verbose_name=_("comune")
    )
    local_area = models.ForeignKey(
        "territory.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
        verbose_name=_("municipio o quartiere"),
    )
    latitude = models.DecimalField(_("latitudine"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitudine"), max_digits=8, decimal_places=5, null=True, blank=True)
    phone = models.CharField(_("telefono"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    access_modes = models.TextField(
        _("modalità di accesso"), blank=True, help_text=_("Es. accesso libero, su appuntamento.")
    )
    # Accessibility and premises (D.G.R. 1507/2023 Allegato A, requisiti strutturali).
    step_free_access = models.BooleanField(_("accesso senza barriere architettoniche"), default=False)
    accessible_toilet = models.BooleanField(_("servizi igienici accessibili"), default=False)
    accessibility_notes = models.TextField(_("note sull'accessibilità"), blank=True)
    has_welcome_space = models.BooleanField(_("spazio di accoglienza"), default=False)
    has_play_area = models.BooleanField(_("area gioco per bambini"), default=False)
    has_info_desk = models.BooleanField(_("sportello informativo / segreteria"), default=False)
    has_interview_room = models.BooleanField(_("stanza per colloqui"), default=False)
    has_multipurpose_room = models.BooleanField(_("sala polivalente"), default=False)
    is_active = models.BooleanField(_("attiva"), default=True)

    class Meta:
        ordering = ["centre__name", "kind", "name"]
        verbose_name = _("sede")
        verbose_name_plural = _("sedi")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "name"],
                name="uniq_seat_name_per_centre",
                violation_error_message=_("Il centro ha già una sede con questo nome."),
            ),
            models.UniqueConstraint(
                fields=["centre", "comune", "address"],
                name="uniq_seat_address_per_centre",
                violation_error_message=_("Il centro ha già una sede a questo indirizzo in questo comune."),
            ),
            models.UniqueConstraint(
                fields=["centre"],
                condition=Q(kind="hub"),
                name="one_hub_seat_per_centre",
                violation_error_message=_("Il centro ha già una sede Hub: un centro ha una sola sede principale."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

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
        try:
            if self.centre_id and self.comune_id and self.comune.ats_id != self.centre.ats_id:
                errors["comune"] = str(_("Il comune della sede deve appartenere all'ATS del centro."))
            if self.local_area is not None and self.local_area.comune_id != self.comune_id:
                errors["local_area"] = str(_("Il municipio o quartiere non appartiene al comune della sede."))
        except ObjectDoesNotExist:
            pass  # an unknown centre, comune or area id is reported by clean_fields (422, not 500)
        if errors:
            raise ValidationError(errors)


class OpeningSlot(VersionedModel):
    """A weekly opening interval of a seat (HSDS schedule: byday, opens_at, closes_at)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("lunedì")
        TUESDAY = 1, _("martedì")
        WEDNESDAY = 2, _("mercoledì")
        THURSDAY = 3, _("giovedì")
        FRIDAY = 4, _("venerdì")
        SATURDAY = 5, _("sabato")
        SUNDAY = 6, _("domenica")

    scope_path = ScopePath(ats="seat__centre__ats", centre="seat__centre", seat="seat")

    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="opening_slots", verbose_name=_("sede"))
    weekday = models.PositiveSmallIntegerField(_("giorno"), choices=Weekday.choices)
    opens = models.TimeField(_("apertura"))
    closes = models.TimeField(_("chiusura"))
    valid_from = models.DateField(_("valido dal"), null=True, blank=True)
    valid_to = models.DateField(_("valido fino al"), null=True, blank=True)

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("fascia oraria")
        verbose_name_plural = _("orari di apertura")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")),
                name="slot_closes_after_opens",
                violation_error_message=_("L'orario di chiusura deve essere successivo a quello di apertura."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("L'orario di chiusura deve essere successivo a quello di apertura.")})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("La fine della validità non può precedere l'inizio.")})


class OpeningException(VersionedModel):
    """A closure or special opening of a seat on one date, replacing its weekly slots."""

    scope_path = ScopePath(ats="seat__centre__ats", centre="seat__centre", seat="seat")

    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="opening_exceptions", verbose_name=_("sede"))
    day = models.DateField(_("data"))
    closed = models.BooleanField(_("chiuso tutto il giorno"), default=True)
    opens = models.TimeField(_("apertura"), null=True, blank=True)
    closes = models.TimeField(_("chiusura"), null=True, blank=True)
    note = models.CharField(_("motivo"), max_length=200, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("eccezione di orario")
        verbose_name_plural = _("eccezioni e chiusure")
        constraints = [
            models.UniqueConstraint(
                fields=["seat", "day", "opens"],
                name="uniq_exception_per_seat_day",
                violation_error_message=_("Esiste già un'eccezione per questa sede in questa data e ora."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.note}"

    def clean(self) -> None:
        if self.closed:
            if self.opens or self.closes:
                raise ValidationError({"opens": _("Una chiusura non ha orari: togli gli orari o la chiusura.")})
        elif not (self.opens and self.closes):
            raise ValidationError({"opens": _("Per un'apertura straordinaria indica apertura e chiusura.")})
        elif self.closes <= self.opens:
            raise ValidationError({"closes": _("L'orario di chiusura deve essere successivo a quello di apertura.")})


class ServiceArea(models.Model):
    """The service catalogue (D.G.R. 1507/2023, Allegato A § 3.2): basic and integrative areas, local activities and the
    monitoring's activity areas. Reference data loaded from network/fixtures."""

    class Level(models.TextChoices):
        BASIC = "base", _("Servizi di base")
        INTEGRATIVE = "integrativo", _("Servizi integrativi")
        LOCAL = "locale", _("Attività territoriali")
        MONITORING = "monitoraggio", _("Aree di attività del monitoraggio")

    code = models.SlugField(_("codice"), max_length=60, unique=True)
    name = models.CharField(_("nome"), max_length=200)
    level = models.CharField(_("livello"), max_length=15, choices=Level.choices)
    description = models.TextField(_("descrizione"), blank=True)
    plain_language = models.CharField(_("descrizione semplice per le famiglie"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["level", "position"]
        verbose_name = _("area di servizio")
        verbose_name_plural = _("catalogo dei servizi")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """Free keywords (e.g. the ATS keywords giovani caregiver, gruppi di parola)."""

    name = models.CharField(_("parola chiave"), max_length=80, unique=True)
    ats = models.ForeignKey("territory.Ats", on_delete=models.PROTECT, null=True, blank=True, related_name="tags")

    class Meta:
        ordering = ["name"]
        verbose_name = _("parola chiave")
        verbose_name_plural = _("parole chiave")

    def __str__(self) -> str:
        return self.name


class ServiceOffering(VersionedModel):
    """A service offered at a seat (HSDS service + service_at_location)."""

    scope_path = ScopePath(ats="seat__centre__ats", centre="seat__centre", seat="seat")

    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="offerings", verbose_name=_("sede"))
    area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="offerings", verbose_name=_("area"))
    name = models.CharField(_("nome"), max_length=200)
    description = models.TextField(_("descrizione"), blank=True)
    target = models.CharField(_("destinatari"), max_length=200, blank=True)
    how_to_access = models.TextField(_("come accedere"), blank=True)
    is_free = models.BooleanField(_("gratuito"), default=True)
    is_active = models.BooleanField(_("attivo"), default=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="offerings", verbose_name=_("parole chiave"))

    class Meta:
        ordering = ["area__level", "area__position", "name"]
        verbose_name = _("servizio offerto")
        verbose_name_plural = _("servizi offerti")
        constraints = [
            models.UniqueConstraint(
                fields=["seat", "name"],
                name="uniq_offering_per_seat",
                violation_error_message=_("La sede offre già un servizio con questo nome."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class StaffMember(VersionedModel):
    class Profile(models.TextChoices):
        SOCIAL_WORKER = "assistente_sociale", _("Assistente sociale")
        PSYCHOLOGIST = "psicologo", _("Psicologo/a")
        PEDAGOGIST = "pedagogista", _("Pedagogista")
        FAMILY_MEDIATOR = "mediatore_familiare", _("Mediatore/trice familiare")
        EDUCATOR = "educatore", _("Educatore/trice professionale")
        CULTURAL_MEDIATOR = "mediatore_culturale", _("Mediatore/trice culturale")
        MIDWIFE = "ostetrica", _("Ostetrica")
        TEACHER = "insegnante", _("Insegnante")
        ARTIST = "artista", _("Artista / animatore")
        PLAY_SPORT = "ludico_sportivo", _("Operatore ludico o sportivo")
        ADMINISTRATIVE = "amministrativo", _("Amministrativo")
        OTHER = "altro", _("Altro")

    ESSENTIAL_PROFILES = (
        Profile.SOCIAL_WORKER,
        Profile.PSYCHOLOGIST,
        Profile.PEDAGOGIST,
        Profile.FAMILY_MEDIATOR,
        Profile.EDUCATOR,
    )

    class Engagement(models.TextChoices):
        EXCLUSIVE = "esclusivo", _("Dedicato in via esclusiva")
        PARTIAL = "parziale", _("Dedicato per alcune ore")

    class Kind(models.TextChoices):
        STAFF = "personale", _("Personale")
        VOLUNTEER = "volontario", _("Volontario/a")
        TRAINEE = "tirocinante", _("Tirocinante")

    class HubRole(models.TextChoices):
        NONE = "", _("Nessuno")
        COORDINATOR = "coordinatore", _("Coordinatore")
        ADMIN_LEAD = "referente_amministrativo", _("Referente amministrativo")

    scope_path = ScopePath(ats="centre__ats", centre="centre")

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="staff", verbose_name=_("centro"))
    first_name = models.CharField(_("nome"), max_length=80)
    last_name = models.CharField(_("cognome"), max_length=80)
    profile = models.CharField(_("profilo professionale"), max_length=25, choices=Profile.choices)
    engagement = models.CharField(_("impegno"), max_length=10, choices=Engagement.choices)
    hours_per_week = models.DecimalField(
        _("ore settimanali"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal(48))],
    )
    kind = models.CharField(_("tipo di rapporto"), max_length=12, choices=Kind.choices, default=Kind.STAFF)
    hub_role = models.CharField(_("ruolo nell'Hub"), max_length=25, choices=HubRole.choices, blank=True, default="")
    employer = models.ForeignKey(
        Ente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("ente di appartenenza"),
    )
    seats = models.ManyToManyField(Seat, blank=True, related_name="staff", verbose_name=_("sedi"))
    qualification = models.CharField(_("titolo di studio"), max_length=200, blank=True)
    years_in_family_services = models.PositiveSmallIntegerField(
        _("anni di esperienza nei servizi per la famiglia"), null=True, blank=True
    )
    start_date = models.DateField(_("dal"), null=True, blank=True)
    end_date = models.DateField(_("al"), null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("operatore")
        verbose_name_plural = _("équipe")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "hub_role"],
                condition=~Q(hub_role=""),
                name="one_holder_per_hub_role",
                violation_error_message=_("Questo ruolo dell'Hub è già assegnato a un altro operatore del centro."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self) -> None:
        if self.engagement == self.Engagement.PARTIAL and not self.hours_per_week:
            raise ValidationError({"hours_per_week": _("Indica le ore settimanali dedicate al centro.")})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La data di fine non può precedere la data di inizio.")})


def protocol_upload_path(instance: "Protocol", filename: str) -> str:
    return stored_name(f"protocols/{instance.centre_id}", filename)


class Protocol(VersionedModel):
    """Protocollo operativo with partner bodies: roles, competences and referral paths."""

    scope_path = ScopePath(ats="centre__ats", centre="centre")

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="protocols", verbose_name=_("centro"))
    title = models.CharField(_("titolo"), max_length=200)
    subject = models.TextField(_("oggetto"))
    parties = models.ManyToManyField(Ente, related_name="protocols", verbose_name=_("enti firmatari"))
    referral_paths = models.TextField(_("percorsi di invio"), blank=True)
    signed_on = models.DateField(_("data di sottoscrizione"), null=True, blank=True)
    valid_from = models.DateField(_("valido dal"))
    valid_to = models.DateField(_("valido fino al"), null=True, blank=True)
    document = models.FileField(
        _("documento"), upload_to=protocol_upload_path, blank=True, validators=[UploadCheck("PDF", "PNG", "JPEG")]
    )

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("protocollo operativo")
        verbose_name_plural = _("protocolli operativi")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("La fine della validità non può precedere l'inizio.")})


class ReferralDestination(VersionedModel):
    """A specialist service families are referred to (D.G.R. 1507/2023, Allegato A § 3.2: what a Centre refers elsewhere)."""

    class Kind(models.TextChoices):
        CONSULTORIO = "consultorio", _("Consultorio familiare")
        CAV = "centro_antiviolenza", _("Centro antiviolenza")
        CHILD_PROTECTION = "tutela_minori", _("Servizio tutela minori")
        NPIA = "npia", _("Neuropsichiatria dell'infanzia e dell'adolescenza (NPIA)")
        SERD = "serd", _("Servizio per le dipendenze (SerD)")
        CASA_COMUNITA = "casa_comunita", _("Casa di Comunità")
        CPS = "cps", _("Centro psico-sociale (CPS)")
        SOCIAL_SECRETARIAT = "segretariato_sociale", _("Segretariato sociale del Comune")
        EMPLOYMENT = "lavoro", _("Servizi per il lavoro")
        OTHER = "altro", _("Altro servizio")

    scope_path = ScopePath(ats="ats")

    name = models.CharField(_("nome"), max_length=200)
    kind = models.CharField(_("tipo di servizio"), max_length=25, choices=Kind.choices)
    ats = models.ForeignKey(
        "territory.Ats", on_delete=models.PROTECT, related_name="referral_destinations", verbose_name=_("ATS")
    )
    ente = models.ForeignKey(
        Ente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referral_destinations",
        verbose_name=_("ente"),
    )
    comune = models.ForeignKey(
        "territory.Comune", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("comune")
    )
    address = models.CharField(_("indirizzo"), max_length=200, blank=True)
    phone = models.CharField(_("telefono"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    notes = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("attivo"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("servizio specialistico di invio")
        verbose_name_plural = _("servizi specialistici di invio")
        constraints = [
            models.UniqueConstraint(
                fields=["ats", "name"],
                name="uniq_destination_per_ats",
                violation_error_message=_("Esiste già un servizio di invio con questo nome nell'ATS."),
            )
        ]

    def __str__(self) -> str:
        return self.name
