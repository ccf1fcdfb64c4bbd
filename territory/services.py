"""Writes on territory data beyond plain records (those go through core.records)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor
from core.records import audit_record
from territory.models import Area, AreaMembership, Comune


def area_set_comuni(*, actor: Actor, area: Area, comuni: Iterable[Comune]) -> Area:
    """Replace the comuni of an Ambito or Distretto. A comune already in another area of the same
    kind is refused (move it explicitly), and every comune must lie in the area's ATS."""
    scoping.check_can_write(actor, area, scoping.CHANGE)
    if area.kind not in Area.SUPRA_MUNICIPAL:
        raise ValidationError(_("Solo ambiti e distretti sono insiemi di comuni."))
    wanted = {c.pk: c for c in comuni}
    errors = [
        _("%(comune)s non appartiene all'ATS dell'area.") % {"comune": c}
        for c in wanted.values()
        if c.ats_id != area.ats_id
    ]
    taken = (
        AreaMembership.objects.filter(kind=area.kind, comune_id__in=wanted)
        .exclude(area=area)
        .select_related("area", "comune")
    )
    errors += [_("%(comune)s appartiene già a «%(area)s».") % {"comune": m.comune, "area": m.area.name} for m in taken]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = set(area.memberships.values_list("comune_id", flat=True))
        area.memberships.exclude(comune_id__in=wanted).delete()
        AreaMembership.objects.bulk_create(
            [AreaMembership(area=area, comune=c, kind=area.kind) for pk, c in wanted.items() if pk not in before]
        )
        audit_record(
            actor=actor,
            obj=area,
            verb="comuni_changed",
            changes={"added": sorted(set(wanted) - before), "removed": sorted(before - set(wanted))},
        )
    return area
