from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from api.urls import api
from common.views import healthz
from directory.api import hsds_api

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("hsds/v3/", hsds_api.urls),
    path("mappatura/", include("directory.urls")),
    path("account/", include("accounts.urls")),
    path("territorio/", include("territory.urls")),
    path("rete/", include("network.urls")),
    path("finanziamenti/", include("funding.urls")),
    path("conciliazione/", include("conciliazione.urls")),
    path("famiglie/", include("families.urls")),
    path("attivita/", include("activities.urls")),
    path("richieste-contatto/", include("portal.desk_urls")),
    path("lavori/", include("jobs.urls")),
    path("monitoraggio/", include("monitoring.urls")),
    path("informazioni/", include("core.urls")),
    path("scelte/", include("core.choices_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("portal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "common.views.bad_request"
handler403 = "common.views.permission_denied"
handler404 = "common.views.page_not_found"
handler500 = "common.views.server_error"
