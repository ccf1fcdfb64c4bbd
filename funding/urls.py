from django.urls import path

from funding import views
from funding.backoffice import FUND, FUND_SOURCE

app_name = "funding"
urlpatterns = [
    path("riparti/", views.allocation_list, name="allocation_list"),
    path("riparti/nuovo/", views.allocation_create, name="allocation_create"),
    path("riparti/<int:pk>/", views.allocation_detail, name="allocation_detail"),
    path("riparti/<int:pk>/xlsx/", views.allocation_xlsx, name="allocation_xlsx"),
    path("riparti/<int:pk>/pdf/", views.allocation_pdf, name="allocation_pdf"),
    *FUND.urls("fondi"),
    *FUND_SOURCE.urls("fonti"),
]
