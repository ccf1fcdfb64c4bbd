"""How a module declares a background job: `@job(kind, label=...)` on a plain function.

    # myapp/jobs.py (imported at start-up by jobs.apps)
    from jobs.registry import JobContext, JobFile, job

    @job("myapp.report_xlsx", label=_("Rapporto in XLSX"))
    def report_xlsx(ctx: JobContext, *, report_id: int) -> JobFile:
        report = scoping.get_for_user(ctx.actor, Report.objects.all(), report_id)
        for i, part in enumerate(parts):
            ctx.progress(i, len(parts), gettext_noop("Scrittura delle righe"))
        return JobFile(name="rapporto.xlsx", content=data, content_type=XLSX)

The function runs in the worker with the user who started it as `ctx.actor`: it reads through
`accounts.scoping` like a view does. Raise `JobError(message)` for a failure the user must read
(not retried); any other exception is retried up to `max_attempts` times."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_noop
from django_stubs_ext import StrOrPromise

if TYPE_CHECKING:
    from accounts.models import User
    from jobs.models import Job

# Progress is written at most this often (plus at the last step), so a tight loop does not
# turn into one UPDATE per row.
PROGRESS_WRITE_INTERVAL = timedelta(milliseconds=300)


class JobError(Exception):
    """A failure explained to the user (Italian message, no personal data); never retried."""


@dataclass(frozen=True)
class JobFile:
    name: str
    content: bytes
    content_type: str


class JobContext:
    def __init__(self, job: "Job") -> None:
        self.job = job
        self._last_write = timezone.now() - PROGRESS_WRITE_INTERVAL

    @property
    def actor(self) -> "User":
        """The user who started the job; read through accounts.scoping with it."""
        if self.job.owner is None:
            raise JobError(gettext_noop("Questo lavoro non ha un utente: è un lavoro periodico del sistema."))
        return self.job.owner

    @property
    def is_system(self) -> bool:
        return self.job.owner_id is None

    @property
    def attempt(self) -> int:
        return self.job.attempts

    def progress(self, done: int, total: int | None = None, step: str | None = None) -> None:
        """Record how far the job got. `step` is an Italian source string (mark it with
        gettext_noop): it is translated when shown, in the reader's language."""
        from jobs.models import Job

        job = self.job
        if total is not None:
            job.total = max(0, total)
        job.done = max(0, min(done, job.total) if job.total else done)
        step_changed = step is not None and step != job.step
        if step is not None:
            job.step = step[:200]
        now = timezone.now()
        if step_changed or job.done == job.total or now - self._last_write >= PROGRESS_WRITE_INTERVAL:
            Job.objects.filter(pk=job.pk).update(done=job.done, total=job.total, step=job.step, updated_at=now)
            self._last_write = now


JobFunction = Callable[..., JobFile | None]


@dataclass(frozen=True)
class JobDefinition:
    kind: str
    label: StrOrPromise
    func: JobFunction
    max_attempts: int
    retry_delay: timedelta

    def __call__(self, ctx: JobContext, **params: Any) -> JobFile | None:
        return self.func(ctx, **params)


_REGISTRY: dict[str, JobDefinition] = {}


def job(
    kind: str, *, label: StrOrPromise, max_attempts: int = 3, retry_delay: timedelta = timedelta(seconds=30)
) -> Callable[[JobFunction], JobDefinition]:
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")

    def register(func: JobFunction) -> JobDefinition:
        existing = _REGISTRY.get(kind)
        if existing is not None and existing.func.__qualname__ != func.__qualname__:
            raise ValueError(f"Job kind {kind!r} is already registered")
        definition = JobDefinition(
            kind=kind, label=label, func=func, max_attempts=max_attempts, retry_delay=retry_delay
        )
        _REGISTRY[kind] = definition
        return definition

    return register


def definition_for(kind: str) -> JobDefinition | None:
    return _REGISTRY.get(kind)
