"""`make bench`: the real benchmark.

For each scale (demo and decade by default) it builds the synthetic region once in a throwaway
database — a PostgreSQL cluster of its own (scripts/pg_test_cluster.sh) or, with --sqlite, an
SQLite file — and caches it in .bench-cache/ (pg_dump -Fc, or the SQLite file) keyed by the
generator version and the migrations, so later runs restore it in seconds. It then serves the
app with gunicorn (the production server; the standard library's threaded WSGI server when
gunicorn is not installed, and the table says so) on 127.0.0.1, signs in as each demo role,
measures every registered case (benchmarks/registry.py) against the signed-in floor page of the
same run, and prints p50/p95, query counts, page sizes and ratios, plus a 20-client run of the
heaviest pages against the floor's throughput. Results also go to .bench-cache/results-*.json/.md.

    python -m benchmarks.run [--sqlite] [--scales demo,decade] [--requests 20] [--duration 10]
"""

import argparse
import hashlib
import importlib.util
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench-cache"
PY = sys.executable


def _log(msg: str) -> None:
    print(f"==> {msg}", file=sys.stderr, flush=True)


def cache_key(scale: str) -> str:
    """The generator version (bump it when the generated data changes) and the reference data.
    Migrations are not part of the key: a restored database is migrated forward, as production
    would be (use --no-cache after switching to a branch with other migrations)."""
    import re

    # Read without importing demo.scale (it imports the models; Django is not set up here).
    source = (ROOT / "demo" / "scale.py").read_text(encoding="utf-8")
    found = re.search(r'^GENERATOR_VERSION = "([^"]+)"', source, re.M)
    GENERATOR_VERSION = found.group(1) if found else "?"

    digest = hashlib.sha256(GENERATOR_VERSION.encode())
    for path in sorted((ROOT / "territory" / "data").glob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    return f"{scale}-g{GENERATOR_VERSION}-{digest.hexdigest()[:10]}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def build(env: dict[str, str], scale: str) -> None:
    started = time.monotonic()
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "load_territory", "--if-needed")
    _manage(env, "load_catalogue")
    subprocess.run([PY, "manage.py", "seed_scale", "--scale", scale], cwd=ROOT, env=env, check=True)
    _log(f"scala {scale} costruita in {time.monotonic() - started:.0f} s")


