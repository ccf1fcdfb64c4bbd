"""Validate responses against the official HSDS 3.0 JSON schemas copied into
directory/schema/hsds-3.0 (refs to raw.githubusercontent.com resolved locally)."""

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "directory" / "schema" / "hsds-3.0"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


@functools.cache
def _registry() -> Registry:
    resources = []
    for path in SCHEMA_DIR.glob("*.json"):
        if path.name == "openapi.json":
            continue
        contents = json.loads(path.read_text())
        contents["$id"] = BASE + path.name
        resources.append((BASE + path.name, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def openapi() -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / "openapi.json").read_text())


def validate(name: str, instance: Any) -> None:
    """Raise jsonschema.ValidationError unless `instance` is a valid HSDS `name` (e.g. "service")."""
    validator = Draft202012Validator({"$ref": BASE + f"{name}.json"}, registry=_registry())
    validator.validate(instance)


def validate_page(instance: dict[str, Any], item: str) -> None:
    page = openapi()["components"]["schemas"]["Page"]
    schema = {**page, "required": [*page["properties"], "contents"]}
    Draft202012Validator(schema).validate(instance)
    for content in instance["contents"]:
        validate(item, content)
