from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from demo.seed import DEMO_PASSWORD, demo_present, seed_demo


class Command(BaseCommand):
    help = "Crea il set di dati dimostrativi SINTETICI e un account demo per ogni ruolo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-needed", action="store_true", help="Salta se i dati demo sono già presenti.")

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_present():
            if options["if_needed"]:
                self.stdout.write("  · dati demo già presenti: nulla da fare (account elencati nel README)")
                return
            self.stderr.write("I dati demo sono già presenti.")
            return
        users = seed_demo(progress=lambda msg: self.stdout.write(f"  · {msg}"))
        from monitoring import freshness

        freshness.prune()  # bulk inserts bypass the hooks: no stored monitoring figure may predate them
        self.stdout.write(
            self.style.SUCCESS(f"Dati demo SINTETICI creati. Account demo (password per tutti: {DEMO_PASSWORD}):")
        )
        for username, role, where in users:
            self.stdout.write(f"    {username:<18} {role:<36} {where}")
