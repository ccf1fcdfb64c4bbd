from django.urls import path

from funding import views
from funding.backoffice import BUDGET_LINE, CALL, EXPENSE, FUND, FUND_SOURCE, PERIOD, PROJECT, RESIDUAL, TRANCHE

app_name = "funding"
urlpatterns = [
    path("riparti/", views.allocation_list, name="allocation_list"),
    path("riparti/nuovo/", views.allocation_create, name="allocation_create"),
    path("riparti/<int:pk>/", views.allocation_detail, name="allocation_detail"),
    path("riparti/<int:pk>/xlsx/", views.allocation_xlsx, name="allocation_xlsx"),
    path("riparti/<int:pk>/xlsx/lavoro/", views.allocation_xlsx_job, name="allocation_xlsx_job"),
    path("riparti/<int:pk>/pdf/", views.allocation_pdf, name="allocation_pdf"),
    path("progetti/<int:pk>/rendiconto.xlsx", views.project_report_xlsx, name="project_report_xlsx"),
    path("periodi/<int:pk>/invia/", views.period_submit, name="period_submit"),
    path("periodi/<int:pk>/esame/", views.period_review, name="period_review"),
    *FUND.urls("fondi"),
    *CALL.urls("avvisi"),
    *PROJECT.urls("progetti"),
    *BUDGET_LINE.urls("voci"),
    *EXPENSE.urls("spese"),
    *PERIOD.urls("periodi"),
    *TRANCHE.urls("tranche"),
    *RESIDUAL.urls("residui"),
    path("spese/<int:pk>/giustificativo/", views.expense_document, name="expense_document"),
    path("progetti/<int:pk>/rendiconto.pdf", views.project_report_pdf, name="project_report_pdf"),
    *FUND_SOURCE.urls("fonti"),
]
