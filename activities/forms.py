"""Forms of the activities back office (Italian labels, Bootstrap Italia styling)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, Target
from common.forms import StyledForm
from core.crud import ScopedModelForm


class ActivityForm(ScopedModelForm):
    targets = forms.MultipleChoiceField(
        label=_("Destinatari"), choices=Target.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "kind",
            "area",
            "seat",
            "targets",
            "description",
            "place_comune",
            "place_description",
            "capacity",
            "status",
            "is_public",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place_comune"].queryset = self.fields["place_comune"].queryset.order_by("name")  # type: ignore[attr-defined]


class ScheduleForm(StyledForm):
    first = forms.DateTimeField(
        label=_("Primo incontro (data e ora)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    weekly_count = forms.IntegerField(label=_("Numero di incontri settimanali"), min_value=1, max_value=52, initial=1)
    duration_minutes = forms.IntegerField(
        label=_("Durata di ogni incontro (minuti)"), min_value=1, max_value=1440, initial=120
    )


class SignUpForm(StyledForm):
    family_code = forms.CharField(
        label=_("Codice della famiglia"), max_length=20, required=False, help_text=_("Es. FAM-1A2B3C4D")
    )
    participant_label = forms.CharField(
        label=_("Oppure: nome del partecipante non registrato come famiglia"), max_length=120, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("family_code", "").strip() and not data.get("participant_label", "").strip():
            raise forms.ValidationError(_("Indica il codice della famiglia o il nome del partecipante."))
        return data
