"""Exports read back: XLSX (openpyxl) through the background job, CSV, JSON and open data; each
hides exactly the cells the dashboards hide (the same Figures, proved safe in test_disclosure)."""

import csv
import datetime as dt
import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from audit.models import AuditEntry
from jobs.models import Job, JobStatus
from monitoring import approval as workflow
from monitoring.catalogue import INDICATORS
from monitoring.periods import year
from tests.monitoring.fixtures import World, build, confirm_seats
from tests.personas import Personas


@pytest.fixture
def world(personas: Personas) -> World:
    return build(personas)


def test_xlsx_export_runs_as_a_job_and_reads_back(personas: Personas, world: World, client: Client) -> None:
    client.force_login(personas.regione)
    response = client.post("/monitoraggio/esporta/xlsx/?livello=regione&nodo=0&periodo=2025")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/lavori/{job.pk}/"
    assert job.status == JobStatus.SUCCEEDED and job.percent == 100
    wb = load_workbook(io.BytesIO(b"".join(client.get(f"/lavori/{job.pk}/file/").streaming_content)))
    assert wb.sheetnames == ["Definizioni", "Regione", "ATS", "Centri", "Sedi", "Disaggregazioni"]
    defs = wb["Definizioni"]
    assert defs["B1"].value == dt.datetime(2025, 1, 1) and defs["B1"].number_format == "DD/MM/YYYY"
    codes = [r[0] for r in defs.iter_rows(min_row=7, values_only=True)]
    assert codes == [i.code for i in INDICATORS]
    region = wb["Regione"]
    assert region.freeze_panes == "A2" and region.auto_filter.ref
    header = [c.value for c in region[1]]
    assert header[:4] == ["Nome", "Livello superiore", "Dal", "Al"]
    row = dict(zip(header, [c.value for c in region[2]], strict=True))
    assert row["Accessi fisici ai centri e ai punti di accesso"] == 5  # accesses are not people: in full
    assert row["Nuclei raggiunti per qualsiasi canale"] == "<5"  # 3 families: hidden for the Region
    assert region["C2"].value == dt.datetime(2025, 1, 1)
    centres = {r[0]: r for r in wb["Centri"].iter_rows(min_row=2, values_only=True)}
    assert set(centres) == {"Centro A", "Centro B"}
    split = list(wb["Disaggregazioni"].iter_rows(values_only=True))
    assert split[0] == ("Livello", "Nome", "Indicatore", "Disaggregazione", "Categoria", "Valore")
    by_key = {(r[0], r[1], r[2], r[3], r[4]): r[5] for r in split[1:]}
    reached = "Nuclei raggiunti per qualsiasi canale"
    assert by_key[("Regione", "Regione Lombardia", reached, "canale", "In presenza in sede")] == "<5"
    meetings = "Incontri e attività socio-educative organizzati"  # not people: in full
    assert by_key[("Sedi", "Hub B", meetings, "tipo di attività", "Ciclo di incontri")] == 1
    assert AuditEntry.objects.filter(action="monitoring.export.xlsx", actor=personas.regione).count() == 1
    assert client.get("/monitoraggio/esporta/xlsx/").status_code == 302  # only POST starts a job


def test_the_coordinators_export_shows_its_own_figures(personas: Personas, world: World, client: Client) -> None:
    client.force_login(personas.coord_a)
    body = client.get("/monitoraggio/esporta/csv/?periodo=2025").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    header = rows[0]
    assert header[:5] == ["livello", "nome", "livello superiore", "dal", "al"]
    centre = dict(zip(header, rows[1], strict=True))
    assert centre["nome"] == "Centro A" and centre["persone_raggiunte"] == "2" and centre["dal"] == "01/01/2025"
    assert {r[1] for r in rows[2:]} == {"Hub A", "Spoke A1", "Spoke A2"}
    entry = AuditEntry.objects.get(action="monitoring.export.csv")
    assert (entry.actor, entry.centre_id) == (personas.coord_a, personas.centre_a.pk)
    assert entry.changes == {"level": "centre", "node": personas.centre_a.pk, "period": "2025"}


def test_json_export_hides_what_the_dashboard_hides(personas: Personas, world: World, client: Client) -> None:
    client.force_login(personas.ats_a)
    data = json.loads(client.get("/monitoraggio/esporta/json/?periodo=2025").content)
    top = data["rows"][0]
    assert top["name"] == personas.ats_a_obj.short_name
    assert top["values"]["persone_raggiunte"] is None and "persone_raggiunte" in top["hidden"]
    api = client.get("/api/v1/monitoring/values?indicator=persone_raggiunte&period=2025").json()
    assert api["values"][0]["hidden"] is True
    # Outside the scope: not found.
    assert (
        client.get(f"/monitoraggio/esporta/json/?periodo=2025&livello=ats&nodo={personas.ats_b_obj.pk}").status_code
        == 404
    )


def test_open_data_publishes_only_approved_figures_with_metadata(
    personas: Personas, world: World, client: Client
) -> None:
    p = personas
    confirm_seats(p, year(2025), dt.date(2026, 6, 1))
    a = workflow.submit(actor=p.coord_a, centre_id=p.centre_a.pk, period=year(2025), today=dt.date(2026, 6, 1))
    client.force_login(p.regione)
    assert json.loads(client.get("/monitoraggio/dati-aperti/2025.json").content)["data"] == []  # submitted only
    workflow.approve(actor=p.ats_a, approval=a)
    data = json.loads(client.get("/monitoraggio/dati-aperti/2025.json").content)
    assert data["licence"].startswith("CC BY 4.0") and data["definitions"] and "<5" in data["suppression"]
    (centre,) = data["data"]
    assert centre["centre"] == "Centro A"
    assert centre["values"]["accessi_fisici"] == 4 and centre["values"]["persone_raggiunte"] == "<5"
    assert AuditEntry.objects.filter(action="monitoring.export.open_data", actor=p.regione).count() == 2
    assert client.get("/monitoraggio/dati-aperti/abc.json").status_code == 404


@pytest.mark.parametrize("persona", ["regione", "ats_a", "ats_b", "coord_a", "admin_a", "op_a1", "op_b", "auditor"])
def test_every_role_exports_its_own_scope(personas: Personas, world: World, client: Client, persona: str) -> None:
    client.force_login(getattr(personas, persona))
    assert client.get("/monitoraggio/esporta/csv/?periodo=2025").status_code == 200
    assert client.get("/monitoraggio/dati-aperti/2025.json").status_code == 200
    outside = f"/monitoraggio/esporta/csv/?periodo=2025&livello=seat&nodo={personas.hub_b.pk}"
    assert client.get(outside).status_code == (200 if persona in ("regione", "auditor", "ats_b", "op_b") else 404)
