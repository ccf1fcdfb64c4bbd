import pytest

from tests.conciliazione.builders import Conc, build_conciliazione
from tests.personas import Personas


@pytest.fixture
def conc(personas: Personas) -> Conc:
    return build_conciliazione(personas)
