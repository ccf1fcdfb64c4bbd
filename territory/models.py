"""Territory: Regione → ATS → Ambiti/Distretti → Comuni, plus population snapshots (ISTAT, as the decrees cite them)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.concurrency import VersionedModel
from common.scope import ScopePath
from common.uploads import UploadCheck, stored_name


class Region(models.Model):
    code = models.CharField(_("codice ISTAT"), max_length=2, unique=True)
    name = models.CharField(_("nome"), max_length=100)

    class Meta:
        verbose_name = _("regione")
        verbose_name_plural = _("regioni")

    def __str__(self) -> str:
        return self.name


def ats_logo_upload_path(instance: "Ats", filename: str) -> str:
    return stored_name("ats_logos", filename)


class Ats(VersionedModel):
    """Agenzia di Tutela della Salute; `code` is the Ministry of Health code (321–328)."""

    code = models.CharField(_("codice ministeriale"), max_length=3, unique=True)
    name = models.CharField(_("nome"), max_length=120)
    short_name = models.CharField(_("nome breve"), max_length=60)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="ats_set")
    # Every promotional product and the family's printed scheda carry the ATS logo (D.G.R. 1507/2023
    # § 3.3). Logos are uploaded by the Regione: none ships with the reference data.
    logo = models.FileField(
        _("logo"),
        upload_to=ats_logo_upload_path,
        blank=True,
        validators=[UploadCheck("PNG", "JPEG")],
        help_text=_("Immagine PNG o JPEG del logo dell'ATS."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("ATS")
        verbose_name_plural = _("ATS")

    def __str__(self) -> str:
        return self.name


class Asst(models.Model):
    code = models.CharField(_("codice ministeriale"), max_length=6, unique=True)
    name = models.CharField(_("nome"), max_length=160)
    ats = models.ForeignKey(Ats, on_delete=models.PROTECT, related_name="asst_set")
    note = models.TextField(_("nota"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ASST")
        verbose_name_plural = _("ASST")

    def __str__(self) -> str:
        return self.name


class ComuneQuerySet(models.QuerySet["Comune"]):
    def with_ats(self) -> "ComuneQuerySet":
        return self.select_related("ats", "asst")


class Comune(VersionedModel):
    istat_code = models.CharField(_("codice ISTAT"), max_length=6, unique=True, validators=[RegexValidator(r"^\d{6}$")])
    cadastral_code = models.CharField(_("codice catastale"), max_length=4, unique=True)
    name = models.CharField(_("nome"), max_length=100, db_index=True)
    province_code = models.CharField(_("codice provincia"), max_length=3)
    province_abbr = models.CharField(_("sigla provincia"), max_length=2, db_index=True)
    uts_name = models.CharField(_("provincia o città metropolitana"), max_length=100)
    is_capoluogo = models.BooleanField(_("capoluogo"), default=False)
    ats = models.ForeignKey(Ats, on_delete=models.PROTECT, related_name="comuni")
    asst = models.ForeignKey(Asst, on_delete=models.PROTECT, related_name="comuni", null=True, blank=True)
    latitude = models.DecimalField(_("latitudine del centroide"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitudine del centroide"), max_digits=8, decimal_places=5)
    boundary = models.JSONField(_("confine (GeoJSON)"), null=True, blank=True)
    # Patron saint day: a local holiday that closes the comune's seats (see network.hours).
    patron_month = models.PositiveSmallIntegerField(
        _("mese del santo patrono"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    patron_day = models.PositiveSmallIntegerField(
        _("giorno del santo patrono"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )

    objects = ComuneQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("comune")
        verbose_name_plural = _("comuni")

    def __str__(self) -> str:
        return f"{self.name} ({self.province_abbr})"

    @property
    def patron_date(self) -> tuple[int, int] | None:
        if self.patron_month and self.patron_day:
            return (self.patron_month, self.patron_day)
        return None


class PopulationSnapshot(models.Model):
    """A set of population figures with one source and one reference date (e.g. ISTAT 31/12/2024, D.G.R. XII/5464 Allegato A § 4.4)."""

    class Level(models.TextChoices):
        COMUNE = "comune", _("per comune")
        ATS = "ats", _("per ATS")

    code = models.SlugField(_("codice"), max_length=60, unique=True)
    label = models.CharField(_("descrizione"), max_length=200)
    source = models.CharField(_("fonte"), max_length=200)
    reference_date = models.DateField(_("data di riferimento"))
    level = models.CharField(_("livello"), max_length=10, choices=Level.choices)
    citation = models.TextField(_("citazione e licenza"), blank=True)

    class Meta:
        ordering = ["-reference_date", "code"]
        verbose_name = _("rilevazione della popolazione")
        verbose_name_plural = _("rilevazioni della popolazione")

    def __str__(self) -> str:
        return self.label


class ComunePopulation(models.Model):
    snapshot = models.ForeignKey(PopulationSnapshot, on_delete=models.CASCADE, related_name="comune_figures")
    comune = models.ForeignKey(Comune, on_delete=models.PROTECT, related_name="population_figures")
    total = models.PositiveIntegerField(_("residenti"))
    males = models.PositiveIntegerField(_("maschi"), null=True, blank=True)
    females = models.PositiveIntegerField(_("femmine"), null=True, blank=True)
    age_bands = models.JSONField(_("classi di età"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["snapshot", "comune"], name="uniq_comune_population")]


class AtsPopulation(models.Model):
    """ATS-level figure entered from a decree (e.g. D.G.R. XII/5464 §4.4: ISTAT 31/12/2024)."""

    snapshot = models.ForeignKey(PopulationSnapshot, on_delete=models.CASCADE, related_name="ats_figures")
    ats = models.ForeignKey(Ats, on_delete=models.PROTECT, related_name="population_figures")
    total = models.PositiveIntegerField(_("residenti"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["snapshot", "ats"], name="uniq_ats_population")]


class AreaQuerySet(models.QuerySet["Area"]):
    def ambiti(self) -> "AreaQuerySet":
        return self.filter(kind=Area.Kind.AMBITO)


class Area(VersionedModel):
    """A territorial grouping: Ambito or Distretto (sets of comuni) or a sub-municipal area
    such as Milan's Municipi and quartieri (Comune di Milano, co-programming report 2023)."""

    class Kind(models.TextChoices):
        AMBITO = "ambito", _("Ambito territoriale")
        DISTRETTO = "distretto", _("Distretto")
        MUNICIPIO = "municipio", _("Municipio")
        QUARTIERE = "quartiere", _("Quartiere")

    SUPRA_MUNICIPAL = (Kind.AMBITO, Kind.DISTRETTO)
    scope_path = ScopePath(ats="ats")

    kind = models.CharField(_("tipo"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("nome"), max_length=150)
    ats = models.ForeignKey(Ats, on_delete=models.PROTECT, related_name="areas", verbose_name=_("ATS"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("area superiore"),
    )
    comune = models.ForeignKey(
        Comune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_areas",
        verbose_name=_("comune (per municipi e quartieri)"),
    )
    comuni: "models.ManyToManyField[Comune, AreaMembership]" = models.ManyToManyField(
        Comune, through="AreaMembership", related_name="areas", blank=True
    )
    is_synthetic = models.BooleanField(
        _("dati sintetici"), default=False, help_text=_("Raggruppamento dimostrativo, non ufficiale.")
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["ats__code", "kind", "name"]
        verbose_name = _("area territoriale")
        verbose_name_plural = _("aree territoriali")
        constraints = [
            models.UniqueConstraint(
                fields=["ats", "kind", "name"],
                name="uniq_area_name",
                violation_error_message=_("Esiste già un'area con questo tipo e nome nell'ATS."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind in self.SUPRA_MUNICIPAL and self.comune_id:
            errors["comune"] = str(_("Ambiti e distretti sono insiemi di comuni: non indicare un singolo comune."))
        if self.kind not in self.SUPRA_MUNICIPAL and not self.comune_id:
            errors["comune"] = str(_("Municipi e quartieri appartengono a un comune: indicalo."))
        if self.comune is not None and self.ats_id and self.comune.ats_id != self.ats_id:
            errors["comune"] = str(_("Il comune non appartiene all'ATS dell'area."))
        if self.parent is not None and self.ats_id and self.parent.ats_id != self.ats_id:
            errors["parent"] = str(_("L'area superiore appartiene a un'altra ATS."))
        if self.parent is not None and self.parent.pk == self.pk and self.pk is not None:
            errors["parent"] = str(_("Un'area non può contenere se stessa."))
        if errors:
            raise ValidationError(errors)


class AreaMembership(models.Model):
    """A comune belongs to at most one Ambito and one Distretto: `kind` copies the area's kind
    so that the database can enforce it."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="memberships")
    comune = models.ForeignKey(Comune, on_delete=models.PROTECT, related_name="memberships")
    kind = models.CharField(max_length=12, choices=Area.Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comune", "kind"],
                name="uniq_comune_per_area_kind",
                violation_error_message=_("Il comune appartiene già a un'altra area dello stesso tipo."),
            )
        ]
