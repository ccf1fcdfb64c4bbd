"""Monitoring exports as background jobs (jobs/): the XLSX of a node and period, with progress."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.exports import run_export
from jobs.registry import JobContext, JobFile, job
from jobs.schedule import daily
from monitoring import exporters
from monitoring.dashboard import open_view
from monitoring.periods import Period


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
