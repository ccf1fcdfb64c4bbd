"""Allocation of a fund among the ATS: the engine is funding.rules.allocate (pure); this module
turns stored inputs into its dataclasses, saves the result with its inputs and audits it."""

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor, user_of
from core.records import audit_record
from funding import rules
from funding.models import Allocation, AllocationLine, Fund
from territory import selectors as territory_selectors
from territory.models import Ats, PopulationSnapshot

# The CpF fund criterion (D.G.R. 1507/2023, § 4): 30% by resident population, 70% in equal parts.
CPF_COMPONENTS = [
    {"kind": "population", "share": "30", "snapshot": "istat-2023-01-01"},
    {"kind": "equal", "share": "70"},
]


def population_by_ats(snapshot_code: str) -> tuple[PopulationSnapshot, dict[str, int]]:
    try:
        snapshot = PopulationSnapshot.objects.get(code=snapshot_code)
    except PopulationSnapshot.DoesNotExist as exc:
        raise ValidationError(
            _("Rilevazione della popolazione «%(code)s» inesistente.") % {"code": snapshot_code}
        ) from exc
    return snapshot, territory_selectors.population_by_ats(snapshot)


def _decimal_map(values: Mapping[str, Any], what: str) -> dict[str, Decimal]:
    try:
        return {str(k): Decimal(str(v)) for k, v in values.items()}
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("Valori non numerici in «%(what)s».") % {"what": what}) from exc


def build_components(spec: Sequence[Mapping[str, Any]]) -> list[rules.Component]:
    components: list[rules.Component] = []
    for item in spec:
        try:
            share = Decimal(str(item.get("share", "")))
        except InvalidOperation as exc:
            raise ValidationError(_("La percentuale di un criterio non è un numero.")) from exc
        kind = item.get("kind")
        if kind == "population":
            snapshot, populations = population_by_ats(str(item.get("snapshot", "")))
            components.append(
                rules.Component.by_population(
                    share, rules.PopulationSnapshot.of(snapshot.source, snapshot.reference_date, populations)
                )
            )
        elif kind == "equal":
            components.append(rules.Component.equal_parts(share))
        elif kind == "weights":
            components.append(rules.Component.by_weights(share, _decimal_map(item.get("values", {}), "pesi")))
        elif kind == "fixed":
            components.append(
                rules.Component.fixed_amounts(share, _decimal_map(item.get("values", {}), "importi fissi"))
            )
        else:
            raise ValidationError(_("Criterio di riparto sconosciuto: «%(kind)s».") % {"kind": kind})
    return components


def allocation_compute(
    *, total: Decimal, components: Sequence[Mapping[str, Any]], rounding_unit: Decimal = rules.CENT
) -> rules.AllocationResult:
    """Compute without saving (used for previews and by the API). Rule errors become Italian
    ValidationErrors that name the ATS (never their codes).

    A total of 0 € is refused: the engine would split it (every line 0 €, see
    `rules.allocate`), but a riparto distributes resources a decree has destined to the ATS —
    D.G.R. 1507/2023, DELIBERA punto 5 («tali risorse verranno ripartite alle ATS lombarde»,
    6.532.000,00 €) and D.G.R. XII/5464, premessa «VALUTATO di destinare» (3.000.000,00 €
    «assegnate alle Agenzie di Tutela della Salute e ripartito in base al numero di abitanti») —
    so a 0 € riparto records nothing and would only stand beside the real one as a duplicate.
    Lines of 0 € inside a positive riparto (a weight of 0, or an ATS below half a rounding
    unit) are accepted: the engine handles them and the total still adds up to the cent."""
    names = dict(Ats.objects.order_by("code").values_list("code", "name"))
    if total == 0:
        raise ValidationError(
            {
                "total": _(
                    "Il totale da ripartire è 0 €: un riparto distribuisce tra le ATS le risorse "
                    "destinate da una delibera, indica un importo maggiore di zero."
                )
            }
        )
    try:
        return rules.allocate(total, list(names), build_components(components), rounding_unit)
    except rules.RuleError as exc:
        raise ValidationError(exc.named(names)) from exc


def allocation_create(
    *,
    actor: Actor,
    fund: Fund,
    label: str,
    year: int,
    total: Decimal,
    components: Sequence[Mapping[str, Any]],
    rounding_unit: Decimal = rules.CENT,
) -> Allocation:
    if not scoping.may_write(actor, Allocation, scoping.CREATE):
        raise PermissionDenied(_("Solo la Regione ripartisce i fondi tra le ATS."))
    result = allocation_compute(total=total, components=components, rounding_unit=rounding_unit)
    ats_by_code = {a.code: a for a in Ats.objects.all()}
    with transaction.atomic():
        allocation = Allocation.objects.create(
            fund=fund,
            label=label,
            year=year,
            total=total,
            rounding_unit=rounding_unit,
            components=[dict(c) for c in components],
            created_by=user_of(actor),
        )
        AllocationLine.objects.bulk_create(
            [
                AllocationLine(
                    allocation=allocation,
                    ats=ats_by_code[line.recipient],
                    raw_quota=line.raw_quota,
                    amount=line.amount,
                    component_amounts=[str(a) for a in line.component_amounts],
                )
                for line in result.lines
            ]
        )
        audit_record(
            actor=actor,
            obj=allocation,
            verb="created",
            changes={
                "total": str(total),
                "components": [dict(c) for c in components],
                "rounding_unit": str(rounding_unit),
            },
        )
    return allocation


def allocation_verify(*, allocation: Allocation) -> bool:
    """Recompute from the stored inputs and compare with the stored lines, to the cent."""
    try:
        result = allocation_compute(
            total=allocation.total, components=allocation.components, rounding_unit=allocation.rounding_unit
        )
    except ValidationError:
        return False
    stored = {line.ats.code: line.amount for line in allocation.lines.select_related("ats")}
    return stored == result.amounts()
