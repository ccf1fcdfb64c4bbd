"""Uploaded files (issues #9 § 5 and #13 § 7): one check for every upload — size, type read from
the content (magic bytes, never the name or the browser's Content-Type), the extension agreeing
with the content — and stored names that say nothing (a random name with the extension of the
type found), so that a file name typed by a user (a family's surname, `../../x`) never reaches the
storage.

Model fields: `validators=[UploadCheck("PDF", "PNG", "JPEG")]` and an `upload_to` function that
returns `stored_name("expenses/<project>", filename)`.
Form fields that read a file without storing it (CSV imports): `check_upload(f, SPREADSHEETS)`."""

import io
import uuid
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

_HEAD = 8192


def _is_pdf(head: bytes, _file: Any) -> bool:
    return head.startswith(b"%PDF-")


def _is_png(head: bytes, _file: Any) -> bool:
    return head.startswith(b"\x89PNG\r\n\x1a\n")


def _is_jpeg(head: bytes, _file: Any) -> bool:
    return head.startswith(b"\xff\xd8\xff")


def _is_xlsx(head: bytes, file: Any) -> bool:
    """A ZIP (PK\\x03\\x04) that holds a workbook: `[Content_Types].xml` and `xl/workbook.xml`."""
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        file.seek(0)
        names = set(zipfile.ZipFile(io.BytesIO(file.read())).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "[Content_Types].xml" in names and "xl/workbook.xml" in names


def _is_csv(head: bytes, _file: Any) -> bool:
    """Text: no NUL and no control characters other than tab and line ends (UTF-8, UTF-16 with
    its BOM or Windows-1252 are read by common.csvfiles)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return not any(b < 0x20 and b not in (0x09, 0x0A, 0x0D) for b in head)


@dataclass(frozen=True)
class Kind:
    label: str
    extensions: tuple[str, ...]  # the first is the one stored
    matches: Callable[[bytes, Any], bool]


PDF = Kind("PDF", (".pdf",), _is_pdf)
PNG = Kind("PNG", (".png",), _is_png)
JPEG = Kind("JPEG", (".jpg", ".jpeg"), _is_jpeg)
XLSX = Kind("XLSX", (".xlsx",), _is_xlsx)
CSV = Kind("CSV", (".csv", ".txt"), _is_csv)
DOCUMENTS = (PDF, PNG, JPEG)  # signed forms, protocols, expense receipts (scans or PDF)
IMAGES = (PNG, JPEG)
SPREADSHEETS = (CSV, XLSX)
_ALL = (PDF, PNG, JPEG, XLSX, CSV)
KINDS = {kind.label: kind for kind in _ALL}


def _head(file: Any) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head: bytes = file.read(_HEAD)
    file.seek(position)
    return head


def check_upload(file: Any, kinds: Sequence[Kind], *, max_bytes: int | None = None) -> Kind:
    """The kind of `file` among `kinds`, or an Italian ValidationError: too big, empty, content of
    another type, or a name whose extension does not match the content (a forged extension)."""
    limit = max_bytes if max_bytes is not None else settings.CPF_UPLOAD_MAX_BYTES
    allowed = ", ".join(k.label for k in kinds)
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("Il file supera la dimensione massima di %(mb)s MB.") % {"mb": f"{limit / 1_048_576:.0f}"},
            code="upload_too_big",
        )
    if not size:
        raise ValidationError(_("Il file è vuoto."), code="upload_empty")
    head = _head(file)
    extension = PurePath(getattr(file, "name", "") or "").suffix.lower()
    for kind in kinds:
        if kind.matches(head, file):
            file.seek(0)
            if extension not in kind.extensions:
                raise ValidationError(
                    _("Il contenuto del file è %(kind)s ma il nome termina con «%(ext)s»: rinominalo e riprova.")
                    % {"kind": kind.label, "ext": extension or "—"},
                    code="upload_extension",
                )
            return kind
    raise ValidationError(
        _("Tipo di file non ammesso: sono accettati solo file %(allowed)s (verificato sul contenuto).")
        % {"allowed": allowed},
        code="upload_type",
    )


@deconstructible
class UploadCheck:
    """Model-field validator, `UploadCheck("PDF", "PNG", "JPEG")` (kinds by label, so that
    migrations can write it): a new upload goes through `check_upload`; a file already stored
    (an edit of the record that leaves the file alone) is not read again."""

    def __init__(self, *labels: str) -> None:
        self.labels = labels
        self.kinds = tuple(KINDS[label] for label in labels)

    def __call__(self, value: Any) -> None:
        if isinstance(value, FieldFile) and getattr(value, "_committed", True):
            return
        check_upload(value.file if isinstance(value, FieldFile) else value, self.kinds)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UploadCheck) and self.labels == other.labels

    def __hash__(self) -> int:
        return hash(self.labels)


def stored_name(folder: str, filename: str) -> str:
    """`folder/<random>.<ext>`: the extension (already checked against the content) is the only
    thing kept of the name the user gave."""
    extension = PurePath(filename).suffix.lower()
    for kind in _ALL:
        if extension in kind.extensions:
            return f"{folder}/{uuid.uuid4().hex}{kind.extensions[0]}"
    return f"{folder}/{uuid.uuid4().hex}.bin"


def download_name(stored: str, stem: str) -> str:
    """The name offered to the browser: a readable stem with the stored file's extension."""
    return f"{stem}{PurePath(stored).suffix}"
