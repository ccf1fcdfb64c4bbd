from typing import Any

from django.core.management.base import BaseCommand

from portal import services


class Command(BaseCommand):
    help = (
        "Cancella i dati del portale pubblico oltre i tempi dell'informativa: richieste di contatto, "
        "recapiti delle iscrizioni online, valutazioni delle pagine."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = services.purge()
        self.stdout.write(
            f"Richieste di contatto cancellate: {counts['contact_requests']}; "
            f"iscrizioni online anonimizzate: {counts['signups']}; valutazioni cancellate: {counts['feedback']}"
        )
