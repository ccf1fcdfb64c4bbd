"""Back-office pages of the work-life balance programme, declared once per model (core.crud).
Vouchers, reimbursements and de minimis grants are created only through conciliazione.services
(budget, redemption and cap checks), so their Crud offers list and detail and a service-backed
create page (conciliazione.views)."""

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from common.display import detail_rows
from common.formatting import format_date, format_eur
from conciliazione import forms, selectors, services
from conciliazione import models as m
from core.crud import Crud
from core.records import audit_record

NS = "conciliazione"
DETAIL = "conciliazione/detail.html"


def fields_for(obj: models.Model) -> list[tuple[str, str]]:
    """Label and display text of the record's fields (common.display: money «1.234,56 €», dd/mm/yyyy)."""
    return detail_rows(obj)


def _plain(request: HttpRequest, obj: Any) -> dict[str, Any]:
    return {"fields": fields_for(obj)}


def _network(request: HttpRequest, network: m.ConciliationNetwork) -> dict[str, Any]:
    return {
        "fields": fields_for(network),
        "members": network.members.select_related("ente").order_by("representation", "ente__name"),
        "violations": services.network_check(network=network),
    }


def _alliance(request: HttpRequest, alliance: m.LocalAlliance) -> dict[str, Any]:
    partners = list(alliance.partners.select_related("ente"))
    labels = dict(m.PARTNER_KIND_CHOICES)
    return {
        "fields": fields_for(alliance),
        "partners": [(p, labels[selectors.partner_kind(p.ente, p.kind)]) for p in partners],
        "lead_kind": labels[selectors.partner_kind(alliance.lead, alliance.lead_kind)],
        "violations": services.alliance_validate(alliance=alliance),
        "projects": alliance.projects.all(),
    }


def _project(request: HttpRequest, project: m.ConciliationProject) -> dict[str, Any]:
    return {
        "fields": fields_for(project),
        "interventions": project.interventions.all(),
        "violations": services.project_validate(project=project),
        "budget": selectors.project_budget_use(project),
        "households": project.households.all(),
        "vouchers": project.vouchers.select_related("household"),
    }


def _household(request: HttpRequest, household: m.Household) -> dict[str, Any]:
    # Households are family records, even if pseudonymous: every read is audited (GDPR art. 5(2), accountability).
    audit_record(actor=request.user, obj=household, verb="viewed")
    return {
        "fields": detail_rows(household, exclude=("eligibility_reasons", "eligibility_satisfied")),
        "members": [(selectors.member_label(i, mb), mb) for i, mb in enumerate(household.members.all(), start=1)],
        "satisfied": [selectors.SATISFIED_LABELS.get(code, code) for code in household.eligibility_satisfied],
        "reasons": [r["message"] for r in household.eligibility_reasons],
    }


def _voucher(request: HttpRequest, voucher: m.Voucher) -> dict[str, Any]:
    return {"fields": fields_for(voucher), "redeem_form": forms.VoucherRedeemForm(), "readonly": True}


def _readonly(request: HttpRequest, obj: Any) -> dict[str, Any]:
    return {"fields": fields_for(obj), "readonly": True}


