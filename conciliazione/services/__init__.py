"""Writes and checks of the work-life balance programme (D.G.R. XII/5464, Allegato A).
Keyword-only, typed, atomic; permission through accounts.scoping, audit in the same transaction.
Every rule violation becomes a ValidationError carrying ALL the Italian messages."""

from conciliazione.services.checks import alliance_validate, network_check, project_validate
from conciliazione.services.recipients import (
    household_check_eligibility,
    reimbursement_request,
    voucher_issue,
    voucher_redeem,
)
from conciliazione.services.state_aid import de_minimis_check, de_minimis_grant

__all__ = [
    "alliance_validate",
    "de_minimis_check",
    "de_minimis_grant",
    "household_check_eligibility",
    "network_check",
    "project_validate",
    "reimbursement_request",
    "voucher_issue",
    "voucher_redeem",
]