class Postgres:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="cpf-bench-pg-"))
        base = subprocess.run(
            ["bash", "scripts/pg_test_cluster.sh", "start", str(self.dir)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        self.base = base  # postgres://postgres@/cpf?host=DIR
        self.bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]

    def url(self, db: str) -> str:
        return self.base.replace("/cpf?", f"/{db}?")

    def _run(self, tool: str, *args: str) -> None:
        cmd = [str(self.bindir / tool), "-h", str(self.dir), "-U", "postgres", *args]
        if os.getuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

    def prepare(self, scale: str, env: dict[str, str], use_cache: bool) -> str:
        db = f"cpf_{scale.replace('.', '_')}"
        self._run("createdb", db)
        url = self.url(db)
        env = {**env, "DATABASE_URL": url}
        dump = CACHE / f"pg-{cache_key(scale)}.dump"
        if use_cache and dump.exists():
            _log(f"scala {scale}: ripristino da {dump.name}")
            os.chmod(dump, 0o644)
            self._run("pg_restore", "-d", db, "-j", "2", "--no-owner", str(dump))
            started = time.monotonic()
            _manage(env, "migrate", "--noinput", "-v", "0")
            self._tune(db)
            _log(f"scala {scale}: migrazioni successive applicate in {time.monotonic() - started:.0f} s")
        else:
            _log(f"scala {scale}: costruzione (PostgreSQL)")
            build(env, scale)
            CACHE.mkdir(exist_ok=True)
            tmp = self.dir / f"{scale}.dump"  # the cluster's own directory: pg_dump may write there
            self._run("pg_dump", "-Fc", "-Z", "3", "-f", str(tmp), db)
            shutil.move(str(tmp), dump)
            self._tune(db)
        return url

    def _tune(self, db: str) -> None:
        """The planner settings recommended for production on SSD storage (docs/BENCHMARKS.md),
        and the visibility map and statistics a long-running database has from autovacuum."""
        self._run("psql", "-q", "-d", db, "-c", f"ALTER DATABASE {db} SET random_page_cost = 1.1")
        self._run("psql", "-q", "-d", db, "-c", "VACUUM (ANALYZE)")

    def stop(self) -> None:
        subprocess.run(["bash", "scripts/pg_test_cluster.sh", "stop", str(self.dir)], cwd=ROOT, check=False)


class Sqlite:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="cpf-bench-sqlite-"))

    def prepare(self, scale: str, env: dict[str, str], use_cache: bool) -> str:
        target = self.dir / f"{scale}.sqlite3"
        url = f"sqlite:///{target}"
        cached = CACHE / f"sqlite-{cache_key(scale)}.sqlite3"
        if use_cache and cached.exists():
            _log(f"scala {scale}: copia da {cached.name}")
            shutil.copyfile(cached, target)
            _manage({**env, "DATABASE_URL": url}, "migrate", "--noinput", "-v", "0")
        else:
            _log(f"scala {scale}: costruzione (SQLite)")
            build({**env, "DATABASE_URL": url}, scale)
            CACHE.mkdir(exist_ok=True)
            shutil.copyfile(target, cached)
        return url

    def stop(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def serve(env: dict[str, str], port: int) -> tuple[subprocess.Popen[bytes], str]:
    if importlib.util.find_spec("gunicorn") is not None:
        server = "gunicorn (2 worker, 4 thread)"
        cmd = [
            PY,
            "-m",
            "gunicorn",
            "benchmarks.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
        ]
    else:
        server = "wsgiref threaded (gunicorn non installato)"
        cmd = [PY, "-m", "benchmarks.serve", str(port)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                if r.status == 200:
                    return proc, server
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("il server non risponde su /healthz")


def table(scale_results: dict[str, dict[str, Any]], server: str, vendor: str) -> str:
    scales = list(scale_results)
    lines = [f"Database: {vendor} · server: {server}", ""]
    head = "| case | role | " + " | ".join(
        f"{s} p50 ms | {s} p95 ms | {s} ×floor p50 | {s} ×floor p95 | {s} queries | {s} KB" for s in scales
    )
    lines.append(head + " |")
    lines.append("|" + "---|" * (2 + 6 * len(scales)))
    by_scale = {s: {r["name"]: r for r in scale_results[s]["results"]} for s in scales}
    floors = {s: scale_results[s]["results"][0] for s in scales}
    for name, first in by_scale[scales[0]].items():
        cells = [name, first["role"]]
        for s in scales:
            r = by_scale[s].get(name)
            f = floors[s]
            if r is None or r["error"]:
                cells += [r["error"] if r else "—"] + [""] * 5
                continue
            cells += [
                f"{r['p50_ms']:.1f}",
                f"{r['p95_ms']:.1f}",
                f"{r['p50_ms'] / f['p50_ms']:.2f}",
                f"{r['p95_ms'] / f['p50_ms']:.2f}",
                str(r["queries"]),
                f"{r['bytes'] / 1024:.0f}",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    for s in scales:
        runs = scale_results[s]["concurrent"]
        if not runs:
            continue
        floor_rps = runs[0]["rps"] or 1
        lines += [
            "",
            f"Concurrent clients at {s}:",
            "",
            "| page | clients | req/s | ×floor req/s | p50 ms | failures |",
        ]
        lines.append("|---|---|---|---|---|---|")
        for run in runs:
            lines.append(
                f"| {run['name']} | {run['clients']} | {run['rps']:.1f} | {run['rps'] / floor_rps:.2f} | "
                f"{run['p50_ms']:.0f} | {run['failures']} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sqlite", action="store_true", help="misura sul database SQLite incorporato")
    parser.add_argument("--scales", default="demo,decade")
    parser.add_argument("--requests", type=int, default=20, help="richieste misurate per caso (max 500)")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--duration", type=float, default=10.0, help="secondi per pagina nella prova concorrente")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--only", default="")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    sys.path.insert(0, str(ROOT))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_DEBUG": "0",
        "CPF_DEMO_MODE": "1",
        "AXES_FAILURE_LIMIT": "1000",
        "CPF_PORTAL_RATE_LIMIT": "1000000",
        "CPF_STATIC_FROM_FINDERS": "1",
    }
    env.pop("DATABASE_URL", None)
    vendor = "SQLite" if args.sqlite else "PostgreSQL"
    db: Postgres | Sqlite = Sqlite() if args.sqlite else Postgres()
    scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    results: dict[str, dict[str, Any]] = {}
    server = ""
    try:
        for scale in scales:
            url = db.prepare(scale, env, not args.no_cache)
            scale_env = {**env, "DATABASE_URL": url}
            port = _free_port()
            proc, server = serve(scale_env, port)
            try:
                _log(f"scala {scale}: misure ({server})")
                cmd = [PY, "-m", "benchmarks.driver", "--port", str(port), "--requests", str(args.requests)]
                cmd += ["--concurrency", str(args.concurrency), "--duration", str(args.duration)]
                if scale == scales[-1]:
                    cmd.append("--heavy-run")
                if args.only:
                    cmd += ["--only", args.only]
                out = subprocess.run(cmd, cwd=ROOT, env=scale_env, check=True, stdout=subprocess.PIPE, text=True)
                results[scale] = json.loads(out.stdout)
                if scale == scales[-1]:
                    plans = subprocess.run(
                        [PY, "-m", "benchmarks.explain"], cwd=ROOT, env=scale_env, stdout=subprocess.PIPE, text=True
                    )
                    CACHE.mkdir(exist_ok=True)
                    (CACHE / f"explain-{vendor.lower()}-{scale}.md").write_text(plans.stdout)
                    _log(plans.stdout.splitlines()[1] if plans.stdout.count("\n") > 1 else "EXPLAIN non riuscito")
            finally:
                proc.terminate()
                proc.wait(timeout=30)
    finally:
        db.stop()
    report = table(results, server, vendor)
    print(report)
    CACHE.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = f"results-{vendor.lower()}-{stamp}"
    (CACHE / f"{name}.json").write_text(json.dumps({"server": server, "vendor": vendor, "scales": results}, indent=1))
    (CACHE / f"{name}.md").write_text(report + "\n")


if __name__ == "__main__":
    main()
