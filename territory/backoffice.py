from typing import Any

from django.http import HttpRequest

from common.crud import Crud
from territory import forms
from territory.models import Area, Comune


def _area_context(request: HttpRequest, area: Area) -> dict[str, Any]:
    return {"members": area.comuni.order_by("name"), "children": area.children.all()}


AREA = Crud(
    model=Area,
    form_class=forms.AreaForm,
    namespace="territory",
    columns=[("Nome", lambda o: o.name), ("Tipo", lambda o: o.get_kind_display()), ("ATS", lambda o: o.ats.short_name)],
    search_fields=["name"],
    filters=["kind", "ats", "is_synthetic"],
    select_related=["ats"],
    detail_template="territory/area_detail.html",
    detail_context=_area_context,
)
COMUNE = Crud(
    model=Comune,
    form_class=forms.ComunePatronForm,
    namespace="territory",
    columns=[
        ("Comune", str),
        ("Codice ISTAT", lambda o: o.istat_code),
        ("Codice catastale", lambda o: o.cadastral_code),
        ("ATS", lambda o: o.ats.short_name),
        ("ASST", lambda o: o.asst or "—"),
    ],
    search_fields=["name", "istat_code", "cadastral_code"],
    filters=["ats", "province_abbr"],
    select_related=["ats", "asst"],
)
