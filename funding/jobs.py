"""Funding exports that run as background jobs (jobs/), with progress for the user."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from accounts import scoping
from core.exports import run_export
from funding import exporters
from funding.models import Allocation
from jobs.registry import JobContext, JobFile, job


@job("funding.allocation_xlsx", label=_("Riparto in XLSX"))
def allocation_xlsx(ctx: JobContext, *, allocation_id: int) -> JobFile:
    ctx.progress(0, 3, gettext_noop("Lettura del riparto"))
    # The worker reads with the permissions of the user who started the export.
    allocation = scoping.get_for_user(ctx.actor, Allocation.objects.select_related("fund"), allocation_id)
    ctx.progress(1, 3, gettext_noop("Scrittura del foglio di calcolo"))
    file = run_export(exporters.AllocationExporter(), actor=ctx.actor, obj=allocation, fmt="xlsx")
    ctx.progress(3, 3)
    assert file.content is not None
    return JobFile(name=file.filename, content=file.content, content_type=file.content_type)
