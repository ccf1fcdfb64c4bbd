"""Background jobs through the job system (immediate backend: the job runs inside enqueue)."""

import datetime as dt
import logging
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from jobs.heartbeat import STALE_AFTER, beat, worker_status
from jobs.jobs import housekeeping
from jobs.models import Job, JobStatus, ScheduledRun, WorkerHeartbeat
from jobs.runner import start_job
from jobs.schedule import enqueue_due
from tests.jobs.conftest import CALLS, count_to, flaky, refuses, whoami
from tests.personas import Personas


def test_a_job_records_its_progress_and_its_file(personas: Personas) -> None:
    job = start_job(actor=personas.op_a1, definition=count_to, params={"n": 5})
    assert job.status == JobStatus.SUCCEEDED
    assert (job.done, job.total, job.percent, job.attempts) == (5, 5, 100, 1)
    assert job.result.read() == b"5"
    assert job.result_name == "conteggio.txt" and job.owner == personas.op_a1
    assert job.started_at is not None and job.finished_at is not None


def test_a_failing_job_is_retried_and_the_log_carries_no_data(
    personas: Personas, caplog: pytest.LogCaptureFixture
) -> None:
    key = str(uuid.uuid4())
    with caplog.at_level(logging.INFO):
        job = start_job(actor=personas.op_a1, definition=flaky, params={"fail_times": 2, "key": key})
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 3 and CALLS[key] == 3
    assert "RSSMRA" not in caplog.text and "Rossi" not in caplog.text
    assert [r.error for r in caplog.records if r.message == "job failed"] == ["RuntimeError", "RuntimeError"]  # type: ignore[attr-defined]


def test_a_job_that_keeps_failing_gives_up_after_its_attempts(personas: Personas) -> None:
    key = str(uuid.uuid4())
    job = start_job(actor=personas.op_a1, definition=flaky, params={"fail_times": 10, "key": key})
    assert job.status == JobStatus.FAILED and job.attempts == flaky.max_attempts == CALLS[key]
    assert "riprovando" in job.error and "RSSMRA" not in job.error


def test_an_explained_failure_is_not_retried(personas: Personas) -> None:
    before = CALLS.get("refuses", 0)
    job = start_job(actor=personas.op_a1, definition=refuses)
    assert job.status == JobStatus.FAILED and job.attempts == 1 and CALLS["refuses"] == before + 1
    assert job.error == "Dati non validi per l'esportazione."


def test_the_job_runs_as_the_user_who_started_it(personas: Personas) -> None:
    job = start_job(actor=personas.coord_a, definition=whoami)
    assert job.result.read() == personas.coord_a.username.encode()


def test_a_deactivated_user_job_does_not_run(personas: Personas) -> None:
    personas.op_a1.is_active = False
    personas.op_a1.save()
    job = start_job(actor=personas.op_a1, definition=whoami)
    assert job.status == JobStatus.FAILED and not job.result


def test_parameters_must_be_json(personas: Personas) -> None:
    with pytest.raises(TypeError):
        start_job(actor=personas.op_a1, definition=count_to, params={"n": object()})
    assert not Job.objects.exists()


def test_only_the_owner_sees_a_job_its_progress_and_its_file(personas: Personas, client: Client) -> None:
    job = start_job(actor=personas.op_a1, definition=count_to, params={"n": 3})
    urls = [f"/lavori/{job.pk}/", f"/lavori/{job.pk}/avanzamento/", f"/lavori/{job.pk}/file/"]
    client.force_login(personas.op_a1)
    assert [client.get(u).status_code for u in urls] == [200, 200, 200]
    assert b"".join(client.get(urls[2]).streaming_content) == b"3"  # type: ignore[attr-defined]
    assert "Conta (test)" in client.get("/lavori/").content.decode()
    for other in [u for u in personas.users().values() if u != personas.op_a1]:
        client.force_login(other)
        assert [client.get(u).status_code for u in urls] == [404, 404, 404]
        assert "Conta (test)" not in client.get("/lavori/").content.decode()
    client.logout()
    assert all(client.get(u).status_code == 302 for u in urls)


def test_the_progress_partial_polls_until_the_job_has_finished(personas: Personas, client: Client) -> None:
    job = start_job(actor=personas.op_a1, definition=count_to, params={"n": 4})
    client.force_login(personas.op_a1)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, done=1)
    running = client.get(f"/lavori/{job.pk}/avanzamento/").content.decode()
    assert 'hx-trigger="every 1s"' in running and "1 di 4 (25%)" in running and 'value="25"' in running
    assert "Conteggio" in running
    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED, done=4)
    finished = client.get(f"/lavori/{job.pk}/avanzamento/").content.decode()
    assert "hx-trigger" not in finished and "Scarica conteggio.txt" in finished


def test_daily_jobs_start_once_a_day_from_their_hour(personas: Personas) -> None:
    today = timezone.localdate()
    early = timezone.make_aware(dt.datetime(today.year, today.month, today.day, 2, 59))
    assert "jobs.housekeeping" not in enqueue_due(early)
    late = early + dt.timedelta(minutes=1)
    assert "jobs.housekeeping" in enqueue_due(late)
    assert "jobs.housekeeping" not in enqueue_due(late + dt.timedelta(hours=5))
    assert ScheduledRun.objects.filter(kind="jobs.housekeeping").count() == 1
    system_job = Job.objects.get(kind="jobs.housekeeping")
    assert system_job.owner is None and system_job.status == JobStatus.SUCCEEDED


def test_housekeeping_removes_old_jobs_and_their_files_and_fails_lost_ones(personas: Personas) -> None:
    old = start_job(actor=personas.op_a1, definition=count_to, params={"n": 1})
    recent = start_job(actor=personas.op_a1, definition=count_to, params={"n": 1})
    lost = start_job(actor=personas.op_a1, definition=count_to, params={"n": 1})
    storage, old_name = old.result.storage, old.result.name
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - dt.timedelta(days=8))
    Job.objects.filter(pk=lost.pk).update(status=JobStatus.RUNNING, finished_at=None)
    Job.objects.filter(pk=lost.pk).update(updated_at=timezone.now() - dt.timedelta(hours=7))
    start_job(actor=None, definition=housekeeping)
    assert not Job.objects.filter(pk=old.pk).exists() and not storage.exists(old_name)
    assert Job.objects.filter(pk=recent.pk, status=JobStatus.SUCCEEDED).exists()
    assert Job.objects.get(pk=lost.pk).status == JobStatus.FAILED


def test_health_reports_the_worker_heartbeat(db: None, client: Client) -> None:
    assert client.get("/healthz").json()["worker"] == {"status": "missing", "last_heartbeat": None}
    started = timezone.now()
    beat("w1", started)
    worker = client.get("/healthz").json()["worker"]
    assert worker["status"] == "ok" and worker["age_seconds"] <= 5
    WorkerHeartbeat.objects.update(last_seen=timezone.now() - STALE_AFTER - dt.timedelta(seconds=1))
    assert worker_status()["status"] == "stale"
    assert client.get("/healthz").status_code == 200  # a stale worker does not fail the web probe
