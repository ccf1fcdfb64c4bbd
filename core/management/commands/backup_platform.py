"""`manage.py backup_platform --to DIR`: database and uploaded files in one archive (core.backup)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.backup import BackupError, backup_create, backup_prune


class Command(BaseCommand):
    help = "Salva database e file caricati in un unico archivio con l'indice di righe e checksum."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--to", type=Path, default=None, help="cartella di destinazione (CPF_BACKUP_DIR)")
        parser.add_argument("--keep", type=int, default=None, help="quanti archivi tenere nella cartella")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["to"] or (Path(settings.BACKUP_DIR) if settings.BACKUP_DIR else None)
        if directory is None:
            raise CommandError("Indicare la cartella: --to DIR oppure CPF_BACKUP_DIR")
        try:
            archive = backup_create(directory=directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Salvataggio scritto: {archive}")
        keep = options["keep"] if options["keep"] is not None else settings.BACKUP_KEEP
        for old in backup_prune(directory=directory, keep=keep):
            self.stdout.write(f"Eliminato il salvataggio più vecchio: {old.name}")
