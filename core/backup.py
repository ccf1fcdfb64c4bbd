"""Backups that restore: the database and the uploaded files in one archive, with a manifest.

    manage.py backup_platform --to DIR          -> DIR/cpf-backup-<UTC time>.tar
    manage.py restore_platform ARCHIVE          (into an empty installation; --force otherwise)

The archive is a plain tar: `database.dump` (PostgreSQL: `pg_dump --format=custom`; SQLite: a copy
made with SQLite's online backup API, `database.sqlite3`), `media/<path>` for every file under
MEDIA_ROOT (consent forms, protocols, expense documents, job results), and `manifest.json` with
the row count and a SHA-256 of the contents of every table and the SHA-256 of every file.

Consistency on PostgreSQL: one REPEATABLE READ, read-only transaction exports its snapshot,
`pg_dump --snapshot` dumps exactly that snapshot and the row counts and hashes are read in the same
transaction, so the manifest describes the dump whatever the platform writes meanwhile. Files are
copied after the snapshot: a file uploaded during the backup may be in the archive without its row
(harmless); the restore checks every file listed against its checksum.

The restore verifies the archive, loads the database (`pg_restore --single-transaction`), writes
the files, then recomputes every table's count and hash and every file's checksum and fails loudly
on any difference."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext_noop

FORMAT = "cpf-backup/1"
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
# A bare `migrate` fills these: an installation with rows only here is still empty.
MIGRATE_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})
# The shared cache of production (config/settings/production.py): rate-limit counters, no data.
VOLATILE_TABLES = frozenset({"cpf_cache"})
_CHUNK = 1024 * 1024

Progress = Callable[[int, int, str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (no personal data)."""


@dataclass(frozen=True)
class TableFingerprint:
    rows: int
    sha256: str


def _row_lines(conn: BaseDatabaseWrapper, table: str) -> Iterator[str]:
    """Every row of `table` as text, in primary-key order (the whole row where there is none)."""
    with conn.cursor() as cursor:
        pk = conn.introspection.get_primary_key_columns(cursor, table) or []
    quote = conn.ops.quote_name
    order = ", ".join(quote(c) for c in pk)
    if conn.vendor == "postgresql":
        sql = f"SELECT t::text FROM {quote(table)} t ORDER BY {order or 't::text'}"  # noqa: S608 - introspected names
        with conn.chunked_cursor() as cursor:
            cursor.execute(sql)
            while rows := cursor.fetchmany(2000):
                for (line,) in rows:
                    yield line
    else:
        with conn.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {order or 'rowid'}")  # noqa: S608
            while rows := cursor.fetchmany(2000):
                for row in rows:
                    yield repr(tuple(row))


def table_fingerprints(conn: BaseDatabaseWrapper | None = None) -> dict[str, TableFingerprint]:
    """Row count and SHA-256 of the contents of every table of the database."""
    conn = conn or connection
    result: dict[str, TableFingerprint] = {}
    for table in sorted(conn.introspection.table_names(include_views=False)):
        digest, rows = hashlib.sha256(), 0
        for line in _row_lines(conn, table):
            digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
            rows += 1
        result[table] = TableFingerprint(rows=rows, sha256=digest.hexdigest())
    return result


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_files() -> dict[str, Path]:
    """Every uploaded file, by its path relative to MEDIA_ROOT (POSIX separators)."""
    if not isinstance(default_storage, FileSystemStorage):
        raise BackupError(
            "I file caricati non sono in una cartella (CPF_MEDIA_STORAGE=s3): il salvataggio dei file spetta "
            "all'object storage (versioni, replica); vedi docs/OPERATIONS.md."
        )
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return {}
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(root).as_posix()] = path
    return found


# --- PostgreSQL client tools --------------------------------------------------------------------


def _pg_bin(tool: str) -> str:
    """The newest Debian PostgreSQL client (pg_dump must not be older than the server)."""
    configured = os.environ.get("CPF_PG_BINDIR", "")
    candidates = [Path(configured)] if configured else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), reverse=True)
    for bindir in candidates:
        if (bindir / tool).is_file():
            return str(bindir / tool)
    found = shutil.which(tool)
    if found is None:
        raise BackupError(f"{tool} non trovato: installare il client PostgreSQL (apt-get install postgresql-client)")
    return found


