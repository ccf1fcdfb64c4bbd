"""The families app's daily jobs: the reminder e-mail (families.reminders) and retention
(families.services.privacy.anonymise_closed_schede, as the `anonymise_closed_schede` command)."""

import logging

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from families import codes
from jobs.registry import JobContext, job
from jobs.schedule import daily

logger = logging.getLogger(__name__)


@job("families.reminders", label=_("Promemoria giornaliero a coordinatori e operatori"), max_attempts=1)
def reminders(ctx: JobContext) -> None:
    """Not retried: a second attempt would send the same e-mail twice to those already reached."""
    from families.reminders import send_reminders

    ctx.progress(0, 1, gettext_noop("Invio dei promemoria"))
    outcome = send_reminders()
    logger.info(
        "reminders: %d sent, %d not sent, %d with nothing due", outcome.sent, outcome.failed, outcome.nothing_due
    )
    ctx.progress(1, 1)


@job("families.retention", label=_("Conservazione: anonimizzazione delle schede chiuse"), max_attempts=2)
def retention(ctx: JobContext, *, years: int = codes.RETENTION_YEARS) -> None:
    from families.services.privacy import anonymise_closed_schede

    ctx.progress(0, 1, gettext_noop("Anonimizzazione delle schede chiuse da oltre il periodo di conservazione"))
    count = anonymise_closed_schede(years=years)
    logger.info("retention: %d families anonymised", count)
    ctx.progress(1, 1)


daily(retention, hour=2)
daily(reminders, hour=7)
