"""deploy/compose.yaml against the Compose Specification's JSON schema (vendored in
deploy/schema/, Apache-2.0), and against what config/settings/production.py requires: the env
the compose file gives web, worker and migrate passes `check --deploy`. Docker and Caddy are used
only where they are installed; nothing is built or fetched."""
# ruff: noqa: S603, S607 - the deployment tests run manage.py, docker compose and caddy with fixed arguments

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
APP_SERVICES = ("migrate", "web", "worker")
_INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Z0-9_]+)(?::(?P<op>[-?])(?P<arg>[^}]*))?\}")
_ENV_READ = re.compile(
    r"""(?:env_str|env_bool|env_int|env_float|env_list|_int|os\.environ\.get|os\.environ\[)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def _compose() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def _env_example() -> dict[str, str]:
    values: dict[str, str] = {}
    for line in (DEPLOY / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def _interpolate(value: str, env: dict[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        name, op, arg = match["name"], match["op"], match["arg"]
        if env.get(name):
            return env[name]
        if op == "?":
            raise AssertionError(f"{name} is required by compose.yaml: {arg}")
        return arg or ""

    return _INTERPOLATION.sub(one, value.replace("$$", "\0")).replace("\0", "$")


def _production_required() -> set[str]:
    tree = ast.parse((ROOT / "config" / "settings" / "production.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "REQUIRED" for t in node.targets):
            return set(ast.literal_eval(node.value))
    raise AssertionError("REQUIRED not found in production.py")


def _filled_env_example() -> dict[str, str]:
    env = _env_example()
    env["DJANGO_SECRET_KEY"] = "k3Q9vX2pL7mN4rT8wY1zA6bC5dE0fG3hJ9kL2mN7pQ4rS8tU1vW6xY"
    env["POSTGRES_PASSWORD"] = "0123456789abcdef"
    return env


def _service_env(service: dict[str, Any], dotenv: dict[str, str]) -> dict[str, str]:
    env: dict[str, str] = {}
    assert service["env_file"] == ".env"  # deploy/.env, made from deploy/.env.example
    env.update(dotenv)
    env.update({key: _interpolate(str(value), dotenv) for key, value in service["environment"].items()})
    return env


def test_compose_file_is_valid_against_the_compose_specification() -> None:
    schema = json.loads((DEPLOY / "schema" / "compose-spec.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    errors = sorted(Draft7Validator(schema).iter_errors(_compose()), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_the_schema_really_rejects_a_broken_file() -> None:
    schema = json.loads((DEPLOY / "schema" / "compose-spec.json").read_text(encoding="utf-8"))
    broken = _compose()
    broken["services"]["web"]["depends_on"] = {"migrate": {"condition": "when_it_feels_like_it"}}
    broken["services"]["worker"]["restart_policy"] = "always"
    assert len(list(Draft7Validator(schema).iter_errors(broken))) >= 2


def test_compose_has_postgres_a_one_shot_migrate_web_worker_and_an_optional_proxy() -> None:
    services = _compose()["services"]
    assert set(services) == {"db", "migrate", "web", "worker", "caddy"}
    assert services["db"]["image"].startswith("postgres:15")  # the major of Debian's pg_dump in the image
    assert services["migrate"]["restart"] == "no" and "migrate --noinput" in " ".join(services["migrate"]["command"])
    for name in ("web", "worker"):
        assert services[name]["depends_on"] == {"migrate": {"condition": "service_completed_successfully"}}
    assert services["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert "gunicorn.conf.py" in " ".join(services["web"]["command"])
    assert "jobs_worker" in services["worker"]["command"]
    assert services["caddy"]["profiles"] == ["proxy"]
    assert all("profiles" not in services[name] for name in ("db", "migrate", "web", "worker"))
    # Without the proxy the web port is published on the host's loopback only.
    assert all(port.startswith("127.0.0.1:") for port in services["web"]["ports"])


def test_every_variable_production_requires_reaches_the_app_services() -> None:
    required = _production_required()
    assert required == {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"}
    services = _compose()["services"]
    dotenv = _filled_env_example()
    for name in APP_SERVICES:
        env = _service_env(services[name], dotenv)
        assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert required <= {key for key, value in env.items() if value}, name
        assert env["DATABASE_URL"] == "postgres://cpf:0123456789abcdef@db:5432/cpf"


def test_every_interpolated_variable_is_documented_in_env_example() -> None:
    text = (DEPLOY / "compose.yaml").read_text(encoding="utf-8").replace("$$", "")
    used = {m["name"] for m in _INTERPOLATION.finditer(text)}
    assert used and used <= set(_env_example())


def test_env_example_names_only_variables_the_platform_reads() -> None:
    sources = [*ROOT.glob("config/settings/*.py"), *ROOT.glob("common/*.py"), DEPLOY / "gunicorn.conf.py"]
    read = {m for path in sources for m in _ENV_READ.findall(path.read_text(encoding="utf-8"))}
    compose_only = {
        "POSTGRES_USER",
        "POSTGRES_PASSWORD",
        "POSTGRES_DB",
        "CPF_DOMAIN",
        "CPF_TLS",
        "CPF_HTTP_PORT",
        "CPF_IMAGE",
    }
    unknown = set(_env_example()) - read - compose_only
    assert not unknown, f"documented but never read: {sorted(unknown)}"


def test_the_env_compose_gives_web_passes_check_deploy() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CPF_", "SENTRY_", "DATABASE_URL"))}
    env.update(_service_env(_compose()["services"]["web"], _filled_env_example()))
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_dockerfile_builds_on_debian_python_with_the_pinned_requirements() -> None:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim-bookworm$", text, re.M)
    assert "pip install -r requirements/base.txt" in text
    assert "libpango-1.0-0" in text and "postgresql-client-15" in text
    assert "collectstatic --noinput" in text
    assert re.search(r"^USER cpf$", text, re.M)
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".env", "deploy/.env", ".secret_key", ".venv", ".git"} <= set(ignored)


def _docker_compose_available() -> bool:
    if shutil.which("docker") is None:
        return False
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _docker_compose_available(), reason="docker compose non installato su questa macchina")
def test_docker_compose_config_accepts_the_file(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("\n".join(f"{k}={v}" for k, v in _filled_env_example().items()), encoding="utf-8")
    shutil.copy(DEPLOY / "compose.yaml", tmp_path / "compose.yaml")
    result = subprocess.run(
        [
            "docker",
            "compose",
            "--project-directory",
            str(tmp_path),
            "-f",
            str(tmp_path / "compose.yaml"),
            "--profile",
            "proxy",
            "config",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("caddy") is None, reason="caddy non installato su questa macchina")
def test_caddyfile_is_valid() -> None:
    result = subprocess.run(
        ["caddy", "validate", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
        env={**os.environ, "CPF_DOMAIN": "cpf.example.it", "CPF_TLS": "internal"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Valid configuration" in result.stdout + result.stderr
