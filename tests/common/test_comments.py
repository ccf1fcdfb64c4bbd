"""Comments and docstrings say why in the code's own terms, citing the decree paragraph, never a
document outside the repository (the specification, an issue, a seed note): a newcomer cannot
follow those."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUTSIDE = re.compile(r"SPEC ?§|issue #\d|seed 00\d")


def test_no_comment_cites_a_document_outside_the_repository() -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{n}"
        for path in REPO.glob("*/**/*.py")
        if path.parts[len(REPO.parts)] not in ("tests", ".venv", "node_modules")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert offenders == []
