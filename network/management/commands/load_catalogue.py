import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from network.models import ServiceArea

CATALOGUE = Path(__file__).resolve().parents[2] / "data" / "service_catalogue.csv"


class Command(BaseCommand):
    help = "Carica il catalogo dei servizi (D.G.R. 1507/2023, Allegato A) e le aree del monitoraggio."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        with CATALOGUE.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            ServiceArea.objects.update_or_create(
                code=row["code"],
                defaults={
                    "level": row["level"],
                    "position": int(row["position"]),
                    "name": row["name"],
                    "plain_language": row["plain_language"],
                    "description": row["description"],
                },
            )
        self.stdout.write(f"  · {len(rows)} aree di servizio")
