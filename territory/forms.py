from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from common import uploads
from common.uploads import check_upload
from core.crud import ScopedModelForm
from territory.models import Area, Ats, Comune


class AreaForm(ScopedModelForm):
    class Meta:
        model = Area
        fields = ["kind", "name", "ats", "parent", "comune"]


class AtsForm(ScopedModelForm):
    class Meta:
        model = Ats
        fields = ["logo"]


class ComunePatronForm(ScopedModelForm):
    class Meta:
        model = Comune
        fields = ["patron_month", "patron_day"]


class AreaImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Tipo"), choices=[(Area.Kind.AMBITO, _("Ambito territoriale")), (Area.Kind.DISTRETTO, _("Distretto"))]
    )
    file = forms.FileField(label=_("File CSV (colonne istat_code,ambito)"))
    dry_run = forms.BooleanField(label=_("Solo verifica, senza salvare"), required=False, initial=True)

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        check_upload(upload, [uploads.CSV], max_bytes=2 * 1024 * 1024)
        return upload


class AreaComuniForm(forms.Form):
    comuni = forms.ModelMultipleChoiceField(
        label=_("Comuni dell'area"),
        queryset=Comune.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 20}),
    )

    def __init__(self, *args: Any, area: Area, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["comuni"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Comune.objects.filter(ats_id=area.ats_id).order_by("name")
        if not self.is_bound:
            self.initial["comuni"] = list(area.comuni.values_list("pk", flat=True))
