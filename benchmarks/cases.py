"""The core cases: every page and API list a role uses daily. Apps add their own in
`<app>/bench.py` (see benchmarks/registry.py)."""

from typing import Any

from benchmarks.registry import Case, register


def _families(user: Any) -> Any:
    from accounts import scoping
    from families.models import Family

    return scoping.scoped(user, Family.objects.filter(merged_into__isnull=True))


def _a_family(user: Any) -> str:
    family = _families(user).order_by("-created_at").values_list("pk", flat=True)[:1]
    return f"/famiglie/{family[0]}/"


def _a_scheda(user: Any) -> str:
    from accounts import scoping
    from families.models import Scheda

    scheda = scoping.scoped(user, Scheda.objects.all()).order_by("-opened_on").values_list("pk", flat=True)[:1]
    return f"/famiglie/schede/{scheda[0]}/"


def _a_person(user: Any) -> Any:
    from accounts import scoping
    from families.models import Person

    return (
        scoping.scoped(user, Person.objects.exclude(fiscal_code=""))
        .order_by("family__created_at")
        .values("last_name", "fiscal_code")[:1][0]
    )


def _search_name(user: Any) -> dict[str, str]:
    return {"q": _a_person(user)["last_name"]}


def _search_code(user: Any) -> dict[str, str]:
    return {"q": _a_person(user)["fiscal_code"]}


def _a_session(user: Any) -> str:
    from accounts import scoping
    from activities.models import Session

    session = scoping.scoped(user, Session.objects.all()).order_by("-starts_at").values_list("pk", flat=True)[:1]
    return f"/attivita/incontri/{session[0]}/"


def _an_allocation(user: Any) -> str:
    from funding.models import Allocation

    return f"/finanziamenti/riparti/{Allocation.objects.order_by('pk').values_list('pk', flat=True)[0]}/"


def _deep(path: str, rows: Any, field: str) -> Any:
    """The API page that starts 50 rows before the end of the user's list, by keyset cursor."""

    def resolve(user: Any) -> str:
        from common.pagination import _encode

        qs = rows(user).order_by(f"-{field}", "-pk")
        total = qs.count()
        row = qs[max(0, total - 51)] if total > 1 else None
        sep = "&" if "?" in path else "?"
        cursor = _encode(getattr(row, field), row.pk) if row is not None else ""
        return f"{path}{sep}limit=50&cursor={cursor}"

    return resolve


def _inbox(user: Any) -> Any:
    from families.selectors import referrals_received

    return referrals_received(user=user)


def _contacts(user: Any) -> Any:
    from families.selectors import contacts_for

    return contacts_for(user=user)


def _referrals(user: Any) -> Any:
    from families.selectors import referrals_for

    return referrals_for(user=user)


register(
    Case("operator desk", "operatore", "/famiglie/", group="families"),
    Case("coordinator desk", "coordinatore", "/famiglie/", heavy=True, group="families"),
    Case("family list (operator)", "operatore", "/famiglie/elenco/", group="families"),
    Case("family list (coordinator)", "coordinatore", "/famiglie/elenco/", group="families"),
    # The search is a POST: a name or a fiscal code never goes into a URL.
    Case("search by name", "coordinatore", "/famiglie/elenco/", method="POST", data=_search_name, group="families"),
    Case(
        "search by fiscal code", "coordinatore", "/famiglie/elenco/", method="POST", data=_search_code, group="families"
    ),
    Case("family record open (coordinator)", "coordinatore", _a_family, group="families"),
    Case("family record open (operator)", "operatore", _a_family, group="families"),
    Case("scheda open (coordinator)", "coordinatore", _a_scheda, group="families"),
    Case("referral inbox", "servizio", "/famiglie/invii-ricevuti/", heavy=True, group="families"),
    Case("activity list", "operatore", "/attivita/", group="activities"),
    Case("attendance sheet", "operatore", _a_session, group="activities"),
    Case("network dashboard (Regione)", "regione", "/rete/", group="network"),
    Case("network dashboard (ATS)", "ats.milano", "/rete/", group="network"),
    Case("allocation list", "regione", "/finanziamenti/riparti/", group="funding"),
    Case("allocation detail", "regione", _an_allocation, group="funding"),
    Case("project list", "ats.milano", "/finanziamenti/progetti/", group="funding"),
    Case("API families, first page", "coordinatore", "/api/v1/families/?limit=50", group="api"),
    Case("API families, deep page", "coordinatore", _deep("/api/v1/families/", _families, "created_at"), group="api"),
    Case("API contacts, first page", "coordinatore", "/api/v1/families/contacts?limit=50", group="api"),
    Case("API contacts, deep page", "coordinatore", _deep("/api/v1/families/contacts", _contacts, "date"), group="api"),
    Case("API referrals, first page", "coordinatore", "/api/v1/families/referrals?limit=50", group="api"),
    Case(
        "API referrals, deep page",
        "coordinatore",
        _deep("/api/v1/families/referrals", _referrals, "sent_on"),
        group="api",
    ),
    Case("API inbox, first page", "servizio", "/api/v1/inbox/referrals", group="api"),
    Case("API inbox, deep page", "servizio", _deep("/api/v1/inbox/referrals", _inbox, "sent_on"), group="api"),
    Case(
        "referral inbox, last page",
        "servizio",
        lambda u: f"/famiglie/invii-ricevuti/?page={_inbox(u).count() // 50 + 1}",
        group="families",
    ),
    Case("API seats, first page", "regione", "/api/v1/network/seats?limit=50", group="api"),
    Case("API seats, deep page", "regione", "/api/v1/network/seats?limit=50&offset=400", group="api"),
    Case("API activities, first page", "coordinatore", "/api/v1/activities/activities?limit=50", group="api"),
)
