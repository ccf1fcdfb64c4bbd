"""Shared fixtures: the fixed personas of STYLE.md §14 on a small real-shaped territory."""

import pytest

from tests.personas import Personas, build_personas


@pytest.fixture
def personas(db: None) -> Personas:
    return build_personas()
