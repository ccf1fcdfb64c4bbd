"""The nightly backup as a job (core.backup): only where CPF_BACKUP_DIR names a directory."""

import logging
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.backup import BackupError, backup_create, backup_prune
from jobs.registry import JobContext, JobError, job
from jobs.schedule import daily

logger = logging.getLogger(__name__)


@job("core.backup", label=_("Salvataggio di database e file"), max_attempts=2)
def backup(ctx: JobContext) -> None:
    if not settings.BACKUP_DIR:
        raise JobError(gettext_noop("Cartella dei salvataggi non configurata (CPF_BACKUP_DIR)."))
    directory = Path(settings.BACKUP_DIR)
    try:
        backup_create(directory=directory, progress=ctx.progress)
    except BackupError as exc:
        logger.error("backup failed: %s", exc)
        raise JobError(gettext_noop("Salvataggio non riuscito: vedere il registro del worker.")) from exc
    backup_prune(directory=directory, keep=settings.BACKUP_KEEP)


if settings.BACKUP_DIR:
    daily(backup, hour=settings.BACKUP_HOUR)
