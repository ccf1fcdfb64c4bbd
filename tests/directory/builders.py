from typing import Any

from accounts.models import Role
from directory import services
from directory.models import Resource
from network import models as nm
from tests import factories as f
from tests.personas import Personas


def build_directory(personas: Personas) -> dict[str, Any]:
    """A Milan social cooperative with its editor, a published doposcuola, an operators-only
    shelter, a network-only desk and a draft, all in ATS A (Milano)."""
    coop = f.EnteFactory(name="Cooperativa sociale Il Girasole", kind=nm.Ente.Kind.COOP_A, comune=personas.milano)
    other = f.EnteFactory(name="Associazione Casa Sicura", kind=nm.Ente.Kind.ODV, comune=personas.milano)
    editor = f.UserFactory(username="editor_coop", role=Role.ORG_EDITOR, ente=coop)
    area = f.ServiceAreaFactory(code="poverta-educativa", name="Povertà educativa", level="integrativo")

    def make(name: str, kind: str, visibility: str, organisation: nm.Ente = coop, **extra: object) -> Resource:
        resource = Resource(
            name=name,
            kind=kind,
            organisation=organisation,
            comune=extra.pop("comune", personas.milano),
            visibility=visibility,
            description=f"Descrizione di {name}",
            **extra,
        )
        return services.create_resource(actor=personas.regione, instance=resource, publish=True)

    doposcuola = make(
        "Doposcuola del quartiere",
        Resource.Kind.DOPOSCUOLA,
        "public",
        address="Via Padova 1",
        postal_code="20127",
        latitude="45.49700",
        longitude="9.22000",
        phone="02 1234567",
        languages="it,ar",
    )
    doposcuola.service_areas.add(area)
    doposcuola.hours.create(weekday=0, opens="14:30", closes="18:00")
    shelter = make("Casa rifugio Aurora", Resource.Kind.SHELTER, "operators", organisation=other, address="Via X 9")
    desk = make("Sportello legale per famiglie", Resource.Kind.LEGAL_AID, "network", organisation=other)
    bergamo_library = make(
        "Biblioteca ragazzi", Resource.Kind.LIBRARY, "public", organisation=other, comune=personas.bergamo
    )
    return {
        "coop": coop,
        "other": other,
        "editor": editor,
        "doposcuola": doposcuola,
        "shelter": shelter,
        "desk": desk,
        "library": bergamo_library,
        "area": area,
    }
