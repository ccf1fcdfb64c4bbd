"""Breakdowns by the people a family record stands for: sex, age band and Italian or foreign
citizenship of the family's **reference person** (persona di riferimento del nucleo).

Indicators count families (nuclei distinti), and a family has members of both sexes and every age,
so a breakdown of families needs one person per family to be a true partition (every family in
exactly one category, the categories adding up to the total that suppression relies on): the
first adult member by role — parent, caregiver, grandparent, other — then the oldest, then the
first registered; a family of children only (a young person on their own) is described by its
oldest member. Members' data are optional (SPEC §4, "the invisible"), so each breakdown has a
"non indicato" category. The age is the age reached in the last year of the period.

Computed in the database as a correlated subquery on the record's family, so it is always the
family as it is now: when a member is added, changed or removed, `monitoring.freshness` bumps the
figures of the families already reached by some record."""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Case, CharField, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Lower, Trim
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


def _reference(family_path: str, field: str) -> Subquery:
    from families.models import Person

    rank = Case(*(When(role=r, then=Value(i)) for i, r in enumerate(ROLE_ORDER)), default=Value(len(ROLE_ORDER)))
    members = (
        Person.objects.filter(family=OuterRef(family_path))
        .annotate(rank=rank)
        .order_by("rank", models.F("birth_year").asc(nulls_last=True), "pk")
    )
    return Subquery(members.values(field)[:1])


CATEGORY = "_profile_category"


def annotations(profile: Profile, period: Period) -> list[tuple[str, Any]]:
    """Annotations to apply in order; the last one, `CATEGORY`, is the record's category (never
    NULL or empty)."""
    text: CharField[str, str] = CharField()
    ref: Any
    if profile.attribute == "sex":
        ref = _reference(profile.family, "sex")
        category = Case(
            When(_profile_ref__in=("F", "M"), then=F("_profile_ref")), default=Value(NOT_GIVEN), output_field=text
        )
    elif profile.attribute == "citizenship":
        ref = Lower(Trim(_reference(profile.family, "citizenship")))
        category = Case(
            When(Q(_profile_ref__isnull=True) | Q(_profile_ref=""), then=Value(NOT_GIVEN)),
            When(_profile_ref__in=ITALIAN_SPELLINGS, then=Value(Citizenship.ITALIAN.value)),
            default=Value(Citizenship.FOREIGN.value),
            output_field=text,
        )
    elif profile.attribute == "age":
        ref = _reference(profile.family, "birth_year")
        last_year = period.end.year
        category = Case(
            When(_profile_ref__isnull=True, then=Value(NOT_GIVEN)),
            *(When(_profile_ref__lte=last_year - low, then=Value(str(band))) for low, band in AGE_BANDS),
            default=Value(NOT_GIVEN),  # born after the period: not yet a member then
            output_field=text,
        )
    else:
        raise ValueError(profile.attribute)
    return [("_profile_ref", ref), (CATEGORY, category)]
