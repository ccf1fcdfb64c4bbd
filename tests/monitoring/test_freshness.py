"""Stored figures (monitoring.freshness): keyed on the versions of the records they read, so a
write that matters changes the key and one that does not (a family's phone number, another month)
leaves the stored figures in use; reconcile_monitoring finds what a bulk update hid."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from core.records import record_update
from families.models import Contact
from monitoring import freshness
from monitoring.catalogue import BY_CODE
from monitoring.figures import Cache, compute
from monitoring.models import SourceChange, StoredFigures
from monitoring.periods import month, year
from monitoring.selectors import REGION, network_tree, total
from tests.monitoring.fixtures import World, build, family
from tests.personas import Personas


@pytest.fixture
def world(personas: Personas) -> World:
    return build(personas)


def _key(code: str, y: int) -> str:
    tree = network_tree()
    return freshness.key_for(BY_CODE[code], year(y), tree.digest(), 5, freshness.Versions())


def test_what_the_figures_read_is_derived_from_the_catalogue() -> None:
    deps = freshness.dependencies()
    contact = deps["families.Contact"]
    assert {"date", "seat_id", "channel", "family_id"} <= contact.fields
    assert contact.date_paths == {("date",)} and not contact.all_months
    assert deps["activities.Attendance"].date_paths == {("session_id", "starts_at")}
    family_use = deps["families.Family"]
    assert family_use.fields == {"seat_id", "merged_into_id"} and family_use.all_months and not family_use.root
    # The reference-person breakdowns read a member's role, birth year, sex and citizenship: never
    # a name or a fiscal code.
    person = deps["families.Person"]
    assert person.fields == {"family_id", "role", "birth_year", "sex", "citizenship"} and not person.root
    assert ("families.Contact", "family") in person.members_of
    assert freshness.sources_of(BY_CODE["accessi_fisici"]) == ["families.Contact"]


def _month_key(code: str, y: int, m: int) -> str:
    return freshness.key_for(BY_CODE[code], month(y, m), network_tree().digest(), 5, freshness.Versions())


def test_a_write_changes_the_key_of_its_month_only(world: World) -> None:
    p = world.p
    k2025, k2024 = _key("accessi_fisici", 2025), _key("accessi_fisici", 2024)
    sep, oct_ = _month_key("accessi_fisici", 2025, 9), _month_key("accessi_fisici", 2025, 10)
    Contact.objects.create(
        seat=p.hub_a, channel="presenza", date=dt.date(2025, 9, 1), reason="altro", operator=p.coord_a
    )
    assert _key("accessi_fisici", 2025) != k2025 and _month_key("accessi_fisici", 2025, 9) != sep
    assert _key("accessi_fisici", 2024) == k2024 and _month_key("accessi_fisici", 2025, 10) == oct_


def test_moving_a_record_to_another_year_changes_both_years(world: World) -> None:
    p = world.p
    c = Contact.objects.filter(date__year=2025, seat=p.hub_a).first()
    assert c is not None
    c.operator = p.coord_a
    c.save()
    k2025, k2024, k2023 = (_key("accessi_fisici", y) for y in (2025, 2024, 2023))
    record_update(actor=p.coord_a, instance=c, data={"date": dt.date(2024, 3, 1)})
    assert _key("accessi_fisici", 2025) != k2025 and _key("accessi_fisici", 2024) != k2024
    assert _key("accessi_fisici", 2023) == k2023


def test_writes_that_change_no_figure_leave_the_key(world: World) -> None:
    p = world.p
    before = _key("persone_raggiunte", 2025)
    record_update(actor=p.coord_a, instance=world.f2, data={"name": "Altro nome"})  # not read by any figure
    family(p, p.hub_a, "nuova")  # a new family has no records yet
    assert _key("persone_raggiunte", 2025) == before
    record_update(actor=p.coord_a, instance=world.f2, data={"seat": p.spoke_a1})  # moves its records' seat
    assert _key("persone_raggiunte", 2025) != before


def test_the_store_serves_the_figures_it_computed_and_recomputes_after_a_write(world: World) -> None:
    p = world.p
    tree = network_tree()
    first = Cache(tree).figures("persone_raggiunte", year(2025))
    assert StoredFigures.objects.filter(indicator="persone_raggiunte").count() == 1
    again = Cache(tree).figures("persone_raggiunte", year(2025))
    assert again.cells == first.cells and again.hidden == first.hidden
    new = family(p, p.hub_b, "F9")
    Contact.objects.create(seat=p.hub_b, family=new, channel="presenza", date=dt.date(2025, 9, 1), reason="altro")
    after = Cache(tree).figures("persone_raggiunte", year(2025))
    assert after.cells[total(REGION, 0)] == first.cells[total(REGION, 0)] + 1
    assert StoredFigures.objects.filter(indicator="persone_raggiunte").count() == 1  # the older version is dropped


def test_reconcile_finds_stored_figures_a_bulk_update_made_stale_and_repairs(world: World) -> None:
    p = world.p
    tree = network_tree()
    Cache(tree).figures("accessi_fisici", year(2025))
    Contact.objects.filter(seat=p.spoke_a1, date__year=2025).update(date=dt.date(2024, 6, 1))  # no hook sees it
    out = StringIO()
    call_command("reconcile_monitoring", stdout=out)
    assert "Valori memorizzati con differenze: 1" in out.getvalue()
    call_command("reconcile_monitoring", "--repair", stdout=StringIO())
    assert StoredFigures.objects.count() == 0
    assert SourceChange.objects.values("source", "month").distinct().count() == SourceChange.objects.count()
    fresh = Cache(network_tree()).figures("accessi_fisici", year(2025))
    assert fresh.cells == compute(BY_CODE["accessi_fisici"], year(2025), network_tree()).cells
    out = StringIO()
    call_command("reconcile_monitoring", stdout=out)
    assert "Valori memorizzati con differenze: 0" in out.getvalue()


def test_the_daily_job_shortens_the_change_log(world: World) -> None:
    from jobs.runner import start_job
    from monitoring.jobs import prune_changes

    assert SourceChange.objects.count() > SourceChange.objects.values("source", "month").distinct().count()
    before = _key("accessi_fisici", 2025)
    start_job(actor=None, definition=prune_changes)
    assert SourceChange.objects.count() == SourceChange.objects.values("source", "month").distinct().count()
    assert _key("accessi_fisici", 2025) != before  # keyed on the longer log: recomputed once


def test_the_nightly_check_reports_differences_in_the_log_and_changes_nothing(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    from jobs.models import Job, JobStatus
    from jobs.runner import start_job
    from jobs.schedule import daily_jobs
    from monitoring.jobs import reconcile

    assert "monitoring.reconcile" in {entry.definition.kind for entry in daily_jobs()}
    tree = network_tree()
    Cache(tree).figures("accessi_fisici", year(2025))
    with caplog.at_level("INFO", logger="monitoring.jobs"):
        start_job(actor=None, definition=reconcile)
    assert "0 stored figures and 0 locked periods differ" in caplog.text
    caplog.clear()
    Contact.objects.filter(seat=world.p.spoke_a1, date__year=2025).update(date=dt.date(2024, 6, 1))
    with caplog.at_level("INFO", logger="monitoring.jobs"):
        job = start_job(actor=None, definition=reconcile)
    assert Job.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED
    assert "stored figures differ: accessi_fisici 2025-01-01..2025-12-31" in caplog.text
    assert "1 stored figures and 0 locked periods differ" in caplog.text
    assert StoredFigures.objects.count() == 1  # check only: --repair is the command's
    for f in (world.f1, world.f2, world.f3, world.dup):  # no family in the log
        assert f.name not in caplog.text and f.code not in caplog.text
