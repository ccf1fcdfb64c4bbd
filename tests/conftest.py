"""Shared fixtures: the fixed personas of STYLE.md §14 on a small real-shaped territory."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.browser_support import browser, page, world  # noqa: F401 - fixtures shared by every browser test
from tests.personas import Personas, build_personas

# The test host is shared and noisy: generation speed and per-example deadlines are not what the
# property tests check, so neither may fail them.
hypothesis_settings.register_profile("cpf", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("cpf")


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Rate-limit counters and cached pages of one test never leak into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _italian(settings: object) -> Iterator[None]:
    """Messages asserted outside a request are Italian, whatever an earlier test activated."""
    with translation.override("it"):
        yield


@pytest.fixture
def personas(db: None) -> Personas:
    return build_personas()
