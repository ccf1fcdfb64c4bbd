"""gunicorn for the platform: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Every value comes from the environment (docs/OPERATIONS.md). Graceful restarts: `kill -HUP
<master pid>` starts new workers with the new code and lets the old ones finish their requests
(up to GUNICORN_GRACEFUL_TIMEOUT seconds); SIGTERM stops the same way. Logs are JSON lines on
stdout (common.logging.JsonFormatter); the access log names the method, the path WITHOUT its
query string (search terms and filters may name people), the status, the size and the time —
no query string, no referrer, no client address, no user agent."""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # inside a container or behind a proxy
workers = _int("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8))
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
timeout = _int("GUNICORN_TIMEOUT", 60)  # a request longer than this is a job (jobs/), not a request
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Workers are replaced after this many requests (with jitter, not all at once): memory stays flat.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Addresses allowed to set X-Forwarded-* (the reverse proxy). Default: none but loopback.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Optional TLS in gunicorn itself (scripts/serve.sh uses it for a local self-signed certificate).
certfile = os.environ.get("GUNICORN_CERTFILE") or None
keyfile = os.environ.get("GUNICORN_KEYFILE") or None

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# %(U)s is the path without the query string; %(r)s, %(q)s, %(f)s, %(a)s, %(h)s are left out.
access_log_format = "%(m)s %(U)s %(s)s %(B)sB %(M)sms"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "common.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
