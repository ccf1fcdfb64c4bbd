"""Funding exports that run as background jobs (jobs/), with progress for the user."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from accounts import scoping
from audit.services import audit_log
from funding import exporters
from funding.models import Allocation
from jobs.registry import JobContext, JobFile, job

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@job("funding.allocation_xlsx", label=_("Riparto in XLSX"))
def allocation_xlsx(ctx: JobContext, *, allocation_id: int) -> JobFile:
    ctx.progress(0, 3, gettext_noop("Lettura del riparto"))
    # The worker reads with the permissions of the user who started the export.
    allocation = scoping.get_for_user(ctx.actor, Allocation.objects.select_related("fund"), allocation_id)
    ctx.progress(1, 3, gettext_noop("Scrittura del foglio di calcolo"))
    content = exporters.allocation_xlsx(allocation)
    ctx.progress(2, 3, gettext_noop("Registrazione dell'esportazione"))
    with transaction.atomic():
        audit_log(actor=ctx.actor, action="funding.allocation.exported_xlsx", obj=allocation)
    ctx.progress(3, 3)
    return JobFile(name=f"riparto-{allocation.pk}.xlsx", content=content, content_type=XLSX)
