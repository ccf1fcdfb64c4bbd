from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.crud import ScopedModelForm
from funding.models import (
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
from territory.models import PopulationSnapshot


class FundForm(ScopedModelForm):
    class Meta:
        model = Fund
        fields = ["name", "decree_reference", "start_year", "end_year", "notes"]


class FundSourceForm(ScopedModelForm):
    class Meta:
        model = FundSource
        fields = ["fund", "name", "amount", "part_of"]


def _parse_map(text: str, label: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        code, sep, value = line.partition("=")
        if not sep:
            raise forms.ValidationError(
                _("%(label)s, riga %(n)d: scrivi «codice ATS=valore», ad esempio 321=1,5.")
                % {"label": label, "n": number}
            )
        result[code.strip()] = value.strip().replace(".", "").replace(",", ".") if "," in value else value.strip()
    return result


class AllocationForm(forms.Form):
    """The criteria of D.G.R. 1507/2023 § 4 and D.G.R. XII/5464 § 4.4 and their mixes."""

    fund = forms.ModelChoiceField(label=_("Fondo"), queryset=Fund.objects.all())
    label = forms.CharField(label=_("Descrizione"), max_length=200)
    year = forms.IntegerField(label=_("Anno"), min_value=2000, max_value=2100)
    total = forms.DecimalField(
        label=_("Totale da ripartire (€)"), min_value=Decimal("0.01"), decimal_places=2, max_digits=14
    )
    rounding_unit = forms.DecimalField(
        label=_("Unità di arrotondamento (€)"),
        initial=Decimal("0.01"),
        min_value=Decimal("0.01"),
        decimal_places=2,
        max_digits=14,
    )
    population_share = forms.DecimalField(
        label=_("Quota per popolazione (%)"), initial=30, min_value=0, max_value=100, decimal_places=4, required=False
    )
    snapshot = forms.ModelChoiceField(
        label=_("Rilevazione della popolazione"),
        queryset=PopulationSnapshot.objects.all(),
        to_field_name="code",
        required=False,
    )
    equal_share = forms.DecimalField(
        label=_("Quota in parti uguali (%)"), initial=70, min_value=0, max_value=100, decimal_places=4, required=False
    )
    weights_share = forms.DecimalField(
        label=_("Quota a pesi (%)"), min_value=0, max_value=100, decimal_places=4, required=False
    )
    weights = forms.CharField(
        label=_("Pesi per ATS (una riga per ATS: 321=1,5)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    fixed_share = forms.DecimalField(
        label=_("Quota a importi fissi (%)"), min_value=0, max_value=100, decimal_places=4, required=False
    )
    fixed = forms.CharField(
        label=_("Importi fissi per ATS (una riga per ATS: 321=10000,00)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, field in self.fields.items():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )
            del name

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
            spec.append(
                {
                    "kind": "weights",
                    "share": str(data["weights_share"]),
                    "values": _parse_map(data.get("weights", ""), str(_("Pesi"))),
                }
            )
        if data.get("fixed_share"):
            spec.append(
                {
                    "kind": "fixed",
                    "share": str(data["fixed_share"]),
                    "values": _parse_map(data.get("fixed", ""), str(_("Importi fissi"))),
                }
            )
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
