"""Long choice lists render fast (issue #8 item 4, forms under 200 ms): `common.forms.FastSelect`
writes the same <select> as Django's template widget, and the scoped choice querysets of
`core.crud` leave a model's JSON payloads (a comune's GeoJSON boundary) in the database."""

import pytest
from django import forms
from django.test.html import parse_html

from common.forms import FastSelect, StyledForm
from core.crud import scope_form_choices
from territory.models import Comune
from tests.personas import Personas


def _pair(**kwargs: object) -> tuple[forms.Select, FastSelect]:
    return forms.Select(**kwargs), FastSelect(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("choices", "value"),
    [
        ([("", "---------"), ("1", "Milano (MI)"), ("2", "Sant'Angelo <Lodigiano> & co")], "2"),
        ([("Lombardia", [("a", "Bergamo"), ("b", "Brescia")]), ("c", "Altro")], "b"),
        ([("1", "uno")], None),
    ],
)
def test_fast_select_writes_the_markup_of_django_select(choices: list[object], value: object) -> None:
    slow, fast = _pair(attrs={"class": "form-select", "aria-required": "true", "required": True, "disabled": False})
    slow.choices = fast.choices = choices  # type: ignore[assignment]
    attrs = {"id": "id_comune", "aria-describedby": "id_comune_helptext"}
    expected = slow.render("comune", value, attrs=attrs)
    got = fast.render("comune", value, attrs=attrs)
    assert parse_html(got) == parse_html(expected)
    assert "&lt;Lodigiano&gt; &amp; co" in got or "Lodigiano" not in expected


def test_styled_forms_use_the_fast_select_for_plain_selects_only() -> None:
    class Form(StyledForm):
        one = forms.ChoiceField(choices=[("a", "A")])
        many = forms.MultipleChoiceField(choices=[("a", "A")])
        radio = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)

    form = Form()
    assert type(form.fields["one"].widget) is FastSelect
    assert type(form.fields["many"].widget) is forms.SelectMultiple
    assert type(form.fields["radio"].widget) is forms.RadioSelect
    assert 'class="form-select"' in str(form["one"])


@pytest.mark.django_db
def test_choice_querysets_leave_the_boundaries_in_the_database(personas: Personas) -> None:
    class Form(forms.Form):
        comune = forms.ModelChoiceField(queryset=Comune.objects.all())

    form = Form()
    scope_form_choices(form, personas.regione)
    queryset = form.fields["comune"].queryset  # type: ignore[attr-defined]
    assert "boundary" in queryset.query.deferred_loading[0]
    assert queryset.query.deferred_loading[1] is True  # deferred, not «only»
