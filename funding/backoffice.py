from django.utils.translation import gettext_lazy as _

from common.crud import Crud
from common.formatting import format_eur
from funding import forms
from funding.models import Fund, FundSource

FUND = Crud(
    model=Fund,
    form_class=forms.FundForm,
    namespace="funding",
    columns=[
        (_("Fondo"), str),
        (_("Atto"), lambda o: o.decree_reference),
        (_("Dal"), lambda o: o.start_year),
        (_("Al"), lambda o: o.end_year),
    ],
    search_fields=["name", "decree_reference"],
    detail_template="funding/fund_detail.html",
    prefetch_related=["sources"],
)
FUND_SOURCE = Crud(
    model=FundSource,
    form_class=forms.FundSourceForm,
    namespace="funding",
    columns=[(_("Fonte"), str), (_("Fondo"), lambda o: o.fund), (_("Importo"), lambda o: format_eur(o.amount))],
    filters=["fund"],
    select_related=["fund"],
    initial_from_query=["fund"],
)
