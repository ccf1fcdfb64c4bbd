"""Every generic page (core.crud list, detail and form, for every registered model) shows values as a
person reads them: no raw Python values (True, False, None, lists, dicts, Decimal), no ISO dates in
the visible text. The data is a small, complete world: the personas, a conciliazione programme, a
funded project with budget, expenses, periods and tranches, an activity."""

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts import scoping
from accounts.models import User
from conciliazione.models import Reimbursement
from core.crud import Crud
from funding.models import (
    BudgetLine,
    Call,
    Expense,
    Fund,
    FundSource,
    Project,
    ReportingPeriod,
    ResidualCarry,
    Tranche,
)
from network.models import OpeningException
from tests.activities.helpers import make_activity
from tests.conciliazione.builders import build_conciliazione
from tests.personas import Personas

RAW = re.compile(r"\bTrue\b|\bFalse\b|\bNone\b|\[|\{'|Decimal\(|\d{4}-\d{2}-\d{2}")
ROWS_PER_MODEL = 3


class _VisibleText(HTMLParser):
    """The text a person reads: text nodes outside script/style (attributes are not read)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return parser.parts


def raw_values(html: str) -> list[str]:
    return [text for text in visible_text(html) if RAW.search(text)]


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield namespace, entry


def mounted_cruds() -> dict[tuple[str, str], tuple[Crud, set[str]]]:
    """Every Crud mounted in the URLconf with the views it serves (list, detail, create, edit)."""
    found: dict[tuple[str, str], tuple[Crud, set[str]]] = {}
    for _namespace, pattern in _walk(get_resolver().url_patterns):
        view = getattr(pattern.callback, "__wrapped__", pattern.callback)
        crud = getattr(view, "__self__", None)
        if isinstance(crud, Crud):
            action = view.__name__.removesuffix("_view")
            found.setdefault((crud.namespace, crud.name), (crud, set()))[1].add(action)
    return found


def build_world(p: Personas) -> None:
    conc = build_conciliazione(p)
    Reimbursement.objects.create(
        project=conc.project_a,
        household=conc.household_a,
        receipts_total=Decimal("480.00"),
        requested=Decimal("400.00"),
        receipt_date=dt.date(2026, 3, 2),
        request_date=dt.date(2026, 3, 9),
    )
    fund = Fund.objects.create(name="Fondo CpF", decree_reference="D.G.R. 1507/2023", start_year=2024, end_year=2025)
    source = FundSource.objects.create(fund=fund, name="Fondo nazionale", amount=Decimal("6532000.00"))
    FundSource.objects.create(fund=fund, name="Quota caregiver", amount=Decimal("290000.00"), part_of=source)
    later = Fund.objects.create(
        name="Fondo CpF 2026", decree_reference="D.G.R. XII/5464", start_year=2026, end_year=2026
    )
    ResidualCarry.objects.create(ats=p.ats_a_obj, from_fund=fund, to_fund=later, amount=Decimal("1234.56"))
    call = Call.objects.create(
        ats=p.ats_a_obj,
        fund=fund,
        title="Avviso CpF 2024",
        deadline=dt.date(2024, 3, 31),
        eligible_applicants=["ambiti", "comuni"],
    )
    project = Project.objects.create(
        call=call,
        centre=p.centre_a,
        title="CpF A 2024",
        total_cost=Decimal("100000.00"),
        contribution_requested=Decimal("70000.00"),
        contribution_granted=Decimal("70000.00"),
        accepted_on=dt.date(2024, 5, 1),
        status=Project.Status.ACCEPTED,
    )
    line = BudgetLine.objects.create(project=project, category="personale", amount=Decimal("60000.00"))
    period = ReportingPeriod.objects.create(project=project, start=dt.date(2024, 5, 1), end=dt.date(2024, 12, 31))
    Expense.objects.create(
        budget_line=line, period=period, date=dt.date(2024, 6, 3), description="Educatrice", amount=Decimal("1500.50")
    )
    Tranche.objects.create(project=project, date=dt.date(2024, 6, 30), amount=Decimal("35000.00"))
    make_activity(p)
    OpeningException.objects.create(seat=p.hub_a, day=dt.date(2026, 8, 14), note="Chiusura estiva")
    OpeningException.objects.create(
        seat=p.hub_a, day=dt.date(2026, 9, 1), closed=False, opens=dt.time(9), closes=dt.time(12)
    )


def _reader(p: Personas, model: type[models.Model]) -> tuple[User, list[models.Model]] | None:
    """The first persona who sees rows of the model, with a few of them."""
    for user in p.users().values():
        rows = list(scoping.scoped(user, model._default_manager.all())[:ROWS_PER_MODEL])
        if rows:
            return user, rows
    return None


def _creator(p: Personas, model: type[models.Model]) -> User | None:
    return next((u for u in p.users().values() if scoping.may_write(u, model, scoping.CREATE)), None)


def _changer(p: Personas, obj: models.Model) -> User | None:
    for user in p.users().values():
        qs = obj._meta.model._default_manager.filter(pk=obj.pk)
        if scoping.scoped(user, qs, scoping.CHANGE).exists():
            return user
    return None


def _get(user: User, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (user.username, url, response.status_code)
    return response.content.decode()


CRUDS = mounted_cruds()


def test_the_generic_pages_are_found() -> None:
    assert len(CRUDS) >= 30  # network, territory, funding, conciliazione, activities
    assert ("funding", "expense") in CRUDS and ("network", "seat") in CRUDS


@pytest.mark.parametrize("key", sorted(CRUDS), ids=lambda k: f"{k[0]}.{k[1]}")
def test_generic_pages_show_no_raw_values(personas: Personas, key: tuple[str, str]) -> None:
    build_world(personas)
    crud, actions = CRUDS[key]
    problems: dict[str, list[str]] = {}
    seen = _reader(personas, crud.model)
    assert seen is not None, f"no persona sees a {crud.name}: the world misses one"
    reader, rows = seen
    pages: list[tuple[User, str]] = []
    if "list" in actions:
        pages.append((reader, crud.url("list")))
    for obj in rows:
        if "detail" in actions:
            pages.append((reader, crud.url("detail", obj.pk)))
        changer = _changer(personas, obj) if "edit" in actions else None
        if changer is not None:
            pages.append((changer, crud.url("edit", obj.pk)))
    creator = _creator(personas, crud.model) if "create" in actions else None
    if creator is not None:
        pages.append((creator, crud.url("create")))
    assert pages
    for user, url in pages:
        found = raw_values(_get(user, url))
        if found:
            problems[url] = found
    assert problems == {}


def test_the_check_finds_raw_values() -> None:
    """The detector itself: raw values in text are found, the same text in attributes is not."""
    assert raw_values("<p>True</p><p>2024-05-01</p><p>Decimal('1')</p><p>['a']</p>") == [
        "True",
        "2024-05-01",
        "Decimal('1')",
        "['a']",
    ]
    assert raw_values('<input value="2024-05-01"><p data-x="None">Sì, 01/05/2024</p><script>[1]</script>') == []


def test_edit_forms_show_amounts_the_italian_way(personas: Personas) -> None:
    build_world(personas)
    expense = Expense.objects.get()
    html = _get(personas.coord_a, CRUDS[("funding", "expense")][0].url("edit", expense.pk))
    assert 'value="1.500,50"' in html and 'inputmode="decimal"' in html
    client = Client()
    client.force_login(personas.coord_a)
    response = client.post(
        CRUDS[("funding", "expense")][0].url("edit", expense.pk),
        {
            "budget_line": expense.budget_line_id,
            "period": expense.period_id,
            "date": "2024-06-03",
            "description": "Educatrice",
            "amount": "1.234,5",
            "version": expense.version,
        },
    )
    assert response.status_code == 302, raw_values(response.content.decode())
    expense.refresh_from_db()
    assert expense.amount == Decimal("1234.50")
