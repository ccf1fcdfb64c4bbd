"""The one XLSX writer (common/xlsx.py): frozen header, autofilter, real dates and numbers with
Italian-reading formats, widths that fit, formulas never written, and the exporters that use it."""

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from common.xlsx import FORMATS, Book, Column


def _book() -> bytes:
    book = Book()
    sheet = book.sheet("Prova")
    sheet.title("Titolo del foglio")
    sheet.blank()
    sheet.table(
        [Column("Nome"), Column("Data", "date"), Column("Importo", "eur"), Column("Persone", "int")],
        [
            ["Centro per la Famiglia di Sesto San Giovanni", dt.date(2025, 3, 10), Decimal("1234.56"), 1200],
            ['=HYPERLINK("http://x")', dt.date(2025, 12, 31), Decimal("0.01"), 3],
            ["+39 02 123", None, None, None],
        ],
        totals=["Totale", None, Decimal("1234.57"), 1203],
    )
    sheet.note("Nota: arrotondamento con il metodo dei resti più grandi.")
    return book.bytes()


def test_header_frozen_filtered_and_cells_typed() -> None:
    ws = load_workbook(io.BytesIO(_book()))["Prova"]
    assert ws.freeze_panes == "A4"  # the header is row 3
    assert ws.auto_filter.ref == "A3:D6"  # header and data, not the totals
    assert ws["A3"].value == "Nome" and ws["A3"].font.bold
    assert isinstance(ws["B4"].value, dt.datetime) and ws["B4"].number_format == FORMATS["date"]
    assert ws["C4"].value == 1234.56 and ws["C4"].number_format == '#,##0.00 "€"'
    assert ws["D4"].number_format == "#,##0"
    assert ws["A7"].value == "Totale" and ws["C7"].value == 1234.57
    assert ws["A8"].value.startswith("Nota:")


def test_text_that_looks_like_a_formula_stays_text() -> None:
    ws = load_workbook(io.BytesIO(_book()))["Prova"]
    assert ws["A5"].data_type == "s" and ws["A5"].value == '=HYPERLINK("http://x")'
    assert ws["A6"].value == "+39 02 123"


def test_columns_are_as_wide_as_their_content() -> None:
    ws = load_workbook(io.BytesIO(_book()))["Prova"]
    assert ws.column_dimensions["A"].width >= len("Centro per la Famiglia di Sesto San Giovanni")
    assert 10 <= ws.column_dimensions["B"].width <= 20
