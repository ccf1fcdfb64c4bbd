"""Start a job, run it in the worker, retry it. The public entry point is `start_job`."""

import logging
from datetime import timedelta
from typing import Any

import sentry_sdk
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from accounts.types import Actor, user_of
from jobs.models import Job, JobStatus
from jobs.registry import JobContext, JobDefinition, JobError, definition_for

logger = logging.getLogger(__name__)

MSG_UNKNOWN = gettext_noop("Tipo di lavoro non più disponibile.")
MSG_NO_ACCESS = gettext_noop("Non hai più accesso ai dati di questo lavoro.")
MSG_GAVE_UP = gettext_noop("Il lavoro non è riuscito nemmeno riprovando. L'errore è stato registrato per i tecnici.")
MSG_RETRY = gettext_noop("Nuovo tentativo in attesa")


def _check_params(params: dict[str, Any]) -> None:
    import json

    # Parameters are stored as JSON: ids and options only (never personal data).
    json.dumps(params, cls=DjangoJSONEncoder)


def start_job(*, actor: Actor, definition: JobDefinition, params: dict[str, Any] | None = None) -> Job:
    """Queue `definition` for `actor` and return the Job to show its progress.

    The queue row is written in the caller's transaction: if the caller rolls back, nothing runs."""
    params = params or {}
    _check_params(params)
    job = Job.objects.create(
        kind=definition.kind, owner=user_of(actor), params=params, max_attempts=definition.max_attempts
    )
    _enqueue(job)
    job.refresh_from_db()
    return job


def _enqueue(job: Job, delay: timedelta | None = None) -> None:
    from jobs.tasks import run_job

    task = run_job
    if delay and run_job.get_backend().supports_defer:
        task = run_job.using(run_after=timezone.now() + delay)
    result = task.enqueue(str(job.pk))
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))


def _finish(job: Job, status: str, error: str = "") -> None:
    job.status = status
    job.error = error
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at", "done", "total", "step", "updated_at"])


def execute(job_id: str) -> None:
    """Run one attempt of a job (called by the worker through jobs.tasks.run_job)."""
    job = Job.objects.select_related("owner").filter(pk=job_id).first()
    if job is None or job.is_finished or job.status == JobStatus.RUNNING:
        return
    definition = definition_for(job.kind)
    if definition is None:
        _finish(job, JobStatus.FAILED, MSG_UNKNOWN)
        return
    job.attempts += 1
    job.status = JobStatus.RUNNING
    job.started_at = job.started_at or timezone.now()
    job.save(update_fields=["attempts", "status", "started_at", "updated_at"])
    if job.owner is not None and not job.owner.is_active:
        _finish(job, JobStatus.FAILED, MSG_NO_ACCESS)
        return
    try:
        with translation.override("it"):
            output = definition(JobContext(job), **job.params)
    except JobError as exc:
        _finish(job, JobStatus.FAILED, str(exc)[:300])
        return
    except (PermissionDenied, Http404, ObjectDoesNotExist):
        _finish(job, JobStatus.FAILED, MSG_NO_ACCESS)
        return
    except Exception as exc:
        # The message of an exception may quote data: log the class only; Sentry scrubs the rest.
        logger.error(
            "job failed",
            extra={"job_id": str(job.pk), "kind": job.kind, "attempt": job.attempts, "error": type(exc).__name__},
        )
        sentry_sdk.capture_exception(exc)
        if job.attempts < job.max_attempts:
            job.status = JobStatus.QUEUED
            job.step = MSG_RETRY
            job.save(update_fields=["status", "step", "updated_at"])
            _enqueue(job, delay=definition.retry_delay * 2 ** (job.attempts - 1))
            return
        _finish(job, JobStatus.FAILED, MSG_GAVE_UP)
        return
    if output is not None:
        job.result.save(output.name, ContentFile(output.content), save=False)
        job.result_name = output.name
        job.result_content_type = output.content_type
    if job.total:
        job.done = job.total
    job.save(update_fields=["result", "result_name", "result_content_type", "updated_at"])
    _finish(job, JobStatus.SUCCEEDED)
