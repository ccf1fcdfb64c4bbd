"""No scope ever sees another's rows (issue #9 § 8c): a unique marker is written into one record
of every kind in ATS A (registry, staff, offerings, protocols, destinations, areas, families and
their scheda, conciliazione households and projects, activities), then users of ATS B — the ATS
officer and the Centre B operator — walk everything their menu reaches (each menu page and the
detail pages it links to, one level deep, bounded) and every API list and the HSDS directory;
no response may contain the marker, except what the public portal shows to anyone (an active
seat's name, its public offerings). The same walk for a user of ATS A must find it (the test can
fail)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from accounts.services import api_token_create
from api.urls import api as ninja_api
from core.navigation import menu_for
from tests.activities.helpers import make_activity
from tests.conciliazione.builders import build_conciliazione
from tests.families.helpers import make_family
from tests.personas import Personas

MARKER = "Qzmarkx7A"
MAX_PAGES = 160


def _seed(p: Personas) -> None:
    conc = build_conciliazione(p)
    for obj, field in (
        (p.spoke_a1, "name"),
        (p.staff_a, "last_name"),
        (p.offering_a1, "name"),
        (p.protocol_a, "title"),
        (p.destination_a, "name"),
        (p.ambito_a, "name"),
        (conc.project_a, "title"),
        (conc.alliance_a, "name"),
        (conc.household_a, "code"),
    ):
        setattr(obj, field, f"{MARKER} {getattr(obj, field)}"[: obj._meta.get_field(field).max_length])
        obj.save(update_fields=[field])
    family = make_family(p, first_name=MARKER, last_name=f"{MARKER}son")
    family.name = f"Famiglia {MARKER}"
    family.save(update_fields=["name"])
    make_activity(p, title=f"Laboratorio {MARKER}")


def _links(html: str) -> list[str]:
    return [
        href
        for href in re.findall(r'href="(/[^"#?]*)"', html)
        if not href.startswith(("/static/", "/media/", "/account/esci", "/i18n/")) and "/elimina/" not in href
    ]


def _walk(client: Client, start: list[str]) -> dict[str, str]:
    """Every page reachable from `start` within two clicks (bounded), by URL."""
    seen: dict[str, str] = {}
    frontier = list(dict.fromkeys(start))
    for _depth in range(2):
        following: list[str] = []
        for url in frontier:
            if url in seen or len(seen) >= MAX_PAGES:
                continue
            response = client.get(url)
            body = response.content.decode(errors="replace") if response.status_code == 200 else ""
            seen[url] = body
            if response.get("Content-Type", "").startswith("text/html"):
                following += _links(body)
        frontier = list(dict.fromkeys(following))
    return seen


def _api_lists(raw: str) -> dict[str, str]:
    client = Client(raise_request_exception=False)
    bodies = {}
    for path, operations in ninja_api.get_openapi_schema()["paths"].items():
        if "get" in operations and "{" not in path:
            response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {raw}")
            assert response.status_code < 500, path
            bodies[path] = response.content.decode(errors="replace")
    for path in ("/hsds/v3/services", "/hsds/v3/organizations", "/hsds/v3/service_at_locations"):
        bodies[path] = client.get(path, HTTP_AUTHORIZATION=f"Bearer {raw}").content.decode(errors="replace")
    return bodies


def _everything_seen_by(user: Any) -> dict[str, str]:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    menu = [entry.url for entry in menu_for(user, "/")]
    menu += [child.url for entry in menu_for(user, "/") for child in entry.children]
    pages = _walk(client, ["/", *menu])
    _token, raw = api_token_create(user=user, name="walk")
    return {**pages, **_api_lists(raw)}


@pytest.mark.parametrize("persona", ["ats_b", "op_b"])
def test_users_of_ats_b_never_receive_a_marker_of_ats_a(personas: Personas, persona: str) -> None:
    _seed(personas)
    seen = _everything_seen_by(getattr(personas, persona))
    assert len(seen) > 15  # the walk reached pages and lists
    shown = sorted(url for url, body in seen.items() if MARKER in body)
    # What the public portal publishes (an active seat's name, its public offerings) is shown to
    # anyone, signed in or not: not a leak. Everything else is.
    anonymous = Client(raise_request_exception=False)
    leaks = [url for url in shown if MARKER not in anonymous.get(url).content.decode(errors="replace")]
    assert leaks == []


def test_the_walk_finds_the_marker_inside_ats_a(personas: Personas) -> None:
    _seed(personas)
    seen = _everything_seen_by(personas.coord_a)
    assert any(MARKER in body for body in seen.values())
