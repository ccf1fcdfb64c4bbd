"""No lost updates anywhere (issue #9 § 4): every model that a back-office form or an API write
changes carries the optimistic-lock version (`common.concurrency.VersionedModel`), and an edit
based on a stale version — or on no version at all — is refused with an Italian message, on the
page (form error, nothing saved) and in the API (409).

The editable models are found, not listed: every `Crud` edit page in the URL configuration, every
model registered with a PATCH in `core.api_crud`, and the hand-written edit pages and PATCH operations
of the family pathway and the directory. A new editable model without a version fails here."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.db import models
from django.db.models import F
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts import scoping
from accounts.services import api_token_create
from api.urls import api as ninja_api
from common.concurrency import VersionedModel
from core import api_crud
from core.crud import Crud
from directory.models import Resource
from families import models as fm
from funding import models as fu
from network import models as nm
from network.forms import OpeningSlotForm
from tests.activities.helpers import make_activity
from tests.conciliazione.builders import build_conciliazione
from tests.personas import Personas

CONFLICT = "Il record è stato modificato da un altro utente"
NO_VERSION = "Manca la versione del record"

# Edited through hand-written pages and services (not `Crud`): the family pathway and the directory.
HAND_WRITTEN = {fm.Family, fm.Person, fm.Scheda, fm.IntegratedFollowUp, fm.Referral, Resource}


def _walk(patterns: list[Any]) -> Iterator[URLPattern]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns)
        else:
            yield entry


def crud_edit_pages() -> dict[type[models.Model], Crud]:
    """Every `Crud` whose edit page is mounted, by model."""
    found: dict[type[models.Model], Crud] = {}
    for pattern in _walk(get_resolver().url_patterns):
        view = getattr(pattern.callback, "__wrapped__", pattern.callback)
        owner = getattr(view, "__self__", None)
        if isinstance(owner, Crud) and view.__func__ is Crud.edit_view:
            found[owner.model] = owner
    return found


def editable_models() -> set[type[models.Model]]:
    return {*crud_edit_pages(), *(model for model, _path in api_crud.EDITABLE), *HAND_WRITTEN}


def test_the_enumeration_finds_the_editable_models() -> None:
    found = editable_models()
    assert {nm.OpeningSlot, nm.OpeningException, fu.BudgetLine, fu.Tranche, nm.Seat, fm.Scheda} <= found
    assert len(found) >= 35


@pytest.mark.parametrize("model", sorted(editable_models(), key=lambda m: m._meta.label), ids=lambda m: m._meta.label)
def test_every_editable_model_carries_the_version(model: type[models.Model]) -> None:
    assert issubclass(model, VersionedModel), f"{model._meta.label} is editable but has no optimistic-lock version"


def test_every_api_change_operation_requires_the_version() -> None:
    document = ninja_api.get_openapi_schema()
    schemas = document["components"]["schemas"]
    patches = 0
    for path, operations in document["paths"].items():
        for method in ("patch", "put"):
            operation = operations.get(method)
            if operation is None:
                continue
            patches += 1
            ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            body = schemas[ref.rsplit("/", 1)[1]]
            assert "version" in body.get("required", []), f"{method.upper()} {path} accepts a change without version"
    assert patches >= len(api_crud.EDITABLE)


# --- stale writes, on the page and in the API ---------------------------------------------------


def _world(p: Personas) -> None:
    """One row of every Crud-edited model beyond the personas' registry."""
    build_conciliazione(p)
    p.protocol_a.parties.set([p.centre_a.lead_ente])
    p.protocol_b.parties.set([p.centre_b.lead_ente])
    make_activity(p)
    nm.OpeningException.objects.create(seat=p.spoke_a1, day=dt.date(2026, 12, 24), closed=True, note="Vigilia")
    fund = fu.Fund.objects.create(name="Fondo CpF", decree_reference="D.G.R. 1507/2023", start_year=2024, end_year=2025)
    later = fu.Fund.objects.create(
        name="Fondo CpF 2", decree_reference="D.G.R. 5464/2025", start_year=2026, end_year=2027
    )
    fu.FundSource.objects.create(fund=fund, name="Risorse regionali", amount=Decimal("1000.00"))
    fu.ResidualCarry.objects.create(ats=p.ats_a_obj, from_fund=fund, to_fund=later, amount=Decimal("10.00"))
    call = fu.Call.objects.create(ats=p.ats_a_obj, title="Avviso", deadline=dt.date(2024, 3, 31))
    project = fu.Project.objects.create(
        call=call,
        centre=p.centre_a,
        title="Progetto CpF",
        total_cost=Decimal("100000.00"),
        contribution_requested=Decimal("70000.00"),
        contribution_granted=Decimal("70000.00"),
        accepted_on=dt.date(2024, 5, 1),
        status=fu.Project.Status.ACCEPTED,
    )
    line = fu.BudgetLine.objects.create(project=project, category="personale", amount=Decimal("60000.00"))
    period = fu.ReportingPeriod.objects.create(project=project, start=dt.date(2024, 5, 1), end=dt.date(2024, 10, 31))
    fu.Expense.objects.create(
        budget_line=line, period=period, date=dt.date(2024, 6, 1), description="Educatrice", amount=Decimal("100.00")
    )
    fu.Tranche.objects.create(project=project, date=dt.date(2024, 6, 1), amount=Decimal("1000.00"))


