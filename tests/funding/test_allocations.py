"""Allocations among the ATS through the service, screens and API (D.G.R. XII/5464 § 4.4;
D.G.R. 1507/2023, Allegato A, § 4)."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from openpyxl import load_workbook

from accounts.services import api_token_create
from audit.models import AuditEntry
from funding import services
from funding.models import Allocation, Fund
from territory.models import AtsPopulation, PopulationSnapshot
from tests.personas import Personas

# D.G.R. XII/5464 del 09/12/2025, § 4.4: inhabitants per ATS (ISTAT 31/12/2024) and the yearly amounts.
DGR_5464 = {
    "321": (3_474_932, "350000.00"),
    "322": (1_461_523, "150000.00"),
    "323": (293_646, "30000.00"),
    "324": (1_210_062, "120000.00"),
    "325": (1_110_427, "110000.00"),
    "326": (1_162_865, "120000.00"),
    "327": (759_967, "70000.00"),
    "328": (538_632, "50000.00"),
}
DGR_COMPONENTS = [{"kind": "population", "share": "100", "snapshot": "dgr-5464"}]


def test_the_decree_table_is_reproduced_to_the_cent_from_its_inputs(
    eight_ats: PopulationSnapshot, fund: Fund, personas: Personas
) -> None:
    allocation = services.allocation_create(
        actor=personas.regione,
        fund=fund,
        label="Conciliazione 2025",
        year=2025,
        total=Decimal("1000000.00"),
        components=DGR_COMPONENTS,
        rounding_unit=Decimal("10000.00"),
    )
    amounts = {line.ats.code: line.amount for line in allocation.lines.select_related("ats")}
    assert amounts == {code: Decimal(amount) for code, (_pop, amount) in DGR_5464.items()}
    assert sum(amounts.values()) == Decimal("1000000.00")
    assert services.allocation_verify(allocation=allocation)
    assert AuditEntry.objects.filter(action="funding.allocation.created", object_id=str(allocation.pk)).exists()


def test_cpf_criterion_30_population_70_equal_adds_up_to_the_total(eight_ats: PopulationSnapshot) -> None:
    result = services.allocation_compute(
        total=Decimal("6532000.00"),
        components=[{"kind": "population", "share": "30", "snapshot": "dgr-5464"}, {"kind": "equal", "share": "70"}],
    )
    assert sum(result.amounts().values()) == Decimal("6532000.00")
    equal_part = Decimal("6532000.00") * Decimal("0.7") / 8
    assert all(amount > equal_part for amount in result.amounts().values())


@pytest.mark.parametrize(
    ("components", "message"),
    [
        ([{"kind": "population", "share": "30", "snapshot": "dgr-5464"}, {"kind": "equal", "share": "60"}], "100"),
        ([{"kind": "population", "share": "100", "snapshot": "inesistente"}], "inesistente"),
        ([{"kind": "equal", "share": "abc"}], "non è un numero"),
        ([{"kind": "magic", "share": "100"}], "sconosciuto"),
        ([{"kind": "weights", "share": "100", "values": {"321": "x"}}], "non numerici"),
    ],
)
def test_bad_criteria_get_an_italian_message_and_nothing_is_saved(
    eight_ats: PopulationSnapshot, fund: Fund, personas: Personas, components: list[dict[str, object]], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        services.allocation_create(
            actor=personas.regione, fund=fund, label="x", year=2025, total=Decimal("1000.00"), components=components
        )
    assert not Allocation.objects.exists()


def test_a_snapshot_missing_an_ats_is_refused_naming_the_ats(eight_ats: PopulationSnapshot) -> None:
    from territory.models import Ats

    Ats.objects.filter(code="328").update(name="ATS di Pavia")
    AtsPopulation.objects.filter(ats__code="328").delete()
    with pytest.raises(ValidationError) as caught:
        services.allocation_compute(total=Decimal("1000.00"), components=DGR_COMPONENTS)
    message = " ".join(caught.value.messages)
    assert "mancano i destinatari" in message and "ATS di Pavia" in message
    assert "328" not in message


def test_a_negative_weight_names_the_ats(eight_ats: PopulationSnapshot) -> None:
    from territory.models import Ats

    Ats.objects.filter(code="323").update(name="ATS della Montagna")
    weights = {code: "1" for code in Ats.objects.values_list("code", flat=True)} | {"323": "-1"}
    with pytest.raises(ValidationError) as caught:
        services.allocation_compute(
            total=Decimal("1000.00"), components=[{"kind": "weights", "share": "100", "values": weights}]
        )
    message = " ".join(caught.value.messages)
    assert "ATS della Montagna" in message and "323" not in message


def test_a_zero_euro_riparto_is_refused_in_italian(
    eight_ats: PopulationSnapshot, fund: Fund, personas: Personas
) -> None:
    """D.G.R. 1507/2023 DELIBERA p. 5 and D.G.R. XII/5464 «VALUTATO di destinare»: a riparto
    distributes resources a decree destined to the ATS; 0 € is refused, nothing saved."""
    with pytest.raises(ValidationError) as caught:
        services.allocation_create(
            actor=personas.regione,
            fund=fund,
            label="x",
            year=2025,
            total=Decimal("0.00"),
            components=DGR_COMPONENTS,
        )
    assert "0 €" in " ".join(caught.value.messages) and "maggiore di zero" in " ".join(caught.value.messages)
    assert not Allocation.objects.exists()


def test_zero_euro_lines_inside_a_riparto_are_accepted(eight_ats: PopulationSnapshot) -> None:
    """An ATS with weight 0 gets a 0 € line; the parts still add up to the total."""
    from territory.models import Ats

    weights = {code: "1" for code in Ats.objects.values_list("code", flat=True)} | {"323": "0"}
    result = services.allocation_compute(
        total=Decimal("1000.00"), components=[{"kind": "weights", "share": "100", "values": weights}]
    )
    assert result.amounts()["323"] == Decimal("0.00")
    assert sum(result.amounts().values()) == Decimal("1000.00")


@pytest.mark.parametrize("persona", ["ats_a", "coord_a", "admin_a", "op_a1", "auditor"])
def test_only_the_regione_allocates_among_the_ats(
    eight_ats: PopulationSnapshot, fund: Fund, personas: Personas, persona: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.allocation_create(
            actor=getattr(personas, persona),
            fund=fund,
            label="x",
            year=2025,
            total=Decimal("1000.00"),
            components=DGR_COMPONENTS,
        )


def test_screens_show_the_table_and_export_xlsx(
    eight_ats: PopulationSnapshot, fund: Fund, personas: Personas, client: Client
) -> None:
    client.force_login(personas.regione)
    response = client.post(
        "/finanziamenti/riparti/nuovo/",
        {
            "fund": fund.pk,
            "label": "Conciliazione 2025",
            "year": 2025,
            "total": "1000000.00",
            "rounding_unit": "10000.00",
            "population_share": "100",
            "snapshot": "dgr-5464",
            "save": "1",
        },
    )
    assert response.status_code == 302
    allocation = Allocation.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "350.000,00 €" in page and "1.000.000,00 €" in page
    workbook = load_workbook(io.BytesIO(client.get(f"/finanziamenti/riparti/{allocation.pk}/xlsx/").content))
    rows = list(workbook.active.iter_rows(min_row=7, max_row=15, max_col=5, values_only=True))
    assert Decimal(str(rows[0][-1])) == Decimal("350000") and rows[-1][1] == "Totale"
    assert Decimal(str(rows[-1][-1])) == Decimal("1000000")
    assert AuditEntry.objects.filter(action="funding.allocation.exported_xlsx").count() == 1


def test_allocation_pdf_is_a_pdf(eight_ats: PopulationSnapshot, fund: Fund, personas: Personas, client: Client) -> None:
    allocation = services.allocation_create(
        actor=personas.regione,
        fund=fund,
        label="Conciliazione 2025",
        year=2025,
        total=Decimal("1000000.00"),
        components=DGR_COMPONENTS,
        rounding_unit=Decimal("10000.00"),
    )
    client.force_login(personas.ats_a)
    response = client.get(f"/finanziamenti/riparti/{allocation.pk}/pdf/")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_form_errors_are_italian_not_500(
    eight_ats: PopulationSnapshot, fund: Fund, personas: Personas, client: Client
) -> None:
    client.force_login(personas.regione)
    response = client.post(
        "/finanziamenti/riparti/nuovo/",
        {
            "fund": fund.pk,
            "label": "x",
            "year": 2025,
            "total": "-5",
            "population_share": "130",
            "preview": "1",
        },
    )
    assert response.status_code == 200
    assert "maggiore o uguale" in response.content.decode() or "minore o uguale" in response.content.decode()
    client.force_login(personas.coord_a)
    assert client.get("/finanziamenti/riparti/nuovo/").status_code == 403


def test_api_computes_the_decree_table_and_refuses_writes_to_ats(
    eight_ats: PopulationSnapshot, fund: Fund, personas: Personas, client: Client
) -> None:
    _token, raw = api_token_create(user=personas.ats_a, name="t")
    body = {"total": "1000000.00", "rounding_unit": "10000.00", "components": DGR_COMPONENTS}
    response = client.post(
        "/api/v1/funding/allocations/compute", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 200
    assert {line["ats_code"]: Decimal(line["amount"]) for line in response.json()["lines"]}["321"] == Decimal("350000")
    response = client.post(
        "/api/v1/funding/allocations",
        {**body, "fund_id": fund.pk, "label": "x", "year": 2025},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 403
    bad = client.post(
        "/api/v1/funding/allocations/compute",
        {**body, "total": "-1"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert bad.status_code == 422


def test_allocation_xlsx_runs_as_a_background_job_for_its_reader(
    eight_ats: PopulationSnapshot, fund: Fund, personas: Personas, client: Client
) -> None:
    from jobs.models import Job, JobStatus

    allocation = services.allocation_create(
        actor=personas.regione,
        fund=fund,
        label="Conciliazione 2025",
        year=2025,
        total=Decimal("1000000.00"),
        components=DGR_COMPONENTS,
        rounding_unit=Decimal("10000.00"),
    )
    client.force_login(personas.regione)
    response = client.post(f"/finanziamenti/riparti/{allocation.pk}/xlsx/lavoro/")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/lavori/{job.pk}/"
    assert job.status == JobStatus.SUCCEEDED and job.owner == personas.regione and job.percent == 100
    workbook = load_workbook(io.BytesIO(b"".join(client.get(f"/lavori/{job.pk}/file/").streaming_content)))
    totals = next(row for row in workbook.active.iter_rows(values_only=True) if row[1] == "Totale")
    assert Decimal(str(totals[4])) == Decimal("1000000")
    assert AuditEntry.objects.filter(action="funding.allocation.exported_xlsx", actor=personas.regione).count() == 1
    assert client.get(f"/finanziamenti/riparti/{allocation.pk}/xlsx/lavoro/").status_code == 405


def test_the_allocation_export_job_matrix(
    eight_ats: PopulationSnapshot, fund: Fund, personas: Personas, client: Client
) -> None:
    """Whoever may open the allocation may export it as a job, and the job is theirs alone."""
    from jobs.models import Job, JobStatus

    allocation = services.allocation_create(
        actor=personas.regione,
        fund=fund,
        label="Conciliazione 2025",
        year=2025,
        total=Decimal("1000000.00"),
        components=DGR_COMPONENTS,
        rounding_unit=Decimal("10000.00"),
    )
    for name, user in personas.users().items():
        client.force_login(user)
        page = client.get(f"/finanziamenti/riparti/{allocation.pk}/").status_code
        started = client.post(f"/finanziamenti/riparti/{allocation.pk}/xlsx/lavoro/").status_code
        assert (page, started) in {(200, 302), (404, 404), (403, 403)}, name
        if started == 302:
            job = Job.objects.filter(owner=user).get()
            assert job.status == JobStatus.SUCCEEDED, name
    assert Job.objects.filter(owner=personas.regione).exists()


def test_allocation_xlsx_is_typed_and_explains_the_rounding(
    eight_ats: PopulationSnapshot, fund: Fund, personas: Personas
) -> None:
    from funding.exporters import allocation_xlsx

    allocation = services.allocation_create(
        actor=personas.regione,
        fund=fund,
        label="CpF 2023",
        year=2023,
        total=Decimal("6532000.00"),
        components=[{"kind": "population", "share": "30", "snapshot": "dgr-5464"}, {"kind": "equal", "share": "70"}],
    )
    ws = load_workbook(io.BytesIO(allocation_xlsx(allocation))).active
    header = next(r for r in range(1, 10) if ws.cell(row=r, column=1).value == "Codice ATS")
    assert ws.freeze_panes == f"A{header + 1}" and ws.auto_filter.ref == f"A{header}:F{header + 8}"
    assert ws.cell(row=header + 1, column=6).number_format == '#,##0.00 "€"'
    assert isinstance(ws.cell(row=header + 1, column=6).value, (int, float))
    notes = [c.value for c in ws["A"] if isinstance(c.value, str) and "resti più grandi" in c.value]
    assert notes and "0,01 €" in notes[0]
