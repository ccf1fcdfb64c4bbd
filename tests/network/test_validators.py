"""Tests for network/validators.py: codice fiscale and partita IVA of the network's organisations.

Check digits verified with python-stdnum (stdnum.it.iva) and python-codicefiscale."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from network.models import Ente
from network.validators import validate_organisation_tax_code, validate_vat_number

WRONG_CHECK_DIGIT = "Il codice fiscale numerico non è valido (cifra di controllo errata)."
BAD_PERSONAL_CODE = "Il codice fiscale non è valido."
BAD_LENGTH = "Il codice fiscale deve avere 11 cifre (ente) o 16 caratteri (persona)."
BAD_VAT = "La partita IVA non è valida: servono 11 cifre con cifra di controllo corretta."


@pytest.mark.parametrize(
    ("value", "error"),
    [
        pytest.param("80050050154", None, id="regione-lombardia-11-digits"),
        pytest.param(" 80050050154 ", None, id="surrounding-spaces-ignored"),
        pytest.param("12874720159", None, id="another-valid-11-digits"),
        pytest.param("80050050150", WRONG_CHECK_DIGIT, id="wrong-check-digit"),
        pytest.param("00000000000", WRONG_CHECK_DIGIT, id="all-zeros"),
        pytest.param("RSSMRA85T10A562S", None, id="sole-trader-16-chars"),
        pytest.param("rssmra85t10a562s", None, id="sole-trader-lowercase"),
        pytest.param("RSSMRA85T10A56NH", None, id="sole-trader-omocodia"),
        pytest.param("RSSMRA85T10A562X", BAD_PERSONAL_CODE, id="personal-code-wrong-control-letter"),
        pytest.param("8005005015", BAD_LENGTH, id="ten-digits"),
        pytest.param("8005005015A", BAD_LENGTH, id="eleven-chars-not-all-digits"),
        pytest.param("IT80050050154", BAD_LENGTH, id="vat-prefix-is-not-a-tax-code"),
        pytest.param("non lo so", BAD_LENGTH, id="garbage"),
        pytest.param("", BAD_LENGTH, id="empty"),
    ],
)
def test_organisation_tax_codes(value: str, error: str | None) -> None:
    if error is None:
        validate_organisation_tax_code(value)
        return
    with pytest.raises(ValidationError) as caught:
        validate_organisation_tax_code(value)
    assert caught.value.messages == [error]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("12874720159", True, id="eleven-digits"),
        pytest.param("IT12874720159", True, id="it-prefix"),
        pytest.param("it12874720159", True, id="lowercase-it-prefix"),
        pytest.param(" IT12874720159 ", True, id="surrounding-spaces"),
        pytest.param("12874720150", False, id="wrong-check-digit"),
        pytest.param("IT12874720150", False, id="it-prefix-wrong-check-digit"),
        pytest.param("DE12874720159", False, id="foreign-prefix"),
        pytest.param("1287472015", False, id="ten-digits"),
        pytest.param("RSSMRA85T10A562S", False, id="personal-tax-code-is-not-a-vat-number"),
        pytest.param("partita iva", False, id="garbage"),
    ],
)
def test_vat_numbers(value: str, valid: bool) -> None:
    if valid:
        validate_vat_number(value)
        return
    with pytest.raises(ValidationError) as caught:
        validate_vat_number(value)
    assert caught.value.messages == [BAD_VAT]


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"tax_code": "80050050154", "vat_number": "IT12874720159"}, set()),
        ({"tax_code": "", "vat_number": ""}, set()),  # both optional
        ({"tax_code": "80050050150", "vat_number": "IT12874720159"}, {"tax_code"}),
        ({"tax_code": "80050050154", "vat_number": "12874720150"}, {"vat_number"}),
    ],
)
def test_the_ente_model_runs_both_validators(db: None, fields: dict[str, str], errors: set[str]) -> None:
    ente = Ente(name="Regione Lombardia", kind=Ente.Kind.OTHER_PUBLIC, **fields)

    if not errors:
        ente.full_clean()
        return
    with pytest.raises(ValidationError) as caught:
        ente.full_clean()
    assert set(caught.value.message_dict) == errors
