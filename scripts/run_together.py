#!/usr/bin/env python3
"""Run several commands as one: `make run` starts the web server and the jobs worker with it.

    python scripts/run_together.py "python manage.py jobs_worker" "python manage.py runserver"

Ctrl+C (SIGINT) or SIGTERM stops them all; when one of them ends by itself, the others are
stopped too and its exit code is returned. Each gets a graceful signal first, then a grace
period (the worker finishes the job it is running), then SIGKILL."""

import shlex
import signal
import subprocess
import sys
import time
from types import FrameType

GRACE_SECONDS = 15.0


def _stop(procs: list[subprocess.Popen[bytes]], sig: int) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(sig)
    deadline = time.monotonic() + GRACE_SECONDS
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("uso: run_together.py 'comando 1' 'comando 2' ...", file=sys.stderr)
        return 2
    stopping: list[int] = []

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    # Own process groups: Ctrl+C reaches only this script, which forwards one signal to each child
    # (a second SIGINT would make the worker abandon the job it is running).
    procs = [subprocess.Popen(shlex.split(command), process_group=0) for command in argv[1:]]  # noqa: S603
    exit_code = 0
    while not stopping:
        ended = [p for p in procs if p.poll() is not None]
        if ended:
            exit_code = ended[0].returncode
            break
        time.sleep(0.2)
    _stop(procs, stopping[0] if stopping else signal.SIGTERM)
    return exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
