"""The fixed personas (STYLE.md §14): regional officer, ATS officers of A and B, coordinator and
administrative lead of centre A, operator of spoke A1, operator of centre B, auditor."""

from dataclasses import dataclass
from decimal import Decimal

from accounts.models import Role, User
from network import models as nm
from territory import models as tm
from tests import factories as f


@dataclass
class Personas:
    regione: User
    ats_a: User
    ats_b: User
    coord_a: User
    admin_a: User
    op_a1: User
    op_b: User
    auditor: User
    ats_a_obj: tm.Ats
    ats_b_obj: tm.Ats
    milano: tm.Comune
    sesto: tm.Comune
    bergamo: tm.Comune
    centre_a: nm.Centre
    centre_b: nm.Centre
    hub_a: nm.Seat
    spoke_a1: nm.Seat
    spoke_a2: nm.Seat
    hub_b: nm.Seat
    staff_a: nm.StaffMember
    staff_b: nm.StaffMember
    offering_a1: nm.ServiceOffering
    offering_a2: nm.ServiceOffering
    offering_b: nm.ServiceOffering
    protocol_a: nm.Protocol
    protocol_b: nm.Protocol
    destination_a: nm.ReferralDestination
    destination_b: nm.ReferralDestination
    ambito_a: tm.Area
    ambito_b: tm.Area

    def users(self) -> dict[str, User]:
        return {
            name: getattr(self, name)
            for name in ("regione", "ats_a", "ats_b", "coord_a", "admin_a", "op_a1", "op_b", "auditor")
        }


def build_personas() -> Personas:
    ats_a = f.AtsFactory(code="321", name="ATS della Città Metropolitana di Milano", short_name="Città Metropolitana")
    ats_b = f.AtsFactory(code="325", name="ATS di Bergamo", short_name="Bergamo")
    milano = f.ComuneFactory(ats=ats_a)
    sesto = f.ComuneFactory(
        istat_code="015209",
        cadastral_code="I690",
        name="Sesto San Giovanni",
        is_capoluogo=False,
        ats=ats_a,
        latitude=Decimal("45.53496"),
        longitude=Decimal("9.24255"),
    )
    bergamo = f.ComuneFactory(
        istat_code="016024",
        cadastral_code="A794",
        name="Bergamo",
        province_code="016",
        province_abbr="BG",
        uts_name="Bergamo",
        ats=ats_b,
        latitude=Decimal("45.69673"),
        longitude=Decimal("9.66393"),
    )
    centre_a = f.CentreFactory(name="Centro A", ats=ats_a)
    centre_b = f.CentreFactory(name="Centro B", ats=ats_b)
    hub_a = f.SeatFactory(centre=centre_a, kind=nm.Seat.Kind.HUB, name="Hub A", comune=milano)
    spoke_a1 = f.SeatFactory(centre=centre_a, name="Spoke A1", comune=sesto)
    spoke_a2 = f.SeatFactory(centre=centre_a, name="Spoke A2", comune=milano)
    hub_b = f.SeatFactory(centre=centre_b, kind=nm.Seat.Kind.HUB, name="Hub B", comune=bergamo)
    for seat in (hub_a, spoke_a1, hub_b):
        f.OpeningSlotFactory(seat=seat)
    ambito_a = f.AreaFactory(name="Ambito Milano", ats=ats_a)
    ambito_b = f.AreaFactory(name="Ambito Bergamo", ats=ats_b)
    tm.AreaMembership.objects.create(area=ambito_a, comune=milano, kind=tm.Area.Kind.AMBITO)
    tm.AreaMembership.objects.create(area=ambito_b, comune=bergamo, kind=tm.Area.Kind.AMBITO)
    return Personas(
        regione=f.UserFactory(username="regione", role=Role.REGIONE),
        ats_a=f.UserFactory(username="ats_a", role=Role.ATS_OFFICER, ats=ats_a),
        ats_b=f.UserFactory(username="ats_b", role=Role.ATS_OFFICER, ats=ats_b),
        coord_a=f.UserFactory(username="coord_a", role=Role.HUB_COORDINATOR, centre=centre_a),
        admin_a=f.UserFactory(username="admin_a", role=Role.HUB_ADMIN, centre=centre_a),
        op_a1=f.UserFactory(username="op_a1", role=Role.SPOKE_OPERATOR, seat=spoke_a1),
        op_b=f.UserFactory(username="op_b", role=Role.SPOKE_OPERATOR, seat=hub_b),
        auditor=f.UserFactory(username="auditor", role=Role.AUDITOR),
        ats_a_obj=ats_a,
        ats_b_obj=ats_b,
        milano=milano,
        sesto=sesto,
        bergamo=bergamo,
        centre_a=centre_a,
        centre_b=centre_b,
        hub_a=hub_a,
        spoke_a1=spoke_a1,
        spoke_a2=spoke_a2,
        hub_b=hub_b,
        staff_a=f.StaffMemberFactory(centre=centre_a),
        staff_b=f.StaffMemberFactory(centre=centre_b),
        offering_a1=f.ServiceOfferingFactory(seat=spoke_a1),
        offering_a2=f.ServiceOfferingFactory(seat=spoke_a2),
        offering_b=f.ServiceOfferingFactory(seat=hub_b),
        protocol_a=f.ProtocolFactory(centre=centre_a),
        protocol_b=f.ProtocolFactory(centre=centre_b),
        destination_a=f.ReferralDestinationFactory(ats=ats_a),
        destination_b=f.ReferralDestinationFactory(ats=ats_b),
        ambito_a=ambito_a,
        ambito_b=ambito_b,
    )
