from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.archive import archive_older_than, verify


class Command(BaseCommand):
    help = (
        "Sposta le voci del registro più vecchie di N anni in un archivio compresso con impronta SHA-256, "
        "oppure verifica un archivio (--verify)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than-years", type=int, default=0)
        parser.add_argument("--to", default="", help="cartella degli archivi")
        parser.add_argument("--verify", default="", help="archivio .jsonl.gz da verificare")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verify"]:
            if not verify(Path(options["verify"])):
                raise CommandError("Archivio alterato: l'impronta o il numero di voci non corrispondono.")
            self.stdout.write(self.style.SUCCESS("Archivio integro."))
            return
        if options["older_than_years"] < 1 or not options["to"]:
            raise CommandError("Indica --older-than-years (almeno 1) e --to (cartella degli archivi).")
        result = archive_older_than(years=options["older_than_years"], directory=Path(options["to"]))
        if result is None:
            self.stdout.write("Nessuna voce da archiviare.")
            return
        self.stdout.write(
            self.style.SUCCESS(f"{result.count} voci archiviate in {result.path.name} (SHA-256 {result.sha256[:16]}…).")
        )
