"""Shared fixtures: the fixed personas of STYLE.md §14 on a small real-shaped territory."""

from collections.abc import Iterator

import pytest
from django.utils import translation

from tests.browser_support import browser, page, world  # noqa: F401 - fixtures shared by every browser test
from tests.personas import Personas, build_personas


@pytest.fixture(autouse=True)
def _italian(settings: object) -> Iterator[None]:
    """Messages asserted outside a request are Italian, whatever an earlier test activated."""
    with translation.override("it"):
        yield


@pytest.fixture
def personas(db: None) -> Personas:
    return build_personas()
