"""Final recipients, vouchers and reimbursements (Allegato A §4.1 «I servizi possono essere ...»
and §4.3 «Destinatari finali»)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor
from common.concurrency import save_versioned
from common.formatting import format_eur
from conciliazione import models as m
from conciliazione import rules, selectors
from conciliazione.services._common import raise_violations
from core.records import audit_record, notify_write, record_create, record_update


def household_check_eligibility(
    *, actor: Actor, household: m.Household, on: dt.date | None = None, use_date: dt.date | None = None
) -> rules.EligibilityOutcome:
    """§4.3: checks the stored members on the date of the request (default: the household's) and
    stores the outcome with ALL its reasons and the requirements met."""
    scoping.check_can_write(actor, household, scoping.CHANGE)
    day = on or household.request_date
    outcome = rules.check_recipient_eligibility(selectors.household_rules(household), day, use_date=use_date)
    household.eligible = outcome.eligible
    household.checked_on = day
    household.eligibility_reasons = [{"code": v.code, "message": v.message} for v in outcome.reasons]
    household.eligibility_satisfied = list(outcome.satisfied)
    fields = ["eligible", "checked_on", "eligibility_reasons", "eligibility_satisfied"]
    with transaction.atomic():
        save_versioned(household, expected_version=household.version, fields=fields)
        audit_record(
            actor=actor,
            obj=household,
            verb="eligibility_checked",
            changes={"eligible": outcome.eligible, "on": day.isoformat(), "reasons": [v.code for v in outcome.reasons]},
        )
        notify_write("eligibility_checked", household)
    return outcome


def _lock_budget(project: m.ConciliationProject, amount: Decimal, what: str) -> list[ValidationError]:
    """Lock the project row, so that two concurrent issues cannot both fit the same residual."""
    m.ConciliationProject.objects.select_for_update().filter(pk=project.pk).first()
    use = selectors.project_budget_use(project)
    if amount.is_finite() and use.committed + amount > use.budget:
        message = _(
            "%(what)s di %(amount)s supera il budget del progetto: impegnati %(committed)s su %(budget)s "
            "(disponibili %(available)s)."
        ) % {
            "what": what,
            "amount": format_eur(amount),
            "committed": format_eur(use.committed),
            "budget": format_eur(use.budget),
            "available": format_eur(max(use.available, Decimal("0.00"))),
        }
        return [ValidationError(message, code="budget_exceeded")]
    return []


def voucher_issue(
    *,
    actor: Actor,
    project: m.ConciliationProject,
    household: m.Household,
    provider: Any,
    code: str,
    value: Decimal,
    valid_from: dt.date,
    valid_until: dt.date,
) -> m.Voucher:
    """§4.1 voucher «prima di usufruire del servizio», to a household found eligible (§4.3), within
    the project's budget: vouchers issued plus reimbursements requested never exceed it."""
    voucher = m.Voucher(
        project=project,
        household=household,
        provider=provider,
        code=code,
        value=value,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    scoping.check_can_write(actor, voucher, scoping.CREATE)
    errors = [] if household.eligible else [ValidationError(_("Il nucleo non ha superato la verifica dei requisiti."))]
    with transaction.atomic():
        errors += _lock_budget(project, value, _("Il voucher"))
        if errors:
            raise ValidationError(errors)
        return record_create(actor=actor, instance=voucher)


def voucher_redeem(*, actor: Actor, voucher: m.Voucher, on: dt.date, amount: Decimal) -> m.Voucher:
    """§4.1: single use, within validity (both ends inclusive), up to the face value. The row is
    locked and re-read, so the same voucher cannot be redeemed twice concurrently."""
    with transaction.atomic():
        current = m.Voucher.objects.select_for_update().get(pk=voucher.pk)
        scoping.check_can_write(actor, current, scoping.CHANGE)
        state = rules.VoucherState(
            code=current.code,
            value=current.value,
            valid_from=current.valid_from,
            valid_until=current.valid_until,
            redeemed_on=current.redeemed_on,
        )
        raise_violations(rules.check_voucher_redemption(state, on, amount))
        return record_update(
            actor=actor,
            instance=current,
            data={"redeemed_on": on, "redeemed_amount": amount},
            expected_version=current.version,
        )


def reimbursement_request(
    *,
    actor: Actor,
    project: m.ConciliationProject,
    household: m.Household,
    receipts_total: Decimal,
    requested: Decimal,
    receipt_date: dt.date,
    request_date: dt.date,
) -> m.Reimbursement:
    """§4.1 rimborso «dopo la fruizione del servizio»: up to the receipts, receipts not after the
    request, within the project's budget."""
    item = m.Reimbursement(
        project=project,
        household=household,
        receipts_total=receipts_total,
        requested=requested,
        receipt_date=receipt_date,
        request_date=request_date,
    )
    scoping.check_can_write(actor, item, scoping.CREATE)
    violations = rules.check_reimbursement(
        receipts_total, requested, receipt_date=receipt_date, request_date=request_date
    )
    errors = [ValidationError(v.message, code=v.code) for v in violations]
    if not household.eligible:
        errors.append(ValidationError(_("Il nucleo non ha superato la verifica dei requisiti.")))
    with transaction.atomic():
        errors += _lock_budget(project, requested, _("Il rimborso"))
        if errors:
            raise ValidationError(errors)
        return record_create(actor=actor, instance=item)
