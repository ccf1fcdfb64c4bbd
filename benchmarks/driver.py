"""Measures every registered case against a running server (one scale, one database) and prints
the results as JSON. Started by benchmarks/run.py with DATABASE_URL pointing at the benchmark
database: Django is set up here only to find URLs in each user's scope (a family record, a
session…); every measurement goes over HTTP to 127.0.0.1.

`python -m benchmarks.driver --port P --requests N --concurrency C --duration S [--heavy-run]`"""

import argparse
import http.client
import json
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass
from typing import Any

HOST = "127.0.0.1"  # the benchmark never sends traffic anywhere else
MAX_REQUESTS_PER_CASE = 500
MAX_CONCURRENT_REQUESTS = 20_000


@dataclass
class Result:
    name: str
    role: str
    group: str
    path: str
    status: int
    requests: int
    p50_ms: float
    p95_ms: float
    queries: int
    bytes: int
    error: str = ""


class Client:
    """A signed-in browser: cookies kept by hand, a new connection per request (no keep-alive
    assumptions about the server)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, bytes, dict[str, str], float]:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
        headers = {"Host": f"{HOST}:{self.port}", "Accept-Language": "it"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{self.port}{path}"
            if "csrftoken" in self.cookies:
                headers["X-CSRFToken"] = self.cookies["csrftoken"]
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - started
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _sep, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        conn.close()
        return response.status, data, {k.lower(): v for k, v in response.getheaders()}, elapsed

    def sign_in(self, username: str) -> None:
        status, page, _h, _t = self.request("GET", "/account/accesso/")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or match is None:
            raise RuntimeError(f"login page: HTTP {status}")
        from demo.seed import DEMO_PASSWORD

        form = {"csrfmiddlewaretoken": match.group(1).decode(), "username": username, "password": DEMO_PASSWORD}
        status, _b, _h, _t = self.request("POST", "/account/accesso/", form)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"sign-in of {username} failed: HTTP {status}")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(client: Client, case: Any, path: str, data: dict[str, str] | None, requests: int) -> Result:
    times: list[float] = []
    queries: list[int] = []
    status, size = 0, 0
    for i in range(min(requests, MAX_REQUESTS_PER_CASE) + 2):
        status, body, headers, elapsed = client.request(case.method, path, data)
        if status != 200:
            return Result(case.name, case.role, case.group, path, status, i + 1, 0, 0, 0, len(body), f"HTTP {status}")
        if i >= 2:  # two warm-up requests
            times.append(elapsed * 1000)
            queries.append(int(headers.get("x-bench-queries", "0")))
            size = len(body)
    return Result(
        case.name,
        case.role,
        case.group,
        path,
        status,
        len(times),
        round(statistics.median(times), 1),
        round(_percentile(times, 0.95), 1),
        int(statistics.median(queries)),
        size,
    )


def concurrent(port: int, cookies: dict[str, str], path: str, clients: int, duration: float) -> dict[str, Any]:
    """`clients` threads requesting `path` for `duration` seconds (bounded): throughput and p50."""
    stop = time.monotonic() + duration
    lock = threading.Lock()
    times: list[float] = []
    failures = [0]

    def worker() -> None:
        client = Client(port)
        client.cookies = dict(cookies)
        while time.monotonic() < stop:
            with lock:
                if len(times) + failures[0] >= MAX_CONCURRENT_REQUESTS:
                    return
            status, _b, _h, elapsed = client.request("GET", path)
            with lock:
                if status == 200:
                    times.append(elapsed * 1000)
                else:
                    failures[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    return {
        "path": path,
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": len(times),
        "failures": failures[0],
        "rps": round(len(times) / wall, 2) if wall else 0.0,
        "p50_ms": round(statistics.median(times), 1) if times else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--heavy-run", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated substrings of case names")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from accounts.models import User
    from benchmarks.registry import FLOOR, autodiscover

    selected = autodiscover()
    if args.only:
        wanted = [w.strip() for w in args.only.split(",") if w.strip()]
        selected = [c for c in selected if any(w in c.name for w in wanted)]
    clients: dict[str, Client] = {}

    def client_for(role: str) -> Client:
        if role not in clients:
            clients[role] = Client(args.port)
            clients[role].sign_in(role)
        return clients[role]

    results: list[Result] = []
    floor = measure(client_for(FLOOR.role), FLOOR, FLOOR.resolve_path(None), None, args.requests)
    results.append(floor)
    for case in selected:
        user = User.objects.get(username=case.role)
        try:
            path = case.resolve_path(user)
            data = case.resolve_data(user)
        except (IndexError, KeyError) as exc:
            results.append(Result(case.name, case.role, case.group, "", 0, 0, 0, 0, 0, 0, f"no data: {exc}"))
            continue
        results.append(measure(client_for(case.role), case, path, data, args.requests))
        print(f"    {case.name}: {results[-1].p50_ms} ms", file=sys.stderr)
    heavy: list[dict[str, Any]] = []
    if args.heavy_run:
        # The cases flagged heavy (the coordinator desk, the inbox) and the two slowest pages.
        flagged = {c.name for c in selected if c.heavy}
        candidates = [r for r in results[1:] if not r.error and r.path and not r.path.startswith("/api/")]
        slowest = sorted(candidates, key=lambda r: r.p50_ms, reverse=True)[:2]
        top = [r for r in candidates if r.name in flagged] + [r for r in slowest if r.name not in flagged]
        floor_client = client_for(FLOOR.role)
        heavy.append(
            {
                "name": FLOOR.name,
                **concurrent(args.port, floor_client.cookies, floor.path, args.concurrency, args.duration),
            }
        )
        for r in top:
            run = concurrent(args.port, client_for(r.role).cookies, r.path, args.concurrency, args.duration)
            heavy.append({"name": r.name, **run})
    json.dump({"results": [asdict(r) for r in results], "concurrent": heavy}, sys.stdout)


if __name__ == "__main__":
    main()
