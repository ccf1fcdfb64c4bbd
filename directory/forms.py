from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import scoping
from accounts.models import Role
from common.forms import StyledForm
from core.crud import ScopedModelForm
from directory.models import Resource
from network.models import Ente


class ResourceForm(ScopedModelForm):
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

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        scope = scoping.scope_of(user)
        if scope is not None and scope.role == Role.ORG_EDITOR and scope.ente_id is not None:
            # An organisation's editor writes for its own organisation only.
            organisation = self.fields["organisation"]
            assert isinstance(organisation, forms.ModelChoiceField)
            organisation.queryset = Ente.objects.filter(pk=scope.ente_id)
            organisation.initial = scope.ente_id


class SearchForm(StyledForm):
    q = forms.CharField(label=_("Cerca"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Tipologia"), required=False, choices=[("", _("Tutte")), *Resource.Kind.choices])
