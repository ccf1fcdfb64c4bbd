"""The worker's heartbeat: a daemon thread in `manage.py jobs_worker` touches its row every
few seconds, and `/healthz` reports the most recent one."""

import os
import socket
import threading
from datetime import timedelta
from typing import Any

from django.db import close_old_connections, connection
from django.utils import timezone

from jobs.models import WorkerHeartbeat

BEAT_INTERVAL = timedelta(seconds=10)
# A worker that has not beaten for this long is reported as stale.
STALE_AFTER = timedelta(minutes=2)


def beat(worker_id: str, started_at: Any) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "last_seen": timezone.now(),
        },
    )


class HeartbeatThread(threading.Thread):
    def __init__(self, worker_id: str, interval: timedelta = BEAT_INTERVAL) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.started_at = timezone.now()
        self._stop_event = threading.Event()

    def run(self) -> None:
        from jobs.schedule import enqueue_due

        try:
            while not self._stop_event.wait(self.interval.total_seconds()):
                close_old_connections()
                try:
                    beat(self.worker_id, self.started_at)
                    enqueue_due()
                except Exception:  # a busy or restarting database: beat again next time
                    connection.close()
        finally:
            connection.close()

    def stop(self) -> None:
        self._stop_event.set()


def worker_status(now: Any = None) -> dict[str, Any]:
    now = now or timezone.now()
    last = WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()
    if last is None:
        return {"status": "missing", "last_heartbeat": None}
    age = now - last
    return {
        "status": "ok" if age <= STALE_AFTER else "stale",
        "last_heartbeat": last.isoformat(),
        "age_seconds": max(0, int(age.total_seconds())),
    }
