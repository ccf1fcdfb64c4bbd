"""Audit retention: old entries move to a compressed archive whose integrity can be checked."""

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from audit.archive import archive_older_than, verify
from audit.models import AuditEntry


def _entries(n: int, days_ago: int) -> None:
    for i in range(n):
        entry = AuditEntry.objects.create(
            action="families.family.viewed", object_type="families.family", object_id=str(i)
        )
        AuditEntry.objects.filter(pk=entry.pk).update(at=timezone.now() - dt.timedelta(days=days_ago))


@pytest.mark.django_db
def test_old_entries_move_to_a_verified_archive_and_recent_ones_stay(tmp_path: Path) -> None:
    _entries(3, days_ago=365 * 6)
    _entries(2, days_ago=10)
    result = archive_older_than(years=5, directory=tmp_path)
    assert result is not None and result.count == 3
    assert AuditEntry.objects.count() == 2
    with gzip.open(result.path, "rt") as fh:
        lines = [json.loads(line) for line in fh]
    assert [line["object_id"] for line in lines] == ["0", "1", "2"]
    assert verify(result.path)
    assert archive_older_than(years=5, directory=tmp_path) is None


@pytest.mark.django_db
def test_a_tampered_archive_fails_verification(tmp_path: Path) -> None:
    _entries(2, days_ago=365 * 3)
    result = archive_older_than(years=2, directory=tmp_path)
    assert result is not None
    with gzip.open(result.path, "rt") as fh:
        text = fh.read().replace('"object_id": "1"', '"object_id": "9"')
    with gzip.open(result.path, "wt") as fh:
        fh.write(text)
    assert not verify(result.path)
    with pytest.raises(CommandError, match="alterato"):
        call_command("audit_archive", "--verify", str(result.path))
    with pytest.raises(CommandError):
        call_command("audit_archive", "--older-than-years", "0", "--to", str(tmp_path))
