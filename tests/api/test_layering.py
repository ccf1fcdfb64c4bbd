"""`api/` only assembles the apps' routers: no app imports it, so `api` and the apps form no
import cycle (the CRUD and the auth the routers build on are `core.api_crud` and `core.api_auth`)."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOT_APPS = ("api", "config", "tests", ".venv", "node_modules")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_no_app_imports_the_api_package() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for path in REPO.glob("*/**/*.py")
        if path.parts[len(REPO.parts)] not in NOT_APPS and "api" in _imports(path)
    ]
    assert offenders == []


def test_the_api_package_imports_only_routers_of_the_apps() -> None:
    """What `api/` takes from an app is its `api` module (the router), nothing deeper."""
    for path in (REPO / "api").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                top, _, rest = node.module.partition(".")
                if (REPO / top / "apps.py").exists() and top not in ("api", "common", "core", "accounts"):
                    assert rest == "api", (path.name, node.module)
