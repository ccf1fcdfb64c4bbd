"""List/get/create/update/delete operations for a registry model, wired to the same scoping
layer and record services as the back office. One operation per function."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from accounts import scoping
from accounts.types import Actor
from common.inputs import InputSchema, Int64
from core.api_auth import writers
from core.records import record_create, record_delete, record_update


class ListParams(InputSchema):
    q: str | None = None
    limit: Int64 = 50
    offset: Int64 = 0


def _m2m_rows(user: Actor, model: type[models.Model], m2m: dict[str, Any]) -> dict[str, Iterable[Any]]:
    """The rows behind many-to-many ids, through the scope; an unknown id is a 422, not a
    foreign-key failure at commit (500)."""
    rows: dict[str, Iterable[Any]] = {}
    for name, ids in m2m.items():
        related = model._meta.get_field(name).related_model
        found = list(scoping.scoped(user, related._default_manager.filter(pk__in=ids)))  # type: ignore[union-attr]
        rows[name] = found
        if len(found) != len(set(ids)):
            raise ValidationError({name: _("Uno o più elementi indicati non esistono.")})
    return rows


# Every model registered here with a change operation, and its path (read by the tests that
# check that each editable model carries an optimistic-lock version).
EDITABLE: list[tuple[type[models.Model], str]] = []


class Page(Schema):
    count: int
    items: list[Any]


def register(
    router: Router,
    *,
    model: type[models.Model],
    path: str,
    out: type[Schema],
    create_in: type[Schema] | None = None,
    patch_in: type[Schema] | None = None,
    search: tuple[str, ...] = (),
    select_related: tuple[str, ...] = (),
    tag: str,
) -> None:
    label = str(model._meta.verbose_name)
    plural = str(model._meta.verbose_name_plural)
    m2m_names = {f.name for f in model._meta.many_to_many}
    page_schema = type(f"{model.__name__}Page", (Schema,), {"__annotations__": {"count": int, "items": list[out]}})  # type: ignore[valid-type]

    def base() -> "models.QuerySet[Any]":
        return model._default_manager.select_related(*select_related)

    @router.get(
        f"/{path}",
        response=page_schema,
        tags=[tag],
        summary=f"Elenco: {plural}",
        operation_id=f"{model.__name__.lower()}_list",
    )
    def list_items(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
        qs = scoping.scoped(request.user, base())
        if params.q and search:
            condition = models.Q()
            for lookup in search:
                condition |= models.Q(**{f"{lookup}__icontains": params.q})
            qs = qs.filter(condition)
        limit = max(1, min(params.limit, 500))
        offset = max(0, params.offset)
        return {"count": qs.count(), "items": list(qs[offset : offset + limit])}

    @router.get(
        f"/{path}/{{item_id}}",
        response=out,
        tags=[tag],
        summary=f"Dettaglio: {label}",
        operation_id=f"{model.__name__.lower()}_get",
    )
    def get_item(request: HttpRequest, item_id: Int64) -> Any:
        return scoping.get_for_user(request.user, base(), item_id)

    if create_in is not None:

        @router.post(
            f"/{path}",
            response={201: out},
            tags=[tag],
            summary=f"Crea: {label}",
            auth=writers(model, scoping.CREATE),
            operation_id=f"{model.__name__.lower()}_create",
        )
        def create_item(request: HttpRequest, payload: create_in) -> Any:  # type: ignore[valid-type]
            data = payload.dict()  # type: ignore[attr-defined]
            m2m = _m2m_rows(request.user, model, {k: data.pop(k) for k in list(data) if k in m2m_names})
            instance = model(**data)
            return Status(201, record_create(actor=request.user, instance=instance, m2m=m2m))

    if patch_in is not None:
        EDITABLE.append((model, path))

        @router.patch(
            f"/{path}/{{item_id}}",
            response=out,
            tags=[tag],
            summary=f"Modifica: {label}",
            auth=writers(model, scoping.CHANGE, "item_id"),
            operation_id=f"{model.__name__.lower()}_update",
        )
        def update_item(request: HttpRequest, item_id: Int64, payload: patch_in) -> Any:  # type: ignore[valid-type]
            instance = scoping.get_for_user(request.user, base(), item_id, scoping.CHANGE)
            data = payload.dict(exclude_unset=True)  # type: ignore[attr-defined]
            version = data.pop("version", None)
            m2m = _m2m_rows(request.user, model, {k: data.pop(k) for k in list(data) if k in m2m_names})
            return record_update(actor=request.user, instance=instance, data=data, expected_version=version, m2m=m2m)

        @router.delete(
            f"/{path}/{{item_id}}",
            response={204: None},
            tags=[tag],
            summary=f"Elimina: {label}",
            auth=writers(model, scoping.CHANGE, "item_id"),
            operation_id=f"{model.__name__.lower()}_delete",
        )
        def delete_item(request: HttpRequest, item_id: Int64) -> Any:
            instance = scoping.get_for_user(request.user, base(), item_id, scoping.CHANGE)
            record_delete(actor=request.user, instance=instance)
            return Status(204, None)
