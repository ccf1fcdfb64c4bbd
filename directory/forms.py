from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import scoping
from accounts.models import Role
from accounts.types import Actor
from common.forms import StyledForm
from core.crud import ScopedModelForm
from directory import schedule
from directory.models import Resource
from network.models import Ente, ReferralDestination


class ResourceForm(ScopedModelForm):
    hours = forms.CharField(
        label=_("Orari settimanali"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Un intervallo per voce, separati da punto e virgola: «lun 09:00-12:30; mer 14:00-18:00»."),
    )

    destination = forms.ModelChoiceField(
        label=_("Servizio specialistico di invio della rete"),
        required=False,
        queryset=ReferralDestination.objects.none(),
        help_text=_(
            "Collega la voce al servizio a cui gli operatori inviano le famiglie: il modulo di invio "
            "mostrerà i suoi orari, come accedere e le lingue."
        ),
    )

    class Meta:
        model = Resource
        fields = [
            "name",
            "kind",
            "organisation",
            "description",
            "comune",
            "address",
            "postal_code",
            "latitude",
            "longitude",
            "phone",
            "email",
            "website",
            "schedule_notes",
            "eligibility",
            "minimum_age",
            "maximum_age",
            "is_free",
            "fees_description",
            "languages",
            "how_to_access",
            "service_areas",
            "tags",
            "visibility",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "eligibility": forms.Textarea(attrs={"rows": 2}),
            "how_to_access": forms.Textarea(attrs={"rows": 2}),
            "service_areas": forms.CheckboxSelectMultiple,
            "tags": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, user: Actor, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        scope = scoping.scope_of(user)
        if scope is not None and scope.role == Role.ORG_EDITOR and scope.ente_id is not None:
            # An organisation's editor writes for its own organisation only.
            organisation = self.fields["organisation"]
            assert isinstance(organisation, forms.ModelChoiceField)
            organisation.queryset = Ente.objects.filter(pk=scope.ente_id)
            organisation.initial = scope.ente_id
        if scope is not None and scope.role in (Role.REGIONE, Role.ATS_OFFICER):
            # Only who governs the registry links an entry to a referral destination.
            destination = self.fields["destination"]
            assert isinstance(destination, forms.ModelChoiceField)
            destination.queryset = scoping.scoped(user, ReferralDestination.objects.filter(is_active=True))
            if self.instance.pk:
                destination.initial = self.instance.destination_id
        else:
            del self.fields["destination"]
        if self.instance.pk and not self.is_bound:
            self.initial["hours"] = schedule.format_hours(
                (h.weekday, h.opens, h.closes) for h in self.instance.hours.all()
            )

    def clean_hours(self) -> list[schedule.Slot]:
        slots, errors = schedule.parse_hours(self.cleaned_data.get("hours") or "")
        if errors:
            raise forms.ValidationError(errors)
        return slots


class SearchForm(StyledForm):
    q = forms.CharField(label=_("Cerca"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Tipologia"), required=False, choices=[("", _("Tutte")), *Resource.Kind.choices])
