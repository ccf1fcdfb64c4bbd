"""The production settings: `check --deploy` is clean, and a missing secret, host or database
stops the process with a message naming it. Logs leave as JSON without personal data."""
# ruff: noqa: S603 - the test runs our own manage.py with fixed arguments

import importlib.util
import io
import json
import logging
import os
import runpy
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from common.logging import JsonFormatter

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "k3Q9vX2pL7mN4rT8wY1zA6bC5dE0fG3hJ9kL2mN7pQ4rS8tU1vW6xY",
    "DJANGO_ALLOWED_HOSTS": "cpf.regione.example",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://cpf.regione.example",
    # check --deploy does not connect: the address only has to be a PostgreSQL URL.
    "DATABASE_URL": "postgres://cpf:secret@db.invalid:5432/cpf",
}


def _manage(*args: str, drop: tuple[str, ...] = (), **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CPF_", "SENTRY_", "DATABASE_URL"))}
    env.update(PRODUCTION_ENV)
    env.update(extra)
    for name in drop:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr
    assert "?:" not in result.stdout + result.stderr  # no check id lines at all


def test_production_settings_turn_debug_off_and_use_hashed_static_files() -> None:
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS,"
        " s.STORAGES['staticfiles']['BACKEND'], s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS)"
    )
    result = _manage("shell", "--no-imports", "-c", code, DJANGO_HSTS_SECONDS="600")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "False True True True 600 common.storage.StaticStorage ['cpf.regione.example'] ['https://cpf.regione.example']"
    )


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_a_missing_required_variable_fails_loudly(missing: str) -> None:
    result = _manage("check", drop=(missing,))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr
    others = set(PRODUCTION_ENV) - {missing, "DJANGO_SETTINGS_MODULE", "DJANGO_CSRF_TRUSTED_ORIGINS"}
    assert not any(f"  {name}:" in result.stderr for name in others)  # only the missing one is named


def test_an_empty_allowed_hosts_counts_as_missing() -> None:
    result = _manage("check", DJANGO_ALLOWED_HOSTS=" ")
    assert result.returncode != 0 and "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_refuses_sqlite_and_debug() -> None:
    sqlite = _manage("check", DATABASE_URL="sqlite:///tmp/x.sqlite3")
    assert sqlite.returncode != 0 and "DATABASE_URL must point to PostgreSQL" in sqlite.stderr
    debug = _manage("check", DJANGO_DEBUG="1")
    assert debug.returncode != 0 and "DJANGO_DEBUG must be off" in debug.stderr


def _json_line(record: logging.LogRecord) -> dict[str, object]:
    line = JsonFormatter().format(record)
    assert "\n" not in line
    return json.loads(line)


def test_json_log_lines_carry_no_personal_data() -> None:
    record = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "Errore su /famiglie/?q=Rossi per %s (%s)",
        ("RSSMRA80A01F205X", "mario.rossi@example.it"),
        None,
    )
    record.status_code = 500
    record.request = SimpleNamespace(body=b"nome=Mario", COOKIES={"sessionid": "abc"})
    entry = _json_line(record)
    text = json.dumps(entry)
    assert entry["level"] == "ERROR" and entry["logger"] == "django.request" and entry["status_code"] == 500
    for personal in ("RSSMRA80A01F205X", "mario.rossi", "Rossi", "q=", "sessionid", "Mario"):
        assert personal not in text
    assert entry["message"] == "Errore su /famiglie/?[dati omessi] per [dati omessi] ([dati omessi])"
    assert set(entry) == {"time", "level", "logger", "message", "status_code"}


def test_json_log_lines_scrub_exception_messages_but_keep_the_class() -> None:
    try:
        raise ValueError("Key (fiscal_code)=(RSSMRA80A01F205X) already exists; scrivere a a.b@example.it")
    except ValueError:
        record = logging.LogRecord("jobs", logging.ERROR, __file__, 1, "job failed", (), sys.exc_info())
    entry = _json_line(record)
    exception = entry["exception"]
    assert isinstance(exception, dict) and exception["type"] == "ValueError"
    assert "RSSMRA80A01F205X" not in exception["traceback"] and "a.b@example.it" not in exception["traceback"]
    assert "Key (fiscal_code)=[dati omessi]" in exception["traceback"]


def test_gunicorn_access_log_has_no_query_string_referrer_or_address(monkeypatch: pytest.MonkeyPatch) -> None:
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    conf = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert conf["graceful_timeout"] == 30 and conf["workers"] >= 1 and conf["worker_class"] == "gthread"
    cfg = Config()
    for name in ("access_log_format", "logconfig_dict", "accesslog", "errorlog"):
        cfg.set(name, conf[name])
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    logger = Logger(cfg)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/famiglie/?q=RSSMRA80A01F205X",
        "PATH_INFO": "/famiglie/",
        "QUERY_STRING": "q=RSSMRA80A01F205X",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "HTTP_REFERER": "https://cpf.example/famiglie/?q=Bianchi",
        "HTTP_USER_AGENT": "Mozilla/5.0",
    }
    resp = SimpleNamespace(status="200 OK", headers=[("Content-Type", "text/html")], sent=1234)
    req = SimpleNamespace(headers=[("HOST", "cpf.example")])
    logger.access(resp, req, environ, timedelta(milliseconds=12))
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if '"gunicorn.access"' in line]
    assert [line["message"] for line in lines] == ["GET /famiglie/ 200 1234B 12ms"]


def test_gunicorn_workers_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUNICORN_WORKERS", "5")
    monkeypatch.setenv("GUNICORN_GRACEFUL_TIMEOUT", "45")
    conf = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert conf["workers"] == 5 and conf["graceful_timeout"] == 45


def test_object_storage_without_its_library_fails_loudly() -> None:
    result = _manage("check", CPF_MEDIA_STORAGE="s3")
    expected = "django-storages" if importlib.util.find_spec("storages") is None else "CPF_S3_BUCKET"
    assert result.returncode != 0 and expected in result.stderr
    unknown = _manage("check", CPF_MEDIA_STORAGE="ftp")
    assert unknown.returncode != 0 and "CPF_MEDIA_STORAGE must be" in unknown.stderr


def test_production_shares_one_database_cache_across_processes() -> None:
    # The rate limits (common/ratelimit.py) count in the cache: per process they would be as
    # many times looser as there are gunicorn workers.
    code = "from django.conf import settings as s; c = s.CACHES['default']; print(c['BACKEND'], c.get('LOCATION'))"
    shared = _manage("shell", "--no-imports", "-c", code)
    assert shared.returncode == 0, shared.stderr
    assert shared.stdout.strip() == "django.core.cache.backends.db.DatabaseCache cpf_cache"
    local = _manage("shell", "--no-imports", "-c", code, CPF_CACHE="memory")
    assert local.stdout.strip().startswith("django.core.cache.backends.locmem.LocMemCache")
    serve = (ROOT / "scripts" / "serve.sh").read_text()
    compose = (ROOT / "deploy" / "compose.yaml").read_text()
    assert "createcachetable" in serve and "createcachetable" in compose
