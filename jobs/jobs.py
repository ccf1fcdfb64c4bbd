"""The job system's own daily housekeeping."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_tasks_db.models import DBTaskResult

from jobs.models import Job, JobStatus, ScheduledRun
from jobs.registry import JobContext, job
from jobs.schedule import daily

# A job still "running" after this long lost its worker (killed, machine restarted).
LOST_AFTER = timedelta(hours=6)


@job("jobs.housekeeping", label=_("Pulizia dei lavori conclusi"), max_attempts=2)
def housekeeping(ctx: JobContext, *, keep_days: int = 7) -> None:
    now = timezone.now()
    cutoff = now - timedelta(days=keep_days)
    ctx.progress(0, 3, gettext_noop("Lavori interrotti"))
    Job.objects.filter(status=JobStatus.RUNNING, updated_at__lt=now - LOST_AFTER).update(
        status=JobStatus.FAILED, error=gettext_noop("Il lavoro si è interrotto (worker fermato)."), finished_at=now
    )
    ctx.progress(1, 3, gettext_noop("File dei lavori conclusi"))
    for old in Job.objects.filter(finished_at__lt=cutoff).exclude(pk=ctx.job.pk).iterator():
        if old.result:
            old.result.delete(save=False)
        old.delete()
    ctx.progress(2, 3, gettext_noop("Coda dei lavori"))
    DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    ScheduledRun.objects.filter(day__lt=(now - timedelta(days=60)).date()).delete()
    ctx.progress(3, 3)


daily(housekeeping, hour=3)
