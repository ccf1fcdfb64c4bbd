from django.contrib.auth.decorators import login_required
from django.urls import URLPattern, path

from conciliazione import views
from conciliazione.backoffice import EDITABLE, SERVICE_BACKED

app_name = "conciliazione"
urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("piano/<str:ats_code>/", views.plan, name="plan"),
    path("piano/<str:ats_code>/xlsx/", views.plan_xlsx, name="plan_xlsx"),
    path("piano/<str:ats_code>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("de-minimis/", views.de_minimis_ledger, name="de_minimis_ledger"),
    path("nuclei/<int:pk>/verifica-requisiti/", views.household_check, name="household_check"),
    path("voucher/nuovo/", views.voucher_create, name="voucher_create"),
    path("voucher/<int:pk>/utilizza/", views.voucher_redeem, name="voucher_redeem"),
    path("rimborsi/nuovo/", views.reimbursement_create, name="reimbursement_create"),
    path("rimborsi/<int:pk>/approva/", views.reimbursement_approve, name="reimbursement_approve"),
    path("aiuti/nuovo/", views.grant_create, name="deminimisgrant_create"),
]
for prefix, crud in EDITABLE:
    urlpatterns += crud.urls(prefix)
for prefix, crud in SERVICE_BACKED:
    urlpatterns += [
        path(f"{prefix}/", login_required(crud.list_view), name=f"{crud.name}_list"),
        path(f"{prefix}/<int:pk>/", login_required(crud.detail_view), name=f"{crud.name}_detail"),
    ]
