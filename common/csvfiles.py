"""CSV in and out, the one place for both.

Reading: `read_csv_text()` decodes what Excel and LibreOffice save — UTF-8 with or without the
byte-order mark, UTF-16 with its mark ("Testo Unicode"), and Windows-1252, Excel's default for
Italian ("CSV (delimitato dal separatore di elenco)") — and says which it read; a file that is none
of them (or binary) is refused with an Italian message. `sniff_delimiter()` tells `;` (Excel with
Italian settings) from `,` and tab.

Writing: every cell of every CSV goes through `safe_cell()`. Text starting with = + - @, a tab or
a carriage return would be run as a formula by a spreadsheet (CSV injection, OWASP): it gets a
leading apostrophe, which spreadsheets show as plain text. Numbers are written as they are.
`SafeWriter` / `SafeDictWriter` are `csv.writer` / `csv.DictWriter` that do it for every row."""

import codecs
import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UTF8, UTF16, WINDOWS_1252 = "UTF-8", "UTF-16", "Windows-1252 (Excel)"


class CsvDecodeError(ValueError):
    """The file is not a text CSV in an encoding we read; the message is for the user."""


@dataclass(frozen=True)
class CsvText:
    text: str
    encoding: str  # what was read, as the user reads it ("UTF-8", "Windows-1252 (Excel)"…)


def read_csv_text(content: bytes | str) -> CsvText:
    """Decode an uploaded CSV: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252."""
    if isinstance(content, str):
        return CsvText(content.removeprefix("\ufeff"), UTF8)
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return CsvText(content.decode("utf-16"), UTF16)
        except UnicodeDecodeError as exc:
            raise CsvDecodeError(_unreadable()) from exc
    if b"\x00" in content:
        raise CsvDecodeError(_unreadable())
    if content.startswith(codecs.BOM_UTF8):
        try:
            return CsvText(content[len(codecs.BOM_UTF8) :].decode("utf-8"), _("UTF-8 con BOM"))
        except UnicodeDecodeError as exc:
            raise CsvDecodeError(_unreadable()) from exc
    try:
        return CsvText(content.decode("utf-8"), UTF8)
    except UnicodeDecodeError:
        pass
    try:
        # Strict: the five bytes Windows-1252 leaves undefined mean the file is something else.
        return CsvText(content.decode("cp1252"), WINDOWS_1252)
    except UnicodeDecodeError as exc:
        raise CsvDecodeError(_unreadable()) from exc


def _unreadable() -> str:
    return _(
        "Il file non è un CSV di testo leggibile: salvalo come CSV in UTF-8 oppure come «CSV (delimitato dal "
        "separatore di elenco)» da Excel."
    )


def sniff_delimiter(text: str) -> str:
    """`;`, `,` or tab, from the first lines (the header decides when the sniffer cannot)."""
    sample = text[:4096]
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample else ""
        return max((";", ",", "\t"), key=header.count)


def safe_cell(value: Any) -> Any:
    """A cell that a spreadsheet will never run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` whose every cell goes through `safe_cell()`."""

    def __init__(self, out: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):  # type: ignore[type-arg]
    """`csv.DictWriter` whose every cell (the header too) goes through `safe_cell()`."""

    def writeheader(self) -> Any:
        return self.writer.writerow([safe_cell(name) for name in self.fieldnames])

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({k: safe_cell(v) for k, v in rowdict.items()})
