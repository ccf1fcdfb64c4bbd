"""Tests for funding/rules.py (pure Python, no Django).

Sources: /work/shared/seeds 001 (D.G.R. 1507/2023), 002 (ATS Val Padana call 2024),
003 (D.G.R. XII/5464 of 09/12/2025, §4.4 «Risorse»). See SPEC §7.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funding.rules import (
    CALL_ATS_VAL_PADANA_2024,
    CALL_DGR_1507_2023,
    CENT,
    ROUNDING_UNIT_DGR_5464_2025,
    AllocationResult,
    BudgetLine,
    CallRules,
    Component,
    ComponentKind,
    PopulationSnapshot,
    RuleError,
    allocate,
    check_project_budget,
    contribution_due,
    expense_fits_budget_line,
    format_eur,
    max_contribution_for,
)

D = Decimal
ATS = ("321", "322", "323", "324", "325", "326", "327", "328")

# Seed 003, D.G.R. XII/5464/2025 §4.4 «Risorse» (same table in the premessa «VALUTATO di
# destinare…»): inhabitants ISTAT 31/12/2024 and resources per year, in the decree's order
# (Città Metropolitana, Insubria, Montagna, Brianza, Bergamo, Brescia, Val Padana, Pavia).
POP_2024_12_31 = {
    "321": 3_474_932,
    "322": 1_461_523,
    "323": 293_646,
    "324": 1_210_062,
    "325": 1_110_427,
    "326": 1_162_865,
    "327": 759_967,
    "328": 538_632,
}
PUBLISHED_5464 = {
    "321": D("350000.00"),
    "322": D("150000.00"),
    "323": D("30000.00"),
    "324": D("120000.00"),
    "325": D("110000.00"),
    "326": D("120000.00"),
    "327": D("70000.00"),
    "328": D("50000.00"),
}

# ISTAT resident population 1/1/2023 per ATS, computed once by summing column
# pop_istat_2023_01_01 of /work/shared/data/lombardia_comuni.csv over the comuni of each ATS in
# /work/shared/data/lombardia_comuni_ats.csv (join on istat_code; 1501 comuni, total 9,950,742).
POP_2023_01_01 = {
    "321": 3_446_886,
    "322": 1_456_483,
    "323": 293_043,
    "324": 1_203_589,
    "325": 1_103_768,
    "326": 1_156_140,
    "327": 755_865,
    "328": 534_968,
}
# Expected CpF 2023 amounts to the cent, computed independently with fractions.Fraction:
# 571,550.00 (70% in equal parts) + 1,959,600.00 × pop / 9,950,742, largest remainder at 0.01.
EXPECTED_CPF_2023 = {
    "321": D("1250345.39"),
    "322": D("858375.25"),
    "323": D("629258.97"),
    "324": D("808572.83"),
    "325": D("788915.08"),
    "326": D("799228.69"),
    "327": D("720402.52"),
    "328": D("676901.27"),
}
CPF_2023_TOTAL = D("6532000.00")


def snapshot_2024() -> PopulationSnapshot:
    return PopulationSnapshot.of("ISTAT 31/12/2024", date(2024, 12, 31), POP_2024_12_31)


def snapshot_2023() -> PopulationSnapshot:
    return PopulationSnapshot.of("ISTAT 01/01/2023", date(2023, 1, 1), POP_2023_01_01)


def cpf_2023() -> AllocationResult:
    return allocate(
        CPF_2023_TOTAL, ATS, [Component.by_population(D(30), snapshot_2023()), Component.equal_parts(D(70))]
    )


# ------------------------------------------------------------------ seed 003 table


def test_seed_003_inputs_match_decree_total() -> None:
    assert sum(POP_2024_12_31.values()) == 10_012_054
    assert sum(PUBLISHED_5464.values()) == D("1000000.00")


def test_dgr_5464_table_reproduced_to_the_cent() -> None:
    result = allocate(
        D("1000000.00"),
        ATS,
        [Component.by_population(D(100), snapshot_2024())],
        rounding_unit=ROUNDING_UNIT_DGR_5464_2025,
    )
    assert result.amounts() == PUBLISHED_5464
    for ats, amount in PUBLISHED_5464.items():
        assert str(result.line(ats).amount) == str(amount)  # same figure, same 2 decimals
    assert sum(result.amounts().values()) == D("1000000.00")
    assert result.line("321").raw_quota == D("347074.8359926944")
    assert result.line("327").raw_quota == D("75905.2038672584")


def test_dgr_5464_three_year_total_at_three_times_the_unit() -> None:
    result = allocate(
        D("3000000.00"),
        ATS,
        [Component.by_population(D(100), snapshot_2024())],
        rounding_unit=3 * ROUNDING_UNIT_DGR_5464_2025,
    )
    assert result.amounts() == {k: 3 * v for k, v in PUBLISHED_5464.items()}


def test_dgr_5464_row_by_row_rounding_would_not_reproduce_the_table() -> None:
    """Why largest remainder: rounding each quota half-up to 10,000 gives Val Padana 80,000."""
    total, pop = D("1000000"), sum(POP_2024_12_31.values())
    half_up = {k: (total * v / pop / 10000).quantize(D(1), ROUND_HALF_UP) * 10000 for k, v in POP_2024_12_31.items()}
    assert half_up["327"] == D(80000)
    assert sum(half_up.values()) == D(1010000)


def test_dgr_5464_at_the_cent_sums_exactly() -> None:
    result = allocate(D("1000000.00"), ATS, [Component.by_population(D(100), snapshot_2024())])
    assert sum(result.amounts().values()) == D("1000000.00")
    assert result.line("321").amount == D("347074.84")


# ------------------------------------------------------------------ CpF fund 2023 (seed 001)


def test_cpf_2023_fund_composition() -> None:
    # DELIBERA p. 4 and Allegato A §4: 4,245,000 national + 2,287,000 regional
    # (290,000 l.r. 23/2022 caregivers + 1,997,000 further regional resources).
    assert D("4245000.00") + D("2287000.00") == CPF_2023_TOTAL
    assert D("290000.00") + D("1997000.00") == D("2287000.00")


def test_cpf_2023_allocation_sums_exactly() -> None:
    result = cpf_2023()
    assert result.amounts() == EXPECTED_CPF_2023
    assert sum(result.amounts().values()) == CPF_2023_TOTAL
    for line in result.lines:
        assert sum(line.component_amounts) == line.amount
        assert line.component_amounts[1] == D("571550.00")  # 70% / 8, exact
    assert sum(line.component_amounts[0] for line in result.lines) == D("1959600.00")


def test_cpf_2023_row_by_row_rounding_loses_a_cent() -> None:
    result = cpf_2023()
    naive = sum(line.raw_quota.quantize(CENT, ROUND_HALF_UP) for line in result.lines)
    assert naive == CPF_2023_TOTAL - CENT


def test_cpf_2023_val_padana_matches_seed_002() -> None:
    # Seed 002: «Regione Lombardia ha stanziato 720mila euro» for ATS Val Padana.
    amount = cpf_2023().line("327").amount
    assert (amount / 1000).quantize(D(1), ROUND_HALF_UP) == 720


def test_result_echoes_inputs_and_recomputes() -> None:
    result = cpf_2023()
    assert result.total == CPF_2023_TOTAL and result.recipients == ATS
    assert result.rounding_unit == CENT
    assert [c.kind for c in result.components] == [ComponentKind.POPULATION, ComponentKind.EQUAL]
    assert result.recompute() == result


# ------------------------------------------------------------------ engine: tie-breaking


@pytest.mark.parametrize(
    ("total", "weights", "order", "expected"),
    [
        # equal remainders and weights: key order (independent of input order)
        (D("1.00"), {"A": 1, "B": 1, "C": 1}, "ABC", {"A": D("0.34"), "B": D("0.33"), "C": D("0.33")}),
        (D("1.00"), {"A": 1, "B": 1, "C": 1}, "CBA", {"A": D("0.34"), "B": D("0.33"), "C": D("0.33")}),
        # equal remainders (1/3): larger weight first
        (D("0.02"), {"A": 1, "B": 4, "C": 1}, "ABC", {"A": D("0.00"), "B": D("0.02"), "C": D("0.00")}),
        # equal remainders (1/2) and weights: key order
        (D("0.03"), {"A": 1, "B": 4, "C": 1}, "CBA", {"A": D("0.01"), "B": D("0.02"), "C": D("0.00")}),
        # larger remainder first: quotas 0.6, 0.4 cents ... on 1 cent
        (D("0.01"), {"A": 2, "B": 3}, "AB", {"A": D("0.00"), "B": D("0.01")}),
        (D("0.00"), {"A": 2, "B": 3}, "AB", {"A": D("0.00"), "B": D("0.00")}),
    ],
)
def test_tie_breaking(total: Decimal, weights: dict[str, int], order: str, expected: dict[str, Decimal]) -> None:
    comp = Component.by_weights(D(100), {k: D(v) for k, v in weights.items()})
    assert allocate(total, list(order), [comp]).amounts() == expected


def test_fixed_amounts_component() -> None:
    comps = [Component.fixed_amounts(D(50), {"A": D("100.00"), "B": D("400.00")}), Component.equal_parts(D(50))]
    result = allocate(D("1000.00"), ["A", "B"], comps)
    assert result.amounts() == {"A": D("350.00"), "B": D("650.00")}
    assert result.line("B").component_amounts == (D("400.00"), D("250.00"))


def test_population_snapshot_may_cover_more_recipients() -> None:
    result = allocate(D("100.00"), ["321", "323"], [Component.by_population(D(100), snapshot_2024())])
    assert sum(result.amounts().values()) == D("100.00")


# ------------------------------------------------------------------ engine: errors


def _pop(share: str = "100") -> Component:
    return Component.by_population(D(share), snapshot_2024())


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: allocate(D("-0.01"), ATS, [_pop()]), "negativo"),
        (lambda: allocate(D("100.00"), ATS, [_pop("30"), Component.equal_parts(D("69.99"))]), "sommano a 99,99%"),
        (lambda: allocate(D("100.00"), ATS, [_pop("30"), Component.equal_parts(D("70.01"))]), "sommano a 100,01%"),
        (lambda: Component.equal_parts(D("100.01")), "superiore a 100"),
        (lambda: Component.equal_parts(D("-1")), "negativa"),
        (lambda: allocate(D("100.00"), [*ATS, "329"], [_pop()]), "mancano i destinatari 329"),
        (lambda: allocate(D("1.00"), ["A"], [Component.by_weights(D(100), {"A": D(0)})]), "zero"),
        (
            lambda: allocate(
                D("1.00"),
                ["A"],
                [Component.by_population(D(100), PopulationSnapshot.of("x", date(2024, 1, 1), {"A": 0}))],
            ),
            "zero",
        ),
        (lambda: allocate(D("1.00"), ATS, [_pop()], rounding_unit=D(0)), "positiva"),
        (lambda: allocate(D("1.00"), ATS, [_pop()], rounding_unit=D("-0.01")), "positiva"),
        (lambda: allocate(D("1005000.00"), ATS, [_pop()], rounding_unit=D(10000)), "non è multiplo"),
        (lambda: allocate(D("0.005"), ATS, [_pop()]), "non è multiplo"),
        (lambda: allocate(1.0, ATS, [_pop()]), "usare Decimal"),  # type: ignore[arg-type]
        (lambda: allocate(D("NaN"), ATS, [_pop()]), "non finito"),
        (lambda: allocate(D("1.00"), [], [_pop()]), "nessun destinatario"),
        (lambda: allocate(D("1.00"), ["A", "A"], [Component.equal_parts(D(100))]), "ripetuti"),
        (lambda: allocate(D("1.00"), ["A"], []), "nessun componente"),
        (lambda: allocate(D("1.00"), ["A"], [Component.by_weights(D(100), {"A": D(1), "B": D(1)})]), "non previsti: B"),
        (
            lambda: allocate(D("1.00"), ["A"], [Component.fixed_amounts(D(100), {"A": D("0.99")})]),
            "sommano a 0,99 € invece di 1,00 €",
        ),
        (lambda: Component.by_weights(D(100), {"A": D(-1)}), "negativo"),
        (lambda: PopulationSnapshot.of("x", date(2024, 1, 1), {"A": -1}), "non negativo"),
    ],
)
def test_allocation_errors(make: object, message: str) -> None:
    assert callable(make)
    with pytest.raises(RuleError, match=message):
        make()


def test_rule_error_is_value_error() -> None:
    assert issubclass(RuleError, ValueError)


def test_rule_errors_name_recipients_by_label() -> None:
    with pytest.raises(RuleError) as caught:
        allocate(D("1.00"), ["A", "B"], [Component.by_weights(D(100), {"A": D(1)})])
    assert caught.value.recipients == ("B",)
    assert str(caught.value).endswith("mancano i destinatari B")
    assert caught.value.named({"B": "ATS Brianza"}).endswith("mancano i destinatari ATS Brianza")


def test_the_engine_splits_a_zero_total_into_zero_lines() -> None:
    """The pure engine handles 0 € (every line 0 €); the service refuses a 0 € riparto."""
    result = allocate(D("0.00"), ["A", "B"], [Component.equal_parts(D(100))])
    assert result.amounts() == {"A": D("0.00"), "B": D("0.00")}


# ------------------------------------------------------------------ engine: properties


@st.composite
def allocations(draw: st.DrawFn) -> tuple[Decimal, list[str], list[Component], Decimal]:
    unit = draw(st.sampled_from([D("0.01"), D("0.05"), D("1"), D("1000.00"), D("10000.00")]))
    total = unit * draw(st.integers(min_value=0, max_value=10**9))
    n = draw(st.integers(min_value=1, max_value=12))
    keys = [f"R{i:02d}" for i in range(n)]
    raw = draw(
        st.lists(st.integers(min_value=0, max_value=10**8), min_size=n, max_size=n).filter(lambda ws: sum(ws) > 0)
    )
    scale = draw(st.sampled_from([D(1), D("0.001")]))
    share = draw(st.integers(min_value=0, max_value=10000)) * D("0.01")
    pops = PopulationSnapshot.of("test", date(2024, 1, 1), dict(zip(keys, raw, strict=True)))
    comps = [
        Component.by_weights(share, {k: w * scale for k, w in zip(keys, raw, strict=True)}),
        Component.equal_parts((D(100) - share) / 2),
        Component.by_population((D(100) - share) / 2, pops),
    ]
    return total, draw(st.permutations(keys)), comps, unit


def _exact_quotas(total: Decimal, keys: list[str], comps: list[Component]) -> list[list[Fraction]]:
    out: list[list[Fraction]] = [[] for _ in keys]
    for comp in comps:
        weights = [Fraction(w) for w in comp.weights_for(keys)]
        for i, w in enumerate(weights):
            out[i].append(Fraction(total) * Fraction(comp.share) / 100 * w / sum(weights))
    return out


@settings(max_examples=300, deadline=None)
@given(allocations())
def test_parts_always_sum_to_total_within_one_unit(case: tuple[Decimal, list[str], list[Component], Decimal]) -> None:
    total, keys, comps, unit = case
    result = allocate(total, keys, comps, rounding_unit=unit)
    assert sum(result.amounts().values()) == total
    for line, quotas in zip(result.lines, _exact_quotas(total, keys, comps), strict=True):
        assert line.amount % unit == 0
        assert abs(Fraction(line.amount) - sum(quotas)) < Fraction(unit)
        assert abs(line.raw_quota - line.amount) <= unit
        assert sum(line.component_amounts) == line.amount
        for amount, quota in zip(line.component_amounts, quotas, strict=True):
            assert abs(Fraction(amount) - quota) < Fraction(unit)


@settings(max_examples=100, deadline=None)
@given(allocations())
def test_result_does_not_depend_on_recipient_order(case: tuple[Decimal, list[str], list[Component], Decimal]) -> None:
    total, keys, comps, unit = case
    shuffled = sorted(keys, reverse=True)
    assert allocate(total, keys, comps, unit).amounts() == allocate(total, shuffled, comps, unit).amounts()


# ------------------------------------------------------------------ format_eur


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (D("0"), "0,00 €"),
        (D("0.5"), "0,50 €"),
        (D("1234.56"), "1.234,56 €"),
        (D("70000"), "70.000,00 €"),
        (D("70000.01"), "70.000,01 €"),
        (D("6532000.00"), "6.532.000,00 €"),
        (D("-1234.5"), "-1.234,50 €"),
        (D("0.005"), "0,01 €"),
        (D("999.994"), "999,99 €"),
        (D("999.995"), "1.000,00 €"),
        (D("-0.001"), "0,00 €"),
    ],
)
def test_format_eur(amount: Decimal, text: str) -> None:
    assert format_eur(amount) == text


# ------------------------------------------------------------------ project budget (001, 002)

VP = CALL_ATS_VAL_PADANA_2024
DGR = CALL_DGR_1507_2023
MAX = "contributo_oltre_massimale"
SHARE = "contributo_oltre_quota_costo"
COFIN = "cofinanziamento_insufficiente"


def test_call_presets() -> None:
    assert VP == CallRules(D("70000.00"), D(70), D(30), 12)
    assert DGR == CallRules(D("70000.00"), D(100), D(0), 12)


@pytest.mark.parametrize(
    ("call", "cost", "requested", "codes"),
    [
        (VP, "100000.00", "70000.00", []),  # exactly 70,000.00 and exactly 70% / 30%
        (VP, "100000.00", "70000.01", [MAX, SHARE, COFIN]),
        (VP, "200000.00", "70000.00", []),
        (VP, "200000.00", "70000.01", [MAX]),
        (VP, "50000.00", "35000.00", []),
        (VP, "50000.00", "35000.01", [SHARE, COFIN]),
        (VP, "0.10", "0.07", []),
        (VP, "0.10", "0.08", [SHARE, COFIN]),
        (VP, "100000.00", "0.00", []),
        (VP, "1000.00", "1500.00", ["contributo_oltre_costo", COFIN]),
        (VP, "0.00", "0.00", ["costo_non_positivo"]),
        (VP, "-1.00", "0.00", ["costo_non_positivo"]),
        (VP, "1000.00", "-0.01", ["contributo_negativo"]),
        (VP, "1000.001", "1.00", ["importo_non_in_centesimi"]),
        (VP, "1000.00", "1.001", ["importo_non_in_centesimi"]),
        (DGR, "70000.00", "70000.00", []),
        (DGR, "200000.00", "70000.01", [MAX]),
        (DGR, "60000.00", "60000.00", []),
        (DGR, "60000.00", "60000.01", ["contributo_oltre_costo"]),
    ],
)
def test_check_project_budget(call: CallRules, cost: str, requested: str, codes: list[str]) -> None:
    assert [v.code for v in check_project_budget(D(cost), D(requested), call)] == codes


def test_budget_messages_are_italian_with_euro_format() -> None:
    violations = check_project_budget(D("100000.00"), D("70000.01"), VP)
    assert (violations[0].code, violations[0].message) == (
        MAX,
        "Il contributo richiesto (70.000,01 €) supera il massimale di 70.000,00 €.",
    )
    assert "massimo 70.000,00 €" in violations[1].message
    assert "Il cofinanziamento (29.999,99 €) è inferiore al 30% del costo totale" in violations[2].message


@pytest.mark.parametrize(
    ("call", "cost", "expected"),
    [
        (VP, "100000.00", "70000.00"),
        (VP, "100000.01", "70000.00"),
        (VP, "99999.99", "69999.99"),
        (VP, "200000.00", "70000.00"),
        (VP, "10.05", "7.03"),
        (VP, "0.05", "0.03"),
        (VP, "0.01", "0.00"),
        (VP, "0.00", "0.00"),
        (VP, "33.33", "23.33"),
        (DGR, "50000.00", "50000.00"),
        (DGR, "70000.01", "70000.00"),
        (DGR, "0.01", "0.01"),
    ],
)
def test_max_contribution_for(call: CallRules, cost: str, expected: str) -> None:
    assert max_contribution_for(D(cost), call) == D(expected)


def test_max_contribution_for_negative_cost() -> None:
    with pytest.raises(RuleError, match="negativo"):
        max_contribution_for(D("-0.01"), VP)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.sampled_from([VP, DGR]))
def test_max_contribution_is_the_largest_accepted(cents: int, call: CallRules) -> None:
    cost = D(cents) / 100
    best = max_contribution_for(cost, call)
    assert check_project_budget(cost, best, call) == []
    assert check_project_budget(cost, best + CENT, call) != []


@pytest.mark.parametrize(
    ("call", "approved", "granted", "expected"),
    [
        (VP, "100000.00", "70000.00", "70000.00"),
        (VP, "120000.00", "70000.00", "70000.00"),
        (VP, "90000.00", "70000.00", "63000.00"),
        (VP, "10.05", "70000.00", "7.03"),
        (VP, "0.00", "70000.00", "0.00"),
        (VP, "100000.00", "50000.00", "50000.00"),
        (DGR, "65000.00", "70000.00", "65000.00"),
        (DGR, "65000.00", "60000.00", "60000.00"),
    ],
)
def test_contribution_due(call: CallRules, approved: str, granted: str, expected: str) -> None:
    assert contribution_due(D(approved), call, D(granted)) == D(expected)


@pytest.mark.parametrize(("approved", "granted"), [("-0.01", "1.00"), ("1.00", "-0.01")])
def test_contribution_due_rejects_negative(approved: str, granted: str) -> None:
    with pytest.raises(RuleError):
        contribution_due(D(approved), VP, D(granted))


STAFF = BudgetLine("personale", "Personale", D("1000.00"))


@pytest.mark.parametrize(
    ("expense", "already", "codes"),
    [
        ("1000.00", "0.00", []),
        ("1000.01", "0.00", ["spesa_oltre_voce"]),
        ("0.01", "999.99", []),
        ("0.02", "999.99", ["spesa_oltre_voce"]),
        ("0.01", "1000.00", ["spesa_oltre_voce"]),
        ("0.00", "0.00", ["spesa_non_positiva"]),
        ("0.001", "0.00", ["importo_non_in_centesimi"]),
    ],
)
def test_expense_fits_budget_line(expense: str, already: str, codes: list[str]) -> None:
    assert [v.code for v in expense_fits_budget_line(D(expense), STAFF, D(already))] == codes


def test_expense_message() -> None:
    (violation,) = expense_fits_budget_line(D("0.02"), STAFF, D("999.99"))
    assert violation.message == (
        "La spesa di 0,02 € supera la disponibilità residua della voce «Personale» (0,01 € su 1.000,00 €)."
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_contribution": D("-0.01")},
        {"max_contribution": D(1), "max_share_of_cost": D("100.01")},
        {"max_contribution": D(1), "min_cofinancing": D(-1)},
        {"max_contribution": D(1), "duration_months": 0},
    ],
)
def test_call_rules_validation(kwargs: dict[str, object]) -> None:
    with pytest.raises(RuleError):
        CallRules(**kwargs)  # type: ignore[arg-type]
