"""Tests for territory/importers.py: CSV import of Ambiti (`istat_code,ambito`).

The import is atomic: one rejected row and nothing is written. Every rejected row is reported
with its line number in the file and an Italian reason."""

from __future__ import annotations

from decimal import Decimal

import pytest

from audit.models import AuditEntry
from territory.importers import ImportReport, import_areas_csv
from territory.models import Area, AreaMembership, Comune
from tests import factories as f
from tests.personas import Personas

HEADER = "istat_code,ambito\n"
IMPORTED = "territory.area.imported"


@pytest.fixture
def cinisello(personas: Personas) -> Comune:
    """A second comune of ATS A (real codes from territory/data)."""
    return f.ComuneFactory(
        istat_code="015077",
        cadastral_code="C707",
        name="Cinisello Balsamo",
        is_capoluogo=False,
        ats=personas.ats_a_obj,
        latitude=Decimal("45.55736"),
        longitude=Decimal("9.21824"),
    )


def state() -> tuple[int, set[tuple[int, int]], int]:
    """Everything an import may write: areas, memberships, audit entries."""
    memberships = set(AreaMembership.objects.values_list("area_id", "comune_id"))
    return Area.objects.count(), memberships, AuditEntry.objects.count()


def ambito_of(comune: Comune) -> str | None:
    membership = AreaMembership.objects.filter(comune=comune, kind=Area.Kind.AMBITO).select_related("area").first()
    return membership.area.name if membership else None


def run(actor: object, content: str | bytes, **kwargs: object) -> ImportReport:
    data = content.encode() if isinstance(content, str) else content
    return import_areas_csv(actor=actor, content=data, **kwargs)  # type: ignore[arg-type]


# --- A valid file ---------------------------------------------------------------------


def test_a_valid_csv_creates_ambiti_memberships_and_one_audit_entry_per_area(
    personas: Personas, cinisello: Comune
) -> None:
    content = HEADER + "015209,Ambito Nord Milano\n015077,Ambito Nord Milano\n016024,Ambito Bergamo Città\n"

    report = run(personas.regione, content)

    assert report.ok and report.applied
    assert (report.rows_read, report.areas_created, report.memberships_written) == (3, 2, 3)
    nord = Area.objects.get(kind=Area.Kind.AMBITO, name="Ambito Nord Milano")
    bergamo = Area.objects.get(kind=Area.Kind.AMBITO, name="Ambito Bergamo Città")
    assert nord.ats == personas.ats_a_obj and bergamo.ats == personas.ats_b_obj
    assert set(nord.comuni.values_list("istat_code", flat=True)) == {"015209", "015077"}
    assert set(bergamo.comuni.values_list("istat_code", flat=True)) == {"016024"}
    entries = {e.object_id: e for e in AuditEntry.objects.filter(action=IMPORTED)}
    assert set(entries) == {str(nord.pk), str(bergamo.pk)}
    assert entries[str(nord.pk)].changes == {"comuni": ["015077", "015209"]}
    assert entries[str(nord.pk)].ats_id == personas.ats_a_obj.pk
    assert entries[str(nord.pk)].actor == personas.regione


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("istat_code;ambito\n015209;Ambito Sud\n", id="semicolon-delimiter"),
        pytest.param(b"\xef\xbb\xbfistat_code,ambito\r\n15209,Ambito Sud\r\n", id="excel-bom-crlf-lost-zero"),
        pytest.param("istat_code,ambito\n 015209 , Ambito Sud \n\n", id="spaces-and-trailing-blank-line"),
        pytest.param("ambito,istat_code\nAmbito Sud,015209\n", id="columns-in-any-order"),
    ],
)
def test_common_spreadsheet_exports_are_accepted(personas: Personas, content: str | bytes) -> None:
    report = run(personas.regione, content)

    assert report.rejected == []
    assert report.applied
    assert ambito_of(personas.sesto) == "Ambito Sud"


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        pytest.param("istat_code;ambito\n015209;Ambito Città\n".encode("cp1252"), "Windows-1252 (Excel)", id="excel"),
        pytest.param("\ufeffistat_code;ambito\n015209;Ambito Città\n".encode(), "UTF-8 con BOM", id="utf8-bom"),
        pytest.param("istat_code,ambito\n015209,Ambito Città\n".encode(), "UTF-8", id="utf8"),
        pytest.param("istat_code\tambito\n015209\tAmbito Città\n".encode("utf-16"), "UTF-16", id="utf16"),
    ],
)
def test_excel_encodings_are_read_and_named(personas: Personas, content: bytes, encoding: str) -> None:
    report = run(personas.regione, content)

    assert report.rejected == [] and report.applied
    assert report.encoding == encoding
    assert ambito_of(personas.sesto) == "Ambito Città"


def test_the_same_comune_listed_twice_for_the_same_ambito_is_written_once(personas: Personas) -> None:
    report = run(personas.regione, HEADER + "015209,Ambito Sud\n015209,Ambito Sud\n")

    assert report.ok and report.memberships_written == 1
    assert AreaMembership.objects.filter(comune=personas.sesto).count() == 1


# --- Rejected files: nothing is saved, every bad row is reported ----------------------

