"""The real queue: django-tasks-db's database backend and `manage.py jobs_worker`."""

from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs.models import Job, JobStatus, WorkerHeartbeat
from jobs.runner import start_job
from tests.jobs.conftest import count_to, flaky
from tests.personas import Personas

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> None:
    call_command("jobs_worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-reload", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_queued_jobs_and_beats(personas: Personas, settings: Any) -> None:
    settings.TASKS = DB_QUEUE
    job = start_job(actor=personas.op_a1, definition=count_to, params={"n": 3})
    assert job.status == JobStatus.QUEUED and job.attempts == 0
    assert DBTaskResult.objects.filter(id=job.task_id).exists()
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.result.read() == b"3"
    assert WorkerHeartbeat.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_retry_waits_in_the_queue_with_backoff(personas: Personas, settings: Any) -> None:
    settings.TASKS = DB_QUEUE
    job = start_job(actor=personas.op_a1, definition=flaky, params={"fail_times": 1, "key": "worker-backoff"})
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.attempts == 1
    retry = DBTaskResult.objects.get(id=job.task_id)
    assert retry.run_after > timezone.now()  # 30 s later: the batch worker leaves it alone
    run_worker()
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 2
