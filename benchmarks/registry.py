"""The registry of benchmark cases that `make bench` measures (see docs/ARCHITECTURE.md, "Benchmarks").

A case is one page or API call as a role uses it daily: who signs in (a demo account), which URL
(or a function that finds one in that user's scope in the benchmark database, e.g. a family
record) and, for POST forms, the form data. Apps add their cases in a `bench.py` module at the
app's top level (`monitoring/bench.py`, `portal/bench.py`…) calling `register()`;
`autodiscover()` imports those modules for every installed app. No timing targets live here:
the harness prints ratios to the floor page and docs/BENCHMARKS.md records them."""

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# A path resolver runs in the driver process with Django set up on the benchmark database; it
# receives the signed-in demo user (accounts.models.User) and returns the URL path to request.
PathResolver = Callable[[Any], str]


@dataclass(frozen=True)
class Case:
    name: str  # unique, short, shown in the table ("operator desk")
    role: str  # demo username who signs in ("operatore", "coordinatore", "servizio", "regione"…)
    path: str | PathResolver
    method: str = "GET"
    data: dict[str, str] | Callable[[Any], dict[str, str]] | None = None  # form fields for POST
    heavy: bool = False  # candidate for the 20-client run
    group: str = ""  # the module that registered it, for the table
    tags: tuple[str, ...] = field(default_factory=tuple)

    def resolve_path(self, user: Any) -> str:
        return self.path(user) if callable(self.path) else self.path

    def resolve_data(self, user: Any) -> dict[str, str] | None:
        return self.data(user) if callable(self.data) else self.data


FLOOR = Case(name="floor: profile page", role="operatore", path="/account/profilo/", group="floor")
_CASES: dict[str, Case] = {}


def register(*cases: Case) -> None:
    for case in cases:
        if case.name in _CASES:
            raise ValueError(f"benchmark case registered twice: {case.name}")
        _CASES[case.name] = case


def cases() -> list[Case]:
    return list(_CASES.values())


def autodiscover() -> list[Case]:
    """Import `benchmarks.cases` and `<app>.bench` for every installed app; return all cases."""
    from django.apps import apps

    importlib.import_module("benchmarks.cases")
    for config in apps.get_app_configs():
        name = f"{config.name}.bench"
        if importlib.util.find_spec(config.name) and _has_module(name):
            importlib.import_module(name)
    return cases()


def _has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False
