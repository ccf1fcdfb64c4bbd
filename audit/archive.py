"""Retention of the audit log: entries older than N years move to compressed files, with their
integrity kept, and leave the table (so that it and its indexes stay the size of the recent
years). Each archive is `audit-<first id>-<last id>.jsonl.gz` (one JSON object per entry, in id
order) plus `<name>.sha256` with the SHA-256 of the uncompressed lines, the count and the id
range; `verify()` recomputes both. The rows are deleted only after the file is written and
flushed to disk, in the transaction that read them."""

import datetime as dt
import gzip
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.models import AuditEntry

CHUNK = 5000


@dataclass(frozen=True)
class Archive:
    path: Path
    count: int
    first_id: int
    last_id: int
    sha256: str


def _line(entry: dict[str, Any]) -> bytes:
    entry = {**entry, "at": entry["at"].isoformat()}
    return (json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n").encode()


def archive_older_than(*, years: int, directory: Path, now: dt.datetime | None = None) -> Archive | None:
    """Move the entries older than `years` years into one archive in `directory`."""
    if years < 1:
        raise ValueError("years must be at least 1")
    cutoff = (now or timezone.now()) - dt.timedelta(days=365 * years)
    directory.mkdir(parents=True, exist_ok=True)
    fields = ["id", "at", "actor_id", "action", "object_type", "object_id", "ats_id", "centre_id", "changes"]
    with transaction.atomic():
        old = AuditEntry.objects.filter(at__lt=cutoff).select_for_update().order_by("id")
        ids = old.values_list("id", flat=True)
        first, last = ids.first(), ids.last()
        if first is None or last is None:
            return None
        digest = hashlib.sha256()
        count = 0
        tmp = directory / f".audit-{first}-{last}.jsonl.gz.partial"
        with gzip.open(tmp, "wb") as out:
            for entry in old.values(*fields).iterator(chunk_size=CHUNK):
                line = _line(entry)
                digest.update(line)
                out.write(line)
                count += 1
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        path = directory / f"audit-{first}-{last}.jsonl.gz"
        tmp.rename(path)
        manifest = {"file": path.name, "count": count, "first_id": first, "last_id": last, "sha256": digest.hexdigest()}
        (directory / f"{path.name}.sha256").write_text(json.dumps(manifest, indent=1) + "\n")
        AuditEntry.objects.filter(at__lt=cutoff, id__lte=last).delete()
    return Archive(path, count, first, last, digest.hexdigest())


def verify(path: Path) -> bool:
    """True when the archive's lines still hash to its manifest and the count matches."""
    manifest = json.loads(Path(f"{path}.sha256").read_text())
    digest = hashlib.sha256()
    count = 0
    with gzip.open(path, "rb") as fh:
        for line in fh:
            digest.update(line)
            count += 1
    return bool(digest.hexdigest() == manifest["sha256"] and count == manifest["count"])
