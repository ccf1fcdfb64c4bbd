"""Hostile input (issue #9 § 8b): a corpus of hostile strings — very long text, NUL, bidi
override, emoji, SQL and HTML snippets, "1e309", "-0", huge integers, dates out of range, mixed
scripts, formula prefixes — pushed into every property of every API write operation (built from
the OpenAPI document, as a role that may write there) and into every field of every back-office
create form. Nothing answers 5xx; refusals are Italian (no pydantic or Django English leaks
through) and nothing is echoed as live markup. The corpus rotates over the properties so that each
operation gets every string in some field, bounded to a few requests per operation."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from accounts import scoping
from accounts.services import api_token_create
from api.urls import api as ninja_api
from core import api_crud
from families.services import schede as scheda_services
from tests.core.test_editable_models import _row_and_editor, _world, crud_edit_pages
from tests.families.helpers import make_family
from tests.personas import Personas

SCRIPT = "<script>alert('x')</script>"
HOSTILE: list[Any] = [
    "x" * 20000,
    "a\x00b",
    "\u202eetats\u202c",
    "👨‍👩‍👧‍👦 famiglia 🏳️‍🌈",
    "'; DROP TABLE families_family; --",
    SCRIPT,
    "1e309",
    "-0",
    str(2**70),
    "9999-12-31",
    "0001-01-01",
    "Ωmega Москва 北京 مرحبا",
    '=HYPERLINK("http://x.example","clic")',
    "   ",
    2**70,
    1e308,
    -1,
    [SCRIPT],
    {"$gt": ""},
    None,
]
ROTATIONS = 3
ENGLISH = re.compile(
    r"\b(Input should|Field required|field required|value is not|This field|Enter a valid|Ensure this value|"
    r"Select a valid|is not a valid|Not Found|Cannot parse|Internal Server Error)\b"
)
UUID = "00000000-0000-4000-8000-000000000000"


def _operations() -> list[tuple[str, str, list[str]]]:
    document = ninja_api.get_openapi_schema()
    schemas = document["components"]["schemas"]
    found = []
    for path, operations in document["paths"].items():
        for method in ("post", "put", "patch"):
            operation = operations.get(method)
            if operation is None or "requestBody" not in operation:
                continue
            ref = operation["requestBody"]["content"]["application/json"]["schema"].get("$ref", "")
            properties = list(schemas.get(ref.rsplit("/", 1)[-1], {}).get("properties", {})) or ["value"]
            found.append((method, path, properties))
    return found


def _body(properties: list[str], rotation: int) -> dict[str, Any]:
    return {name: HOSTILE[(i * ROTATIONS + rotation) % len(HOSTILE)] for i, name in enumerate(properties)}


def _writer_for(path: str) -> str:
    if path.startswith(("/api/v1/families", "/api/v1/activities")):
        return "op_a1"
    if path.startswith("/api/v1/inbox"):
        return "op_a1"  # refused by role: still never a 5xx
    if path.startswith(("/api/v1/network/opening", "/api/v1/network/staff", "/api/v1/network/offerings")):
        return "coord_a"
    return "regione"


def _ids(personas: Personas) -> dict[str, str]:
    family = make_family(personas)
    scheda = scheda_services.scheda_open(actor=personas.op_a1, family=family, access_reason="informazioni")
    return {
        "family_id": str(family.pk),
        "scheda_id": str(scheda.pk),
        "person_id": str(family.members.first().pk),  # type: ignore[union-attr]
        "item_id": "1",
    }


def _assert_italian(response: Any, where: str) -> None:
    assert response.status_code < 500, (where, response.status_code)
    text = response.content.decode(errors="replace")
    assert not ENGLISH.search(text), (where, ENGLISH.search(text))
    if response.get("Content-Type", "").startswith("text/html"):
        assert SCRIPT not in text, where  # a page echoes input escaped, never as live markup


def test_hostile_strings_in_every_api_write_operation(personas: Personas) -> None:
    _world(personas)
    ids = _ids(personas)
    tokens = {}
    client = Client(raise_request_exception=False)
    operations = _operations()
    assert len(operations) > 50
    for method, path, properties in operations:
        persona = _writer_for(path)
        if persona not in tokens:
            tokens[persona] = api_token_create(user=getattr(personas, persona), name="t")[1]
        url = re.sub(r"\{(\w+)\}", lambda m: ids.get(m.group(1), UUID if "uuid" in m.group(1) else "1"), path)
        url = re.sub(r"\{(\w+)\}", "1", url)
        for rotation in range(ROTATIONS):
            body = json.dumps(_body(properties, rotation))
            response = getattr(client, method)(
                url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {tokens[persona]}"
            )
            _assert_italian(response, f"{method.upper()} {path} #{rotation}")


def _form_data(form: forms.BaseForm, rotation: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    strings = [h for h in HOSTILE if isinstance(h, str)]
    for i, (name, field) in enumerate(form.fields.items()):
        if isinstance(field, forms.FileField):
            continue
        value = strings[(i * ROTATIONS + rotation) % len(strings)]
        data[name] = [value] if isinstance(field, forms.MultipleChoiceField) else value
    return data


CRUDS = sorted(crud_edit_pages().values(), key=lambda c: c.model._meta.label)


@pytest.mark.parametrize("crud", CRUDS, ids=[c.model._meta.label for c in CRUDS])
def test_hostile_strings_in_every_back_office_form(personas: Personas, crud: Any) -> None:
    _world(personas)
    creators = [u for u in personas.users().values() if scoping.may_write(u, crud.model, scoping.CREATE)]
    editors = [
        u for u in personas.users().values() if scoping.scoped(u, crud.model._default_manager.all(), scoping.CHANGE)
    ]
    client = Client(raise_request_exception=False)
    for rotation in range(ROTATIONS):
        if creators:
            client.force_login(creators[0])
            form = crud.form_class(user=creators[0])
            url = reverse(f"{crud.namespace}:{crud.name}_create")
            _assert_italian(client.post(url, _form_data(form, rotation)), f"{url} #{rotation}")
        if editors:
            editor = editors[0]
            row = scoping.scoped(editor, crud.model._default_manager.all(), scoping.CHANGE).first()
            client.force_login(editor)
            url = reverse(f"{crud.namespace}:{crud.name}_edit", args=[row.pk])
            form = crud.form_class(user=editor, instance=row)
            _assert_italian(client.post(url, _form_data(form, rotation)), f"{url} #{rotation}")


def _text_properties(schema: dict[str, Any], schemas: dict[str, Any]) -> list[str]:
    names = []
    for name, prop in schema.get("properties", {}).items():
        kinds = [prop.get("type")] + [alt.get("type") for alt in prop.get("anyOf", [])]
        if "string" in kinds and "format" not in prop and "enum" not in prop and name != "version":
            names.append(name)
    return names


TEXTS = [h for h in HOSTILE if isinstance(h, str)]


@pytest.mark.parametrize(
    ("model", "path"),
    sorted(api_crud.EDITABLE, key=lambda i: i[0]._meta.label),
    ids=lambda v: getattr(v, "__name__", v),
)
def test_one_hostile_text_in_an_otherwise_valid_patch_reaches_the_kernel_safely(
    personas: Personas, model: Any, path: str
) -> None:
    """Only `version` is required in a PATCH: each text property alone carries a hostile string,
    so the write kernel itself (clean_instance, full_clean, the database) meets it."""
    _world(personas)
    instance, editor = _row_and_editor(personas, model)
    raw = api_token_create(user=editor, name="t")[1]
    document = ninja_api.get_openapi_schema()
    operation = f"{model.__name__.lower()}_update"
    url, op = next(
        (p, ops["patch"])
        for p, ops in document["paths"].items()
        if ops.get("patch", {}).get("operationId") == operation
    )
    ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    schemas = document["components"]["schemas"]
    client = Client(raise_request_exception=False)
    for i, name in enumerate(_text_properties(schemas[ref], schemas)):
        for value in (TEXTS[i % len(TEXTS)], TEXTS[(i + 7) % len(TEXTS)], "a\x00b"):
            version = model._default_manager.get(pk=instance.pk).version
            response = client.patch(
                url.replace("{item_id}", str(instance.pk)),
                json.dumps({"version": version, name: value}),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {raw}",
            )
            _assert_italian(response, f"PATCH {url} {name}={value[:20]!r}")
