from typing import Any

import pytest

from tests.directory.builders import build_directory
from tests.personas import Personas


@pytest.fixture
def directory(personas: Personas) -> dict[str, Any]:
    return build_directory(personas)
