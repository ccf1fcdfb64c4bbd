"""Tests for common/formatting.py: euro amounts as "1.234,56 €", dates as dd/mm/yyyy, hours as "18,5 h"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from common.formatting import format_date, format_eur, format_hours

D = Decimal


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        pytest.param(D("0"), "0,00 €", id="zero"),
        pytest.param(0, "0,00 €", id="int-zero"),
        pytest.param(D("0.5"), "0,50 €", id="cents"),
        pytest.param(D("999.99"), "999,99 €", id="no-grouping-below-1000"),
        pytest.param(D("1000"), "1.000,00 €", id="one-thousand"),
        pytest.param(D("1234.56"), "1.234,56 €", id="thousands-dot-decimal-comma"),
        pytest.param(D("1000000"), "1.000.000,00 €", id="one-million"),
        pytest.param(1000000, "1.000.000,00 €", id="int-one-million"),
        pytest.param(D("12345678.9"), "12.345.678,90 €", id="eight-digits"),
        pytest.param(D("-1234.56"), "-1.234,56 €", id="negative"),
        pytest.param(D("-0.5"), "-0,50 €", id="negative-cents"),
        pytest.param(D("0.005"), "0,01 €", id="half-cent-rounds-up"),
        pytest.param(D("2.675"), "2,68 €", id="half-up-not-bankers"),
        pytest.param(D("2.665"), "2,67 €", id="half-up-on-even-digit"),
        pytest.param(D("2.674999"), "2,67 €", id="below-half-rounds-down"),
        pytest.param(D("-2.675"), "-2,68 €", id="negative-half-away-from-zero"),
        pytest.param(D("-0.004"), "0,00 €", id="negative-rounding-to-zero-has-no-sign"),
        pytest.param(D("999.995"), "1.000,00 €", id="rounding-carries-into-thousands"),
        pytest.param(None, "", id="none"),
    ],
)
def test_format_eur(amount: Decimal | int | None, expected: str) -> None:
    assert format_eur(amount) == expected


@pytest.mark.parametrize("amount", [0.1, 1234.56, float("nan")])
def test_format_eur_refuses_floats(amount: float) -> None:
    with pytest.raises(TypeError, match="Decimal, non float"):
        format_eur(amount)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2025, 1, 5), "05/01/2025"),
        (dt.date(2025, 12, 31), "31/12/2025"),
        (dt.date(2024, 2, 29), "29/02/2024"),
        (None, ""),
    ],
)
def test_format_date_is_dd_mm_yyyy(value: dt.date | None, expected: str) -> None:
    assert format_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("18.5"), "18,5 h"),
        (D("18.50"), "18,5 h"),
        (D("18.00"), "18 h"),
        (D("20"), "20 h"),
        (D("100"), "100 h"),
        (D("0.33"), "0,33 h"),
        (D("0"), "0 h"),
        (D("0.00"), "0 h"),
        (None, ""),
    ],
)
def test_format_hours_uses_a_decimal_comma_and_no_trailing_zeros(value: Decimal | None, expected: str) -> None:
    assert format_hours(value) == expected
