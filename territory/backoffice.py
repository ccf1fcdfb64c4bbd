from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.crud import Crud
from territory import forms
from territory.models import Area, Ats, Comune


def _area_context(request: HttpRequest, area: Area) -> dict[str, Any]:
    return {"members": area.comuni.order_by("name"), "children": area.children.all()}


AREA = Crud(
    model=Area,
    form_class=forms.AreaForm,
    namespace="territory",
    new_title=_("Nuova area territoriale"),
    columns=[
        (_("Nome"), lambda o: o.name),
        (_("Tipo"), lambda o: o.get_kind_display()),
        (_("ATS"), lambda o: o.ats.short_name),
    ],
    search_fields=["name"],
    filters=["kind", "ats", "is_synthetic"],
    select_related=["ats"],
    detail_template="territory/area_detail.html",
    detail_context=_area_context,
)
ATS = Crud(
    model=Ats,
    form_class=forms.AtsForm,
    namespace="territory",
    new_title=_("Nuova ATS"),
    columns=[(_("ATS"), str), (_("Codice"), lambda o: o.code), (_("Logo"), lambda o: _("sì") if o.logo else _("no"))],
    search_fields=["name"],
)
COMUNE = Crud(
    model=Comune,
    form_class=forms.ComunePatronForm,
    namespace="territory",
    new_title=_("Nuovo comune"),
    columns=[
        (_("Comune"), str),
        (_("Codice ISTAT"), lambda o: o.istat_code),
        (_("Codice catastale"), lambda o: o.cadastral_code),
        (_("ATS"), lambda o: o.ats.short_name),
        (_("ASST"), lambda o: o.asst or "—"),
    ],
    search_fields=["name", "istat_code", "cadastral_code"],
    filters=["ats", "province_abbr"],
    select_related=["ats", "asst"],
)
