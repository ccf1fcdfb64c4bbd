"""Structured logs for production: one JSON object per line on stdout, without personal data.

Only a fixed set of fields leaves the process (time, level, logger, message, the exception's class
and traceback, and a few technical extras such as `status_code`); `extra` values outside that list
(Django puts the whole request there) are dropped. Text fields go through
`common.logfilters.scrub_personal`: database row contents, fiscal codes, e-mail addresses and
query strings are replaced by "[dati omessi]"."""

import json
import logging
from datetime import UTC, datetime
from typing import Any

from common.logfilters import scrub_personal

# Extras that carry no personal data and help operations (Django, gunicorn, jobs).
SAFE_EXTRAS = ("status_code", "job_id", "kind", "attempt", "error", "worker_id", "duration_ms")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub_personal(record.getMessage()),
        }
        for name in SAFE_EXTRAS:
            value = record.__dict__.get(name)
            if isinstance(value, bool | int | float):
                entry[name] = value
            elif isinstance(value, str):
                entry[name] = scrub_personal(value)[:200]
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = {
                "type": record.exc_info[0].__name__,
                "traceback": scrub_personal(self.formatException(record.exc_info)),
            }
        elif record.exc_text:
            entry["exception"] = {"traceback": scrub_personal(record.exc_text)}
        return json.dumps(entry, ensure_ascii=False)
