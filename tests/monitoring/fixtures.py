"""A small hand-counted world for the monitoring tests (values worked out in the comments)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from activities.models import Activity, AnonymousHeadcount, Attendance, Registration, Session
from families.models import Contact, Family, IntegratedFollowUp, Intervention, Referral, Scheda
from families.services.families import family_merge, new_family_code
from tests import factories as f
from tests.personas import Personas


@dataclass
class World:
    p: Personas
    f1: Family
    f2: Family
    f3: Family
    dup: Family


def family(p: Personas, seat: Any, name: str) -> Family:
    return Family.objects.create(
        code=new_family_code(), seat=seat, name=name, comune=seat.comune, residence_kind="residenza"
    )


def contact(seat: Any, day: dt.date, channel: str, fam: Family | None = None) -> Contact:
    return Contact.objects.create(seat=seat, family=fam, channel=channel, date=day, reason="informazioni")


def at(day: dt.date, hour: int = 17) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0))


def session(activity: Activity, day: dt.date, cancelled: bool = False) -> Session:
    return Session.objects.create(activity=activity, starts_at=at(day), ends_at=at(day, 19), cancelled=cancelled)


def build(p: Personas) -> World:
    d = dt.date
    f1 = family(p, p.spoke_a1, "F1")
    f2 = family(p, p.hub_a, "F2")
    f3 = family(p, p.hub_b, "F3")
    dup = family(p, p.spoke_a1, "F1 doppione")
    # Contacts. F1: in person at spoke A1 (March) and at hub A (May), by phone at spoke A1 (May).
    contact(p.spoke_a1, d(2025, 3, 5), "presenza", f1)
    contact(p.hub_a, d(2025, 5, 10), "presenza", f1)
    contact(p.spoke_a1, d(2025, 5, 11), "telefono", f1)
    contact(p.hub_a, d(2025, 6, 1), "email", f2)
    contact(p.spoke_a1, d(2025, 7, 1), "presenza", dup)  # merged into F1 below
    contact(p.spoke_a1, d(2025, 4, 1), "presenza")  # anonymous
    contact(p.hub_b, d(2025, 4, 2), "social")  # anonymous
    contact(p.hub_b, d(2025, 2, 1), "presenza", f3)
    contact(p.hub_b, d(2024, 12, 31), "presenza", f3)  # previous year
    family_merge(actor=p.op_a1, target=f1, duplicate=dup)
    # Schede: F1 fragile (violence), intervention Dec 2024 – 15 Jan 2025; F3 from March 2025.
    area = f.ServiceAreaFactory()
    s1 = Scheda.objects.create(
        family=f1,
        access_reason="genitorialita",
        opened_on=d(2024, 11, 1),
        is_fragile=True,
        fragility_category="violenza",
    )
    Intervention.objects.create(scheda=s1, service_area=area, start_date=d(2024, 12, 1), end_date=d(2025, 1, 15))
    s3 = Scheda.objects.create(family=f3, access_reason="informazioni", opened_on=d(2025, 3, 1))
    Intervention.objects.create(scheda=s3, service_area=area, start_date=d(2025, 3, 1))
    IntegratedFollowUp.objects.create(scheda=s3, start_date=d(2025, 4, 1), created_by=p.op_b)
    # Referrals: one sent by F1's Centre in February; F2's was withdrawn (not counted).
    Referral.objects.create(
        family=f1,
        destination=p.destination_a,
        reason="genitorialita",
        sent_on=d(2025, 2, 10),
        respond_by=d(2025, 3, 10),
    )
    Referral.objects.create(
        family=f2,
        destination=p.destination_a,
        reason="genitorialita",
        sent_on=d(2025, 3, 10),
        respond_by=d(2025, 4, 10),
        status="ritirato",
    )
    # Activities: a workshop at spoke A1 (two sessions, F1 present twice, 3 anonymous on the first)
    # and a cycle of meetings at hub B (one session with 4 anonymous, one cancelled with 9).
    lab = Activity.objects.create(seat=p.spoke_a1, title="Lab", kind="laboratorio", area=area, targets=["genitori"])
    s_a, s_b = session(lab, d(2025, 3, 10)), session(lab, d(2025, 3, 17))
    reg = Registration.objects.create(activity=lab, family=f1)
    Attendance.objects.create(session=s_a, registration=reg, present=True)
    Attendance.objects.create(session=s_b, registration=reg, present=True)
    AnonymousHeadcount.objects.create(session=s_a, target="genitori", count=3)
    cyc = Activity.objects.create(seat=p.hub_b, title="Ciclo", kind="ciclo_incontri", area=area, targets=["genitori"])
    AnonymousHeadcount.objects.create(session=session(cyc, d(2025, 5, 5)), target="genitori", count=4)
    AnonymousHeadcount.objects.create(session=session(cyc, d(2025, 5, 12), cancelled=True), target="genitori", count=9)
    return World(p, f1, f2, f3, dup)


def confirm_seats(p: Personas, period: Any, today: dt.date, centre: Any = None) -> None:
    """Every seat of the Centre (default A) confirms the period, as the coordinator may for them."""
    from monitoring import approval as workflow
    from network.models import Seat

    for seat in Seat.objects.filter(centre=centre or p.centre_a, is_active=True):
        workflow.seat_confirm(actor=p.coord_a, seat_id=seat.pk, period=period, today=today)
