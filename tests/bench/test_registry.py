"""The benchmark registry: every case signs in as a demo account and asks for a real URL."""

import pytest
from django.urls import Resolver404, resolve

from benchmarks import registry
from benchmarks.registry import FLOOR, Case, autodiscover, register
from demo.seed import DEMO_USERS


def test_every_case_is_unique_uses_a_demo_account_and_a_real_url() -> None:
    cases = autodiscover()
    assert len({c.name for c in cases}) == len(cases) > 10
    usernames = {u[0] for u in DEMO_USERS}
    for case in [FLOOR, *cases]:
        assert case.role in usernames, case.name
        if isinstance(case.path, str):
            try:
                resolve(case.path.split("?", 1)[0])
            except Resolver404:
                pytest.fail(f"{case.name}: {case.path} is not a URL of the app")


def test_a_name_registers_once() -> None:
    autodiscover()
    existing = registry.cases()[0]
    with pytest.raises(ValueError, match="twice"):
        register(Case(existing.name, "operatore", "/famiglie/"))
