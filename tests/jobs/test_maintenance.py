"""The nightly maintenance jobs: retention (families.retention) runs the anonymisation of the
`anonymise_closed_schede` command; the reminder and reconciliation jobs are daily too."""

import datetime as dt

from django.utils import timezone

from families.jobs import retention
from families.models import Family, Scheda
from families.services import schede
from jobs.models import Job, JobStatus
from jobs.runner import start_job
from jobs.schedule import daily_jobs
from tests.families.helpers import make_family
from tests.personas import Personas


def test_the_nightly_jobs_are_daily() -> None:
    hours = {entry.definition.kind: entry.hour for entry in daily_jobs()}
    assert {"families.retention", "families.reminders", "monitoring.reconcile"} <= set(hours)
    assert hours["families.retention"] == 2 and hours["families.reminders"] == 7


def test_retention_anonymises_schede_closed_past_the_period_only(personas: Personas) -> None:
    p = personas
    today = timezone.localdate()
    old, recent = make_family(p, first_name="Vecchia"), make_family(p, first_name="Recente")
    for family, closed in ((old, today.replace(year=today.year - 6)), (recent, today - dt.timedelta(days=30))):
        scheda = schede.scheda_open(actor=p.op_a1, family=family, access_reason="altro")
        Scheda.objects.filter(pk=scheda.pk).update(status=Scheda.Status.CLOSED, outcome="altro", closed_on=closed)
    job = start_job(actor=None, definition=retention)
    assert Job.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED
    assert Family.objects.get(pk=old.pk).is_anonymised
    assert not Family.objects.get(pk=recent.pk).is_anonymised
