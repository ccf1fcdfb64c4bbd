"""The one XLSX writer of the platform (openpyxl): every exporter writes its sheets through
`Book` / `Sheet`, so that every spreadsheet has the same shape — a bold header row that stays
frozen, an autofilter over the data, real dates (date cells shown dd/mm/yyyy) and real numbers
with Italian-reading formats (thousands and decimal separators follow the reader's locale:
1.234,56 € in an Italian Excel or LibreOffice), columns as wide as their content, and a note
under the table where a rule explains a figure (e.g. the rounding of an allocation).

Every value goes through `write_cell()` — the one place to change how a cell is written (text
that starts with = + - @ is stored as text, never as a formula)."""

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

Kind = Literal["text", "date", "eur", "int", "decimal", "percent"]
FORMATS: dict[str, str] = {
    "date": "DD/MM/YYYY",
    "eur": '#,##0.00 "€"',
    "int": "#,##0",
    "decimal": "#,##0.00",
    "percent": '#,##0.##" %"',
}
FORMULA_STARTS = ("=", "+", "-", "@")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
TITLE_FONT = Font(bold=True, size=13)
NOTE_FONT = Font(italic=True)
MIN_WIDTH, MAX_WIDTH = 8, 60


@dataclass(frozen=True)
class Column:
    """A table column: its Italian label and the kind of its values (which picks the format)."""

    label: str
    kind: Kind = "text"


def cell_value(value: Any) -> Any:
    """What a Python value becomes in a cell: dates stay dates (datetimes become local naive
    datetimes), Decimals and ints stay numbers, booleans read «Sì»/«No», None stays empty."""
    if isinstance(value, bool):
        return "Sì" if value else "No"
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)
    if value is None or isinstance(value, (int, float, Decimal, dt.date, str)):
        return value
    return str(value)


def write_cell(cell: Any, value: Any, kind: Kind = "text") -> None:
    """Write one value: the number format of its kind; text starting with = + - @ stays text."""
    value = cell_value(value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
    elif kind in FORMATS and value is not None and not isinstance(value, str):
        cell.number_format = FORMATS[kind]
    elif isinstance(value, dt.date):
        cell.number_format = FORMATS["date"]


def _shown_width(value: Any, kind: Kind) -> int:
    value = cell_value(value)
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        text = f"{value:,.2f}" if kind in ("eur", "decimal", "percent") else f"{value:,}"
        return len(text) + (2 if kind in ("eur", "percent") else 0)
    return max((len(line) for line in str(value).splitlines()), default=0)


class Sheet:
    """One worksheet written top to bottom: titles, lines of text, tables, notes."""

    def __init__(self, ws: Worksheet, title: str) -> None:
        self.ws = ws
        ws.title = title[:31]
        self.row = 0
        self.widths: dict[int, int] = {}

    def _put(self, column: int, value: Any, kind: Kind = "text", *, measure: bool = True) -> Any:
        cell = self.ws.cell(row=self.row, column=column)
        write_cell(cell, value, kind)
        if measure:
            self.widths[column] = max(self.widths.get(column, 0), _shown_width(value, kind))
        return cell

    def title(self, text: str) -> None:
        self.row += 1
        self._put(1, text, measure=False).font = TITLE_FONT

    def line(self, *values: Any) -> None:
        """A row of plain values (label, value, ...) above or below a table."""
        self.row += 1
        for index, value in enumerate(values, start=1):
            self._put(index, value, measure=index > 1 or len(values) > 1)

    def pairs(self, pairs: Iterable[tuple[str, Any, Kind]]) -> None:
        """Label/value rows (a record shown vertically)."""
        for label, value, kind in pairs:
            self.row += 1
            self._put(1, label).font = HEADER_FONT
            self._put(2, value, kind)

    def blank(self) -> None:
        self.row += 1

    def note(self, text: str) -> None:
        """An explanation under a table (not measured: it may be longer than the columns)."""
        self.row += 1
        cell = self._put(1, text, measure=False)
        cell.font = NOTE_FONT

    def table(
        self,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Any]],
        *,
        totals: Sequence[Any] | None = None,
    ) -> None:
        """A header row (frozen if it is the sheet's first table), the rows, an autofilter over
        header and rows, then an optional bold totals row outside the filter."""
        self.row += 1
        header = self.row
        for index, column in enumerate(columns, start=1):
            cell = self._put(index, column.label)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for values in rows:
            self.row += 1
            for index, (column, value) in enumerate(zip(columns, values, strict=False), start=1):
                self._put(index, value, column.kind)
        last = get_column_letter(len(columns))
        self.ws.auto_filter.ref = f"A{header}:{last}{max(self.row, header)}"
        if self.ws.freeze_panes is None:
            self.ws.freeze_panes = f"A{header + 1}"
        if totals is not None:
            self.row += 1
            for index, (column, value) in enumerate(zip(columns, totals, strict=False), start=1):
                self._put(index, value, column.kind).font = HEADER_FONT

    def fit_columns(self) -> None:
        for column, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))


class Book:
    """A workbook whose sheets are `Sheet`s; `bytes()` fits the columns and saves it."""

    def __init__(self) -> None:
        self.wb = Workbook()
        self.sheets: list[Sheet] = []

    def sheet(self, title: str) -> Sheet:
        ws = self.wb.active if not self.sheets else self.wb.create_sheet()
        assert ws is not None
        sheet = Sheet(ws, title)
        self.sheets.append(sheet)
        return sheet

    def bytes(self) -> bytes:
        for sheet in self.sheets:
            sheet.fit_columns()
        buffer = io.BytesIO()
        self.wb.save(buffer)
        return buffer.getvalue()


def write_only_cell(ws: Any, value: Any, kind: Kind = "text", *, bold: bool = False) -> Any:
    """A cell for a write-only (streamed) sheet, written through `write_cell` like every other."""
    cell = WriteOnlyCell(ws)
    write_cell(cell, value, kind)
    if bold:
        cell.font = HEADER_FONT
    return cell
