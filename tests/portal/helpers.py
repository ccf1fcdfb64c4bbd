"""A small public network for portal tests: the personas' seats with catalogue entries, a public
activity with future sessions and a specialist service."""

import datetime as dt
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from activities import services as activity_services
from activities.models import Activity, Kind, Target
from core.records import record_create
from network.models import ReferralDestination, ServiceArea
from tests import factories as f
from tests.personas import Personas


def public_network(p: Personas) -> dict[str, Any]:
    call_command("load_catalogue", verbosity=0)
    areas = {a.code: a for a in ServiceArea.objects.all()}
    f.ServiceOfferingFactory(seat=p.hub_a, area=areas["ascolto-tempestivo"], name="Sportello adolescenti")
    f.ServiceOfferingFactory(seat=p.hub_a, area=areas["informazione-orientamento"], name="Accoglienza")
    f.ServiceOfferingFactory(seat=p.hub_b, area=areas["ascolto-tempestivo"], name="Spazio ascolto ragazzi")
    f.ServiceOfferingFactory(seat=p.hub_b, area=areas["informazione-orientamento"], name="Accoglienza")
    f.ServiceOfferingFactory(seat=p.spoke_a1, area=areas["poverta-educativa"], name="Doposcuola")
    cav = ReferralDestination.objects.create(
        name="Centro antiviolenza di prova", kind=ReferralDestination.Kind.CAV, ats=p.ats_b_obj, phone="035 000000"
    )
    activity = record_create(
        actor=p.coord_a,
        instance=Activity(
            seat=p.hub_a,
            area=areas["laboratori-socializzazione"],
            title="Laboratorio genitori e figli",
            kind=Kind.WORKSHOP,
            targets=[Target.PARENTS],
            capacity=1,
            is_public=True,
        ),
    )
    first = timezone.localtime() + dt.timedelta(days=3)
    activity_services.activity_schedule_sessions(
        actor=p.coord_a, activity=activity, first=first.replace(hour=17, minute=0, second=0, microsecond=0)
    )
    return {"areas": areas, "activity": activity, "cav": cav}
