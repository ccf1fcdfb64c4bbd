from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Lavori in background")

    def ready(self) -> None:
        # Every app declares its jobs in `<app>/jobs.py`; importing them registers their kinds.
        autodiscover_modules("jobs")
