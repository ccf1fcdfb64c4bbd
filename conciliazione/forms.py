from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import AmountField
from conciliazione import models as m
from core.crud import ScopedModelForm


class NetworkForm(ScopedModelForm):
    class Meta:
        model = m.ConciliationNetwork
        fields = ["ats", "name"]


class NetworkMemberForm(ScopedModelForm):
    class Meta:
        model = m.NetworkMember
        fields = ["network", "ente", "representation", "in_community_of_practice"]


class AllianceForm(ScopedModelForm):
    class Meta:
        model = m.LocalAlliance
        fields = ["ats", "name", "lead", "lead_kind", "lead_signs_piano_di_zona_agreement", "start_date", "end_date"]


class AlliancePartnerForm(ScopedModelForm):
    class Meta:
        model = m.AlliancePartner
        fields = ["alliance", "ente", "kind", "role", "signs_piano_di_zona_agreement"]


class ProjectForm(ScopedModelForm):
    class Meta:
        model = m.ConciliationProject
        fields = ["alliance", "title", "start_date", "end_date", "budget"]


class InterventionForm(ScopedModelForm):
    class Meta:
        model = m.Intervention
        fields = ["project", "title", "category", "delivery"]


class HouseholdForm(ScopedModelForm):
    class Meta:
        model = m.Household
        fields = ["project", "code", "request_date"]


class HouseholdMemberForm(ScopedModelForm):
    class Meta:
        model = m.HouseholdMember
        fields = [
            "household",
            "role",
            "age",
            "resident_in_lombardy",
            "domiciled_in_lombardy",
            "work_kind",
            "work_start",
            "work_end",
            "recognised_association_member",
            "has_vat_number",
            "inps_gestione_separata",
            "has_care_duties",
            "dependent",
            "unemployed",
            "did_date",
            "psp_date",
        ]


# Forms of the writes that go through a service (budget, redemption, de minimis cap): they only
# check the shape; conciliazione.services decides.


class VoucherIssueForm(ScopedModelForm):
    class Meta:
        model = m.Voucher
        fields = ["project", "household", "provider", "code", "value", "valid_from", "valid_until"]


class ReimbursementForm(ScopedModelForm):
    class Meta:
        model = m.Reimbursement
        fields = ["project", "household", "receipts_total", "requested", "receipt_date", "request_date"]


class DeMinimisGrantForm(ScopedModelForm):
    class Meta:
        model = m.DeMinimisGrant
        fields = ["ats", "undertaking", "regime", "grant_date", "amount", "rna_reference", "project"]


class VoucherRedeemForm(forms.Form):
    on = forms.DateField(
        label=_("Data di utilizzo"), widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    amount = AmountField(
        label=_("Importo utilizzato"),
        max_digits=12,
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal", "autocomplete": "off"}),
    )
