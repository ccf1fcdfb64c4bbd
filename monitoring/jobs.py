"""Monitoring exports as background jobs (jobs/): the XLSX of a node and period, with progress."""

import logging

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.exports import run_export
from jobs.registry import JobContext, JobFile, job
from jobs.schedule import daily
from monitoring import exporters
from monitoring.dashboard import open_view
from monitoring.periods import Period

logger = logging.getLogger(__name__)


@job("monitoring.export_xlsx", label=_("Monitoraggio in XLSX"))
def export_xlsx(ctx: JobContext, *, level: str, node: int, start: str, end: str, kind: str) -> JobFile:
    import datetime as dt

    ctx.progress(0, 100, gettext_noop("Calcolo degli indicatori"))
    period = Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end), kind)
    # The worker reads with the scope of the user who started the export.
    view = open_view(ctx.actor, period, level, node)
    exporter = exporters.FiguresExporter(
        progress=lambda done, total: ctx.progress(done, total, gettext_noop("Scrittura delle righe"))
    )
    file = run_export(exporter, actor=ctx.actor, obj=view, fmt="xlsx")
    return JobFile(name=file.filename, content=file.content or b"", content_type=file.content_type)


@job("monitoring.prune_changes", label=_("Monitoraggio: pulizia del registro delle modifiche"))
def prune_changes(ctx: JobContext) -> None:
    """Shorten the change log the stored figures are keyed on (monitoring.freshness)."""
    from monitoring import freshness

    ctx.progress(0, 1, gettext_noop("Pulizia del registro delle modifiche"))
    freshness.prune()
    ctx.progress(1, 1)


daily(prune_changes, hour=4)


@job("monitoring.reconcile", label=_("Monitoraggio: verifica dei valori memorizzati e approvati"), max_attempts=2)
def reconcile(ctx: JobContext) -> None:
    """The nightly check of `reconcile_monitoring` (without --repair): differences go to the
    worker's log as indicator codes, periods and Centre numbers, never a family."""
    from monitoring import reconcile as service

    ctx.progress(0, 1, gettext_noop("Verifica dei valori memorizzati e approvati"))
    report = service.check()
    for row in report.stale:
        logger.warning(
            "monitoring reconcile: stored figures differ: %s %s..%s",
            row.indicator,
            row.period_start.isoformat(),
            row.period_end.isoformat(),
        )
    for found in report.drifted:
        logger.warning(
            "monitoring reconcile: approved snapshot differs: centre %s period %s indicators %s",
            found.approval.centre_id,
            found.approval.period_code,
            ",".join(sorted(found.figures)),
        )
    logger.info(
        "monitoring reconcile: %d stored figures and %d locked periods differ", len(report.stale), len(report.drifted)
    )
    ctx.progress(1, 1)


daily(reconcile, hour=4)
