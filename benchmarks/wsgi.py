"""The production WSGI application with one addition for the benchmark: the number of SQL queries
a request ran, in an `X-Bench-Queries` response header. Only `make bench` serves this module."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection

from config.wsgi import application as django_application


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    count = [0]

    def counter(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        count[0] += 1
        return execute(sql, params, many, context)

    def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        return start_response(status, [*headers, ("X-Bench-Queries", str(count[0]))], exc_info)

    with connection.execute_wrapper(counter):
        return django_application(environ, start)
