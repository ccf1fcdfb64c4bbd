"""Funds, their sources and the allocations among the ATS (SPEC §7). An allocation stores all its
inputs (total, components, population snapshot, rounding unit) so that it can be recomputed with
funding.rules.allocate and audited."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.concurrency import VersionedModel
from common.scope import ScopePath


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


class FundSource(models.Model):
    """A source of a fund (e.g. Fondo nazionale politiche della famiglia); `part_of` marks an
    earmarked share of another source («di cui 290.000,00 € per i caregiver»)."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="sources", verbose_name=_("fondo"))
    name = models.CharField(_("fonte"), max_length=200)
    amount = models.DecimalField(_("importo"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
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
    total = models.DecimalField(_("totale da ripartire"), max_digits=14, decimal_places=2)
    rounding_unit = models.DecimalField(_("unità di arrotondamento"), max_digits=14, decimal_places=2)
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
    amount = models.DecimalField(_("importo assegnato"), max_digits=14, decimal_places=2)
    component_amounts = models.JSONField(_("importi per criterio"))

    class Meta:
        ordering = ["ats__code"]
        constraints = [models.UniqueConstraint(fields=["allocation", "ats"], name="uniq_allocation_line_per_ats")]


class ResidualCarry(models.Model):
    """Residuals of an earlier fund carried into an ATS's budget (D.G.R. 1507/2023 § 4)."""

    scope_path = ScopePath(ats="ats")

    ats = models.ForeignKey("territory.Ats", on_delete=models.PROTECT, related_name="residuals", verbose_name=_("ATS"))
    from_fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="+", verbose_name=_("dal fondo"))
    to_fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="residuals_in", verbose_name=_("al fondo"))
    amount = models.DecimalField(_("importo"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    note = models.CharField(_("nota"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("residuo riportato")
        verbose_name_plural = _("residui riportati")
