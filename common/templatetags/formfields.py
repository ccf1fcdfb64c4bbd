"""Template helpers of the one form-field renderer (`templates/forms/`): the widget with its
required state spelt out for assistive technology, and the counts the error summary needs."""

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Widgets whose role takes aria-required (textbox, combobox, listbox, spinbutton); a checkbox or a
# group of checkboxes does not, and a group states it on its legend instead.
_GROUPS = (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect, forms.HiddenInput)


@register.filter
def widget_required(field: BoundField) -> SafeString:
    """The field's widget; a required field also carries aria-required (Django adds `required`,
    `aria-invalid` and `aria-describedby` pointing at `<id>_helptext` and `<id>_error`)."""
    attrs: dict[str, str | bool] = {}
    if field.field.required and not isinstance(field.field.widget, _GROUPS):
        attrs["aria-required"] = "true"
    html = field.as_widget(attrs=attrs)
    if field.field.show_hidden_initial:
        html += field.as_hidden(only_initial=True)
    return mark_safe(html)  # noqa: S308 - both parts are rendered (escaped) by Django's widgets


@register.filter
def is_group(field: BoundField) -> bool:
    """A field rendered as a fieldset of choices (several checkboxes or radio buttons)."""
    return isinstance(field.field.widget, (forms.CheckboxSelectMultiple, forms.RadioSelect))


@register.filter
def has_required(form: forms.BaseForm) -> bool:
    return any(bf.field.required for bf in form.visible_fields())


@register.filter
def error_count(form: forms.BaseForm) -> int:
    return sum(len(errors) for errors in form.errors.values())


@register.filter
def anchor_id(field: BoundField) -> str:
    """The id the error summary links to: the widget, or the first choice of a group."""
    return f"{field.auto_id}_0" if is_group(field) else field.id_for_label
