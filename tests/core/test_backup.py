"""backup_platform / restore_platform: the round trip gives back every table's rows and every
file, compared by count, content hash and checksum; a non-empty installation is refused."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from core.backup import table_fingerprints
from network.models import Protocol
from tests.factories import ProtocolFactory
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n% protocollo d'intesa firmato\n" + bytes(range(256)) * 40


@pytest.fixture
def media_root(settings: object, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)  # type: ignore[attr-defined]
    return root


def _checksums(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _fill(personas: Personas, media_root: Path) -> None:
    protocol = ProtocolFactory(centre=personas.centre_a)
    protocol.document.save("protocollo d'intesa è firmato.pdf", ContentFile(PDF), save=True)
    (media_root / "jobs" / "abc").mkdir(parents=True)
    (media_root / "jobs" / "abc" / "riparto.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 5000)


def _empty_installation(media_root: Path) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    else:
        call_command("flush", "--noinput", verbosity=0)
    for path in sorted(media_root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def _archive(tmp_path: Path) -> Path:
    call_command("backup_platform", "--to", str(tmp_path / "backups"), stdout=io.StringIO())
    (archive,) = sorted((tmp_path / "backups").glob("cpf-backup-*.tar"))
    return archive


def _round_trip(personas: Personas, media_root: Path, tmp_path: Path) -> None:
    _fill(personas, media_root)
    before_tables = table_fingerprints()
    before_files = _checksums(media_root)
    assert len(before_files) == 2
    assert all(
        before_tables[t].rows > 0 for t in ("accounts_user", "network_protocol", "network_seat", "territory_ats")
    )
    archive = _archive(tmp_path)

    _empty_installation(media_root)
    assert _checksums(media_root) == {}
    out = io.StringIO()
    call_command("restore_platform", str(archive), stdout=out)

    assert "Ripristino verificato" in out.getvalue()
    after_tables = table_fingerprints()
    assert after_tables == before_tables  # every table: same rows, same contents
    assert _checksums(media_root) == before_files  # every file: same bytes
    assert Protocol.objects.exclude(document="").get().document.read() == PDF


def test_round_trip_on_postgresql_gives_back_every_row_and_file(
    personas: Personas, media_root: Path, tmp_path: Path
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump/pg_restore: the PostgreSQL pass of the suite runs this")
    _round_trip(personas, media_root, tmp_path)


def test_round_trip_on_sqlite_gives_back_every_row_and_file(
    personas: Personas, media_root: Path, tmp_path: Path
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's backup API: the SQLite pass of the suite runs this")
    _round_trip(personas, media_root, tmp_path)


def test_manifest_lists_every_table_and_file_with_counts_and_checksums(
    personas: Personas, media_root: Path, tmp_path: Path
) -> None:
    _fill(personas, media_root)
    archive = _archive(tmp_path)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
        names = set(tar.getnames())
    assert set(manifest["tables"]) == set(connection.introspection.table_names(include_views=False))
    assert manifest["tables"]["accounts_user"]["rows"] == User.objects.count() > 0
    assert manifest["files"] == {
        rel: {"size": (media_root / rel).stat().st_size, "sha256": digest}
        for rel, digest in _checksums(media_root).items()
    }
    assert {f"media/{rel}" for rel in manifest["files"]} | {"manifest.json", manifest["database"]["file"]} == names
    assert manifest["database"]["vendor"] == connection.vendor
    sidecar = archive.with_name(archive.name + ".sha256").read_text().split()[0]
    assert sidecar == hashlib.sha256(archive.read_bytes()).hexdigest()


def test_restore_refuses_a_non_empty_installation_without_force(
    personas: Personas, media_root: Path, tmp_path: Path
) -> None:
    _fill(personas, media_root)
    archive = _archive(tmp_path)
    with pytest.raises(CommandError, match="non è vuota.*--force"):
        call_command("restore_platform", str(archive), stdout=io.StringIO())
    assert Protocol.objects.exclude(document="").count() == 1  # nothing was touched


def test_restore_refuses_an_archive_whose_file_was_altered(
    personas: Personas, media_root: Path, tmp_path: Path
) -> None:
    _fill(personas, media_root)
    archive = _archive(tmp_path)
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.endswith("riparto.xlsx"):
                data = data[:-1] + b"\x01"
            dst.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore_platform", str(tampered), "--force", stdout=io.StringIO())


def test_nightly_backup_job_writes_an_archive_and_keeps_the_newest(
    settings: object, personas: Personas, media_root: Path, tmp_path: Path
) -> None:
    from core.jobs import backup
    from jobs.models import JobStatus
    from jobs.runner import start_job

    nightly = tmp_path / "nightly"
    settings.BACKUP_DIR, settings.BACKUP_KEEP = str(nightly), 1  # type: ignore[attr-defined]
    first = start_job(actor=None, definition=backup)
    second = start_job(actor=None, definition=backup)
    for job in (first, second):
        job.refresh_from_db()
        assert job.status == JobStatus.SUCCEEDED and job.done == job.total == 3
    assert len(list(nightly.glob("cpf-backup-*.tar"))) == 1 and len(list(nightly.glob("*.sha256"))) == 1


@pytest.mark.django_db
def test_rate_limit_counters_in_the_shared_cache_do_not_make_an_installation_non_empty() -> None:
    from django.core.cache import caches
    from django.test import override_settings

    from core.backup import installation_contents

    shared = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cpf_cache"}}
    with override_settings(CACHES=shared):
        call_command("createcachetable", stdout=io.StringIO())
        caches["default"].set("ratelimit:login:abc", 3, 60)
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM cpf_cache")
            assert cursor.fetchone() == (1,)
        tables, _files = installation_contents()
    assert "cpf_cache" not in tables
