"""Fallback server when gunicorn is not installed: the standard library's WSGI server with one
thread per request, on 127.0.0.1 only. `python -m benchmarks.serve PORT`."""

import os
import socketserver
import sys
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _Threaded(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from benchmarks.wsgi import application

    port = int(sys.argv[1])
    with make_server("127.0.0.1", port, application, server_class=_Threaded, handler_class=_Quiet) as server:
        server.serve_forever()


if __name__ == "__main__":
    main()
