"""HTML → PDF with WeasyPrint, imported lazily: it loads Pango, a system library that a server may
lack. Without it the exports answer with an Italian message (core.exports.serve_export catches
PdfUnavailable)."""


class PdfUnavailable(RuntimeError):
    """WeasyPrint needs the system's Pango library."""


def html_to_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as exc:
        raise PdfUnavailable("Pango non installato") from exc
    return bytes(HTML(string=html).write_pdf())