def _pg_env(conn: BaseDatabaseWrapper) -> dict[str, str]:
    """libpq variables for the client tools: the password never appears on a command line."""
    params = conn.get_connection_params()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    mapping = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD", "dbname": "PGDATABASE"}
    for key, variable in mapping.items():
        if params.get(key):
            env[variable] = str(params[key])
    if params.get("sslmode"):
        env["PGSSLMODE"] = str(params["sslmode"])
    return env


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed tools
    if result.returncode != 0:
        # The tools' messages name objects, not row contents; keep the last lines.
        tail = "\n".join(result.stderr.strip().splitlines()[-5:])
        raise BackupError(f"{Path(args[0]).name} non riuscito (codice {result.returncode}): {tail}")


# --- Backup ---------------------------------------------------------------------------------------


def _dump_database(workdir: Path) -> tuple[str, dict[str, TableFingerprint]]:
    if connection.in_atomic_block:
        raise BackupError("Il salvataggio va eseguito fuori da una transazione.")
    if connection.vendor == "postgresql":
        target = workdir / "database.dump"
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                (snapshot,) = cursor.fetchone()
            _run(
                [_pg_bin("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
                _pg_env(connection),
            )
            fingerprints = table_fingerprints()
        return target.name, fingerprints
    if connection.vendor == "sqlite":
        target = workdir / "database.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return target.name, _sqlite_fingerprints(target)
    raise BackupError(f"Database non supportato: {connection.vendor}")


def _sqlite_fingerprints(path: Path) -> dict[str, TableFingerprint]:
    """Fingerprints of the copy itself, so that they describe exactly what was saved."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    wrapper = DatabaseWrapper({**connection.settings_dict, "NAME": str(path), "OPTIONS": {}}, alias="cpf_backup_copy")
    try:
        return table_fingerprints(wrapper)
    finally:
        wrapper.close()


def _latest_migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).migration_qs.order_by("app", "name").values_list("app", "name"):
        latest[app] = name
    return latest


def backup_create(*, directory: Path, progress: Progress | None = None) -> Path:
    """Write one archive into `directory` and return its path (a `.sha256` file beside it)."""
    progress = progress or (lambda done, total, step: None)
    if directory.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        raise BackupError(
            "La cartella dei salvataggi non può stare dentro MEDIA_ROOT (ogni salvataggio conterrebbe i precedenti)."
        )
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(tz=UTC).strftime("%Y%m%d-%H%M%S-%f")
    archive = directory / f"cpf-backup-{stamp}.tar"
    partial = archive.with_suffix(".tar.partial")
    with tempfile.TemporaryDirectory(prefix="cpf-backup-") as tmp:
        workdir = Path(tmp)
        progress(0, 3, gettext_noop("Copia del database"))
        dump_name, fingerprints = _dump_database(workdir)
        dump_path = workdir / dump_name
        progress(1, 3, gettext_noop("File caricati"))
        files = media_files()
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": datetime.now(tz=UTC).isoformat(timespec="seconds"),
            "database": {
                "vendor": connection.vendor,
                "file": dump_name,
                "sha256": file_sha256(dump_path),
                "migrations": _latest_migrations(),
            },
            "tables": {name: {"rows": f.rows, "sha256": f.sha256} for name, f in fingerprints.items()},
            "files": {},
        }
        with tarfile.open(partial, "w") as tar:
            tar.add(dump_path, arcname=dump_name)
            for relative, path in files.items():
                manifest["files"][relative] = {"size": path.stat().st_size, "sha256": file_sha256(path)}
                tar.add(path, arcname=MEDIA_PREFIX + relative, recursive=False)
            progress(2, 3, gettext_noop("Indice del salvataggio"))
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(datetime.now(tz=UTC).timestamp())
            tar.addfile(info, _BytesReader(data))
    partial.rename(archive)
    archive.with_name(archive.name + ".sha256").write_text(f"{file_sha256(archive)}  {archive.name}\n")
    progress(3, 3, gettext_noop("Salvataggio completato"))
    return archive


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self._data, self._pos = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._pos + size
        chunk, self._pos = self._data[self._pos : end], min(end, len(self._data))
        return chunk


def backup_prune(*, directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` archives of `directory`; return what was deleted."""
    archives = sorted(directory.glob("cpf-backup-*.tar"))
    doomed = archives[: max(0, len(archives) - keep)]
    for path in doomed:
        path.unlink()
        path.with_name(path.name + ".sha256").unlink(missing_ok=True)
    return doomed


# --- Restore --------------------------------------------------------------------------------------


def read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError as exc:
        raise BackupError("L'archivio non contiene manifest.json: non è un salvataggio della piattaforma.") from exc
    handle = tar.extractfile(member)
    if handle is None:
        raise BackupError("manifest.json non leggibile")
    manifest: dict[str, Any] = json.load(handle)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Formato del salvataggio non riconosciuto: {manifest.get('format')!r}")
    return manifest


def installation_contents() -> tuple[list[str], int]:
    """Tables holding rows (beyond what `migrate` writes) and the number of uploaded files."""
    with_rows = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(include_views=False)):
            if table in MIGRATE_TABLES or table in VOLATILE_TABLES:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608 - introspected
            if cursor.fetchone() is not None:
                with_rows.append(table)
    return with_rows, len(media_files())


def _safe_relative(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError("Percorso non valido nell'archivio")
    return path.as_posix()


def _copy_member(handle: IO[bytes], target: Path) -> str:
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _load_database(tar: tarfile.TarFile, manifest: dict[str, Any], workdir: Path) -> None:
    database = manifest["database"]
    if database["vendor"] != connection.vendor:
        raise BackupError(
            f"Il salvataggio è di un database {database['vendor']}, questa installazione usa {connection.vendor}."
        )
    handle = tar.extractfile(_safe_relative(database["file"]))
    if handle is None:
        raise BackupError("Copia del database mancante nell'archivio")
    dump = workdir / "database"
    if _copy_member(handle, dump) != database["sha256"]:
        raise BackupError("La copia del database non corrisponde al suo checksum: archivio danneggiato.")
    if connection.vendor == "postgresql":
        connection.close()
        _run(
            [
                _pg_bin("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(dump),
            ],
            _pg_env(connection),
        )
    else:
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()


def _restore_files(tar: tarfile.TarFile, manifest: dict[str, Any]) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    wrong: list[str] = []
    for relative, expected in sorted(manifest["files"].items()):
        member = tar.extractfile(MEDIA_PREFIX + _safe_relative(relative))
        if member is None:
            wrong.append(relative)
            continue
        if _copy_member(member, root / relative) != expected["sha256"]:
            wrong.append(relative)
    return wrong


def restore_verify(manifest: dict[str, Any]) -> list[str]:
    """Differences between the installation and the manifest (empty when identical)."""
    problems = []
    now = table_fingerprints()
    for table, expected in sorted(manifest["tables"].items()):
        found = now.get(table)
        if found is None:
            problems.append(f"tabella {table} mancante")
        elif (found.rows, found.sha256) != (expected["rows"], expected["sha256"]):
            problems.append(f"tabella {table}: {found.rows} righe invece di {expected['rows']} o contenuto diverso")
    root = Path(settings.MEDIA_ROOT)
    for relative, expected in sorted(manifest["files"].items()):
        path = root / relative
        if not path.is_file() or file_sha256(path) != expected["sha256"]:
            problems.append(f"file {relative} mancante o diverso")
    return problems


def restore_run(*, archive: Path, force: bool = False, progress: Progress | None = None) -> dict[str, Any]:
    """Restore `archive` into this installation; returns the manifest. Refuses a non-empty
    installation unless `force` (then the database objects in the archive are replaced)."""
    progress = progress or (lambda done, total, step: None)
    if not archive.is_file():
        raise BackupError(f"Archivio non trovato: {archive}")
    with tarfile.open(archive, "r") as tar, tempfile.TemporaryDirectory(prefix="cpf-restore-") as tmp:
        manifest = read_manifest(tar)
        if not force:
            tables, files = installation_contents()
            if tables or files:
                raise BackupError(
                    f"L'installazione non è vuota ({len(tables)} tabelle con dati, {files} file caricati): "
                    "usare --force per sostituirne il contenuto."
                )
        progress(0, 3, gettext_noop("Database"))
        _load_database(tar, manifest, Path(tmp))
        progress(1, 3, gettext_noop("File caricati"))
        wrong = _restore_files(tar, manifest)
        if wrong:
            raise BackupError(f"{len(wrong)} file dell'archivio non corrispondono al loro checksum")
    progress(2, 3, gettext_noop("Verifica"))
    problems = restore_verify(manifest)
    if problems:
        raise BackupError("Ripristino diverso dal salvataggio:\n" + "\n".join(problems))
    progress(3, 3, gettext_noop("Ripristino completato"))
    return manifest
