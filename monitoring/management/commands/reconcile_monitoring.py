"""Compare the stored monitoring figures with a recomputation from the records.

Two things are stored. (1) The figures of the dashboards (`StoredFigures`, monitoring.freshness),
keyed on the versions of the records they read: this command recomputes each one whose key is
still current and reports those that differ (records changed by a bulk `QuerySet.update()` that
no hook saw); with --repair it drops them (the next view recomputes) and shortens the change log.
(2) Each locked period's approved snapshot: this command recomputes every approved
or accepted period of every Centre and reports where the records no longer give the approved
figures (records changed outside the lock, e.g. a bulk move). With --repair it reopens nothing
and rewrites nothing silently: it records the recomputed figures as the submission to review,
so the ATS sees the drift as "changed since submission" on the approval page."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from monitoring import freshness
from monitoring.approval import centre_figures
from monitoring.models import Approval
from monitoring.periods import Period
from monitoring.reconcile import drift, stored_drift


class Command(BaseCommand):
    help = "Ricalcola dai dati registrati i valori approvati e segnala le differenze (--repair: le propone all'ATS)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--repair", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        stale = stored_drift()
        for row in stale:
            self.stdout.write(
                f"Valori memorizzati non aggiornati: {row.indicator} {row.period_start:%d/%m/%Y}–{row.period_end:%d/%m/%Y}"
            )
        self.stdout.write(f"Valori memorizzati con differenze: {len(stale)}")
        if options["repair"]:
            removed = freshness.prune()
            self.stdout.write(
                f"Valori memorizzati eliminati (si ricalcolano alla prossima consultazione); registro ridotto di {removed} righe."
            )
        found = 0
        for approval in Approval.objects.filter(state__in=Approval.LOCKED).select_related("centre"):
            diff = drift(approval)
            if not diff:
                continue
            found += 1
            for code, (before, now) in sorted(diff.items()):
                self.stdout.write(
                    f"{approval.centre.name} {approval.period_code} {code}: approvato {before}, ricalcolato {now}"
                )
            if options["repair"]:
                with transaction.atomic():
                    approval.previous_figures = approval.submitted_figures
                    approval.submitted_figures = centre_figures(
                        approval.centre_id, Period(approval.period_start, approval.period_end, "range")
                    )
                    approval.save(update_fields=["previous_figures", "submitted_figures"])
        self.stdout.write(f"Periodi con differenze: {found}")
