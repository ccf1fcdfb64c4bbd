"""`manage.py jobs_worker`: django-tasks-db's worker plus a heartbeat (and the periodic jobs)."""

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from jobs.heartbeat import HeartbeatThread, beat


class Command(DbWorkerCommand):
    help = "Esegue i lavori in background (django-tasks, coda nel database) e registra il battito del worker."

    def handle(self, *args: Any, **options: Any) -> None:
        heartbeat = HeartbeatThread(options["worker_id"])
        beat(heartbeat.worker_id, heartbeat.started_at)  # the health check sees the worker at once
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
