"""Issue #13 § 2, done-when: an export started in the browser runs through the real job queue and
worker; its progress page follows it (polled by htmx) until done, and the file downloads. The
queue is django-tasks-db's database backend and the worker is `manage.py jobs_worker`, run in the
test's thread against the live server's database while Chromium keeps polling."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from funding import services as funding_services
from funding.models import Fund
from jobs.models import Job, JobStatus
from territory.models import AtsPopulation, PopulationSnapshot
from tests.browser_support import axe_violations, login
from tests.personas import Personas

pytestmark = pytest.mark.browser

# Every status and percentage the progress box shows, in order, as the htmx polls replace it.
OBSERVE = """
window.__jobStates = [];
function note() {
  const box = document.getElementById("job-progress");
  if (!box) { return; }
  const bar = box.querySelector("progress");
  const state = box.dataset.status + ":" + (bar ? bar.value : "");
  if (window.__jobStates[window.__jobStates.length - 1] !== state) { window.__jobStates.push(state); }
}
new MutationObserver(note).observe(document, {childList: true, subtree: true});
document.addEventListener("DOMContentLoaded", note);
"""


def _allocation(world: Personas) -> int:
    snapshot = PopulationSnapshot.objects.create(
        code="job-ats", label="Popolazione per ATS", source="test", reference_date=dt.date(2024, 12, 31), level="ats"
    )
    AtsPopulation.objects.create(snapshot=snapshot, ats=world.ats_a_obj, total=3_474_932)
    AtsPopulation.objects.create(snapshot=snapshot, ats=world.ats_b_obj, total=1_110_427)
    fund = Fund.objects.create(name="Fondo lavori", decree_reference="D.G.R. di prova", start_year=2025, end_year=2025)
    allocation = funding_services.allocation_create(
        actor=world.regione,
        fund=fund,
        label="Riparto da esportare",
        year=2025,
        total=Decimal("100000.00"),
        components=[{"kind": "population", "share": "100", "snapshot": "job-ats"}],
    )
    return allocation.pk


def test_an_export_started_in_the_browser_completes_through_the_worker(
    page: Page, live_server: LiveServer, world: Personas, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # the real queue
    allocation_id = _allocation(world)
    page.add_init_script(OBSERVE)
    login(page, live_server.url, "regione", then=f"/finanziamenti/riparti/{allocation_id}/")

    page.get_by_role("button", name="Esporta XLSX").click()
    page.wait_for_url(f"{live_server.url}/lavori/*/")
    box = page.get_by_test_id("job-progress")
    assert box.get_attribute("data-status") == JobStatus.QUEUED  # nothing runs it yet: it waits for the worker
    page.wait_for_timeout(1500)  # the page keeps polling while it waits
    assert box.get_attribute("data-status") == JobStatus.QUEUED
    assert axe_violations(page) == []
    job = Job.objects.get()
    assert job.owner_id == world.regione.pk and job.status == JobStatus.QUEUED

    call_command("jobs_worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-reload", verbosity=0)

    page.wait_for_selector("[data-testid=job-progress][data-status=succeeded]", timeout=20_000)
    states = page.evaluate("window.__jobStates")
    assert states[0] == "queued:0" and states[-1] == "succeeded:100", states
    assert page.locator("#job-progress progress").get_attribute("value") == "100"
    assert "Completato" in box.inner_text() or "100%" in box.inner_text()
    with page.expect_download() as download_info:
        page.get_by_test_id("job-download").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as f:
        assert f.read(4) == b"PK\x03\x04"  # an XLSX workbook
    assert axe_violations(page) == []
