from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.formatting import format_date
from common.forms import AmountField, ItalianDecimalField, PercentField, style_fields
from core.crud import ScopedModelForm
from funding.models import (
    Allocation,
    BudgetLine,
    Call,
    Expense,
    Fund,
    FundSource,
    Project,
    ReportingPeriod,
    ResidualCarry,
    Tranche,
)
from territory.models import Ats, PopulationSnapshot


class FundForm(ScopedModelForm):
    class Meta:
        model = Fund
        fields = ["name", "decree_reference", "start_year", "end_year", "notes"]


class FundSourceForm(ScopedModelForm):
    class Meta:
        model = FundSource
        fields = ["fund", "name", "amount", "part_of"]


class AllocationForm(forms.Form):
    """The criteria of D.G.R. 1507/2023 § 4 and D.G.R. XII/5464 § 4.4 and their mixes. Weights and
    fixed amounts are typed per ATS, each input labelled with the ATS's name (codes stay inside)."""

    fund = forms.ModelChoiceField(label=_("Fondo"), queryset=Fund.objects.all())
    label = forms.CharField(label=_("Descrizione"), max_length=200)
    year = forms.IntegerField(label=_("Anno"), min_value=2000, max_value=2100)
    total = AmountField(label=_("Totale da ripartire (€)"), min_value=Decimal("0.01"))
    rounding_unit = AmountField(
        label=_("Unità di arrotondamento (€)"),
        initial=Decimal("0.01"),
        min_value=Decimal("0.01"),
        help_text=_("Gli importi assegnati sono multipli di questa unità: 0,01 € per arrotondare al centesimo."),
        error_messages={
            "min_value": _("L'unità di arrotondamento è almeno 0,01 € (un centesimo)."),
            "max_decimal_places": _(
                "L'unità di arrotondamento si esprime in centesimi: al massimo 2 decimali (0,01 €)."
            ),
        },
    )
    population_share = PercentField(
        label=_("Quota per popolazione (%)"), initial=30, min_value=0, max_value=100, decimal_places=4, required=False
    )
    snapshot = forms.ModelChoiceField(
        label=_("Rilevazione della popolazione"),
        queryset=PopulationSnapshot.objects.all(),
        to_field_name="code",
        required=False,
    )
    equal_share = PercentField(
        label=_("Quota in parti uguali (%)"), initial=70, min_value=0, max_value=100, decimal_places=4, required=False
    )
    weights_share = PercentField(
        label=_("Quota a pesi (%)"), min_value=0, max_value=100, decimal_places=4, required=False
    )
    fixed_share = PercentField(
        label=_("Quota a importi fissi (%)"), min_value=0, max_value=100, decimal_places=4, required=False
    )
    confirm_duplicate = forms.BooleanField(
        label=_("Salva comunque un altro riparto dello stesso fondo e anno"), required=False
    )

    def __init__(self, *args: Any, existing: "QuerySet[Allocation] | None" = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing = existing
        self.ats_names: dict[str, str] = dict(Ats.objects.order_by("name").values_list("code", "name"))
        for code, name in self.ats_names.items():
            self.fields[f"weight_{code}"] = ItalianDecimalField(
                label=name, min_value=0, decimal_places=4, max_digits=14, required=False
            )
            self.fields[f"fixed_{code}"] = AmountField(label=name, min_value=0, required=False)
        style_fields(self)

    def general_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if not n.startswith(("weight_", "fixed_", "confirm_duplicate"))]

    def weight_fields(self) -> list[forms.BoundField]:
        return [self[f"weight_{code}"] for code in self.ats_names]

    def fixed_fields(self) -> list[forms.BoundField]:
        return [self[f"fixed_{code}"] for code in self.ats_names]

    def duplicates(self) -> list[Allocation]:
        """Allocations the user can see of the same fund and year (saving another needs a confirmation)."""
        data = getattr(self, "cleaned_data", {})
        if self.existing is None or not data.get("fund") or not data.get("year"):
            return []
        return list(self.existing.filter(fund=data["fund"], year=data["year"]))

    def check_duplicate(self) -> None:
        duplicates = self.duplicates()  # before any error is added (errors drop cleaned values)
        if duplicates and not self.cleaned_data.get("confirm_duplicate"):
            first = duplicates[0]
            raise forms.ValidationError(
                _(
                    "Esiste già un riparto di «%(fund)s» per il %(year)s: «%(label)s» del %(date)s. Per salvarne "
                    "un altro spunta «Salva comunque un altro riparto dello stesso fondo e anno»."
                )
                % {
                    "fund": first.fund,
                    "year": first.year,
                    "label": first.label,
                    "date": format_date(timezone.localdate(first.created_at)),
                }
            )

    def _per_ats(self, prefix: str) -> dict[str, str]:
        values = {code: self.cleaned_data.get(f"{prefix}_{code}") for code in self.ats_names}
        return {code: str(value) for code, value in values.items() if value is not None}

    def components(self) -> list[dict[str, object]]:
        data = self.cleaned_data
        spec: list[dict[str, object]] = []
        if data.get("population_share"):
            if not data.get("snapshot"):
                raise forms.ValidationError(_("Scegli la rilevazione della popolazione per la quota per popolazione."))
            spec.append(
                {"kind": "population", "share": str(data["population_share"]), "snapshot": data["snapshot"].code}
            )
        if data.get("equal_share"):
            spec.append({"kind": "equal", "share": str(data["equal_share"])})
        if data.get("weights_share"):
            weights = self._per_ats("weight")
            if not weights:
                raise forms.ValidationError(_("Indica il peso di ogni ATS per la quota a pesi."))
            spec.append({"kind": "weights", "share": str(data["weights_share"]), "values": weights})
        if data.get("fixed_share"):
            fixed = self._per_ats("fixed")
            if not fixed:
                raise forms.ValidationError(_("Indica l'importo fisso di ogni ATS per la quota a importi fissi."))
            spec.append({"kind": "fixed", "share": str(data["fixed_share"]), "values": fixed})
        if not spec:
            raise forms.ValidationError(_("Indica almeno un criterio di riparto."))
        return spec


