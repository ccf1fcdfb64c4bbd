from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from families.codes import RETENTION_YEARS
from families.services.privacy import anonymise_closed_schede


class Command(BaseCommand):
    help = "Anonimizza le famiglie con scheda progettuale chiusa da più di N anni (conservazione)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--years", type=int, default=RETENTION_YEARS)

    def handle(self, *args: Any, **options: Any) -> None:
        count = anonymise_closed_schede(years=options["years"])
        self.stdout.write(f"Famiglie anonimizzate: {count}")
