from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts import scoping
from common.formatting import format_date, format_eur
from core.crud import Crud
from funding import forms, reporting, selectors
from funding.forms import ReviewForm
from funding.models import BudgetLine, Call, Expense, Fund, FundSource, Project, ReportingPeriod, ResidualCarry, Tranche


def _fund_context(request: HttpRequest, fund: Fund) -> dict[str, Any]:
    return {"budgets": selectors.ats_budgets(user=request.user, fund=fund)}


FUND = Crud(
    model=Fund,
    form_class=forms.FundForm,
    namespace="funding",
    new_title=_("Nuovo fondo"),
    columns=[
        (_("Fondo"), str),
        (_("Atto"), lambda o: o.decree_reference),
        (_("Dal"), lambda o: o.start_year),
        (_("Al"), lambda o: o.end_year),
    ],
    search_fields=["name", "decree_reference"],
    detail_template="funding/fund_detail.html",
    detail_context=_fund_context,
    prefetch_related=["sources"],
)
FUND_SOURCE = Crud(
    model=FundSource,
    form_class=forms.FundSourceForm,
    namespace="funding",
    new_title=_("Nuova fonte di finanziamento"),
    columns=[(_("Fonte"), str), (_("Fondo"), lambda o: o.fund), (_("Importo"), lambda o: format_eur(o.amount))],
    filters=["fund"],
    select_related=["fund"],
    initial_from_query=["fund"],
)


def _project_context(request: HttpRequest, project: Project) -> dict[str, Any]:
    return {
        "report": reporting.project_report(project=project),
        "periods": project.periods.all(),
        "tranches": project.tranches.all(),
        "end_date": project.end_date,
    }


def _period_context(request: HttpRequest, period: ReportingPeriod) -> dict[str, Any]:
    from monitoring.reports import centre_indicators

    return {
        # The period's activity indicators from the monitoring module (same suppression as its dashboards).
        "activity_indicators": centre_indicators(request.user, period.project.centre_id, period.start, period.end),
        "report": reporting.project_report(project=period.project, period=period),
        "expenses": period.expenses.select_related("budget_line"),
        "review_form": ReviewForm(),
        "can_submit": scoping.may_act(request.user, "funding.reportingperiod.submit", period),
        "can_review": scoping.may_act(request.user, "funding.reportingperiod.review", period),
        # Only those who record expenses see the link (an ATS officer reviewing the period does not).
        "can_add_expense": scoping.may_write(request.user, Expense, scoping.CREATE),
    }


RESIDUAL = Crud(
    model=ResidualCarry,
    form_class=forms.ResidualCarryForm,
    namespace="funding",
    new_title=_("Nuovo residuo riportato"),
    columns=[(_("Residuo"), str), (_("Al fondo"), lambda o: o.to_fund), (_("Nota"), lambda o: o.note)],
    filters=["ats", "to_fund"],
    select_related=["ats", "from_fund", "to_fund"],
    initial_from_query=["to_fund"],
)
CALL = Crud(
    model=Call,
    form_class=forms.CallForm,
    namespace="funding",
    new_title=_("Nuovo avviso"),
    columns=[
        (_("Avviso"), str),
        (_("ATS"), lambda o: o.ats.short_name),
        (_("Scadenza"), lambda o: format_date(o.deadline)),
        (_("Contributo massimo"), lambda o: format_eur(o.max_contribution)),
        (_("Stato"), lambda o: o.get_status_display()),
    ],
    search_fields=["title"],
    filters=["ats", "status"],
    select_related=["ats"],
)
PROJECT = Crud(
    model=Project,
    form_class=forms.ProjectForm,
    namespace="funding",
    new_title=_("Nuovo progetto finanziato"),
    columns=[
        (_("Progetto"), str),
        (_("Centro"), lambda o: o.centre),
        (_("Costo totale"), lambda o: format_eur(o.total_cost)),
        (_("Contributo concesso"), lambda o: format_eur(o.contribution_granted)),
        (_("Stato"), lambda o: o.get_status_display()),
    ],
    search_fields=["title", "centre__name"],
    filters=["call", "status"],
    select_related=["centre", "call"],
    initial_from_query=["call", "centre"],
    detail_template="funding/project_detail.html",
    detail_context=_project_context,
)
BUDGET_LINE = Crud(
    model=BudgetLine,
    form_class=forms.BudgetLineForm,
    namespace="funding",
    new_title=_("Nuova voce di budget"),
    columns=[
        (_("Voce"), lambda o: o.get_category_display()),
        (_("Progetto"), lambda o: o.project),
        (_("Importo"), lambda o: format_eur(o.amount)),
    ],
    filters=["project"],
    select_related=["project"],
    initial_from_query=["project"],
)
EXPENSE = Crud(
    model=Expense,
    form_class=forms.ExpenseForm,
    namespace="funding",
    new_title=_("Nuova spesa"),
    columns=[
        (_("Spesa"), lambda o: o.description),
        (_("Data"), lambda o: format_date(o.date)),
        (_("Voce"), lambda o: o.budget_line),
        (_("Importo"), lambda o: format_eur(o.amount)),
        (_("Stato"), lambda o: o.get_status_display()),
    ],
    search_fields=["description", "supplier"],
    filters=["status"],
    select_related=["budget_line__project"],
    initial_from_query=["budget_line", "period"],
    detail_template="funding/expense_detail.html",
)
PERIOD = Crud(
    model=ReportingPeriod,
    form_class=forms.ReportingPeriodForm,
    namespace="funding",
    new_title=_("Nuovo periodo di rendicontazione"),
    columns=[(_("Periodo"), str), (_("Stato"), lambda o: o.get_status_display())],
    filters=["project", "status"],
    select_related=["project"],
    initial_from_query=["project"],
    detail_template="funding/period_detail.html",
    detail_context=_period_context,
)
TRANCHE = Crud(
    model=Tranche,
    form_class=forms.TrancheForm,
    namespace="funding",
    new_title=_("Nuova tranche di pagamento"),
    columns=[(_("Tranche"), str), (_("Progetto"), lambda o: o.project), (_("Nota"), lambda o: o.note)],
    filters=["project"],
    select_related=["project"],
    initial_from_query=["project"],
)