NETWORK = Crud(
    model=m.ConciliationNetwork,
    form_class=forms.NetworkForm,
    namespace=NS,
    new_title=_("Nuova rete territoriale di conciliazione"),
    columns=[(_("Rete"), str), (_("ATS"), lambda o: o.ats.short_name)],
    search_fields=["name"],
    select_related=["ats"],
    detail_template="conciliazione/network_detail.html",
    detail_context=_network,
)
MEMBER = Crud(
    model=m.NetworkMember,
    form_class=forms.NetworkMemberForm,
    namespace=NS,
    new_title=_("Nuovo membro della rete"),
    columns=[
        (_("Ente"), lambda o: o.ente),
        (_("Rappresentanza"), lambda o: o.get_representation_display()),
        (_("Rete"), lambda o: o.network),
        (_("Comunità di pratica"), lambda o: _("Sì") if o.in_community_of_practice else _("No")),
    ],
    search_fields=["ente__name"],
    filters=["network", "representation"],
    select_related=["ente", "network"],
    initial_from_query=["network"],
    detail_template=DETAIL,
    detail_context=_plain,
)
ALLIANCE = Crud(
    model=m.LocalAlliance,
    form_class=forms.AllianceForm,
    namespace=NS,
    new_title=_("Nuova alleanza locale"),
    columns=[(_("Alleanza"), str), (_("ATS"), lambda o: o.ats.short_name), (_("Capofila"), lambda o: o.lead)],
    search_fields=["name", "lead__name"],
    filters=["ats"],
    select_related=["ats", "lead"],
    detail_template="conciliazione/alliance_detail.html",
    detail_context=_alliance,
)
PARTNER = Crud(
    model=m.AlliancePartner,
    form_class=forms.AlliancePartnerForm,
    namespace=NS,
    new_title=_("Nuovo partner dell'alleanza"),
    columns=[
        (_("Ente"), lambda o: o.ente),
        (_("Alleanza"), lambda o: o.alliance),
        (_("Ruolo"), lambda o: o.get_role_display()),
    ],
    search_fields=["ente__name"],
    filters=["alliance", "role"],
    select_related=["ente", "alliance"],
    initial_from_query=["alliance"],
    detail_template=DETAIL,
    detail_context=_plain,
)
PROJECT = Crud(
    model=m.ConciliationProject,
    form_class=forms.ProjectForm,
    namespace=NS,
    new_title=_("Nuovo progetto di conciliazione"),
    columns=[
        (_("Progetto"), str),
        (_("Alleanza"), lambda o: o.alliance),
        (_("Dal"), lambda o: format_date(o.start_date)),
        (_("Al"), lambda o: format_date(o.end_date)),
        (_("Budget"), lambda o: format_eur(o.budget)),
    ],
    search_fields=["title"],
    filters=["alliance"],
    select_related=["alliance"],
    initial_from_query=["alliance"],
    detail_template="conciliazione/project_detail.html",
    detail_context=_project,
)
INTERVENTION = Crud(
    model=m.Intervention,
    form_class=forms.InterventionForm,
    namespace=NS,
    new_title=_("Nuovo intervento"),
    columns=[
        (_("Intervento"), str),
        (_("Progetto"), lambda o: o.project),
        (_("Categoria"), lambda o: o.get_category_display()),
        (_("Erogazione"), lambda o: o.get_delivery_display() or "—"),
    ],
    search_fields=["title"],
    filters=["project", "category"],
    select_related=["project"],
    initial_from_query=["project"],
    detail_template=DETAIL,
    detail_context=_plain,
)
HOUSEHOLD = Crud(
    model=m.Household,
    form_class=forms.HouseholdForm,
    namespace=NS,
    new_title=_("Nuovo nucleo familiare"),
    columns=[
        (_("Codice"), str),
        (_("Progetto"), lambda o: o.project),
        (_("Richiesta del"), lambda o: format_date(o.request_date)),
        (_("Requisiti"), lambda o: "—" if o.eligible is None else (_("Soddisfatti") if o.eligible else _("Mancanti"))),
    ],
    search_fields=["code"],
    filters=["project"],
    select_related=["project"],
    initial_from_query=["project"],
    detail_template="conciliazione/household_detail.html",
    detail_context=_household,
)
HOUSEHOLD_MEMBER = Crud(
    model=m.HouseholdMember,
    form_class=forms.HouseholdMemberForm,
    namespace=NS,
    new_title=_("Nuovo componente del nucleo"),
    columns=[
        (_("Componente"), str),
        (_("Lavoro"), lambda o: o.get_work_kind_display() or "—"),
        (_("Compiti di cura"), lambda o: _("Sì") if o.has_care_duties else _("No")),
    ],
    filters=["household"],
    select_related=["household"],
    initial_from_query=["household"],
    detail_template=DETAIL,
    detail_context=_plain,
)
VOUCHER = Crud(
    model=m.Voucher,
    form_class=forms.VoucherIssueForm,
    namespace=NS,
    new_title=_("Nuovo voucher"),
    columns=[
        (_("Codice"), str),
        (_("Nucleo"), lambda o: o.household),
        (_("Valore"), lambda o: format_eur(o.value)),
        (_("Scadenza"), lambda o: format_date(o.valid_until)),
        (_("Utilizzato il"), lambda o: format_date(o.redeemed_on) or "—"),
    ],
    search_fields=["code", "household__code"],
    filters=["project"],
    select_related=["household", "project"],
    initial_from_query=["project", "household"],
    detail_template="conciliazione/voucher_detail.html",
    detail_context=_voucher,
)
REIMBURSEMENT = Crud(
    model=m.Reimbursement,
    form_class=forms.ReimbursementForm,
    namespace=NS,
    new_title=_("Nuova richiesta di rimborso"),
    columns=[
        (_("Nucleo"), lambda o: o.household),
        (_("Richiesto"), lambda o: format_eur(o.requested)),
        (_("Giustificativi"), lambda o: format_eur(o.receipts_total)),
        (_("Richiesta del"), lambda o: format_date(o.request_date)),
    ],
    search_fields=["household__code"],
    filters=["project", "approved"],
    select_related=["household", "project"],
    initial_from_query=["project", "household"],
    detail_template="conciliazione/reimbursement_detail.html",
    detail_context=_readonly,
)
GRANT = Crud(
    model=m.DeMinimisGrant,
    form_class=forms.DeMinimisGrantForm,
    namespace=NS,
    new_title=_("Nuovo aiuto de minimis"),
    columns=[
        (_("Impresa"), lambda o: o.undertaking),
        (_("Regime"), lambda o: o.get_regime_display()),
        (_("Data"), lambda o: format_date(o.grant_date)),
        (_("Importo"), lambda o: format_eur(o.amount)),
        (_("RNA"), lambda o: o.rna_reference),
    ],
    search_fields=["undertaking__name", "rna_reference"],
    filters=["ats", "regime"],
    select_related=["undertaking", "ats"],
    detail_template=DETAIL,
    detail_context=_readonly,
)

# Plain CRUD: all five pages. Service-backed: list and detail only (create in views).
EDITABLE: list[tuple[str, Crud]] = [
    ("reti", NETWORK),
    ("membri", MEMBER),
    ("alleanze", ALLIANCE),
    ("partner", PARTNER),
    ("progetti", PROJECT),
    ("interventi", INTERVENTION),
    ("nuclei", HOUSEHOLD),
    ("componenti", HOUSEHOLD_MEMBER),
]
SERVICE_BACKED: list[tuple[str, Crud]] = [("voucher", VOUCHER), ("rimborsi", REIMBURSEMENT), ("aiuti", GRANT)]
