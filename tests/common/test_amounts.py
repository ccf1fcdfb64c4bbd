"""Amounts typed and shown the Italian way: one parser (common.formatting.parse_amount), one form field
(common.forms.AmountField) used by every money input, one display function (common.display)."""

import datetime as dt
from decimal import Decimal

import pytest
from django import forms

from common.display import format_value
from common.fields import CodeListField, MoneyField, PercentField
from common.formatting import AmountError, format_number, parse_amount
from common.forms import AmountField
from common.forms import PercentField as PercentFormField


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.000.000,00", "1000000.00"),
        ("1000000", "1000000"),
        ("1.234,5", "1234.5"),
        ("1234,56", "1234.56"),
        ("1.234", "1234"),  # a dot before exactly three digits groups thousands, as in Italian
        ("70000.00", "70000.00"),  # a dot before two digits cannot group thousands: a decimal point
        ("0,500", "0.500"),
        ("€ 1.234,56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("70 %", "70"),
        ("-5", "-5"),
    ],
)
def test_italian_amounts_are_read(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1,234.56", "ambiguous"),  # English grouping
        ("1,000", "ambiguous"),  # a thousand or one?
        ("1,000,000", "ambiguous"),
        ("1.000.5", "ambiguous"),
        ("12.34,5", "ambiguous"),
        ("dieci", "invalid"),
        ("1e5", "invalid"),
        ("", "invalid"),
        ("€", "invalid"),
    ],
)
def test_ambiguous_or_invalid_amounts_are_refused(text: str, code: str) -> None:
    with pytest.raises(AmountError) as exc:
        parse_amount(text)
    assert exc.value.code == code


def test_amount_field_reads_shows_and_refuses_in_italian() -> None:
    field = AmountField(min_value=Decimal("0.01"))
    assert field.clean("1.000.000,00") == Decimal("1000000.00")
    assert field.prepare_value(Decimal("1234.5")) == "1.234,50"
    with pytest.raises(forms.ValidationError) as exc:
        field.clean("1,000")
    assert "si può leggere in due modi" in exc.value.messages[0]
    with pytest.raises(forms.ValidationError) as exc:
        field.clean("1,234")
    assert "due modi" in exc.value.messages[0]
    with pytest.raises(forms.ValidationError) as exc:
        field.clean("12,345.6")
    assert "due modi" in exc.value.messages[0]
    with pytest.raises(forms.ValidationError) as exc:
        field.clean("1,005")
    with pytest.raises(forms.ValidationError) as exc:
        field.clean("0,001")
    assert exc.value.messages == ["Al massimo 2 decimali (il passo minimo è 0,01 €)."]
    with pytest.raises(forms.ValidationError) as exc:
        field.clean("0")
    assert exc.value.messages == ["Il valore deve essere maggiore o uguale a 0,01 €."]
    assert 'inputmode="decimal"' in field.widget.render("x", "1.234,56")


def test_model_money_fields_give_the_italian_form_field_with_their_bounds() -> None:
    from funding.models import Expense

    form_field = Expense._meta.get_field("amount").formfield()
    assert isinstance(form_field, AmountField)
    with pytest.raises(forms.ValidationError) as exc:
        form_field.clean("0,00")
    assert exc.value.messages == ["Il valore deve essere maggiore o uguale a 0,01 €."]
    assert isinstance(PercentField(max_digits=5, decimal_places=2).formfield(), PercentFormField)


def test_money_and_percent_fields_keep_their_migrations() -> None:
    assert MoneyField(max_digits=14, decimal_places=2).deconstruct()[1] == "django.db.models.DecimalField"
    assert PercentField(max_digits=5, decimal_places=2).deconstruct()[1] == "django.db.models.DecimalField"
    assert CodeListField(item_choices=[("a", "A")]).deconstruct()[1] == "django.db.models.JSONField"


def test_format_value_shows_every_type_as_a_person_reads_it() -> None:
    money = MoneyField(max_digits=14, decimal_places=2)
    percent = PercentField(max_digits=5, decimal_places=2)
    codes = CodeListField(item_choices=[("ambiti", "Ambiti territoriali"), ("comuni", "Comuni")])
    assert format_value(Decimal("1234.5"), money) == "1.234,50 €"
    assert format_value(Decimal("70.00"), percent) == "70\u00a0%"
    assert format_value(Decimal("12.50"), percent) == "12,5\u00a0%"
    assert format_value(Decimal("18.5")) == "18,5"
    assert format_value(dt.date(2026, 3, 4)) == "04/03/2026"
    assert format_value(dt.datetime(2026, 3, 4, 23, 30, tzinfo=dt.UTC)) == "05/03/2026 00:30"  # Europe/Rome
    assert format_value(dt.time(9, 5)) == "09:05"
    assert format_value(True) == "Sì" and format_value(False) == "No"
    assert format_value(None) == "—" and format_value("") == "—" and format_value([]) == "—"
    assert format_value(["ambiti", "comuni"], codes) == "Ambiti territoriali, Comuni"
    assert format_value([dt.date(2026, 1, 2), 3]) == "02/01/2026, 3"
    assert format_value({"a": True}) == "a: Sì"
    assert format_value(2026) == "2026"  # years and counts keep no thousands dot


def test_choices_are_shown_by_their_label() -> None:
    from funding.models import Call

    status = Call._meta.get_field("status")
    assert format_value("open", status) == "Aperto"


def test_format_number_groups_thousands_and_keeps_the_comma() -> None:
    assert format_number(Decimal("1234567.891")) == "1.234.567,891"
    assert format_number(Decimal("-1000"), places=2) == "-1.000,00"
    assert format_number(Decimal("100.00")) == "100"


def test_percent_limits_are_written_with_the_unit() -> None:
    field = PercentFormField(min_value=0, max_value=100, decimal_places=4)
    assert field.clean("12,5 %") == Decimal("12.5")
    with pytest.raises(forms.ValidationError) as exc:
        field.clean("130")
    assert exc.value.messages == ["Il valore deve essere minore o uguale a 100 %."]
