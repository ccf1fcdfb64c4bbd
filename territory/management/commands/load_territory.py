from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from territory.loaders import load_territory, territory_is_loaded


class Command(BaseCommand):
    help = "Carica i dati territoriali reali (ATS, ASST, comuni, confini, popolazione)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-needed", action="store_true", help="Salta se i dati sono già caricati.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_needed"] and territory_is_loaded():
            self.stdout.write("  · già caricati: nulla da fare")
            return
        counts = load_territory(progress=lambda msg: self.stdout.write(f"  · {msg}"))
        self.stdout.write(self.style.SUCCESS(f"Territorio caricato: {counts['comuni']} comuni, {counts['ats']} ATS."))
