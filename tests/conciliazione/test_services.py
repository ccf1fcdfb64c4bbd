"""Services of the work-life balance programme (D.G.R. XII/5464, Allegato A §4.1-§4.3 and the
de minimis point): all reasons at once, budget consumption, single redemption, the de minimis cap."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from conciliazione import models as m
from conciliazione import rules, services
from network.models import Ente
from tests import factories as f
from tests.conciliazione.builders import Conc, household
from tests.personas import Personas

C = rules.CommunityMemberKind


def _codes(exc: ValidationError) -> set[str]:
    return {e.code for e in exc.error_list if e.code}


@pytest.mark.parametrize(
    ("kinds", "missing"),
    [
        (list(rules.MANDATORY_COMMUNITY_MEMBERS), set()),
        ([C.TRADE_UNION, C.OTHER], {"employers", "third_sector", "ambito", "chamber_of_commerce"}),
        ([], {"trade_union", "employers", "third_sector", "ambito", "chamber_of_commerce"}),
    ],
)
def test_network_check_reports_every_missing_representation(
    personas: Personas, kinds: list[C], missing: set[str]
) -> None:
    network = m.ConciliationNetwork.objects.create(ats=personas.ats_a_obj, name="Rete")
    for kind in kinds:
        m.NetworkMember.objects.create(network=network, ente=f.EnteFactory(), representation=kind)
    # Members outside the Comunità di pratica do not count.
    m.NetworkMember.objects.create(
        network=network, ente=f.EnteFactory(), representation=C.CHAMBER_OF_COMMERCE, in_community_of_practice=False
    )
    found = {v.code.removeprefix("community_missing_") for v in services.network_check(network=network)}
    assert found == missing


def test_network_b_misses_only_the_chamber_of_commerce(conc: Conc) -> None:
    assert [v.message for v in services.network_check(network=conc.network_b)] == [
        "Nella Comunità di pratica manca una rappresentanza di: Camera di commercio."
    ]


def test_alliance_validate_reports_all_partnership_violations(personas: Personas) -> None:
    lead = f.EnteFactory(name="ETS capofila", kind=Ente.Kind.ETS)
    alliance = m.LocalAlliance.objects.create(
        ats=personas.ats_a_obj, name="X", lead=lead, start_date=dt.date(2026, 1, 1), end_date=dt.date(2027, 12, 31)
    )
    m.AlliancePartner.objects.create(
        alliance=alliance, ente=f.EnteFactory(kind=Ente.Kind.COMUNE), role=rules.PartnerRole.SUPPORT_NETWORK
    )
    m.AlliancePartner.objects.create(alliance=alliance, ente=f.EnteFactory(name="Impresa", kind=Ente.Kind.COMPANY))
    codes = {v.code for v in services.alliance_validate(alliance=alliance)}
    assert codes == {
        "partner_kind_not_beneficiary",
        "too_few_beneficiaries",
        "nonprofit_lead_without_local_public_body",
        "missing_territorial_public_body",
    }


def test_an_unione_di_comuni_of_the_registry_is_the_territorial_public_body(personas: Personas) -> None:
    """TUEL art. 2 and 32: an Ente of kind «Unione di Comuni» satisfies §4.2 with an ETS lead."""
    lead = f.EnteFactory(name="ETS capofila", kind=Ente.Kind.ETS)
    alliance = m.LocalAlliance.objects.create(
        ats=personas.ats_a_obj, name="X", lead=lead, start_date=dt.date(2026, 1, 1), end_date=dt.date(2027, 12, 31)
    )
    m.AlliancePartner.objects.create(alliance=alliance, ente=f.EnteFactory(kind=Ente.Kind.COOP_A))
    m.AlliancePartner.objects.create(
        alliance=alliance, ente=f.EnteFactory(name="Unione dei Comuni Lombarda", kind=Ente.Kind.UNIONE_COMUNI)
    )
    assert services.alliance_validate(alliance=alliance) == []


def test_an_explicit_partner_kind_overrides_the_entes_type(conc: Conc) -> None:
    assert {v.code for v in services.alliance_validate(alliance=conc.alliance_a)} == {"too_few_beneficiaries"}
    m.AlliancePartner.objects.create(
        alliance=conc.alliance_a, ente=f.EnteFactory(kind=Ente.Kind.OTHER), kind=rules.PartnerKind.SOCIAL_COOP_B
    )
    assert services.alliance_validate(alliance=conc.alliance_a) == []


def test_project_validate_reports_all_reasons(conc: Conc) -> None:
    project = conc.project_a
    project.interventions.filter(category=rules.InterventionCategory.TIME_SAVING).delete()
    m.Intervention.objects.create(project=project, title="Studio", category=rules.InterventionCategory.CONTEXT_STUDY)
    m.Intervention.objects.create(project=project, title="Banca", category=rules.InterventionCategory.LR28_TIME_BANKS)
    project.end_date = dt.date(2027, 6, 30)
    codes = {v.code for v in services.project_validate(project=project)}
    assert codes == {
        "non_fundable_intervention",
        "missing_delivery_mode",
        "too_few_macro_categories",
        "project_duration_too_short",
    }
    assert services.project_validate(project=conc.project_b) == []


def test_eligibility_check_stores_outcome_and_all_reasons(conc: Conc, personas: Personas) -> None:
    item = m.Household.objects.create(project=conc.project_a, code="NUC-X-1", request_date=dt.date(2026, 3, 1))
    m.HouseholdMember.objects.create(
        household=item, role=m.HouseholdMember.Role.PARENT, resident_in_lombardy=False, unemployed=True
    )
    outcome = services.household_check_eligibility(actor=personas.ats_a, household=item)
    item.refresh_from_db()
    assert not outcome.eligible and item.eligible is False
    assert item.checked_on == dt.date(2026, 3, 1)
    codes = {r["code"] for r in item.eligibility_reasons}
    assert codes == {
        "no_working_member",
        "no_dependent_family_members",
        "not_resident_nor_domiciled_in_lombardy",
        "did_missing",
        "psp_missing",
    }
    assert "Componente 1 (genitore) non è né residente" in " ".join(r["message"] for r in item.eligibility_reasons)
    assert AuditEntry.objects.filter(action="conciliazione.household.eligibility_checked").count() == 1


def test_eligible_household_lists_the_requirements_met(conc: Conc, personas: Personas) -> None:
    outcome = services.household_check_eligibility(actor=personas.regione, household=conc.household_a)
    assert outcome.eligible
    conc.household_a.refresh_from_db()
    assert conc.household_a.eligibility_satisfied == [
        "working_member_with_care_duties",
        "dependent_family_members",
        "resident_or_domiciled_in_lombardy",
    ]


def _issue(conc: Conc, actor: object, value: str, code: str = "VOU-NEW") -> m.Voucher:
    return services.voucher_issue(
        actor=actor,
        project=conc.project_a,
        household=conc.household_a,
        provider=conc.ets_a,
        code=code,
        value=Decimal(value),
        valid_from=dt.date(2026, 2, 1),
        valid_until=dt.date(2026, 12, 31),
    )


def test_vouchers_and_reimbursements_consume_the_budget(conc: Conc, personas: Personas) -> None:
    # Budget 1.000,00 €, voucher A already issued for 300,00 €.
    with pytest.raises(ValidationError, match=r"impegnati 300,00 € su 1\.000,00 € \(disponibili 700,00 €\)"):
        _issue(conc, personas.ats_a, "700.01")
    _issue(conc, personas.ats_a, "500.00")
    with pytest.raises(ValidationError, match="Il rimborso di 200,01 € supera il budget"):
        services.reimbursement_request(
            actor=personas.ats_a,
            project=conc.project_a,
            household=conc.household_a,
            receipts_total=Decimal("250.00"),
            requested=Decimal("200.01"),
            receipt_date=dt.date(2026, 3, 1),
            request_date=dt.date(2026, 3, 2),
        )
    assert m.Reimbursement.objects.count() == 0
    assert AuditEntry.objects.filter(action="conciliazione.voucher.created").count() == 1


def test_voucher_for_an_ineligible_household_over_budget_gives_both_reasons(conc: Conc, personas: Personas) -> None:
    conc.household_a.eligible = False
    with pytest.raises(ValidationError) as error:
        _issue(conc, personas.ats_a, "5000.00")
    assert len(error.value.messages) == 2
    assert "verifica dei requisiti" in error.value.messages[0]


def test_reimbursement_reports_all_rule_violations(conc: Conc, personas: Personas) -> None:
    with pytest.raises(ValidationError) as error:
        services.reimbursement_request(
            actor=personas.ats_a,
            project=conc.project_a,
            household=conc.household_a,
            receipts_total=Decimal("100.00"),
            requested=Decimal("150.00"),
            receipt_date=dt.date(2026, 3, 5),
            request_date=dt.date(2026, 3, 2),
        )
    assert _codes(error.value) == {"reimbursement_exceeds_receipts", "receipt_after_request"}


def test_a_voucher_cannot_be_redeemed_twice(conc: Conc, personas: Personas) -> None:
    services.voucher_redeem(actor=personas.ats_a, voucher=conc.voucher_a, on=dt.date(2026, 3, 1), amount=Decimal("250"))
    # The stale in-memory copy still says «not redeemed»: the service re-reads the locked row.
    assert conc.voucher_a.redeemed_on is None
    with pytest.raises(ValidationError, match="già stato utilizzato il 01/03/2026"):
        services.voucher_redeem(
            actor=personas.regione, voucher=conc.voucher_a, on=dt.date(2026, 3, 2), amount=Decimal("10")
        )
    conc.voucher_a.refresh_from_db()
    assert conc.voucher_a.redeemed_amount == Decimal("250.00")


def test_redemption_after_expiry_and_over_value_gives_both_reasons(conc: Conc, personas: Personas) -> None:
    with pytest.raises(ValidationError) as error:
        services.voucher_redeem(
            actor=personas.ats_a, voucher=conc.voucher_a, on=dt.date(2026, 7, 1), amount=Decimal("300.01")
        )
    assert _codes(error.value) == {"voucher_expired", "voucher_amount_exceeds_value"}


@pytest.mark.parametrize(
    ("amount", "allowed"),
    [("100000.00", True), ("100000.01", False)],
)
def test_de_minimis_cap_counts_grants_of_every_ats(conc: Conc, personas: Personas, amount: str, allowed: bool) -> None:
    # 100.000 € granted by ATS A and 100.000 € by ATS B: 100.000 € left under the 300.000 € cap.
    kwargs = {
        "actor": personas.ats_a,
        "ats": personas.ats_a_obj,
        "undertaking": conc.company,
        "regime": m.RegimeChoices.REG_2023_2831,
        "grant_date": dt.date(2026, 5, 1),
        "amount": Decimal(amount),
        "rna_reference": "COR-NEW",
    }
    if allowed:
        grant = services.de_minimis_grant(**kwargs)  # type: ignore[arg-type]
        assert grant.rna_reference == "COR-NEW"
    else:
        with pytest.raises(ValidationError, match="supera il massimale di 300.000,00 €"):
            services.de_minimis_grant(**kwargs)  # type: ignore[arg-type]
        assert m.DeMinimisGrant.objects.count() == 2


def test_de_minimis_grant_requires_the_rna_reference(conc: Conc, personas: Personas) -> None:
    with pytest.raises(ValidationError, match="Registro nazionale aiuti"):
        services.de_minimis_grant(
            actor=personas.ats_a,
            ats=personas.ats_a_obj,
            undertaking=conc.company,
            regime=m.RegimeChoices.REG_1407_2013,
            grant_date=dt.date(2026, 5, 1),
            amount=Decimal("10.00"),
            rna_reference="  ",
        )


@pytest.mark.parametrize("persona", ["ats_b", "coord_a", "op_a1", "auditor"])
def test_only_the_own_ats_and_the_regione_write(conc: Conc, personas: Personas, persona: str) -> None:
    actor = getattr(personas, persona)
    with pytest.raises(PermissionDenied):
        _issue(conc, actor, "10.00")
    with pytest.raises(PermissionDenied):
        services.household_check_eligibility(actor=actor, household=conc.household_a)
    with pytest.raises(PermissionDenied):
        services.voucher_redeem(actor=actor, voucher=conc.voucher_a, on=dt.date(2026, 3, 1), amount=Decimal("1"))


def test_pseudonymous_codes_only(conc: Conc) -> None:
    with pytest.raises(ValidationError, match="pseudonimo"):
        household(conc.project_a, "Mario Rossi").full_clean()
