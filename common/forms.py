"""Form helpers shared by every app: Bootstrap Italia styling of widgets and model validation
errors attached to a form. Nothing here depends on the
scoping layer; the scoped model form and the CRUD engine live in `core.crud`."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def style_fields(form: forms.BaseForm) -> None:
    """Bootstrap Italia classes and native date/time pickers on every widget of a form."""
    for form_field in form.fields.values():
        if isinstance(form_field.widget, forms.DateInput):
            form_field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        elif isinstance(form_field.widget, forms.TimeInput):
            form_field.widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
        if isinstance(form_field.widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(form_field.widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
            css = ""
        elif isinstance(form_field.widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        if css:
            form_field.widget.attrs.setdefault("class", css)


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self)


def attach_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def form_errors_text(form: forms.BaseForm) -> str:
    """All the errors of an invalid form as one sentence, for a message after a redirect."""
    return " ".join(str(e) for errors in form.errors.values() for e in errors)
