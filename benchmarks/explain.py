"""EXPLAIN of the queries behind the listed pages, on the benchmark database (run by
benchmarks/run.py at the largest scale; `python -m benchmarks.explain` with DATABASE_URL set).

It calls the real selectors as the demo accounts would, captures every SELECT they run and asks
the database for its plan, then flags any sequential scan of the big tables (contacts,
families, people, referrals, schede, audit): at decade scale each of them must be read through
an index bounded by the user's seat, Centre or destination."""

import os
import re
import sys
from collections.abc import Callable
from typing import Any

BIG: tuple[str, ...] = (
    "families_contact",
    "families_family",
    "families_person",
    "families_referral",
    "families_scheda",
)
BIG += ("audit_auditentry", "activities_attendance")


def _checks() -> list[tuple[str, str, Callable[[Any], Any]]]:
    from common.pagination import keyset
    from families import selectors

    def person(user: Any) -> Any:
        from accounts import scoping
        from families.models import Person

        return scoping.scoped(user, Person.objects.exclude(fiscal_code="")).order_by("family__created_at").first()

    def family(user: Any) -> Any:
        first = selectors.families_for(user=user).first()
        return selectors.family_detail(user=user, family_id=first.pk if first else None)

    return [
        ("operator desk (worklist)", "operatore", lambda u: selectors.worklist(user=u)),
        ("coordinator desk (worklist)", "coordinatore", lambda u: selectors.worklist(user=u)),
        ("family list, page 1", "coordinatore", lambda u: list(selectors.family_page(user=u, page=1))),
        ("search by name", "coordinatore", lambda u: list(selectors.family_page(user=u, q=person(u).last_name))),
        (
            "search by fiscal code",
            "coordinatore",
            lambda u: list(selectors.family_page(user=u, q=person(u).fiscal_code)),
        ),
        (
            "family record + duplicate check",
            "coordinatore",
            lambda u: selectors.duplicates_of_family(user=u, family=family(u)),
        ),
        ("referral inbox, page 1", "servizio", lambda u: list(selectors.referrals_received(user=u)[:50])),
        ("inbox count", "servizio", lambda u: selectors.referrals_received(user=u).count()),
        ("API contacts, keyset", "coordinatore", lambda u: keyset(selectors.contacts_for(user=u), field="date")),
        ("API referrals, keyset", "coordinatore", lambda u: keyset(selectors.referrals_for(user=u), field="sent_on")),
    ]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    pg = connection.vendor == "postgresql"
    out: list[str] = [f"EXPLAIN on {connection.vendor}", ""]
    flagged = 0
    for label, username, call in _checks():
        user = User.objects.get(username=username)
        with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
            call(user)
            transaction.set_rollback(True)
        out.append(f"### {label} ({username})")
        for query in ctx.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT") or not any(t in sql for t in BIG):
                continue
            with connection.cursor() as cursor:
                cursor.execute(("EXPLAIN (ANALYZE, BUFFERS) " if pg else "EXPLAIN QUERY PLAN ") + sql)
                plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
            if pg:
                scans = sorted(set(re.findall(r"Seq Scan on (\w+)", plan)) & set(BIG))
            else:  # SQLite names subquery tables by alias (U0, U1…): a full SCAN of one is flagged too
                found = re.findall(r"SCAN (\w+)\b(?! USING)", plan)
                scans = sorted(t for t in set(found) if t in BIG or re.fullmatch(r"U\d+", t))
            flagged += bool(scans)
            out += ["", "```sql", sql[:600] + (" …" if len(sql) > 600 else ""), "```", "```", plan, "```"]
            out.append(f"**sequential scans of big tables: {', '.join(scans) if scans else 'none'}**")
        out.append("")
    out.insert(1, f"Queries with a sequential scan of a big table: {flagged}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
