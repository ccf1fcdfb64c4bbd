"""Back-office views of the family pathway, one module per concept (mirroring
`families/services/`). Every view checks the role (`families.access`), reads through the
scoped selectors and audits reads of family records."""

from families.views.consent import consent_add, consent_withdraw
from families.views.desk import centre_review, contact_quick, home
from families.views.families import (
    family_create,
    family_detail,
    family_edit,
    family_list,
    family_merge,
    person_add,
    person_edit,
    person_move,
)
from families.views.followups import followup_add, followup_detail
from families.views.privacy import family_anonymise, family_export, family_export_pdf
from families.views.referrals import (
    referral_create,
    referral_detail,
    referral_feedback,
    referral_received,
    referral_transition,
    referrals_received,
)
from families.views.schede import body_add, intervention_add, scheda_detail, scheda_open, scheda_pdf

__all__ = [
    "home",
    "centre_review",
    "contact_quick",
    "family_list",
    "family_create",
    "family_detail",
    "person_add",
    "family_merge",
    "family_edit",
    "person_edit",
    "person_move",
    "scheda_open",
    "scheda_detail",
    "intervention_add",
    "scheda_pdf",
    "body_add",
    "consent_add",
    "consent_withdraw",
    "referral_create",
    "referral_detail",
    "referral_transition",
    "referral_feedback",
    "referrals_received",
    "referral_received",
    "family_export",
    "family_export_pdf",
    "family_anonymise",
    "followup_add",
    "followup_detail",
]
