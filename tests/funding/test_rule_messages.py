"""The funding rules return catalogue keys and parameters; the app translates them (English is
the back office's second language), keeping the amounts in the Italian format of the rule."""

from decimal import Decimal as D

import pytest
from django.utils import translation

from funding.rules import CALL_ATS_VAL_PADANA_2024, MESSAGES, Component, RuleError, allocate, check_project_budget


def test_budget_violations_read_in_english() -> None:
    with translation.override("en"):
        violations = check_project_budget(D("100000.00"), D("70000.01"), CALL_ATS_VAL_PADANA_2024)
        messages = [v.message for v in violations]
    assert messages[0] == "The requested contribution (70.000,01 €) exceeds the ceiling of 70.000,00 €."
    assert messages[1].startswith("The requested contribution (70.000,01 €) exceeds 70% of the total cost")
    assert messages[2] == "The co-financing (29.999,99 €) is less than 30% of the total cost (100.000,00 €)."
    with translation.override("it"):
        assert violations[0].message.startswith("Il contributo richiesto (70.000,01 €) supera il massimale")


def test_allocation_errors_read_in_english_with_recipients_named() -> None:
    with pytest.raises(RuleError) as caught:
        allocate(D("1.00"), ["A", "B"], [Component.by_weights(D(100), {"A": D(1)}, label="pesi")])
    with translation.override("en"):
        assert caught.value.named({"B": "ATS Brianza"}) == "component «pesi»: recipients missing: ATS Brianza"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_rule_text_has_its_english(key: str) -> None:
    with translation.override("en"):
        assert translation.gettext(MESSAGES[key]) != MESSAGES[key]
