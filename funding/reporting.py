"""Rendicontazione as a by-product of the records: budget against actual per line, contribution
due and co-financing share, computed with funding.rules from the project's own expenses."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor
from common.concurrency import save_versioned
from core.records import audit_record, notify_write
from funding import rules
from funding.models import Expense, Project, ReportingPeriod


@dataclass(frozen=True)
class LineReport:
    label: str
    budget: Decimal
    reported: Decimal
    approved: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.reported


@dataclass(frozen=True)
class ProjectReport:
    project: Project
    lines: list[LineReport]
    budget_total: Decimal
    reported_total: Decimal
    approved_total: Decimal
    contribution_due: Decimal
    cofinancing_share: Decimal  # % of approved expenses not covered by the contribution
    paid: Decimal


def project_report(*, project: Project, period: ReportingPeriod | None = None) -> ProjectReport:
    expense_filter = Q(expenses__period=period) if period else Q()
    not_rejected = expense_filter & ~Q(expenses__status=Expense.Status.REJECTED)
    approved = expense_filter & Q(expenses__status=Expense.Status.APPROVED)
    rows = project.budget_lines.annotate(
        reported=Sum("expenses__amount", filter=not_rejected), approved=Sum("expenses__amount", filter=approved)
    ).order_by("category")
    lines = [
        LineReport(r.get_category_display(), r.amount, r.reported or Decimal(0), r.approved or Decimal(0)) for r in rows
    ]
    approved_total = sum((line.approved for line in lines), Decimal(0))
    granted = project.contribution_granted or Decimal(0)
    due = rules.contribution_due(approved_total, project.call.rules(), granted) if approved_total else Decimal(0)
    share = ((approved_total - due) * 100 / approved_total).quantize(Decimal("0.01")) if approved_total else Decimal(0)
    paid = project.tranches.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return ProjectReport(
        project=project,
        lines=lines,
        budget_total=sum((line.budget for line in lines), Decimal(0)),
        reported_total=sum((line.reported for line in lines), Decimal(0)),
        approved_total=approved_total,
        contribution_due=due,
        cofinancing_share=share,
        paid=paid,
    )


def period_submit(*, actor: Actor, period: ReportingPeriod) -> ReportingPeriod:
    """The Hub sends the period's report to its ATS."""
    scoping.check_action(actor, "funding.reportingperiod.submit", period)
    if period.status not in (ReportingPeriod.Status.OPEN, ReportingPeriod.Status.CORRECTIONS):
        raise ValidationError(_("Il periodo è già stato inviato o approvato."))
    return _set_status(actor, period, ReportingPeriod.Status.SUBMITTED, period.review_note)


def period_review(*, actor: Actor, period: ReportingPeriod, approve: bool, note: str = "") -> ReportingPeriod:
    """The ATS approves the report (its expenses become approved) or asks for corrections."""
    scoping.check_action(actor, "funding.reportingperiod.review", period)
    if period.status != ReportingPeriod.Status.SUBMITTED:
        raise ValidationError(_("Si può esaminare solo una rendicontazione inviata."))
    if not approve and not note.strip():
        raise ValidationError(_("Spiega quali correzioni servono."))
    with transaction.atomic():
        if approve:
            period.expenses.filter(status=Expense.Status.SUBMITTED).update(status=Expense.Status.APPROVED)
        return _set_status(
            actor, period, ReportingPeriod.Status.APPROVED if approve else ReportingPeriod.Status.CORRECTIONS, note
        )


def _set_status(actor: Actor, period: ReportingPeriod, status: str, note: str) -> ReportingPeriod:
    with transaction.atomic():
        before = period.status
        period.status = status
        period.review_note = note
        save_versioned(period, expected_version=period.version, fields=["status", "review_note"])
        audit_record(actor=actor, obj=period, verb=status, changes={"status": [before, status]})
        notify_write(status, period)
    return period
