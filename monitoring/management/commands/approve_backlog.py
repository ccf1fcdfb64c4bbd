"""Approve a backlog of past periods in bulk, for one level.

    manage.py approve_backlog --user ats.milano --period 2024 --period 2025-T1
    manage.py approve_backlog --user regione --period 2024

As an ATS officer: every open or submitted period of the ATS's Centres is approved (an open one is
first frozen as the submission, with the backlog reason on its step). As the Region: every period
the ATS approved is accepted. Everything goes through `monitoring.approval.approve_backlog`, so
the scope, the audit and the lock are those of the pages; each refusal is reported."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import User
from monitoring.approval import approve_backlog
from monitoring.periods import parse_period


class Command(BaseCommand):
    help = "Approva (ATS) o accetta (Regione) in blocco i periodi passati dei centri del proprio ambito."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--user", required=True, help="utente che approva (ATS) o accetta (Regione)")
        parser.add_argument(
            "--period", action="append", required=True, help="anno, trimestre o mese (2024, 2024-T2, 2024-03)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError("Utente sconosciuto o non attivo.")
        today = timezone.localdate()
        try:
            periods = [parse_period(code, today=today) for code in options["period"]]
            result = approve_backlog(actor=user, periods=periods, today=today)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        for a in result.approved:
            self.stdout.write(f"Approvato: {a.centre.name} {a.period_code}")
        for a in result.accepted:
            self.stdout.write(f"Accettato: {a.centre.name} {a.period_code}")
        for centre, code, why in result.skipped:
            self.stdout.write(f"Non modificato: {centre} {code} ({why})")
        self.stdout.write(
            f"Approvati: {len(result.approved)}; accettati: {len(result.accepted)}; non modificati: {len(result.skipped)}"
        )
