#!/usr/bin/env python3
"""Dependency audit for `make test`: pip-audit against the pinned lock
requirements/base.txt. Fails on a known vulnerability; tolerates being offline: when the
vulnerability service cannot be reached (or answers for no package) it prints a warning and the
suite goes on. Bounded by a timeout so that a slow network never holds the suite."""

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "base.txt"
TIMEOUT_SECONDS = 120


def verdict(report: dict[str, Any] | None) -> tuple[int, str]:
    """(exit code, message) for a pip-audit JSON report (None: pip-audit gave no report)."""
    if report is None:
        return 0, "ATTENZIONE: audit delle dipendenze non eseguito (servizio non raggiungibile)."
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    if vulnerable:
        lines = [
            f"  {d['name']} {d.get('version', '')}: "
            + ", ".join(f"{v['id']} (corretta in {', '.join(v.get('fix_versions') or ['—'])})" for v in d["vulns"])
            for d in vulnerable
        ]
        return 1, "Vulnerabilità note nelle dipendenze fissate:\n" + "\n".join(lines)
    audited = [d for d in deps if not d.get("skip_reason")]
    if not audited:
        return 0, f"ATTENZIONE: nessuna delle {len(deps)} dipendenze verificata (servizio non raggiungibile?)."
    skipped = len(deps) - len(audited)
    note = f" ({skipped} non verificate)" if skipped else ""
    return 0, f"Nessuna vulnerabilità nota in {len(audited)} dipendenze{note}."


def run() -> dict[str, Any] | None:
    audit = Path(sys.executable).with_name("pip-audit")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        command = [str(audit), "-r", str(LOCK), "--no-deps", "--disable-pip", "--progress-spinner", "off"]
        command += ["--timeout", "15", "-f", "json", "-o", str(out)]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)  # noqa: S603
        except (OSError, subprocess.TimeoutExpired):
            return None
        try:
            report: dict[str, Any] = json.loads(out.read_text())
            return report
        except (OSError, ValueError):
            return None


def main() -> int:
    code, message = verdict(run())
    print(message)
    return code


if __name__ == "__main__":
    sys.exit(main())
