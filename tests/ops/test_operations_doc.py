"""docs/OPERATIONS.md documents every environment variable the platform reads, in Italian and in
English, and the README links it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_READ = re.compile(
    r"""(?:env_str|env_bool|env_int|env_float|env_list|_int|os\.environ\.get|os\.environ\[)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)
SOURCES = ("config/settings/*.py", "common/*.py", "core/*.py", "accounts/*.py", "jobs/*.py", "deploy/gunicorn.conf.py")


def _read_variables() -> set[str]:
    found = {
        name for pattern in SOURCES for path in ROOT.glob(pattern) for name in _READ.findall(path.read_text("utf-8"))
    }
    found.discard("DJANGO_SETTINGS_MODULE")
    return found


def _halves() -> tuple[str, str]:
    text = (ROOT / "docs" / "OPERATIONS.md").read_text(encoding="utf-8")
    italian, _, english = text.partition('<a id="english"></a>')
    return italian, english


def test_every_environment_variable_is_documented_in_both_languages() -> None:
    variables = _read_variables()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "GUNICORN_WORKERS", "SENTRY_DSN", "CPF_BACKUP_DIR"} <= variables
    for language, half in zip(("it", "en"), _halves(), strict=True):
        missing = sorted(name for name in variables if f"`{name}`" not in half)
        assert not missing, f"OPERATIONS.md ({language}) does not document {missing}"


def test_both_languages_cover_the_same_sections() -> None:
    italian, english = _halves()
    assert len(re.findall(r"^## \d+\.", italian, re.M)) == len(re.findall(r"^## \d+\.", english, re.M)) == 8


def test_readme_links_the_operations_guide_after_make_run_and_make_test() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/OPERATIONS.md" in readme
    assert readme.index("make run") < readme.index("make test") < readme.index("docs/OPERATIONS.md")
