"""Calls, projects, budgets, expenses and rendicontazione (D.G.R. 1507/2023, Allegato A, § 4;
ATS Val Padana 2024: ≤ 70.000,00 €, ≤ 70% of the cost, ≥ 30% co-financing)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from openpyxl import load_workbook

from accounts.services import api_token_create
from core.records import record_create, record_update
from funding import reporting, rules
from funding.models import BudgetLine, Call, Expense, Project, ReportingPeriod, Tranche
from tests.personas import Personas

D = Decimal


@pytest.fixture
def call(personas: Personas) -> Call:
    return Call.objects.create(
        ats=personas.ats_a_obj,
        title="Avviso CpF 2024",
        deadline=dt.date(2024, 3, 31),
        eligible_applicants=["ambiti", "comuni"],
        max_extension_months=6,
    )


@pytest.fixture
def project(personas: Personas, call: Call) -> Project:
    project = Project.objects.create(
        call=call,
        centre=personas.centre_a,
        title="CpF A 2024",
        total_cost=D("100000.00"),
        contribution_requested=D("70000.00"),
        contribution_granted=D("70000.00"),
        accepted_on=dt.date(2024, 5, 1),
        status=Project.Status.ACCEPTED,
    )
    BudgetLine.objects.create(project=project, category="personale", amount=D("60000.00"))
    BudgetLine.objects.create(project=project, category="attivita", amount=D("40000.00"))
    return project


@pytest.mark.parametrize(
    ("total_cost", "requested", "ok"),
    [
        ("100000.00", "70000.00", True),  # exactly the cap and exactly 70%
        ("100000.01", "70000.00", True),
        ("100000.00", "70000.01", False),  # one cent over the cap (and over 70%)
        ("50000.00", "35000.00", True),  # exactly 70% of a smaller project
        ("50000.00", "35000.01", False),  # over 70%: co-financing under 30%
        ("200000.00", "70000.01", False),  # under 70% but over the cap
    ],
)
def test_project_contribution_follows_the_call_at_its_boundaries(
    personas: Personas, call: Call, total_cost: str, requested: str, ok: bool
) -> None:
    project = Project(
        call=call, centre=personas.centre_a, title="P", total_cost=D(total_cost), contribution_requested=D(requested)
    )
    if ok:
        record_create(actor=personas.ats_a, instance=project)
    else:
        with pytest.raises(ValidationError) as exc:
            record_create(actor=personas.ats_a, instance=project)
        assert "contribution_requested" in exc.value.message_dict
        assert not Project.objects.exists()


@pytest.mark.parametrize(("cap", "ok"), [("70000.00", True), ("50000.00", False)])
def test_the_decree_cap_in_the_rules_decides_the_validation_of_a_new_project(
    personas: Personas, monkeypatch: pytest.MonkeyPatch, cap: str, ok: bool
) -> None:
    """D.G.R. 1507/2023, Allegato A § 4: the cap lives in funding.rules and production reads it."""
    monkeypatch.setattr(rules, "MAX_CONTRIBUTION_PER_PROJECT", D(cap))
    call = Call.objects.create(ats=personas.ats_a_obj, title="Avviso", deadline=dt.date(2024, 3, 31))
    assert call.max_contribution == D(cap)
    project = Project(
        call=call, centre=personas.centre_a, title="P", total_cost=D("100000.00"), contribution_requested=D("60000.00")
    )
    if ok:
        record_create(actor=personas.ats_a, instance=project)
    else:
        with pytest.raises(ValidationError) as exc:
            record_create(actor=personas.ats_a, instance=project)
        assert "contribution_requested" in exc.value.message_dict


def test_the_api_check_defaults_to_the_rules_constants(
    personas: Personas, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules, "MAX_CONTRIBUTION_PER_PROJECT", D("50000.00"))
    _token, raw = api_token_create(user=personas.ats_a, name="t")
    response = client.post(
        "/api/v1/funding/projects/check",
        {"total_cost": "100000.00", "contribution_requested": "60000.00"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.json()["valid"] is False and response.json()["max_contribution"] == "50000.00"


def test_project_ends_twelve_months_after_acceptance_plus_extension(project: Project) -> None:
    assert project.end_date == dt.date(2025, 4, 30)
    project.extension_months = 6
    assert project.end_date == dt.date(2025, 10, 31)


def test_an_extension_beyond_the_call_is_refused(personas: Personas, project: Project) -> None:
    with pytest.raises(ValidationError, match="proroga"):
        record_update(actor=personas.ats_a, instance=project, data={"extension_months": 7})


def test_a_centre_of_another_ats_cannot_join_the_call(personas: Personas, call: Call) -> None:
    project = Project(
        call=call, centre=personas.centre_b, title="P", total_cost=D("1000"), contribution_requested=D("100")
    )
    with pytest.raises(ValidationError, match="ATS dell'avviso"):
        record_create(actor=personas.regione, instance=project)


def test_call_shares_cannot_exceed_100_percent(personas: Personas) -> None:
    call = Call(
        ats=personas.ats_a_obj, title="x", deadline=dt.date(2024, 1, 1), max_share_of_cost=D(80), min_cofinancing=D(30)
    )
    with pytest.raises(ValidationError, match="100%"):
        record_create(actor=personas.ats_a, instance=call)


def test_budget_lines_cannot_exceed_the_total_cost(personas: Personas, project: Project) -> None:
    with pytest.raises(ValidationError, match="superano il costo totale"):
        record_create(actor=personas.admin_a, instance=BudgetLine(project=project, category="altro", amount=D("0.01")))


@pytest.mark.parametrize(("amount", "ok"), [("60000.00", True), ("60000.01", False)])
def test_expenses_cannot_exceed_their_budget_line(personas: Personas, project: Project, amount: str, ok: bool) -> None:
    line = project.budget_lines.get(category="personale")
    expense = Expense(budget_line=line, date=dt.date(2024, 6, 1), description="Stipendi", amount=D(amount))
    if ok:
        record_create(actor=personas.admin_a, instance=expense)
    else:
        with pytest.raises(ValidationError):
            record_create(actor=personas.admin_a, instance=expense)


def test_rejected_expenses_do_not_consume_the_line(personas: Personas, project: Project) -> None:
    line = project.budget_lines.get(category="attivita")
    Expense.objects.create(
        budget_line=line,
        date=dt.date(2024, 6, 1),
        description="x",
        amount=D("40000.00"),
        status=Expense.Status.REJECTED,
    )
    record_create(
        actor=personas.admin_a,
        instance=Expense(budget_line=line, date=dt.date(2024, 6, 2), description="y", amount=D("40000.00")),
    )


def test_tranches_cannot_exceed_the_granted_contribution(personas: Personas, project: Project) -> None:
    record_create(actor=personas.ats_a, instance=Tranche(project=project, date=dt.date(2024, 6, 1), amount=D("50000")))
    with pytest.raises(ValidationError, match="superano il contributo concesso"):
        record_create(
            actor=personas.ats_a, instance=Tranche(project=project, date=dt.date(2024, 9, 1), amount=D("20000.01"))
        )


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("admin_a", True), ("coord_a", True), ("op_a1", False), ("ats_b", False), ("auditor", False)],
)
def test_who_records_expenses(personas: Personas, project: Project, persona: str, allowed: bool) -> None:
    expense = Expense(budget_line=project.budget_lines.first(), date=dt.date(2024, 6, 1), description="x", amount=D(1))
    if allowed:
        record_create(actor=getattr(personas, persona), instance=expense)
    else:
        with pytest.raises(PermissionDenied):
            record_create(actor=getattr(personas, persona), instance=expense)


def test_report_workflow_submit_review_and_contribution_due(personas: Personas, project: Project) -> None:
    period = ReportingPeriod.objects.create(project=project, start=dt.date(2024, 5, 1), end=dt.date(2024, 10, 31))
    line = project.budget_lines.get(category="personale")
    Expense.objects.create(
        budget_line=line, period=period, date=dt.date(2024, 6, 1), description="x", amount=D("20000")
    )
    Expense.objects.create(
        budget_line=line, period=period, date=dt.date(2024, 7, 1), description="y", amount=D("10000")
    )
    with pytest.raises(PermissionDenied):
        reporting.period_submit(actor=personas.ats_a, period=period)
    reporting.period_submit(actor=personas.admin_a, period=period)
    with pytest.raises(PermissionDenied):
        reporting.period_review(actor=personas.admin_a, period=period, approve=True)
    with pytest.raises(PermissionDenied):
        reporting.period_review(actor=personas.ats_b, period=period, approve=True)
    with pytest.raises(ValidationError, match="correzioni"):
        reporting.period_review(actor=personas.ats_a, period=period, approve=False, note=" ")
    reporting.period_review(actor=personas.ats_a, period=period, approve=True)
    report = reporting.project_report(project=project)
    assert report.approved_total == D("30000")
    assert report.contribution_due == D("21000.00")  # 70% of the approved expenses, under the granted 70.000
    assert report.cofinancing_share == D("30.00")


def test_project_page_and_report_export(personas: Personas, project: Project, client: Client) -> None:
    Expense.objects.create(
        budget_line=project.budget_lines.first(), date=dt.date(2024, 6, 1), description="x", amount=D("1234.56")
    )
    client.force_login(personas.admin_a)
    page = client.get(f"/finanziamenti/progetti/{project.pk}/").content.decode()
    assert "1.234,56 €" in page and "100.000,00 €" in page
    workbook = load_workbook(io.BytesIO(client.get(f"/finanziamenti/progetti/{project.pk}/rendiconto.xlsx").content))
    cells = [row for row in workbook.active.iter_rows(values_only=True) if row and row[0] == "Totale"]
    assert Decimal(str(cells[0][2])) == D("1234.56")
    client.force_login(personas.op_b)
    assert client.get(f"/finanziamenti/progetti/{project.pk}/").status_code == 404


def test_api_checks_a_budget_and_lists_projects_in_scope(personas: Personas, project: Project, client: Client) -> None:
    _token, raw = api_token_create(user=personas.ats_b, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    response = client.post(
        "/api/v1/funding/projects/check",
        {"total_cost": "100000.00", "contribution_requested": "70000.01"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200
    assert response.json()["valid"] is False and response.json()["max_contribution"] == "70000.00"
    assert client.get("/api/v1/funding/projects", **auth).json()["count"] == 0
    bad = client.post(
        "/api/v1/funding/projects/check",
        {"total_cost": "-1", "contribution_requested": "x"},
        content_type="application/json",
        **auth,
    )
    assert bad.status_code == 422


def test_residuals_are_carried_into_an_ats_budget(personas: Personas, client: Client) -> None:
    from funding.models import Allocation, AllocationLine, Fund, ResidualCarry

    old = Fund.objects.create(name="Fondo 2022", decree_reference="x", start_year=2022, end_year=2022)
    new = Fund.objects.create(name="Fondo 2023", decree_reference="y", start_year=2023, end_year=2023)
    allocation = Allocation.objects.create(
        fund=new, label="r", year=2023, total=D("1000.00"), rounding_unit=D("0.01"), components=[]
    )
    AllocationLine.objects.create(
        allocation=allocation,
        ats=personas.ats_a_obj,
        raw_quota=D(600),
        amount=D("600.00"),
        component_amounts=["600.00"],
    )
    record_create(
        actor=personas.regione,
        instance=ResidualCarry(ats=personas.ats_a_obj, from_fund=old, to_fund=new, amount=D("150.50")),
    )
    with pytest.raises(ValidationError, match="fondo diverso"):
        record_create(
            actor=personas.regione,
            instance=ResidualCarry(ats=personas.ats_a_obj, from_fund=new, to_fund=new, amount=D(1)),
        )
    with pytest.raises(PermissionDenied):
        record_create(
            actor=personas.ats_a,
            instance=ResidualCarry(ats=personas.ats_a_obj, from_fund=old, to_fund=new, amount=D(1)),
        )
    client.force_login(personas.ats_a)
    table = client.get(f"/finanziamenti/fondi/{new.pk}/").content.decode()
    assert "750,50 €" in table  # 600,00 € allocated + 150,50 € carried in


def test_project_report_pdf_and_expense_documents_go_through_the_scope(
    personas: Personas, project: Project, client: Client
) -> None:
    from django.core.files.base import ContentFile

    expense = Expense(budget_line=project.budget_lines.first(), date=dt.date(2024, 6, 1), description="x", amount=D(10))
    expense.document.save("fattura.pdf", ContentFile(b"%PDF-1.4 prova"), save=False)
    expense.save()
    client.force_login(personas.admin_a)
    response = client.get(f"/finanziamenti/progetti/{project.pk}/rendiconto.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    document = client.get(f"/finanziamenti/spese/{expense.pk}/giustificativo/")
    assert document.status_code == 200 and b"".join(document.streaming_content).startswith(b"%PDF-1.4 prova")
    client.force_login(personas.op_b)
    assert client.get(f"/finanziamenti/spese/{expense.pk}/giustificativo/").status_code == 404
