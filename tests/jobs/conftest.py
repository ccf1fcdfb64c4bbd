"""Test-only job kinds, registered once for the jobs tests."""

from typing import Any

from django.utils.translation import gettext_noop

from jobs.registry import JobContext, JobError, JobFile, job

CALLS: dict[str, int] = {}


@job("tests.count_to", label="Conta (test)")
def count_to(ctx: JobContext, *, n: int) -> JobFile:
    for i in range(n):
        ctx.progress(i, n, gettext_noop("Conteggio"))
    ctx.progress(n, n)
    return JobFile(name="conteggio.txt", content=str(n).encode(), content_type="text/plain")


@job("tests.flaky", label="Instabile (test)", max_attempts=3)
def flaky(ctx: JobContext, *, fail_times: int, key: str) -> None:
    CALLS[key] = CALLS.get(key, 0) + 1
    if CALLS[key] <= fail_times:
        # The message quotes data that must not reach the logs.
        raise RuntimeError("RSSMRA80A01F205X Mario Rossi")


@job("tests.refuses", label="Rifiuta (test)")
def refuses(ctx: JobContext, **_: Any) -> None:
    CALLS["refuses"] = CALLS.get("refuses", 0) + 1
    raise JobError("Dati non validi per l'esportazione.")


@job("tests.whoami", label="Chi sono (test)")
def whoami(ctx: JobContext) -> JobFile:
    return JobFile(name="utente.txt", content=ctx.actor.username.encode(), content_type="text/plain")
