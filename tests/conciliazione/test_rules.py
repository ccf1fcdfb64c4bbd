"""Table-driven tests of the work-life balance rules (D.G.R. XII/5464/2025, Allegato A)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conciliazione.rules import (
    MANDATORY_COMMUNITY_MEMBERS,
    MESSAGES,
    OPTIONAL_COMMUNITY_MEMBERS,
    REG_1407_2013,
    REG_2023_2831,
    CommunityMemberKind,
    DeliveryMode,
    DeMinimisRegime,
    DeMinimisWindow,
    DependentKind,
    Grant,
    Household,
    HouseholdMember,
    Intervention,
    InterventionCategory,
    Partner,
    PartnerKind,
    PartnerRole,
    Violation,
    VoucherState,
    WorkKind,
    WorkPosition,
    check_community_of_practice,
    check_de_minimis,
    check_partnership,
    check_project_interventions,
    check_recipient_eligibility,
    check_reimbursement,
    check_voucher_redemption,
    project_expected_end,
)

D = dt.date
M = Decimal


def codes(violations: list[Violation]) -> list[str]:
    return [v.code for v in violations]


def test_every_message_is_plain_text_without_unfilled_placeholders() -> None:
    violations = check_partnership(Partner("Impresa", PartnerKind.COMPANY), [])
    assert violations
    assert all("{" not in v.message and v.message.strip() for v in violations)
    assert all(isinstance(text, str) and text for text in MESSAGES.values())


# 1. Community of practice (§4.1) ----------------------------------------------------------

ALL_MANDATORY = list(MANDATORY_COMMUNITY_MEMBERS)


def test_community_with_all_mandatory_members_is_valid() -> None:
    assert check_community_of_practice(ALL_MANDATORY) == []


def test_community_with_mandatory_and_optional_members_is_valid() -> None:
    assert check_community_of_practice([*ALL_MANDATORY, *OPTIONAL_COMMUNITY_MEMBERS]) == []


@pytest.mark.parametrize("missing", ALL_MANDATORY)
def test_community_missing_one_mandatory_member_is_reported(missing: CommunityMemberKind) -> None:
    kinds = [k for k in ALL_MANDATORY if k is not missing]
    assert codes(check_community_of_practice(kinds)) == [f"community_missing_{missing}"]


def test_community_of_optional_members_only_reports_all_five_missing() -> None:
    result = check_community_of_practice(OPTIONAL_COMMUNITY_MEMBERS)
    assert len(result) == 5
    assert "Camera di commercio" in result[-1].message


def test_optional_community_members_are_the_decree_additions() -> None:
    additions = {
        CommunityMemberKind.PROFESSIONAL_ORDER,
        CommunityMemberKind.JOB_SERVICES_OPERATOR,
        CommunityMemberKind.EDUCATION_TRAINING_OPERATOR,
        CommunityMemberKind.VOCATIONAL_TRAINING_INSTITUTION,
        CommunityMemberKind.ITS_FOUNDATION,
        CommunityMemberKind.OTHER,
    }
    assert additions == OPTIONAL_COMMUNITY_MEMBERS


# 2. Partnership (§4.2) --------------------------------------------------------------------

K = PartnerKind
COMUNE = Partner("Comune di Lodi", K.COMUNE)
MONTANA = Partner("Comunità Montana Valtellina", K.COMUNITA_MONTANA)
AMBITO_SIGNATORY = Partner("Ambito di Lodi", K.AMBITO, signs_piano_di_zona_agreement=True)
AMBITO_NOT_SIGNATORY = Partner("Ambito di Crema", K.AMBITO)
PROVINCIA = Partner("Provincia di Lodi", K.OTHER_LOCAL_PUBLIC_BODY)
UNIONE = Partner("Unione dei Comuni del Lodigiano", K.UNIONE_COMUNI)
UNIONE_SUPPORT = Partner("Unione dei Comuni della Bassa", K.UNIONE_COMUNI, PartnerRole.SUPPORT_NETWORK)
ASST = Partner("ASST Lodi", K.OTHER_PUBLIC_BODY)
ETS_1 = Partner("APS Famiglie Insieme", K.THIRD_SECTOR)
ETS_2 = Partner("ODV Il Ponte", K.THIRD_SECTOR)
COOP_A = Partner("Coop. sociale Aurora (A)", K.SOCIAL_COOP_A)
COOP_B = Partner("Coop. sociale Lavoro (B)", K.SOCIAL_COOP_B)
COMPANY = Partner("Rossi S.p.A.", K.COMPANY)
COMPANY_SUPPORT = Partner("Bianchi S.r.l.", K.COMPANY, PartnerRole.SUPPORT_NETWORK)
COMUNE_SUPPORT = Partner("Comune di Codogno", K.COMUNE, PartnerRole.SUPPORT_NETWORK)
FOUNDATION = Partner("Fondazione non ETS", K.OTHER_PRIVATE)


@pytest.mark.parametrize(
    ("lead", "partners", "expected"),
    [
        pytest.param(COMUNE, [ETS_1, COOP_A], [], id="public-lead-plus-two-exactly-three"),
        pytest.param(COMUNE, [ETS_1], ["too_few_beneficiaries"], id="public-lead-plus-one-only-two"),
        pytest.param(COMUNE, [], ["too_few_beneficiaries"], id="lead-alone"),
        pytest.param(COMUNE, [ETS_1, COOP_A, COOP_B, ASST], [], id="five-beneficiaries"),
        pytest.param(MONTANA, [ETS_1, COOP_B], [], id="comunita-montana-lead"),
        pytest.param(AMBITO_SIGNATORY, [ETS_1, ETS_2], [], id="ambito-signatory-lead"),
        pytest.param(ETS_1, [COOP_A, COMUNE], [], id="nonprofit-lead-with-comune"),
        pytest.param(COOP_B, [ETS_1, MONTANA], [], id="coop-b-lead-with-comunita-montana"),
        pytest.param(ETS_1, [COOP_A, AMBITO_SIGNATORY], [], id="nonprofit-lead-with-signatory-ambito"),
        pytest.param(
            ETS_1,
            [COOP_A, ASST],
            ["nonprofit_lead_without_local_public_body", "missing_territorial_public_body"],
            id="nonprofit-lead-without-local-public-body",
        ),
        pytest.param(
            ETS_1, [COOP_A, AMBITO_NOT_SIGNATORY], ["missing_territorial_public_body"], id="ambito-not-signatory"
        ),
        pytest.param(ETS_1, [COOP_A, PROVINCIA], ["missing_territorial_public_body"], id="provincia-is-local-only"),
        # TUEL art. 2 and 32: an Unione di Comuni is a local territorial public body.
        pytest.param(ETS_1, [COOP_A, UNIONE], [], id="nonprofit-lead-with-unione-di-comuni"),
        pytest.param(UNIONE, [ETS_1, COOP_B], [], id="unione-di-comuni-lead"),
        pytest.param(
            ETS_1,
            [COOP_A, COOP_B, UNIONE_SUPPORT],
            ["nonprofit_lead_without_local_public_body", "missing_territorial_public_body"],
            id="unione-in-support-network-does-not-count",
        ),
        pytest.param(ASST, [ETS_1, COOP_A], ["missing_territorial_public_body"], id="public-non-territorial-lead"),
        pytest.param(COMUNE, [ETS_1, COMPANY_SUPPORT], ["too_few_beneficiaries"], id="support-company-not-counted"),
        pytest.param(
            ETS_1,
            [ETS_2, COOP_A, COMUNE_SUPPORT],
            ["nonprofit_lead_without_local_public_body", "missing_territorial_public_body"],
            id="support-comune-not-counted",
        ),
        pytest.param(
            COMUNE,
            [ETS_1, COMPANY],
            ["partner_kind_not_beneficiary", "too_few_beneficiaries"],
            id="company-as-beneficiary",
        ),
        pytest.param(
            COMUNE,
            [ETS_1, FOUNDATION],
            ["partner_kind_not_beneficiary", "too_few_beneficiaries"],
            id="non-ets-private-as-beneficiary",
        ),
        pytest.param(
            COMUNE,
            [ETS_1, ETS_1],
            ["partner_duplicated", "too_few_beneficiaries"],
            id="duplicate-counted-once",
        ),
        pytest.param(
            COMPANY,
            [ETS_1, COOP_A],
            ["lead_kind_not_allowed", "too_few_beneficiaries", "missing_territorial_public_body"],
            id="company-lead",
        ),
        pytest.param(
            Partner("Comune capofila", K.COMUNE, PartnerRole.SUPPORT_NETWORK),
            [ETS_1, COOP_A, ETS_2],
            ["lead_in_support_network", "missing_territorial_public_body"],
            id="lead-in-support-network",
        ),
        pytest.param(
            ETS_1,
            [COMPANY, COMPANY_SUPPORT],
            [
                "partner_kind_not_beneficiary",
                "too_few_beneficiaries",
                "nonprofit_lead_without_local_public_body",
                "missing_territorial_public_body",
            ],
            id="all-reasons-at-once",
        ),
    ],
)
def test_partnership(lead: Partner, partners: list[Partner], expected: list[str]) -> None:
    assert codes(check_partnership(lead, partners)) == expected


def test_duplicate_detection_normalises_spaces_and_case() -> None:
    twin = Partner(" aps  famiglie INSIEME ", K.THIRD_SECTOR)
    assert codes(check_partnership(COMUNE, [ETS_1, twin, COOP_A])) == ["partner_duplicated"]


def test_too_few_beneficiaries_message_counts_the_lead() -> None:
    (violation,) = check_partnership(COMUNE, [ETS_1])
    assert "almeno 3" in violation.message
    assert "ce ne sono 2" in violation.message


# 3. Interventions and duration (§4.1) -----------------------------------------------------

C = InterventionCategory
CARE = Intervention("Baby-sitting", C.CARE_SERVICES, DeliveryMode.VOUCHER)
TIME = Intervention("Maggiordomo di comunità", C.TIME_SAVING, DeliveryMode.DIRECT_FREE)
MOBILITY = Intervention("Navetta", C.HOME_WORK_MOBILITY, DeliveryMode.DIRECT_CAPPED_PRICE)
FREELANCE = Intervention("Coworking", C.SELF_EMPLOYED_SERVICES, DeliveryMode.REIMBURSEMENT)
LR28 = Intervention("Orari PA estesi", C.LR28_PA_ACCESS, DeliveryMode.DIRECT_FREE)
START, END = D(2026, 1, 1), D(2027, 12, 31)


@pytest.mark.parametrize(
    ("interventions", "expected"),
    [
        pytest.param([CARE, TIME], [], id="two-macro-categories"),
        pytest.param([CARE, TIME, MOBILITY, FREELANCE, LR28], [], id="all-four-plus-lr28"),
        pytest.param([CARE], ["too_few_macro_categories"], id="one-macro-category"),
        pytest.param(
            [CARE, dataclasses.replace(CARE, title="Pre-scuola")], ["too_few_macro_categories"], id="same-twice"
        ),
        pytest.param([CARE, LR28], ["too_few_macro_categories"], id="lr28-does-not-count"),
        pytest.param([], ["no_interventions", "too_few_macro_categories"], id="empty"),
        pytest.param(
            [CARE, TIME, Intervention("Studio", C.CONTEXT_STUDY)], ["non_fundable_intervention"], id="context-study"
        ),
        pytest.param(
            [CARE, TIME, Intervention("Tavolo", C.INSTITUTIONAL_TABLE, DeliveryMode.DIRECT_FREE)],
            ["non_fundable_intervention"],
            id="institutional-table",
        ),
        pytest.param(
            [CARE, TIME, Intervention("Valutazione", C.MONITORING_EVALUATION)],
            ["non_fundable_intervention"],
            id="monitoring-evaluation",
        ),
        pytest.param(
            [CARE, Intervention("Spesa a domicilio", C.TIME_SAVING)], ["missing_delivery_mode"], id="no-delivery"
        ),
        pytest.param(
            [CARE, Intervention("Studio", C.CONTEXT_STUDY), Intervention("Tempo", C.LR28_TIME_BANKS)],
            ["non_fundable_intervention", "missing_delivery_mode", "too_few_macro_categories"],
            id="all-reasons-at-once",
        ),
    ],
)
def test_project_interventions(interventions: list[Intervention], expected: list[str]) -> None:
    assert codes(check_project_interventions(interventions, START, END)) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(D(2026, 1, 1), D(2027, 12, 31), [], id="exactly-two-years"),
        pytest.param(D(2026, 1, 1), D(2027, 12, 30), ["project_duration_too_short"], id="one-day-less"),
        pytest.param(D(2026, 1, 1), D(2028, 1, 1), ["project_duration_too_long"], id="one-day-more"),
        pytest.param(D(2026, 3, 15), D(2028, 3, 14), [], id="mid-month"),
        pytest.param(D(2028, 2, 29), D(2030, 2, 28), [], id="leap-day-start"),
        pytest.param(D(2028, 2, 29), D(2030, 3, 1), ["project_duration_too_long"], id="leap-day-start-plus-one"),
        pytest.param(D(2027, 3, 1), D(2029, 2, 28), [], id="across-leap-february"),
        pytest.param(
            D(2026, 1, 1), D(2025, 12, 31), ["project_dates_inverted", "project_duration_too_short"], id="inverted"
        ),
    ],
)
def test_project_duration_is_exactly_two_years(start: dt.date, end: dt.date, expected: list[str]) -> None:
    assert codes(check_project_interventions([CARE, TIME], start, end)) == expected


def test_project_duration_message_states_the_expected_end() -> None:
    (violation,) = check_project_interventions([CARE, TIME], START, D(2027, 12, 30))
    assert "31/12/2027" in violation.message


@pytest.mark.parametrize(
    ("start", "expected_end"),
    [(D(2026, 1, 1), D(2027, 12, 31)), (D(2028, 2, 29), D(2030, 2, 28)), (D(2026, 12, 31), D(2028, 12, 30))],
)
def test_project_expected_end(start: dt.date, expected_end: dt.date) -> None:
    assert project_expected_end(start) == expected_end


# 4. Final recipients (§4.3) ---------------------------------------------------------------

ON = D(2026, 5, 4)
JOB = WorkPosition(WorkKind.EMPLOYEE_PERMANENT, start=D(2020, 1, 1))
WORKER = HouseholdMember("Genitore 1", resident_in_lombardy=True, work=(JOB,), has_care_duties=True, is_parent=True)
CHILD = HouseholdMember("Figlio", resident_in_lombardy=True, dependent=DependentKind.MINOR)
UNEMPLOYED = HouseholdMember("Genitore 2", resident_in_lombardy=True, is_parent=True, unemployed=True)


def family(*members: HouseholdMember) -> Household:
    return Household(members=members)


@pytest.mark.parametrize(
    ("household", "expected"),
    [
        pytest.param(family(WORKER, CHILD), [], id="worker-with-minor"),
        pytest.param(
            family(
                WORKER,
                HouseholdMember("Nonna", resident_in_lombardy=True, dependent=DependentKind.OTHER_FAMILY_MEMBER),
            ),
            [],
            id="worker-with-other-dependent",
        ),
        pytest.param(
            family(dataclasses.replace(WORKER, resident_in_lombardy=False, domiciled_in_lombardy=True), CHILD),
            [],
            id="domiciled-not-resident",
        ),
        pytest.param(
            family(dataclasses.replace(WORKER, resident_in_lombardy=False), CHILD),
            ["not_resident_nor_domiciled_in_lombardy"],
            id="neither-resident-nor-domiciled",
        ),
        pytest.param(
            family(WORKER, dataclasses.replace(CHILD, resident_in_lombardy=False)),
            ["not_resident_nor_domiciled_in_lombardy"],
            id="child-outside-lombardy",
        ),
        pytest.param(family(WORKER), ["no_dependent_family_members"], id="no-dependents"),
        pytest.param(
            family(dataclasses.replace(WORKER, has_care_duties=False), CHILD),
            ["worker_without_care_duties"],
            id="worker-without-care-duties",
        ),
        pytest.param(
            family(dataclasses.replace(WORKER, has_care_duties=False), dataclasses.replace(UNEMPLOYED, did_date=ON)),
            ["worker_without_care_duties", "no_dependent_family_members", "psp_missing"],
            id="care-duties-on-unemployed-not-activated",
        ),
        pytest.param(
            family(WORKER, CHILD, dataclasses.replace(UNEMPLOYED, did_date=D(2026, 1, 10))),
            ["psp_missing"],
            id="unemployed-parent-did-without-psp",
        ),
        pytest.param(family(WORKER, CHILD, UNEMPLOYED), ["did_missing", "psp_missing"], id="unemployed-parent-neither"),
        pytest.param(
            family(WORKER, CHILD, dataclasses.replace(UNEMPLOYED, did_date=ON, psp_date=ON)),
            [],
            id="did-psp-on-use-date",
        ),
        pytest.param(
            family(WORKER, CHILD, dataclasses.replace(UNEMPLOYED, did_date=D(2026, 5, 5), psp_date=D(2026, 5, 5))),
            ["did_after_use_date", "psp_after_use_date"],
            id="did-psp-after-use-date",
        ),
        pytest.param(
            family(
                dataclasses.replace(UNEMPLOYED, has_care_duties=True, did_date=D(2026, 1, 1), psp_date=D(2026, 2, 1)),
                CHILD,
            ),
            [],
            id="activated-unemployed-parent-stands-in-for-worker",
        ),
        pytest.param(
            family(dataclasses.replace(UNEMPLOYED, has_care_duties=True, did_date=D(2026, 1, 1)), CHILD),
            ["no_working_member", "psp_missing"],
            id="unemployed-parent-alone-without-psp",
        ),
        pytest.param(
            family(HouseholdMember("Adulto", resident_in_lombardy=True, has_care_duties=True), CHILD),
            ["no_working_member"],
            id="nobody-works",
        ),
        pytest.param(
            family(HouseholdMember("Adulto", has_care_duties=True)),
            ["no_working_member", "no_dependent_family_members", "not_resident_nor_domiciled_in_lombardy"],
            id="all-reasons-at-once",
        ),
        pytest.param(
            family(),
            ["empty_household", "no_working_member", "no_dependent_family_members"],
            id="empty-household",
        ),
    ],
)
def test_recipient_eligibility(household: Household, expected: list[str]) -> None:
    outcome = check_recipient_eligibility(household, ON)
    assert codes(outcome.reasons) == expected
    assert outcome.eligible is (expected == [])


@pytest.mark.parametrize(
    ("position", "works"),
    [
        pytest.param(WorkPosition(WorkKind.EMPLOYEE_FIXED_TERM, D(2026, 1, 1), D(2026, 5, 4)), True, id="last-day"),
        pytest.param(WorkPosition(WorkKind.EMPLOYEE_FIXED_TERM, D(2026, 1, 1), D(2026, 5, 3)), False, id="ended"),
        pytest.param(WorkPosition(WorkKind.EMPLOYEE_PERMANENT, D(2026, 5, 4)), True, id="first-day"),
        pytest.param(WorkPosition(WorkKind.EMPLOYEE_PERMANENT, D(2026, 5, 5)), False, id="not-started"),
        pytest.param(WorkPosition(WorkKind.COOPERATIVE_WORKER_MEMBER, D(2020, 1, 1)), True, id="coop-member"),
        pytest.param(WorkPosition(WorkKind.AGENCY_WORKER, D(2020, 1, 1)), True, id="agency"),
        pytest.param(WorkPosition(WorkKind.ENTREPRENEUR, D(2020, 1, 1)), True, id="entrepreneur-2082"),
        pytest.param(WorkPosition(WorkKind.SELF_EMPLOYED, D(2020, 1, 1)), True, id="self-employed-2222"),
        pytest.param(WorkPosition(WorkKind.PROFESSIONAL, D(2020, 1, 1)), True, id="professional-2229"),
        pytest.param(
            WorkPosition(WorkKind.PROFESSIONAL_UNREGISTERED, D(2020, 1, 1), recognised_association_member=True),
            True,
            id="unregistered-professional-in-association",
        ),
        pytest.param(
            WorkPosition(WorkKind.PROFESSIONAL_UNREGISTERED, D(2020, 1, 1)), False, id="unregistered-no-association"
        ),
        pytest.param(
            WorkPosition(
                WorkKind.AUTONOMOUS_COLLABORATOR, D(2020, 1, 1), has_vat_number=True, inps_gestione_separata=True
            ),
            True,
            id="collaborator-vat-inps",
        ),
        pytest.param(
            WorkPosition(WorkKind.AUTONOMOUS_COLLABORATOR, D(2020, 1, 1), has_vat_number=True),
            False,
            id="collaborator-without-inps",
        ),
        pytest.param(
            WorkPosition(WorkKind.AUTONOMOUS_COLLABORATOR, D(2020, 1, 1), inps_gestione_separata=True),
            False,
            id="collaborator-without-vat",
        ),
    ],
)
def test_working_member_at_request_date(position: WorkPosition, works: bool) -> None:
    outcome = check_recipient_eligibility(family(dataclasses.replace(WORKER, work=(position,)), CHILD), ON)
    assert outcome.eligible is works
    assert codes(outcome.reasons) == ([] if works else ["no_working_member"])


def test_eligible_outcome_lists_satisfied_requirements() -> None:
    activated = dataclasses.replace(UNEMPLOYED, did_date=ON, psp_date=ON)
    outcome = check_recipient_eligibility(family(WORKER, CHILD, activated), ON)
    assert outcome.satisfied == [
        "working_member_with_care_duties",
        "dependent_family_members",
        "resident_or_domiciled_in_lombardy",
        "unemployed_parents_activated",
    ]


def test_did_and_psp_are_checked_at_the_date_of_use_not_of_request() -> None:
    activated = dataclasses.replace(UNEMPLOYED, did_date=D(2026, 5, 10), psp_date=D(2026, 5, 10))
    household = family(WORKER, CHILD, activated)
    assert check_recipient_eligibility(household, ON, use_date=D(2026, 5, 10)).eligible
    assert not check_recipient_eligibility(household, ON, use_date=D(2026, 5, 9)).eligible


def test_psp_missing_message_names_the_parent() -> None:
    outcome = check_recipient_eligibility(family(WORKER, CHILD, dataclasses.replace(UNEMPLOYED, did_date=ON)), ON)
    assert (
        outcome.reasons[0].message
        == "Genitore 2 è disoccupato/a: manca il Patto di Servizio (PSP) alla data di fruizione."
    )


# 5. Vouchers and reimbursements (§4.1) ----------------------------------------------------

VOUCHER = VoucherState("V-001", M("100.00"), valid_from=D(2026, 1, 1), valid_until=D(2026, 6, 30))


@pytest.mark.parametrize(
    ("voucher", "on", "amount", "expected"),
    [
        pytest.param(VOUCHER, D(2026, 6, 30), M("100.00"), [], id="last-valid-day-full-value"),
        pytest.param(VOUCHER, D(2026, 7, 1), M("50.00"), ["voucher_expired"], id="day-after-last"),
        pytest.param(VOUCHER, D(2026, 1, 1), M("0.01"), [], id="first-valid-day"),
        pytest.param(VOUCHER, D(2025, 12, 31), M("50.00"), ["voucher_not_yet_valid"], id="day-before-first"),
        pytest.param(VOUCHER, D(2026, 3, 1), M("100.01"), ["voucher_amount_exceeds_value"], id="one-cent-over"),
        pytest.param(VOUCHER, D(2026, 3, 1), M("0"), ["voucher_amount_not_positive"], id="zero"),
        pytest.param(VOUCHER, D(2026, 3, 1), M("-5.00"), ["voucher_amount_not_positive"], id="negative"),
        pytest.param(VOUCHER, D(2026, 3, 1), M("10.005"), ["voucher_amount_sub_cent"], id="sub-cent"),
        pytest.param(VOUCHER, D(2026, 3, 1), M("NaN"), ["voucher_amount_invalid"], id="nan"),
        pytest.param(
            dataclasses.replace(VOUCHER, redeemed_on=D(2026, 2, 1)),
            D(2026, 3, 1),
            M("10.00"),
            ["voucher_already_redeemed"],
            id="already-redeemed",
        ),
        pytest.param(
            dataclasses.replace(VOUCHER, redeemed_on=D(2026, 2, 1)),
            D(2026, 7, 1),
            M("100.01"),
            ["voucher_already_redeemed", "voucher_expired", "voucher_amount_exceeds_value"],
            id="all-reasons-at-once",
        ),
    ],
)
def test_voucher_redemption(voucher: VoucherState, on: dt.date, amount: Decimal, expected: list[str]) -> None:
    assert codes(check_voucher_redemption(voucher, on, amount)) == expected


def test_voucher_messages_use_italian_formats() -> None:
    (over,) = check_voucher_redemption(dataclasses.replace(VOUCHER, value=M("1000")), D(2026, 3, 1), M("1000.5"))
    assert over.message == "L'importo 1.000,50 € supera il valore del voucher (1.000,00 €)."
    (expired,) = check_voucher_redemption(VOUCHER, D(2026, 7, 1), M("1"))
    assert "30/06/2026" in expired.message


@pytest.mark.parametrize(
    ("receipts", "requested", "receipt_day", "expected"),
    [
        pytest.param(M("80.00"), M("80.00"), D(2026, 5, 4), [], id="equal-same-day"),
        pytest.param(M("80.00"), M("30.00"), D(2026, 5, 1), [], id="less-than-receipts"),
        pytest.param(M("80.00"), M("80.01"), D(2026, 5, 4), ["reimbursement_exceeds_receipts"], id="one-cent-over"),
        pytest.param(M("80.00"), M("80.00"), D(2026, 5, 5), ["receipt_after_request"], id="receipt-day-after"),
        pytest.param(M("80.00"), M("0.00"), D(2026, 5, 4), ["reimbursement_amount_not_positive"], id="zero-request"),
        pytest.param(M("0.00"), M("10.00"), D(2026, 5, 4), ["receipts_total_not_positive"], id="no-receipts-amount"),
        pytest.param(
            M("80.00"),
            M("90.00"),
            D(2026, 5, 6),
            ["reimbursement_exceeds_receipts", "receipt_after_request"],
            id="all-reasons-at-once",
        ),
    ],
)
def test_reimbursement(receipts: Decimal, requested: Decimal, receipt_day: dt.date, expected: list[str]) -> None:
    result = check_reimbursement(receipts, requested, receipt_date=receipt_day, request_date=D(2026, 5, 4))
    assert codes(result) == expected


# 6. De minimis (DELIBERA point 4; Reg. 1407/2013 and 2023/2831, art. 3(2)) ------------------

JULY_FY = dataclasses.replace(REG_1407_2013, fiscal_year_start=(7, 1))


@pytest.mark.parametrize(
    ("regime", "existing", "new", "allowed", "used"),
    [
        pytest.param(
            REG_1407_2013,
            [Grant(D(2025, 3, 1), M("150000.00"))],
            Grant(D(2027, 6, 1), M("50000.00")),
            True,
            M("150000.00"),
            id="1407-exactly-at-cap",
        ),
        pytest.param(
            REG_1407_2013,
            [Grant(D(2025, 3, 1), M("150000.00"))],
            Grant(D(2027, 6, 1), M("50000.01")),
            False,
            M("150000.00"),
            id="1407-one-cent-over",
        ),
        pytest.param(
            REG_1407_2013,
            [Grant(D(2024, 12, 31), M("150000.00"))],
            Grant(D(2027, 1, 1), M("200000.00")),
            True,
            M("0.00"),
            id="1407-grant-in-fy-minus-3-falls-out",
        ),
        pytest.param(
            REG_1407_2013,
            [Grant(D(2025, 1, 1), M("150000.00"))],
            Grant(D(2027, 12, 31), M("50000.01")),
            False,
            M("150000.00"),
            id="1407-first-day-of-fy-minus-2-counts",
        ),
        pytest.param(
            REG_1407_2013,
            [Grant(D(2024, 6, 16), M("1.00"))],
            Grant(D(2027, 6, 15), M("200000.00")),
            True,
            M("0.00"),
            id="1407-rolling-date-irrelevant",
        ),
        pytest.param(
            JULY_FY,
            [Grant(D(2024, 6, 30), M("1.00"))],
            Grant(D(2027, 3, 1), M("200000.00")),
            True,
            M("0.00"),
            id="july-fy-before-window",
        ),
        pytest.param(
            JULY_FY,
            [Grant(D(2024, 7, 1), M("1.00"))],
            Grant(D(2027, 3, 1), M("200000.00")),
            False,
            M("1.00"),
            id="july-fy-first-day-counts",
        ),
        pytest.param(
            REG_2023_2831,
            [Grant(D(2024, 6, 16), M("100000.00"))],
            Grant(D(2027, 6, 15), M("200000.00")),
            True,
            M("100000.00"),
            id="2831-exactly-at-cap",
        ),
        pytest.param(
            REG_2023_2831,
            [Grant(D(2024, 6, 16), M("100000.00"))],
            Grant(D(2027, 6, 15), M("200000.01")),
            False,
            M("100000.00"),
            id="2831-one-cent-over",
        ),
        pytest.param(
            REG_2023_2831,
            [Grant(D(2024, 6, 15), M("100000.00"))],
            Grant(D(2027, 6, 15), M("300000.00")),
            True,
            M("0.00"),
            id="2831-same-day-three-years-earlier-falls-out",
        ),
        pytest.param(
            REG_2023_2831,
            [Grant(D(2024, 2, 29), M("5.00"))],
            Grant(D(2027, 2, 28), M("300000.00")),
            True,
            M("0.00"),
            id="2831-leap-day-out-of-window-ending-28-feb",
        ),
        pytest.param(
            REG_2023_2831,
            [Grant(D(2024, 3, 1), M("5.00"))],
            Grant(D(2027, 2, 28), M("300000.00")),
            False,
            M("5.00"),
            id="2831-first-march-in-window",
        ),
        pytest.param(
            REG_2023_2831,
            [Grant(D(2027, 6, 16), M("300000.00"))],
            Grant(D(2027, 6, 15), M("1.00")),
            True,
            M("0.00"),
            id="later-grants-ignored",
        ),
        pytest.param(
            REG_2023_2831,
            [Grant(D(2025, 1, 1), M("100000.00")), Grant(D(2026, 1, 1), M("100000.00"))],
            Grant(D(2027, 1, 1), M("100000.00")),
            True,
            M("200000.00"),
            id="2831-several-grants-sum-to-cap",
        ),
    ],
)
def test_de_minimis(regime: DeMinimisRegime, existing: list[Grant], new: Grant, allowed: bool, used: Decimal) -> None:
    outcome = check_de_minimis(existing, new, regime)
    assert outcome.allowed is allowed
    assert outcome.used == used
    assert outcome.available == regime.cap - used
    assert codes(outcome.violations) == ([] if allowed else ["de_minimis_cap_exceeded"])


@pytest.mark.parametrize(
    ("regime", "grant_day", "start"),
    [
        (REG_1407_2013, D(2027, 6, 15), D(2025, 1, 1)),
        (REG_1407_2013, D(2027, 1, 1), D(2025, 1, 1)),
        (JULY_FY, D(2027, 6, 30), D(2024, 7, 1)),
        (JULY_FY, D(2027, 7, 1), D(2025, 7, 1)),
        (REG_2023_2831, D(2027, 6, 15), D(2024, 6, 16)),
        (REG_2023_2831, D(2027, 12, 31), D(2025, 1, 1)),
        (REG_2023_2831, D(2028, 2, 29), D(2025, 3, 1)),
        (REG_2023_2831, D(2027, 2, 28), D(2024, 3, 1)),
    ],
)
def test_de_minimis_window_start(regime: DeMinimisRegime, grant_day: dt.date, start: dt.date) -> None:
    assert regime.window_start(grant_day) == start


def test_de_minimis_presets() -> None:
    assert (REG_1407_2013.cap, REG_1407_2013.window) == (M("200000.00"), DeMinimisWindow.FISCAL_YEARS)
    assert (REG_2023_2831.cap, REG_2023_2831.window) == (M("300000.00"), DeMinimisWindow.ROLLING_YEARS)


def test_de_minimis_reports_every_reason_and_never_negative_availability() -> None:
    existing = [Grant(D(2026, 1, 1), M("250000.00")), Grant(D(2026, 2, 1), M("-10.00"))]
    outcome = check_de_minimis(existing, Grant(D(2026, 6, 1), M("0.00")), REG_1407_2013)
    assert codes(outcome.violations) == [
        "grant_amount_not_positive",
        "existing_grant_invalid",
        "de_minimis_cap_exceeded",
    ]
    assert (outcome.allowed, outcome.used, outcome.available) == (False, M("250000.00"), M("0.00"))


def test_de_minimis_cap_message_is_italian() -> None:
    outcome = check_de_minimis([], Grant(D(2026, 6, 1), M("200000.01")), REG_1407_2013)
    assert outcome.violations[0].message == (
        "Reg. (UE) 1407/2013: dal 01/01/2024 al 01/06/2026 risultano aiuti per 0,00 €; con altri 200.000,01 € si "
        "supera il massimale di 200.000,00 € (disponibili 200.000,00 €)."
    )


@pytest.mark.parametrize("fiscal_year_start", [(2, 29), (13, 1), (4, 31)])
def test_impossible_fiscal_year_start_is_rejected(fiscal_year_start: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="fiscal year start"):
        dataclasses.replace(REG_1407_2013, fiscal_year_start=fiscal_year_start)


@given(
    existing=st.lists(st.integers(min_value=0, max_value=15_000_000), max_size=4),
    new=st.integers(min_value=1, max_value=30_000_000),
)
def test_de_minimis_allowed_iff_total_within_cap(existing: list[int], new: int) -> None:
    grants = [Grant(D(2026, 1, 1), M(cents) / 100) for cents in existing]
    outcome = check_de_minimis(grants, Grant(D(2026, 6, 1), M(new) / 100), REG_2023_2831)
    assert outcome.allowed is (sum(existing) + new <= 30_000_000)
