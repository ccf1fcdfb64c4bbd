"""Benchmark cases of the public portal: the search by need and place, a seat page, and
the shared directory's results and entry page (seed_demo's synthetic directory entries).
The portal needs no login; the harness signs in anyway, which changes nothing for these pages.
benchmarks/run.py lifts the per-client rate limit (CPF_PORTAL_RATE_LIMIT) for the run."""

from typing import Any

from benchmarks.registry import Case, register


def _a_seat(user: Any) -> str:
    from accounts import scoping
    from network.models import Seat

    seat = scoping.public(Seat.objects.all()).order_by("pk").values_list("pk", flat=True)[:1]
    return f"/sedi/{seat[0]}/"


def _a_directory_entry(user: Any) -> str:
    from directory.selectors import public_resources

    key = public_resources().order_by("pk").values_list("uuid", flat=True)[:1]
    return f"/servizi/{key[0]}/"


register(
    Case(
        "portal search (need + place)",
        "operatore",
        "/cerca/?q=mio+figlio+adolescente+non+mi+parla+pi%C3%B9&dove=Sondrio",
        heavy=True,
        group="portal",
    ),
    Case(
        "portal search API",
        "operatore",
        "/api/v1/portal/search?q=compiti&comune=014061",
        group="portal",
    ),
    Case("portal seat page", "operatore", _a_seat, heavy=True, group="portal"),
    Case("portal directory search (need + place)", "operatore", "/cerca/?q=compiti&dove=Sondrio", group="portal"),
    Case("portal directory entry page", "operatore", _a_directory_entry, group="portal"),
    Case("portal home", "operatore", "/", group="portal"),
)