TWO_ATS = "L'ambito «Ambito X» comprende comuni di ATS diverse: un ambito appartiene a una sola ATS."
UNREADABLE = (
    "Il file non è un CSV di testo leggibile: salvalo come CSV in UTF-8 oppure come «CSV (delimitato dal "
    "separatore di elenco)» da Excel."
)
NO_HEADER = "Intestazione mancante: servono le colonne istat_code e ambito."


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            HEADER + "015209,Ambito X\n999999,Ambito X\n",
            [(3, "Codice ISTAT 999999 sconosciuto in Lombardia.")],
            id="unknown-istat-code",
        ),
        pytest.param(
            HEADER + "015209,Ambito X\n015077,\n",
            [(3, "Nome dell'ambito mancante.")],
            id="missing-ambito-name",
        ),
        pytest.param(
            HEADER + "015209,Ambito X\n015209,Ambito Y\n",
            [(3, "Il comune 015209 è già assegnato a «Ambito X» alla riga 2.")],
            id="comune-assigned-to-two-ambiti",
        ),
        pytest.param(
            HEADER + "015209,Ambito X\n016024,Ambito X\n",
            [(3, TWO_ATS)],
            id="ambito-spanning-two-ats",
        ),
        pytest.param("015209,Ambito X\n015077,Ambito X\n", [(1, NO_HEADER)], id="missing-header"),
        pytest.param("", [(0, "Il file non contiene righe di dati sotto l'intestazione.")], id="empty-file"),
        pytest.param(b"istat_code,ambito\n015209,Ambito \x81\x8d\n", [(0, UNREADABLE)], id="not-windows-1252"),
        pytest.param(b"istat_code,ambito\n015209,Ambito\x00X\n", [(0, UNREADABLE)], id="binary"),
        pytest.param(
            HEADER + "999999,Ambito X\n015209,\n015077,Ambito X\n016024,Ambito X\n",
            [
                (2, "Codice ISTAT 999999 sconosciuto in Lombardia."),
                (3, "Nome dell'ambito mancante."),
                (5, TWO_ATS),
            ],
            id="every-bad-row-is-reported",
        ),
        pytest.param(
            HEADER + "015209,Ambito X\n\n\n999999,Ambito X\n",
            [(5, "Codice ISTAT 999999 sconosciuto in Lombardia.")],
            id="line-number-counts-blank-lines",
        ),
        pytest.param(
            HEADER + '015209,"Ambito\nX"\n999999,Ambito X\n',
            [(4, "Codice ISTAT 999999 sconosciuto in Lombardia.")],
            id="line-number-counts-quoted-line-breaks",
        ),
    ],
)
def test_a_file_with_a_bad_row_saves_nothing_and_reports_each_rejected_line(
    personas: Personas, cinisello: Comune, content: str | bytes, expected: list[tuple[int, str]]
) -> None:
    before = state()

    report = run(personas.regione, content)

    assert report.rejected == expected
    assert not report.ok and not report.applied
    assert state() == before


def test_a_kind_that_is_not_supra_municipal_is_refused(personas: Personas) -> None:
    before = state()

    report = run(personas.regione, HEADER + "015209,Municipio 9\n", kind=Area.Kind.MUNICIPIO)

    assert report.rejected == [(0, "Tipo di area non valido per l'importazione: usa ambito o distretto.")]
    assert state() == before


def test_a_dry_run_checks_the_file_but_saves_nothing(personas: Personas) -> None:
    before = state()

    report = run(personas.regione, HEADER + "015209,Ambito Sud\n016024,Ambito Orobico\n", dry_run=True)

    assert report.ok and report.rows_read == 2
    assert not report.applied
    assert state() == before
    assert ambito_of(personas.sesto) is None


def test_a_dry_run_still_reports_rejected_rows(personas: Personas) -> None:
    report = run(personas.regione, HEADER + "999999,Ambito Sud\n", dry_run=True)

    assert report.rejected == [(2, "Codice ISTAT 999999 sconosciuto in Lombardia.")]


# --- Who may import -------------------------------------------------------------------


def test_an_ats_officer_of_ats_b_cannot_import_comuni_of_ats_a(personas: Personas) -> None:
    before = state()

    report = run(personas.ats_b, HEADER + "015209,Ambito Sud\n016024,Ambito Orobico\n")

    assert report.rejected == [(0, "Non puoi modificare gli ambiti dell'ATS di «Ambito Sud».")]
    assert not report.applied
    assert state() == before


def test_an_ats_officer_imports_the_comuni_of_their_own_ats(personas: Personas) -> None:
    report = run(personas.ats_a, HEADER + "015209,Ambito Sud\n")

    assert report.ok and report.applied
    assert AuditEntry.objects.get(action=IMPORTED).actor == personas.ats_a


@pytest.mark.parametrize("persona", ["coord_a", "op_a1", "auditor"])
def test_roles_that_do_not_manage_ambiti_cannot_import(personas: Personas, persona: str) -> None:
    before = state()

    report = run(getattr(personas, persona), HEADER + "015209,Ambito Sud\n")

    assert [line for line, _reason in report.rejected] == [0]
    assert state() == before


# --- Re-import ------------------------------------------------------------------------


def test_a_re_import_moves_a_comune_to_another_ambito_and_keeps_the_others(
    personas: Personas, cinisello: Comune
) -> None:
    first = run(personas.regione, HEADER + "015209,Ambito Uno\n015077,Ambito Uno\n")
    assert first.applied

    second = run(personas.regione, HEADER + "015209,Ambito Due\n")

    assert second.applied and second.areas_created == 1
    assert ambito_of(personas.sesto) == "Ambito Due"
    assert ambito_of(cinisello) == "Ambito Uno"  # not listed again: unchanged
    assert AreaMembership.objects.filter(comune=personas.sesto, kind=Area.Kind.AMBITO).count() == 1
    assert AuditEntry.objects.filter(action=IMPORTED).count() == 2


def test_a_re_import_into_an_existing_ambito_reuses_it(personas: Personas) -> None:
    report = run(personas.regione, HEADER + "015209,Ambito Milano\n")  # personas.ambito_a

    assert report.applied and report.areas_created == 0
    assert set(personas.ambito_a.comuni.all()) == {personas.milano, personas.sesto}