def _row_and_editor(p: Personas, model: type[models.Model]) -> tuple[Any, Any]:
    for instance in model._default_manager.order_by("pk"):
        for user in p.users().values():
            if scoping.scoped(user, model._default_manager.filter(pk=instance.pk), scoping.CHANGE).exists():
                return instance, user
    raise AssertionError(f"no row of {model._meta.label} that a persona may change: add one to _world()")


def _form_data(form: forms.BaseForm) -> dict[str, Any]:
    """What the browser sends back for the form as rendered (unchanged values)."""
    data: dict[str, Any] = {}
    for name, bound in form.fields.items():
        value = form[name].value()
        if isinstance(bound, forms.FileField):
            continue
        if isinstance(bound.widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
            continue
        if isinstance(bound, forms.DateField) and isinstance(value, dt.date):
            value = value.strftime("%d/%m/%Y")
        if isinstance(bound, forms.TimeField) and isinstance(value, dt.time):
            value = value.strftime("%H:%M")
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value)
    return data


CRUD_MODELS = sorted(crud_edit_pages(), key=lambda m: m._meta.label)


@pytest.mark.parametrize("model", CRUD_MODELS, ids=lambda m: m._meta.label)
def test_a_stale_page_edit_is_refused_in_italian_and_nothing_is_saved(personas: Personas, model: Any) -> None:
    _world(personas)
    crud = crud_edit_pages()[model]
    instance, editor = _row_and_editor(personas, model)
    data = _form_data(crud.form_class(instance=instance, user=editor))
    assert data["version"] == str(instance.version)
    model._default_manager.filter(pk=instance.pk).update(version=F("version") + 1)  # someone else saved
    client = Client()
    client.force_login(editor)
    url = reverse(f"{crud.namespace}:{crud.name}_edit", args=[instance.pk])
    response = client.post(url, data)
    assert response.status_code == 200, (response.status_code, response.content[:300])
    assert CONFLICT in response.content.decode(), response.context["form"].errors
    assert model._default_manager.get(pk=instance.pk).version == instance.version + 1

    del data["version"]  # a form without the version is refused, never taken as "no conflict"
    response = client.post(url, data)
    assert response.status_code == 200
    assert NO_VERSION in response.content.decode()
    assert model._default_manager.get(pk=instance.pk).version == instance.version + 1


API_MODELS = sorted(api_crud.EDITABLE, key=lambda item: item[0]._meta.label)


@pytest.mark.parametrize(("model", "path"), API_MODELS, ids=[m._meta.label for m, _p in API_MODELS])
def test_a_stale_api_edit_is_409_in_italian_and_nothing_is_saved(personas: Personas, model: Any, path: str) -> None:
    _world(personas)
    instance, editor = _row_and_editor(personas, model)
    _token, raw = api_token_create(user=editor, name="t")
    operation = f"{model.__name__.lower()}_update"
    paths = ninja_api.get_openapi_schema()["paths"]
    url = next(p for p, ops in paths.items() if ops.get("patch", {}).get("operationId") == operation)
    assert url.endswith(f"/{path}/{{item_id}}")
    url = url.replace("{item_id}", str(instance.pk))
    model._default_manager.filter(pk=instance.pk).update(version=F("version") + 1)
    client = Client()
    response = client.patch(
        url,
        json.dumps({"version": instance.version}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 409, response.content
    assert CONFLICT in response.json()["detail"]
    assert model._default_manager.get(pk=instance.pk).version == instance.version + 1
    response = client.patch(url, "{}", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 422
    assert response.json()["errors"] == {"version": ["Campo obbligatorio."]}


def test_concurrent_edits_of_an_opening_slot_keep_one_side(personas: Personas) -> None:
    """The issue's finding: two editors open the same slot, both save; the second is refused."""
    slot = personas.spoke_a1.opening_slots.get()
    url = reverse("network:openingslot_edit", args=[slot.pk])
    first, second = Client(), Client()
    first.force_login(personas.coord_a)
    second.force_login(personas.coord_a)
    seen = _form_data(OpeningSlotForm(instance=slot, user=personas.coord_a))
    assert first.post(url, {**seen, "closes": "13:00"}).status_code == 302
    response = second.post(url, {**seen, "closes": "19:00"})
    assert CONFLICT in response.content.decode()
    assert nm.OpeningSlot.objects.get(pk=slot.pk).closes == dt.time(13, 0)
