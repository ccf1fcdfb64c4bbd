"""`families` sits below `activities` and `portal`: what they add to the desk, the history or the
review comes in through the providers they register (`families.desk`, `families.history`,
`families.review`), never through an import from `families`."""

import ast
from pathlib import Path

FAMILIES = Path(__file__).resolve().parents[2] / "families"


def test_families_imports_neither_activities_nor_portal() -> None:
    offenders = []
    for path in FAMILIES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("activities", "portal")]
    assert offenders == []
