"""Back-office screens of the programme as a role x page table (SPEC §10): ATS A's rows are
visible to its ATS officer, hub roles and operators and to Regione and auditor; ATS B gets 404;
only the ATS officer and Regione write. Plus the checks, the actions and the Piano exports."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from audit.models import AuditEntry
from conciliazione import models as m
from conciliazione import selectors
from tests.conciliazione.builders import Conc, _project
from tests.personas import Personas

READERS_OF_A = {"regione": 200, "ats_a": 200, "coord_a": 200, "op_a1": 200, "auditor": 200, "ats_b": 404, "op_b": 404}
# Households are personal data: only the programme's managers read them (issue #9 § 6).
HOUSEHOLD_READERS = {"regione": 200, "ats_a": 200, "coord_a": 404, "op_a1": 404, "auditor": 404, "ats_b": 404}
HOUSEHOLD_READERS["op_b"] = 404
WRITERS_OF_A = {"regione": 200, "ats_a": 200, "coord_a": 403, "op_a1": 403, "auditor": 403, "ats_b": 404, "op_b": 404}
DETAIL_PAGES = {
    "alleanze": "alliance_a",
    "reti": "network_a",
    "progetti": "project_a",
    "nuclei": "household_a",
    "voucher": "voucher_a",
    "aiuti": "grant_a",
}


@pytest.mark.parametrize("persona", sorted(READERS_OF_A))
@pytest.mark.parametrize("prefix", sorted(DETAIL_PAGES))
def test_detail_pages_follow_the_ats_scope(
    client: Client, personas: Personas, conc: Conc, persona: str, prefix: str
) -> None:
    client.force_login(getattr(personas, persona))
    obj = getattr(conc, DETAIL_PAGES[prefix])
    expected = (HOUSEHOLD_READERS if prefix == "nuclei" else READERS_OF_A)[persona]
    assert client.get(f"/conciliazione/{prefix}/{obj.pk}/").status_code == expected


@pytest.mark.parametrize("persona", sorted(HOUSEHOLD_READERS))
def test_household_lists_and_api_only_for_the_programme_managers(
    client: Client, personas: Personas, conc: Conc, persona: str
) -> None:
    client.force_login(getattr(personas, persona))
    page = client.get("/conciliazione/nuclei/")
    api = client.get("/api/v1/conciliazione/households").json()
    codes = {item["code"] for item in api["items"]}
    if persona in ("regione", "ats_a"):
        assert "NUC-A-001" in page.content.decode() and "NUC-A-001" in codes
    else:
        assert "NUC-A-001" not in page.content.decode() and "NUC-A-001" not in codes


@pytest.mark.parametrize("persona", sorted(WRITERS_OF_A))
@pytest.mark.parametrize("prefix", ["alleanze", "reti", "progetti", "nuclei"])
def test_edit_pages_only_for_the_own_ats_and_regione(
    client: Client, personas: Personas, conc: Conc, persona: str, prefix: str
) -> None:
    client.force_login(getattr(personas, persona))
    obj = getattr(conc, DETAIL_PAGES[prefix])
    expected = WRITERS_OF_A[persona]
    if prefix == "nuclei" and HOUSEHOLD_READERS[persona] == 404:
        expected = 404  # rows a role may not read are not found, whatever it may write
    assert client.get(f"/conciliazione/{prefix}/{obj.pk}/modifica/").status_code == expected


@pytest.mark.parametrize(
    ("persona", "visible"),
    [("regione", {"A", "B"}), ("auditor", {"A", "B"}), ("ats_a", {"A"}), ("coord_a", {"A"}), ("op_b", {"B"})],
)
def test_lists_show_only_rows_in_scope(
    client: Client, personas: Personas, conc: Conc, persona: str, visible: set[str]
) -> None:
    client.force_login(getattr(personas, persona))
    page = client.get("/conciliazione/alleanze/").content.decode()
    assert {x for x in "AB" if f"Alleanza {x}" in page} == visible


@pytest.mark.parametrize(("persona", "status"), [("ats_a", 200), ("regione", 200), ("coord_a", 403), ("auditor", 403)])
def test_service_backed_create_pages(client: Client, personas: Personas, conc: Conc, persona: str, status: int) -> None:
    client.force_login(getattr(personas, persona))
    for prefix in ("voucher", "rimborsi", "aiuti"):
        assert client.get(f"/conciliazione/{prefix}/nuovo/").status_code == status


def test_home_links_every_screen(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.ats_a)
    page = client.get("/conciliazione/").content.decode()
    for link in (
        "/conciliazione/reti/",
        "/conciliazione/alleanze/",
        "/conciliazione/progetti/",
        "/conciliazione/nuclei/",
    ):
        assert link in page
    assert "/conciliazione/de-minimis/" in page and "/conciliazione/piano/321/" in page
    assert "/conciliazione/piano/325/" not in page


def test_alliance_page_shows_the_violation_in_plain_italian(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.auditor)
    page = client.get(f"/conciliazione/alleanze/{conc.alliance_a.pk}/").content.decode()
    assert "Servono almeno 3 enti beneficiari" in page and "ce ne sono 2" in page
    assert "Aggiungi partner" not in page  # read-only
    page = client.get(f"/conciliazione/alleanze/{conc.alliance_b.pk}/").content.decode()
    assert "Il partenariato rispetta i requisiti" in page


def test_project_page_shows_budget_in_euro(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.ats_a)
    page = client.get(f"/conciliazione/progetti/{conc.project_a.pk}/").content.decode()
    assert "1.000,00 €" in page and "700,00 €" in page and "01/01/2026" in page


def test_household_check_button_stores_and_shows_requirements(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.ats_a)
    m.HouseholdMember.objects.filter(household=conc.household_a, role="child").update(dependent="")
    response = client.post(f"/conciliazione/nuclei/{conc.household_a.pk}/verifica-requisiti/")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Il nucleo non ha familiari a carico" in page
    assert "Tutti i componenti residenti o domiciliati in Lombardia" in page
    assert AuditEntry.objects.filter(action="conciliazione.household.viewed").exists()
    client.force_login(personas.auditor)  # households are not the auditor's to read (issue #9 § 6)
    assert client.post(f"/conciliazione/nuclei/{conc.household_a.pk}/verifica-requisiti/").status_code == 404
    client.force_login(personas.ats_b)
    assert client.post(f"/conciliazione/nuclei/{conc.household_a.pk}/verifica-requisiti/").status_code == 404


def test_voucher_issue_over_budget_shows_the_italian_reason(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.ats_a)
    data = {
        "project": conc.project_a.pk,
        "household": conc.household_a.pk,
        "provider": conc.ets_a.pk,
        "code": "VOU-A-2",
        "value": "800.00",
        "valid_from": "2026-02-01",
        "valid_until": "2026-12-31",
    }
    page = client.post("/conciliazione/voucher/nuovo/", data).content.decode()
    assert "supera il budget del progetto" in page
    response = client.post("/conciliazione/voucher/nuovo/", {**data, "value": "700.00"})
    assert response.status_code == 302
    assert m.Voucher.objects.filter(code="VOU-A-2", value=Decimal("700.00")).exists()


def test_voucher_redeem_then_again_is_refused(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.ats_a)
    url = f"/conciliazione/voucher/{conc.voucher_a.pk}/utilizza/"
    client.post(url, {"on": "2026-03-01", "amount": "120.00"})
    response = client.post(url, {"on": "2026-03-02", "amount": "10.00"}, follow=True)
    assert "già stato utilizzato il 01/03/2026" in response.content.decode()
    conc.voucher_a.refresh_from_db()
    assert conc.voucher_a.redeemed_amount == Decimal("120.00")


def test_de_minimis_ledger_shows_used_and_available(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.ats_a)
    page = client.get("/conciliazione/de-minimis/").content.decode()
    # Both grants count for the undertaking (200.000 € of 300.000 €), even if B's is not listed.
    assert "200.000,00 €" in page and "100.000,00 €" in page and "COR-A" in page and "COR-B" not in page


def test_plan_page_and_exports(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.ats_a)
    page = client.get("/conciliazione/piano/321/").content.decode()
    assert "Rete A" in page and "Progetto A" in page and "Tutte le rappresentanze obbligatorie" in page
    assert client.get("/conciliazione/piano/325/").status_code == 404
    workbook = load_workbook(io.BytesIO(client.get("/conciliazione/piano/321/xlsx/").content))
    assert workbook.sheetnames == ["Rete", "Alleanze", "Progetti"]
    rows = list(workbook["Progetti"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:2] == ("Progetto A", "Alleanza A")
    assert Decimal(str(rows[0][4])) == Decimal("1000") and Decimal(str(rows[0][5])) == Decimal("300")
    alliances = list(workbook["Alleanze"].iter_rows(min_row=2, values_only=True))
    assert "Servono almeno 3 enti beneficiari" in alliances[0][3]
    assert AuditEntry.objects.filter(action="conciliazione.plan.exported_xlsx").count() == 1


def test_plan_pdf_is_a_pdf(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.regione)
    response = client.get("/conciliazione/piano/325/pdf/")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_dates_are_italian_in_lists(client: Client, personas: Personas, conc: Conc) -> None:
    client.force_login(personas.regione)
    page = client.get("/conciliazione/voucher/").content.decode()
    assert "30/06/2026" in page and "300,00 €" in page
    assert dt.date(2026, 6, 30).isoformat() not in page


def _plan_queries(conc: Conc) -> int:
    with CaptureQueriesContext(connection) as ctx:
        selectors.ats_plan(network=conc.network_a)
    return len(ctx.captured_queries)


def test_plan_reads_a_fixed_number_of_queries_whatever_the_number_of_projects(personas: Personas, conc: Conc) -> None:
    one_project = _plan_queries(conc)
    for label in ("C", "D", "E"):
        project = _project(conc.alliance_a, label)
        m.Voucher.objects.create(
            project=project,
            household=conc.household_a,
            provider=conc.alliance_a.lead,
            code=f"VOU-{label}",
            value=Decimal("100.00"),
            valid_from=dt.date(2026, 2, 1),
            valid_until=dt.date(2026, 6, 30),
        )
    assert _plan_queries(conc) == one_project
    budgets = {p["project"].title: p["budget"] for p in selectors.ats_plan(network=conc.network_a)["projects"]}
    assert budgets["Progetto A"].vouchers_issued == Decimal("300.00")
    assert budgets["Progetto C"].vouchers_issued == Decimal("100.00")
    assert budgets["Progetto D"].reimbursements_requested == Decimal("0.00")
