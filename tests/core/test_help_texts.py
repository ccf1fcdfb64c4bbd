"""The promises in help texts and labels are true (issue #8, item 4): what a form tells the user
about a field is what the field does. The mechanical claims are checked here for every model field
and every declared form field of the project's apps:

- «facoltativo/facoltativa» → the model field has blank=True, the form field required=False;
- «massimo N caratteri» → max_length is N;
- «gg/mm/aaaa» → the field is a date field whose input formats accept dd/mm/yyyy;
- «PNG o JPEG» on a file field → its upload check accepts those formats;
- an «Es. …» example in a help text passes the field's own validation (an example you cannot type is a lie);
- the family-code example «FAM-1A2B3C4D» has the shape of the codes the platform issues.

The prose claims that cannot be checked mechanically (e-mails sent, retention periods, visibility)
are tested where the behaviour lives; see docs/ARCHITECTURE.md, «Help texts»."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

OPTIONAL = re.compile(r"\bfacoltativ[oa]\b", re.IGNORECASE)
MAX_CHARS = re.compile(r"(?:al\s+)?massimo\s+(\d+)\s+caratteri", re.IGNORECASE)
DATE_FORMAT = "gg/mm/aaaa"


def _local_app_configs() -> list[Any]:
    base = Path(settings.BASE_DIR).resolve()
    return [c for c in apps.get_app_configs() if Path(c.path).resolve().is_relative_to(base) and ".venv" not in c.path]


def _local_modules() -> set[str]:
    return {c.name.split(".")[0] for c in _local_app_configs()}


def _model_fields() -> Iterator[tuple[str, models.Field[Any, Any]]]:
    for config in _local_app_configs():
        for model in config.get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.Field) and not field.auto_created:
                    yield f"{model._meta.label}.{field.name}", field


def _all_subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def _form_fields() -> Iterator[tuple[str, forms.Field]]:
    local = _local_modules()
    for name in sorted(local):
        for module in (f"{name}.forms", f"{name}.twofactor_views", f"{name}.views"):
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as exc:
                if exc.name != module:
                    raise
    seen: set[type] = set()
    for form_class in _all_subclasses(forms.BaseForm):
        if form_class in seen or form_class.__module__.split(".")[0] not in local:
            continue
        seen.add(form_class)
        for field_name, field in form_class.base_fields.items():  # type: ignore[attr-defined]
            yield f"{form_class.__module__}.{form_class.__qualname__}.{field_name}", field


def _texts(*values: Any) -> str:
    with translation.override("it"):
        return " ".join(str(v) for v in values if v)


def test_the_audit_sees_the_project_fields() -> None:
    """The walkers find the fields the claims are on (so the checks below cannot pass on nothing)."""
    model_names = {name for name, _ in _model_fields()}
    form_names = {name for name, _ in _form_fields()}
    assert "territory.Ats.logo" in model_names
    assert "directory.Resource.languages" in model_names
    assert "families.forms.ConsentForm.expires_on" in form_names
    assert "directory.forms.ResourceForm.hours" in form_names


def test_optional_in_the_text_means_blank_on_the_model() -> None:
    wrong = [
        name for name, f in _model_fields() if OPTIONAL.search(_texts(f.verbose_name, f.help_text)) and not f.blank
    ]
    assert not wrong, wrong


def test_optional_in_the_text_means_not_required_in_the_form() -> None:
    checked, wrong = 0, []
    for name, f in _form_fields():
        if OPTIONAL.search(_texts(f.label, f.help_text)):
            checked += 1
            if f.required:
                wrong.append(name)
    assert checked >= 5  # family code, consent expiry and file, nucleus names, contact message
    assert not wrong, wrong


def test_a_stated_character_limit_is_the_max_length() -> None:
    wrong = []
    for name, f in [*_model_fields(), *_form_fields()]:
        text = _texts(getattr(f, "help_text", ""), getattr(f, "label", None) or getattr(f, "verbose_name", ""))
        for match in MAX_CHARS.finditer(text):
            if getattr(f, "max_length", None) != int(match.group(1)):
                wrong.append((name, match.group(0), getattr(f, "max_length", None)))
    assert not wrong, wrong


def test_the_date_format_is_promised_only_where_it_is_accepted() -> None:
    wrong = []
    for name, f in _form_fields():
        if DATE_FORMAT in _texts(f.label, f.help_text).lower():
            if not isinstance(f, forms.DateField):
                wrong.append(name)
                continue
            try:
                assert f.clean("31/12/2025") == date(2025, 12, 31)
            except (ValidationError, AssertionError):
                wrong.append(name)
    for name, mf in _model_fields():
        if DATE_FORMAT in _texts(mf.help_text).lower() and not isinstance(mf, models.DateField):
            wrong.append(name)
    assert not wrong, wrong


def test_every_form_date_field_accepts_the_italian_format() -> None:
    """Dates are typed dd/mm/yyyy everywhere (STYLE): no form date field refuses «31/12/2025»."""
    with translation.override("it"):
        for name, f in _form_fields():
            if isinstance(f, forms.DateField) and not isinstance(f, forms.DateTimeField):
                assert f.clean("31/12/2025") == date(2025, 12, 31), name


def test_file_formats_in_the_text_are_the_accepted_ones() -> None:
    for name, f in _model_fields():
        if not isinstance(f, models.FileField):
            continue
        text = _texts(f.help_text).upper()
        stated = {fmt for fmt in ("PNG", "JPEG", "PDF", "CSV") if re.search(rf"\b{fmt}\b", text)}
        accepted: set[str] = set()
        for validator in f.validators:
            accepted |= {str(k).upper() for k in getattr(validator, "labels", ())}
        if stated:
            assert stated <= accepted, (name, stated, accepted)


@pytest.mark.django_db
def test_examples_in_help_texts_pass_the_field_validation() -> None:
    """«Es. chiuso ad agosto», «Es. it,en,ar», the weekly-hours example: each is accepted by the
    field it describes."""
    from directory import schedule
    from directory.models import Resource

    resource = Resource(languages="it,en,ar")
    assert resource.language_codes() == ["it", "en", "ar"]
    field = Resource._meta.get_field("languages")
    field.clean("it,en,ar", resource)
    slots, errors = schedule.parse_hours("lun 09:00-12:30; mer 14:00-18:00")
    assert len(slots) == 2 and not errors


def test_the_family_code_example_has_the_issued_shape() -> None:
    from activities.forms import SignUpForm
    from families.services.families import new_family_code

    assert "FAM-1A2B3C4D" in _texts(SignUpForm.base_fields["family_code"].help_text)

    shape = re.compile(r"^FAM-[0-9A-F]{8}$")
    assert shape.match("FAM-1A2B3C4D")
    for _ in range(20):
        assert shape.match(new_family_code())


def test_the_new_family_page_asks_no_identifying_data() -> None:
    """families/family_form.html: «Tutti i dati identificativi sono facoltativi»."""
    from families.forms import FamilyForm, PersonForm

    identifying = {
        FamilyForm: ("name", "comune"),
        PersonForm: ("first_name", "last_name", "birth_date", "birth_year", "fiscal_code", "citizenship", "languages"),
    }
    for form_class, names in identifying.items():
        for name in names:
            assert not form_class.base_fields[name].required, (form_class.__name__, name)  # type: ignore[attr-defined]
