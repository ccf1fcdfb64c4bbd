"""Funds, their sources and the allocations among the ATS (D.G.R. 1507/2023 DELIBERA punto 5, D.G.R. XII/5464 Allegato A § 4.4). An allocation stores all its
inputs (total, components, population snapshot, rounding unit) so that it can be recomputed with
funding.rules.allocate and audited."""

import datetime as dt
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.concurrency import VersionedModel
from common.fields import CodeListField, MoneyField, PercentField
from common.formatting import format_eur
from common.scope import ScopePath
from common.uploads import UploadCheck, stored_name
from funding import rules


class Fund(VersionedModel):
    name = models.CharField(_("nome"), max_length=200)
    decree_reference = models.CharField(_("atto di riferimento"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("anno di inizio"))
    end_year = models.PositiveSmallIntegerField(_("anno di fine"))
    notes = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-start_year", "name"]
        verbose_name = _("fondo")
        verbose_name_plural = _("fondi")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("L'anno di fine non può precedere l'anno di inizio.")})


class FundSource(VersionedModel):
    """A source of a fund (e.g. Fondo nazionale politiche della famiglia); `part_of` marks an
    earmarked share of another source («di cui 290.000,00 € per i caregiver»)."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="sources", verbose_name=_("fondo"))
    name = models.CharField(_("fonte"), max_length=200)
    amount = MoneyField(_("importo"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    part_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="earmarks",
        verbose_name=_("di cui, sulla fonte"),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("fonte di finanziamento")
        verbose_name_plural = _("fonti di finanziamento")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.part_of_id
            and self.part_of is not None
            and self.amount is not None
            and self.amount > self.part_of.amount
        ):
            raise ValidationError({"amount": _("La quota vincolata non può superare la fonte di cui fa parte.")})


class Allocation(models.Model):
    """A distribution of a total among the ATS. Lines are written once, from the engine."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("fondo"))
    label = models.CharField(_("descrizione"), max_length=200)
    year = models.PositiveSmallIntegerField(_("anno"))
    total = MoneyField(_("totale da ripartire"), max_digits=14, decimal_places=2)
    rounding_unit = MoneyField(_("unità di arrotondamento"), max_digits=14, decimal_places=2)
    components = models.JSONField(_("criteri di riparto"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("riparto")
        verbose_name_plural = _("riparti")

    def __str__(self) -> str:
        return f"{self.label} ({self.year})"


class AllocationLine(models.Model):
    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="lines")
    ats = models.ForeignKey("territory.Ats", on_delete=models.PROTECT, related_name="allocation_lines")
    raw_quota = models.DecimalField(_("quota esatta"), max_digits=24, decimal_places=10)
    amount = MoneyField(_("importo assegnato"), max_digits=14, decimal_places=2)
    component_amounts = models.JSONField(_("importi per criterio"))

    class Meta:
        ordering = ["ats__code"]
        constraints = [models.UniqueConstraint(fields=["allocation", "ats"], name="uniq_allocation_line_per_ats")]


class ResidualCarry(VersionedModel):
    """Residuals of an earlier fund carried into an ATS's budget (D.G.R. 1507/2023 § 4)."""

    scope_path = ScopePath(ats="ats")

    ats = models.ForeignKey("territory.Ats", on_delete=models.PROTECT, related_name="residuals", verbose_name=_("ATS"))
    from_fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="+", verbose_name=_("dal fondo"))
    to_fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="residuals_in", verbose_name=_("al fondo"))
    amount = MoneyField(_("importo"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    note = models.CharField(_("nota"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("residuo riportato")
        verbose_name_plural = _("residui riportati")

    def __str__(self) -> str:
        return f"{self.ats.short_name}: {format_eur(self.amount)} da {self.from_fund}"

    def clean(self) -> None:
        if self.from_fund_id and self.from_fund_id == self.to_fund_id:
            raise ValidationError({"to_fund": _("Il residuo va riportato su un fondo diverso da quello di origine.")})


class Call(VersionedModel):
    """An ATS call (avviso) for Centre projects with its rules (D.G.R. 1507/2023, Allegato A, § 4;
    e.g. ATS Val Padana 2024: at most 70.000,00 € and 70% of the cost, at least 30% co-financing)."""

    class Applicant(models.TextChoices):
        SERVICE_MANAGERS = "gestori_servizi", _("Enti gestori di servizi per la famiglia")
        UDO_MANAGERS = "gestori_udo", _("Enti gestori di unità d'offerta sociali o sociosanitarie")
        AMBITI = "ambiti", _("Ambiti territoriali")
        PROGRAMME_LEADS = "capofila_accordo", _("Enti capofila dell'accordo di programma")
        COMUNI = "comuni", _("Singoli Comuni o Unioni di Comuni")

    class Status(models.TextChoices):
        DRAFT = "draft", _("In preparazione")
        OPEN = "open", _("Aperto")
        CLOSED = "closed", _("Chiuso")

    scope_path = ScopePath(ats="ats")

    ats = models.ForeignKey("territory.Ats", on_delete=models.PROTECT, related_name="calls", verbose_name=_("ATS"))
    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, null=True, blank=True, related_name="calls", verbose_name=_("fondo")
    )
    title = models.CharField(_("titolo"), max_length=200)
    eligible_applicants = CodeListField(
        _("chi può partecipare"), default=list, blank=True, item_choices=Applicant.choices
    )
    max_contribution = MoneyField(
        _("contributo massimo (€)"),
        max_digits=14,
        decimal_places=2,
        default=rules.default_max_contribution,
        validators=[MinValueValidator(0)],
    )
    max_share_of_cost = PercentField(
        _("quota massima del costo totale (%)"),
        max_digits=5,
        decimal_places=2,
        default=rules.default_max_share_of_cost,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    min_cofinancing = PercentField(
        _("cofinanziamento minimo (%)"),
        max_digits=5,
        decimal_places=2,
        default=rules.default_min_cofinancing,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    duration_months = models.PositiveSmallIntegerField(
        _("durata (mesi dall'accettazione)"), default=rules.default_duration_months
    )
    max_extension_months = models.PositiveSmallIntegerField(_("proroga massima (mesi)"), default=0)
    deadline = models.DateField(_("scadenza per le domande"))
    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        ordering = ["-deadline"]
        verbose_name = _("avviso")
        verbose_name_plural = _("avvisi")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        unknown = set(self.eligible_applicants or []) - set(self.Applicant.values)
        if unknown:
            errors["eligible_applicants"] = str(
                _("Tipi di soggetto non previsti: %(v)s.") % {"v": ", ".join(sorted(unknown))}
            )
        if (
            self.max_share_of_cost is not None
            and self.min_cofinancing is not None
            and self.max_share_of_cost + self.min_cofinancing > 100
        ):
            errors["min_cofinancing"] = str(
                _("Quota massima di contributo e cofinanziamento minimo superano insieme il 100%.")
            )
        if errors:
            raise ValidationError(errors)

    def rules(self) -> rules.CallRules:
        return rules.CallRules(
            max_contribution=self.max_contribution,
            max_share_of_cost=self.max_share_of_cost,
            min_cofinancing=self.min_cofinancing,
            duration_months=self.duration_months,
        )


class Project(VersionedModel):
    """A Centre's funded period under a call: declared cost, requested and granted contribution."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Presentato")
        ACCEPTED = "accepted", _("Ammesso")
        REJECTED = "rejected", _("Non ammesso")
        CLOSED = "closed", _("Concluso")

    scope_path = ScopePath(ats="centre__ats", centre="centre")

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="projects", verbose_name=_("avviso"))
    centre = models.ForeignKey(
        "network.Centre", on_delete=models.PROTECT, related_name="projects", verbose_name=_("centro")
    )
    title = models.CharField(_("titolo"), max_length=200)
    total_cost = MoneyField(
        _("costo totale (€)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    contribution_requested = MoneyField(
        _("contributo richiesto (€)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    contribution_granted = MoneyField(
        _("contributo concesso (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    accepted_on = models.DateField(_("data di accettazione del contributo"), null=True, blank=True)
    extension_months = models.PositiveSmallIntegerField(_("proroga (mesi)"), default=0)
    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("progetto finanziato")
        verbose_name_plural = _("progetti finanziati")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.call_id and self.centre_id and self.call.ats_id != self.centre.ats_id:
            errors.setdefault("centre", []).append(str(_("Il centro non appartiene all'ATS dell'avviso.")))
        if self.call_id and self.total_cost is not None and self.contribution_requested is not None:
            for violation in rules.check_project_budget(
                self.total_cost, self.contribution_requested, self.call.rules()
            ):
                errors.setdefault("contribution_requested", []).append(violation.message)
        if self.call_id and self.contribution_granted is not None and self.total_cost is not None:
            for violation in rules.check_project_budget(self.total_cost, self.contribution_granted, self.call.rules()):
                errors.setdefault("contribution_granted", []).append(violation.message)
        if self.call_id and self.extension_months > self.call.max_extension_months:
            errors.setdefault("extension_months", []).append(
                str(
                    _("La proroga supera il massimo previsto dall'avviso (%(n)d mesi).")
                    % {"n": self.call.max_extension_months}
                )
            )
        if errors:
            raise ValidationError(errors)

    @property
    def end_date(self) -> "dt.date | None":
        """12 months (or the call's duration) from acceptance, plus any extension (§ 4)."""
        if self.accepted_on is None:
            return None
        return self.accepted_on + relativedelta(months=self.call.duration_months + self.extension_months, days=-1)


class BudgetLine(VersionedModel):
    class Category(models.TextChoices):
        STAFF = "personale", _("Personale")
        PREMISES = "sedi", _("Sedi e utenze")
        ACTIVITIES = "attivita", _("Attività")
        COMMUNICATION = "comunicazione", _("Comunicazione")
        OTHER = "altro", _("Altre spese")

    scope_path = ScopePath(ats="project__centre__ats", centre="project__centre")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("progetto")
    )
    category = models.CharField(_("voce"), max_length=15, choices=Category.choices)
    amount = MoneyField(_("importo previsto (€)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["project", "category"]
        verbose_name = _("voce di budget")
        verbose_name_plural = _("voci di budget")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "category"],
                name="uniq_budget_line",
                violation_error_message=_("Il progetto ha già questa voce di budget."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} — {self.get_category_display()}"

    def clean(self) -> None:
        if self.project_id is None or self.amount is None:
            return
        others = self.project.budget_lines.exclude(pk=self.pk).aggregate(total=models.Sum("amount"))["total"] or 0
        if others + self.amount > self.project.total_cost:
            raise ValidationError(
                {
                    "amount": _("Le voci di budget superano il costo totale del progetto (%(t)s).")
                    % {"t": format_eur(self.project.total_cost)}
                }
            )


def expense_upload_path(instance: "Expense", filename: str) -> str:
    return stored_name(f"expenses/{instance.budget_line.project_id}", filename)


class ReportingPeriod(VersionedModel):
    """A rendicontazione period of a project and the ATS review (approve, ask for corrections)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Aperto")
        SUBMITTED = "submitted", _("Inviato all'ATS")
        CORRECTIONS = "corrections", _("Correzioni richieste")
        APPROVED = "approved", _("Approvato")

    scope_path = ScopePath(ats="project__centre__ats", centre="project__centre")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="periods", verbose_name=_("progetto"))
    start = models.DateField(_("dal"))
    end = models.DateField(_("al"))
    status = models.CharField(_("stato"), max_length=12, choices=Status.choices, default=Status.OPEN)
    review_note = models.TextField(_("nota della revisione ATS"), blank=True)

    class Meta:
        ordering = ["project", "start"]
        verbose_name = _("periodo di rendicontazione")
        verbose_name_plural = _("periodi di rendicontazione")

    def __str__(self) -> str:
        return f"{self.project} {self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("La fine del periodo non può precedere l'inizio.")})


class Expense(VersionedModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Rendicontata")
        APPROVED = "approved", _("Approvata")
        REJECTED = "rejected", _("Non ammessa")

    scope_path = ScopePath(ats="budget_line__project__centre__ats", centre="budget_line__project__centre")

    budget_line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="expenses", verbose_name=_("voce di budget")
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expenses",
        verbose_name=_("periodo"),
    )
    date = models.DateField(_("data"))
    description = models.CharField(_("descrizione"), max_length=200)
    supplier = models.CharField(_("fornitore o percipiente"), max_length=200, blank=True)
    amount = MoneyField(
        _("importo (€)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    document = models.FileField(
        _("giustificativo"), upload_to=expense_upload_path, blank=True, validators=[UploadCheck("PDF", "PNG", "JPEG")]
    )
    status = models.CharField(_("stato"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("spesa")
        verbose_name_plural = _("spese")

    def __str__(self) -> str:
        return f"{self.description} ({format_eur(self.amount)})"

    def clean(self) -> None:
        if self.budget_line_id is None or self.amount is None:
            return
        line = self.budget_line
        if self.period_id and self.period is not None and self.period.project_id != line.project_id:
            raise ValidationError({"period": _("Il periodo appartiene a un altro progetto.")})
        reported = line.expenses.exclude(pk=self.pk).exclude(status=self.Status.REJECTED).aggregate(
            total=models.Sum("amount")
        )["total"] or Decimal(0)
        violations = rules.expense_fits_budget_line(
            self.amount, rules.BudgetLine(line.category, line.get_category_display(), line.amount), reported
        )
        if violations:
            raise ValidationError({"amount": [v.message for v in violations]})


class Tranche(VersionedModel):
    """A payment tranche of the contribution."""

    scope_path = ScopePath(ats="project__centre__ats", centre="project__centre")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="tranches", verbose_name=_("progetto"))
    date = models.DateField(_("data"))
    amount = MoneyField(
        _("importo (€)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    note = models.CharField(_("nota"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("tranche di pagamento")
        verbose_name_plural = _("tranche di pagamento")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {format_eur(self.amount)}"

    def clean(self) -> None:
        if self.project_id is None or self.amount is None:
            return
        granted = self.project.contribution_granted
        paid = self.project.tranches.exclude(pk=self.pk).aggregate(total=models.Sum("amount"))["total"] or 0
        if granted is None:
            raise ValidationError({"amount": _("Il contributo non è ancora stato concesso.")})
        if paid + self.amount > granted:
            raise ValidationError(
                {"amount": _("Le tranche superano il contributo concesso (%(g)s).") % {"g": format_eur(granted)}}
            )
