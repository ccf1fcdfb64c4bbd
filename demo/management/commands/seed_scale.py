import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.scale import DECADE, SCALES, seed_scale


class Command(BaseCommand):
    help = (
        "Crea una regione SINTETICA alla scala indicata per le misure di prestazione: "
        "'demo' (un centesimo), 'decade' (dieci anni di tutta la rete) o un fattore di 'decade'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", default="demo", help="demo, decade o un fattore (es. 0.1)")

    def handle(self, *args: Any, **options: Any) -> None:
        scale = options["scale"]
        if scale not in SCALES:
            try:
                float(scale)
            except ValueError as exc:
                raise CommandError("--scale deve essere demo, decade o un numero.") from exc
        started = time.monotonic()
        try:
            plan = seed_scale(scale, progress=lambda msg: self.stdout.write(f"  · {msg}"))
        except (RuntimeError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        from monitoring import freshness

        freshness.prune()  # bulk inserts bypass the hooks: no stored monitoring figure may predate them
        self.stdout.write(
            self.style.SUCCESS(
                f"Regione SINTETICA creata (fattore {plan.factor:g} di {DECADE['families']} famiglie) "
                f"in {time.monotonic() - started:.0f} s."
            )
        )
