"""Breakdowns by the people a family record stands for: sex, age band and Italian or foreign
citizenship of the family's **reference person** (persona di riferimento del nucleo).

Indicators count families (nuclei distinti), and a family has members of both sexes and every age,
so a breakdown of families needs one person per family to be a true partition (every family in
exactly one category, the categories adding up to the total that suppression relies on): the
first adult member by role — parent, caregiver, grandparent, other — then the oldest, then the
first registered; a family of children only (a young person on their own) is described by its
oldest member. Members' data are optional (a family may be recorded without identity, "the invisible"), so each breakdown has a
"non indicato" category. The age is the age reached in the last year of the period.

Computed from two queries per indicator part (the distinct seat × family pairs of the period,
and the members of those families), then rolled up in Python level by level as distinct sets, so
the cost does not multiply by levels × breakdowns. Always the family as it is now: when a member is
added, changed or removed, `monitoring.freshness` bumps the figures of the families already
reached by some record."""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from monitoring.periods import Period

NOT_GIVEN = "nd"


class SexCategory(models.TextChoices):
    FEMALE = "F", _("Femmina")
    MALE = "M", _("Maschio")
    NOT_GIVEN = "nd", _("Non indicato")


class AgeBand(models.TextChoices):
    UNDER_18 = "0_17", _("meno di 18 anni")
    FROM_18 = "18_29", _("18–29 anni")
    FROM_30 = "30_44", _("30–44 anni")
    FROM_45 = "45_64", _("45–64 anni")
    FROM_65 = "65", _("65 anni e oltre")
    NOT_GIVEN = "nd", _("Non indicata")


class Citizenship(models.TextChoices):
    ITALIAN = "italiana", _("Italiana")
    FOREIGN = "straniera", _("Straniera")
    NOT_GIVEN = "nd", _("Non indicata")


# Lower bound of each band (years reached in the period's last year).
AGE_BANDS: tuple[tuple[int, str], ...] = (
    (65, AgeBand.FROM_65),
    (45, AgeBand.FROM_45),
    (30, AgeBand.FROM_30),
    (18, AgeBand.FROM_18),
    (0, AgeBand.UNDER_18),
)
# How operators write an Italian citizenship in the free-text field, folded to lower case.
ITALIAN_SPELLINGS = ("italiana", "italiano", "italia", "it", "ita", "cittadinanza italiana")
ROLE_ORDER = ("genitore", "caregiver", "nonno", "altro", "figlio")
PERSON_FIELDS = frozenset({"family_id", "role", "birth_year", "sex", "citizenship"})


@dataclass(frozen=True)
class Profile:
    """A breakdown by an attribute of the reference person of the record's family."""

    family: str  # path from the record to its families.Family
    attribute: str  # "sex" | "age" | "citizenship"


Member = tuple[Any, str, int | None, str, str]  # (pk, role, birth year, sex, citizenship)


def reference(members: list[Member]) -> Member | None:
    """The reference person among a family's members (see the module's docstring)."""
    if not members:
        return None
    rank = {role: i for i, role in enumerate(ROLE_ORDER)}
    return min(members, key=lambda m: (rank.get(m[1], len(ROLE_ORDER)), m[2] is None, m[2] or 0, str(m[0])))


def category(attribute: str, person: Member | None, period: Period) -> str:
    """The person's category for one breakdown (NOT_GIVEN when unknown)."""
    if person is None:
        return NOT_GIVEN
    _pk, _role, birth_year, sex, citizenship = person
    if attribute == "sex":
        return sex if sex in ("F", "M") else NOT_GIVEN
    if attribute == "citizenship":
        text = (citizenship or "").strip().lower()
        if not text:
            return NOT_GIVEN
        return str(Citizenship.ITALIAN.value if text in ITALIAN_SPELLINGS else Citizenship.FOREIGN.value)
    if attribute == "age":
        if birth_year is None or birth_year > period.end.year:
            return NOT_GIVEN  # unknown, or born after the period
        age = period.end.year - birth_year
        return next(str(band) for low, band in AGE_BANDS if age >= low)
    raise ValueError(attribute)


def family_categories(families: Any, attributes: list[str], period: Period) -> dict[Any, dict[str, str]]:
    """{family id: {attribute: category}} for the families of a queryset of ids (one query)."""
    from families.models import Person

    members: dict[Any, list[Member]] = {}
    rows = Person.objects.filter(family__in=families).values_list(
        "family_id", "pk", "role", "birth_year", "sex", "citizenship"
    )
    for family_id, *member in rows.order_by():
        members.setdefault(family_id, []).append(tuple(member))  # type: ignore[arg-type]
    out: dict[Any, dict[str, str]] = {}
    for family_id, people in members.items():
        ref = reference(people)
        out[family_id] = {a: category(a, ref, period) for a in attributes}
    return out
