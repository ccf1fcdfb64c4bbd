"""The directory's text search on both databases: every word inside the entry's texts everywhere;
on PostgreSQL also the Italian full-text search (Snowball stems, accents folded by unaccent where
the extension is present), so a plural or an accent typed differently still finds the entry."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client

from directory import selectors

pytestmark = pytest.mark.django_db


def _names(text: str) -> set[str]:
    return set(selectors.search_resources(AnonymousUser(), text=text).values_list("name", flat=True))


def test_words_inside_the_texts_on_every_database(directory: dict[str, Any]) -> None:
    assert "Doposcuola del quartiere" in _names("doposcuola")
    assert "Doposcuola del quartiere" in _names("quartiere doposcuola")
    assert _names("doposcuola biblioteca") == set()  # words are combined with AND
    assert "Casa rifugio Aurora" not in _names("rifugio")  # operators only: never anonymous


def test_italian_stems_and_accents(client: Client, directory: dict[str, Any]) -> None:
    postgres = connection.vendor == "postgresql"
    # «doposcuole» (plural) is not inside «Doposcuola»: only the Italian text search finds it.
    assert ("Doposcuola del quartiere" in _names("doposcuole")) is postgres
    body = client.get("/hsds/v3/services", {"search": "doposcuole"}).json()
    assert ("Doposcuola del quartiere" in {s["name"] for s in body["contents"]}) is postgres
    assert "Casa rifugio Aurora" not in _names("case rifugio")  # the stems never widen visibility
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
            unaccent = cursor.fetchone() is not None
        assert ("Doposcuola del quartiere" in _names("dopòscuola")) is unaccent
