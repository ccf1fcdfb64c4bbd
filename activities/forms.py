"""Forms of the activities back office (Italian labels, Bootstrap Italia styling)."""

from typing import Any

from django import forms
from django.http import QueryDict
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


class AttendanceForm(forms.Form):
    """The attendance sheet as posted: the ids of the registrations marked present and one
    anonymous headcount per target. Whether the ids are confirmed sign-ups and the counts fit the
    capacity is decided by `services.attendance_record` (all or nothing)."""

    INVALID = _("Presenze non salvate: i numeri indicati non sono validi.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in Target.values:
            self.fields[f"headcount_{code}"] = forms.IntegerField(
                required=False, error_messages={"invalid": self.INVALID}
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            posted: QueryDict = self.data  # type: ignore[assignment]  # bound to request.POST
            cleaned["present"] = {int(v) for v in posted.getlist("present")}
        except ValueError as exc:
            raise forms.ValidationError(self.INVALID) from exc
        cleaned["headcounts"] = {
            code: cleaned[f"headcount_{code}"] for code in Target.values if cleaned.get(f"headcount_{code}") is not None
        }
        return cleaned
