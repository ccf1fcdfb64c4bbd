"""Error reporting over the Sentry protocol (a self-hosted GlitchTip or Sentry), without personal data.

Enabled only when SENTRY_DSN is set (config/settings/base.py calls `init_sentry`). What leaves the
process is reduced twice: the SDK is told not to collect personal data (no user, no cookies, no
request bodies, no local variables), and `before_send` removes whatever could still carry some:
request bodies, cookies, headers, query strings (also inside URLs), the user but for its id, and
any value whose key names personal data; every remaining string (exception messages, log
messages and their arguments, extra, tags, contexts, breadcrumbs) goes through
`common.logfilters.scrub_personal` (database row contents, fiscal codes, e-mail addresses, query
strings)."""

import re
from collections.abc import Mapping
from typing import Any

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration

from common.logfilters import REDACTED, scrub_personal

# Keys whose values are dropped wherever they appear (request data, extra, contexts, breadcrumbs).
_PERSONAL_KEY = re.compile(
    r"(e-?mail|name|nome|cognome|fiscal|codice|cf$|phone|telefono|address|indirizzo|birth|nascita|"
    r"password|passwd|secret|token|session|cookie|csrf|auth|params|body|data$|query)",
    re.I,
)
_REQUEST_KEEP = ("method", "url")
_OFF = {"mode": "off"}
# What the SDK's integrations may collect by themselves: nothing about people.
DATA_COLLECTION: dict[str, Any] = {
    "user_info": False,
    "cookies": _OFF,
    "http_headers": {"request": _OFF},
    "http_bodies": [],
    "url_query_params": _OFF,
    "database_query_data": False,
    "queues": False,
    "stack_frame_variables": False,
    "gen_ai": {"inputs": False, "outputs": False},
}


def _scrub_value(value: Any, depth: int = 0) -> Any:
    if depth > 8:
        return REDACTED
    if isinstance(value, str):
        return scrub_personal(value)
    if isinstance(value, Mapping):
        return {
            key: (REDACTED if isinstance(key, str) and _PERSONAL_KEY.search(key) else _scrub_value(item, depth + 1))
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_scrub_value(item, depth + 1) for item in value]
    return value


def _scrub_exception(exception: dict[str, Any]) -> None:
    for item in exception.get("values") or []:
        if isinstance(item.get("value"), str):
            item["value"] = scrub_personal(item["value"])
        for frame in (item.get("stacktrace") or {}).get("frames") or []:
            _scrub_frame(frame)


def _scrub_frame(frame: dict[str, Any]) -> None:
    frame.pop("vars", None)
    for key in ("pre_context", "post_context"):
        if isinstance(frame.get(key), list):
            frame[key] = [scrub_personal(line) if isinstance(line, str) else line for line in frame[key]]
    if isinstance(frame.get("context_line"), str):
        frame["context_line"] = scrub_personal(frame["context_line"])


def _scrub_breadcrumbs(breadcrumbs: Any) -> None:
    values = breadcrumbs.get("values") if isinstance(breadcrumbs, dict) else breadcrumbs
    for crumb in values or []:
        if isinstance(crumb.get("message"), str):
            crumb["message"] = scrub_personal(crumb["message"])
        if "data" in crumb:
            crumb["data"] = _scrub_value(crumb["data"])


def _scrub_request_and_user(event: dict[str, Any]) -> None:
    request = event.get("request")
    if isinstance(request, dict):
        kept = {key: request[key] for key in _REQUEST_KEEP if key in request}
        if isinstance(kept.get("url"), str):
            kept["url"] = kept["url"].split("?", 1)[0]
        event["request"] = kept
    user = event.get("user")
    event["user"] = {"id": user["id"]} if isinstance(user, dict) and "id" in user else {}


def _scrub_messages(event: dict[str, Any]) -> None:
    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        for key in ("message", "formatted"):
            if isinstance(logentry.get(key), str):
                logentry[key] = scrub_personal(logentry[key])
        logentry["params"] = [REDACTED for _ in logentry.get("params") or []]
    if isinstance(event.get("message"), str):
        event["message"] = scrub_personal(event["message"])
    if isinstance(event.get("transaction"), str):
        event["transaction"] = scrub_personal(event["transaction"]).split("?", 1)[0]


def _scrub_threads_and_spans(event: dict[str, Any]) -> None:
    for thread in (event.get("threads") or {}).get("values") or []:
        for frame in (thread.get("stacktrace") or {}).get("frames") or []:
            _scrub_frame(frame)
    for span in event.get("spans") or []:
        if isinstance(span.get("description"), str):
            span["description"] = scrub_personal(span["description"])
        if "data" in span:
            span["data"] = _scrub_value(span["data"])


def before_send(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Strip personal data from an event (errors and transactions alike) before it is sent."""
    _scrub_request_and_user(event)
    if isinstance(event.get("exception"), dict):
        _scrub_exception(event["exception"])
    _scrub_messages(event)
    _scrub_threads_and_spans(event)
    for key in ("extra", "tags", "contexts"):
        if key in event:
            event[key] = _scrub_value(event[key])
    if "breadcrumbs" in event:
        _scrub_breadcrumbs(event["breadcrumbs"])
    return event


def init_sentry(
    *,
    dsn: str,
    environment: str,
    release: str | None = None,
    traces_sample_rate: float = 0.0,
    transport: Any = None,
) -> None:
    # One dict: the SDK's option types (TypedDicts) are stricter than the plain dicts built here.
    options: dict[str, Any] = {
        "dsn": dsn,
        "environment": environment,
        "release": release,
        "data_collection": DATA_COLLECTION,
        "max_request_body_size": "never",
        "traces_sample_rate": traces_sample_rate,
        "before_send": before_send,
        "before_send_transaction": before_send,
        "integrations": [DjangoIntegration(), LoggingIntegration()],
    }
    if transport is not None:
        options["transport"] = transport  # tests: a fake transport, nothing leaves the process
    sentry_sdk.init(**options)
