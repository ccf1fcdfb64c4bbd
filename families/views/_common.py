"""Helpers shared by the family views."""

from django import forms
from django.core.exceptions import ValidationError

from common.concurrency import ConflictError
from common.forms import attach_errors


def conflict_or_errors(form: forms.BaseForm, exc: Exception) -> None:
    if isinstance(exc, ConflictError):
        form.add_error(None, str(exc))
    elif isinstance(exc, ValidationError):
        attach_errors(form, exc)
