"""The dependency audit of `make test` (scripts/dependency_audit.py): fails on a known
vulnerability, warns and goes on when the service cannot be reached."""

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dependency_audit", ROOT / "scripts" / "dependency_audit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


audit = _script()


def test_a_known_vulnerability_fails_the_run() -> None:
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.0", "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"]}]},
            {"name": "pillow", "version": "11.0.0", "vulns": []},
        ]
    }
    code, message = audit.verdict(report)
    assert code == 1 and "django 5.2.0: PYSEC-2025-1 (corretta in 5.2.1)" in message


def test_no_vulnerability_passes_and_says_how_many_were_checked() -> None:
    report = {"dependencies": [{"name": "django", "version": "5.2.0", "vulns": []}, {"name": "x", "skip_reason": "?"}]}
    assert audit.verdict(report) == (0, "Nessuna vulnerabilità nota in 1 dipendenze (1 non verificate).")


def test_offline_is_a_warning_not_a_failure() -> None:
    assert audit.verdict(None)[0] == 0
    everything_skipped = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]}
    code, message = audit.verdict(everything_skipped)
    assert code == 0 and message.startswith("ATTENZIONE")


def test_the_audit_reads_the_pinned_lock() -> None:
    assert audit.LOCK == ROOT / "requirements" / "base.txt" and audit.LOCK.is_file()
    assert audit.TIMEOUT_SECONDS <= 180