class CallForm(ScopedModelForm):
    eligible_applicants = forms.MultipleChoiceField(
        label=_("Chi può partecipare"),
        choices=Call.Applicant.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Call
        fields = [
            "ats",
            "fund",
            "title",
            "eligible_applicants",
            "max_contribution",
            "max_share_of_cost",
            "min_cofinancing",
            "duration_months",
            "max_extension_months",
            "deadline",
            "status",
        ]


class ProjectForm(ScopedModelForm):
    class Meta:
        model = Project
        fields = [
            "call",
            "centre",
            "title",
            "total_cost",
            "contribution_requested",
            "contribution_granted",
            "accepted_on",
            "extension_months",
            "status",
        ]


class BudgetLineForm(ScopedModelForm):
    class Meta:
        model = BudgetLine
        fields = ["project", "category", "amount"]


class ExpenseForm(ScopedModelForm):
    class Meta:
        model = Expense
        fields = ["budget_line", "period", "date", "description", "supplier", "amount", "document"]


class ReportingPeriodForm(ScopedModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["project", "start", "end"]


class TrancheForm(ScopedModelForm):
    class Meta:
        model = Tranche
        fields = ["project", "date", "amount", "note"]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Esito"),
        choices=[("approved", _("Approva")), ("corrections", _("Chiedi correzioni"))],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    note = forms.CharField(
        label=_("Nota"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}), required=False
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("decision") == "corrections" and not data.get("note"):
            raise forms.ValidationError(_("Spiega quali correzioni servono."))
        return data


class ResidualCarryForm(ScopedModelForm):
    class Meta:
        model = ResidualCarry
        fields = ["ats", "from_fund", "to_fund", "amount", "note"]
