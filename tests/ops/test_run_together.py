"""`make run` starts the web server and the worker together; one Ctrl+C stops both."""
# ruff: noqa: S603, S607 - the test runs our own script and ps with fixed arguments

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "run_together.py"
SLEEPER = f"{sys.executable} -c 'import time; time.sleep(60)'"


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False)
    return [int(x) for x in out.stdout.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_ctrl_c_stops_every_command() -> None:
    proc = subprocess.Popen([sys.executable, str(SCRIPT), SLEEPER, SLEEPER])
    deadline = time.monotonic() + 10
    while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    children = _children(proc.pid)
    assert len(children) == 2
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=10)
    assert not any(_alive(pid) for pid in children)


def test_when_one_command_ends_the_others_are_stopped_and_its_code_returned() -> None:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(SCRIPT), SLEEPER, f"{sys.executable} -c 'raise SystemExit(3)'"], timeout=20, check=False
    )
    assert result.returncode == 3 and time.monotonic() - started < 15
