"""A background job as its user sees it: what it is, how far it got, its file when it is done.

The queue itself is django-tasks' (`django_tasks_db.DBTaskResult`); a `Job` row is the
user-facing side of one run, written by `jobs.runner` and polled by the progress partial."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("In coda")
    RUNNING = "running", _("In corso")
    SUCCEEDED = "succeeded", _("Completato")
    FAILED = "failed", _("Non riuscito")


FINISHED = {JobStatus.SUCCEEDED, JobStatus.FAILED}


def _result_path(job: "Job", filename: str) -> str:
    return f"jobs/{job.pk}/{filename}"


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("tipo"), max_length=100)
    # Empty for the daily jobs the worker starts by itself (jobs.schedule).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("avviato da"),
    )
    # Ids and options only: never names, fiscal codes or other personal data.
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("stato"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    step = models.CharField(_("fase"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    error = models.CharField(_("errore"), max_length=300, blank=True)
    result = models.FileField(upload_to=_result_path, blank=True)
    result_name = models.CharField(max_length=200, blank=True)
    result_content_type = models.CharField(max_length=100, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lavoro")
        verbose_name_plural = _("lavori")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"]), models.Index(fields=["status", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def label(self) -> str:
        from jobs.registry import definition_for

        definition = definition_for(self.kind)
        return str(definition.label) if definition else self.kind


class WorkerHeartbeat(models.Model):
    """One row per worker process, touched every few seconds by `manage.py jobs_worker`."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("battito del worker")
        verbose_name_plural = _("battiti dei worker")

    def __str__(self) -> str:
        return self.worker_id


class ScheduledRun(models.Model):
    """One row per daily job and day: the unique key makes a daily job start once per day."""

    kind = models.CharField(max_length=100)
    day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "day"], name="jobs_scheduledrun_once_a_day")]

    def __str__(self) -> str:
        return f"{self.kind} {self.day}"
