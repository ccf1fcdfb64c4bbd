"""The one way to export: exporters return a file, one helper serves and audits it.

An exporter (as pretix's `base/exporter.py`) declares a `name`, a `verbose_name` and its
`formats`, and `render(actor, obj, fmt)` returns an `ExportFile` (filename, content type, and
the bytes or a stream of them). It never builds a response and never audits:

    class AllocationExporter(Exporter[Allocation]):
        name = "funding.allocation"
        verbose_name = _("Riparto")
        formats = ("xlsx", "pdf")

        def render(self, actor, obj, fmt):
            return ExportFile(f"riparto-{obj.pk}.{fmt}", CONTENT_TYPES[fmt], content=...)

`run_export()` renders and then audits (a file is a disclosure of platform data: the entry is
`<app>.<model>.exported_<fmt>` on the exported record unless the exporter says otherwise); it is
what a background job calls (`funding/jobs.py`, `monitoring/jobs.py`). `serve_export()` is what a
view calls: it runs the export and answers with the download (or, for an `inline` file such as
the carta dei servizi, with the document shown in the browser), or, when the PDF engine is
missing on the server, with the one Italian message and a redirect back to the page. Nothing is
audited for an export that did not happen.

What is exported need not be one record: the monitoring figures of a node and period, the
directory's coverage or its HSDS tables are exported too; their exporters override `audit()`
with `core.records.audit_event` (an entry on no single record)."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from accounts.types import Actor
from common.pdf import PdfUnavailable
from core.records import audit_record

T = TypeVar("T")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
JSON = "application/json"
CSV = "text/csv; charset=utf-8"
ZIP = "application/zip"
CONTENT_TYPES = {"xlsx": XLSX, "pdf": PDF, "json": JSON, "csv": CSV, "zip": ZIP}


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes | None = None
    stream: Iterable[bytes] | None = None
    inline: bool = False  # shown in the browser (a published document), not downloaded

    def __post_init__(self) -> None:
        if (self.content is None) == (self.stream is None):
            raise ValueError("an ExportFile has either content or a stream")


class Exporter(Generic[T]):
    name: ClassVar[str]
    verbose_name: ClassVar[StrOrPromise]
    formats: ClassVar[tuple[str, ...]]

    def render(self, actor: Actor, obj: T, fmt: str) -> ExportFile:
        raise NotImplementedError

    def audit(self, actor: Actor, obj: T, fmt: str) -> None:
        """The audit entry of a done export (override for another action code, or for an export
        of something that is not one record)."""
        if not isinstance(obj, models.Model):
            raise TypeError(f"{type(self).__name__} exports no record: it must define audit()")
        audit_record(actor=actor, obj=obj, verb=f"exported_{fmt}")


def run_export(exporter: Exporter[T], *, actor: Actor, obj: T, fmt: str) -> ExportFile:
    """Render and audit one export (the seam for background jobs). `obj` was fetched through the
    scoping layer by the caller. Raises PdfUnavailable when the PDF engine is missing."""
    if fmt not in exporter.formats:
        raise ValidationError(_("Formato di esportazione non disponibile: %(fmt)s.") % {"fmt": fmt})
    file = exporter.render(actor, obj, fmt)
    exporter.audit(actor, obj, fmt)
    return file


def response_for(file: ExportFile) -> HttpResponseBase:
    response: HttpResponseBase
    if file.stream is not None:
        response = StreamingHttpResponse(file.stream, content_type=file.content_type)
    else:
        response = HttpResponse(file.content, content_type=file.content_type)
    disposition = "inline" if file.inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{file.filename}"'
    return response


def serve_export(request: HttpRequest, exporter: Exporter[T], obj: T, fmt: str, *, back: str) -> HttpResponseBase:
    """The download of one export for a view; `back` is the page to return to (with a message)
    when the export cannot be made here."""
    try:
        file = run_export(exporter, actor=request.user, obj=obj, fmt=fmt)
    except PdfUnavailable:
        messages.error(
            request,
            _("Il PDF non è disponibile su questo server (manca la libreria di sistema Pango). Usa un altro formato."),
        )
        return redirect(back)
    return response_for(file)
