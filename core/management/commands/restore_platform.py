"""`manage.py restore_platform ARCHIVE [--force]`: restore a backup_platform archive (core.backup)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.backup import BackupError, restore_run


class Command(BaseCommand):
    help = (
        "Ripristina un salvataggio di backup_platform in un'installazione vuota e verifica righe e checksum; "
        "--force sostituisce il contenuto di un'installazione non vuota."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument("--force", action="store_true", help="sostituisce i dati di un'installazione non vuota")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore_run(archive=options["archive"], force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"Ripristino verificato: {len(manifest['tables'])} tabelle, {rows} righe, {len(manifest['files'])} file "
            f"(salvataggio del {manifest['created_at']})."
        )
