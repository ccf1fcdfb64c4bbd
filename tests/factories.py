"""factory_boy factories. Territory rows use real codes and centroids (territory/data)."""

import datetime as dt
from decimal import Decimal

import factory

from accounts.models import Role, User
from network import models as nm
from territory import models as tm


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = tm.Region
        django_get_or_create = ("code",)

    code = "03"
    name = "Lombardia"


class AtsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = tm.Ats
        django_get_or_create = ("code",)

    code = "321"
    name = "ATS della Città Metropolitana di Milano"
    short_name = "Città Metropolitana di Milano"
    region = factory.SubFactory(RegionFactory)


class ComuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = tm.Comune
        django_get_or_create = ("istat_code",)

    istat_code = "015146"
    cadastral_code = "F205"
    name = "Milano"
    province_code = "015"
    province_abbr = "MI"
    uts_name = "Milano"
    is_capoluogo = True
    ats = factory.SubFactory(AtsFactory)
    latitude = Decimal("45.46824")
    longitude = Decimal("9.17322")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = tm.Area

    kind = tm.Area.Kind.AMBITO
    name = factory.Sequence(lambda n: f"Ambito {n}")
    ats = factory.SubFactory(AtsFactory)


class EnteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = nm.Ente

    name = factory.Sequence(lambda n: f"Ente {n}")
    kind = nm.Ente.Kind.COMUNE


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = nm.Centre

    name = factory.Sequence(lambda n: f"Centro per la Famiglia {n}")
    ats = factory.SubFactory(AtsFactory)
    lead_ente = factory.SubFactory(EnteFactory)
    start_date = dt.date(2024, 1, 1)


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = nm.Seat

    centre = factory.SubFactory(CentreFactory)
    kind = nm.Seat.Kind.SPOKE
    name = factory.Sequence(lambda n: f"Sede {n}")
    managing_ente = factory.SubFactory(EnteFactory)
    address = factory.Sequence(lambda n: f"Via Roma {n}")
    comune = factory.SubFactory(ComuneFactory)


class OpeningSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = nm.OpeningSlot

    seat = factory.SubFactory(SeatFactory)
    weekday = 0
    opens = dt.time(9, 0)
    closes = dt.time(13, 0)


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = nm.StaffMember

    centre = factory.SubFactory(CentreFactory)
    first_name = factory.Sequence(lambda n: f"Nome{n}")
    last_name = factory.Sequence(lambda n: f"Cognome{n}")
    profile = nm.StaffMember.Profile.SOCIAL_WORKER
    engagement = nm.StaffMember.Engagement.EXCLUSIVE


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = nm.ServiceArea
        django_get_or_create = ("code",)

    code = "informazione-orientamento"
    name = "Informazione e orientamento"
    level = nm.ServiceArea.Level.BASIC


class ServiceOfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = nm.ServiceOffering

    seat = factory.SubFactory(SeatFactory)
    area = factory.SubFactory(ServiceAreaFactory)
    name = factory.Sequence(lambda n: f"Servizio {n}")


class ProtocolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = nm.Protocol

    centre = factory.SubFactory(CentreFactory)
    title = factory.Sequence(lambda n: f"Protocollo {n}")
    subject = "Percorsi di invio condivisi"
    valid_from = dt.date(2024, 1, 1)


class ReferralDestinationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = nm.ReferralDestination

    name = factory.Sequence(lambda n: f"Consultorio {n}")
    kind = nm.ReferralDestination.Kind.CONSULTORIO
    ats = factory.SubFactory(AtsFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("password-di-prova-lunga")
    role = Role.REGIONE
