"""Open Referral HSDS 3.0 mapping of the directory (docs/ARCHITECTURE.md, "HSDS"): pure functions
from our rows to HSDS objects. Ids are stable UUIDs: the resource's own `uuid`, and UUID5 of our
primary keys or codes for organisations, locations, taxonomies and terms. Empty values are left
out rather than sent as null (the HSDS schemas type them as strings)."""

import uuid
from typing import Any

from directory.models import LANGUAGES, Resource

HSDS_VERSION = "3.0"
# Fixed namespace for the UUID5 identifiers: never change it, ids are published.
NAMESPACE = uuid.UUID("6f4f2a2e-8f43-5b0e-9a57-3c1d7c0f2b11")
COUNTRY = "IT"
REGION = "Lombardia"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def uid(kind: str, key: object) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


TAXONOMY_CATALOGUE = uid("taxonomy", "cpf-catalogue")
TAXONOMY_KINDS = uid("taxonomy", "resource-kind")
TAXONOMY_NEEDS = uid("taxonomy", "needs")
TAXONOMIES: dict[str, dict[str, str]] = {
    TAXONOMY_CATALOGUE: {
        "name": "Catalogo dei servizi dei Centri per la Famiglia",
        "description": "Aree dei servizi di base, integrativi e territoriali della D.G.R. 1507/2023 All. A "
        "e aree di attività del monitoraggio.",
        "version": "D.G.R. XII/1507/2023",
    },
    TAXONOMY_KINDS: {
        "name": "Tipologie di risorse del territorio",
        "description": "Tipologie dei servizi e delle opportunità della mappatura condivisa della rete.",
        "version": "1",
    },
    TAXONOMY_NEEDS: {
        "name": "Bisogni e parole chiave",
        "description": "Parole chiave locali degli ATS (bisogni a cui le risorse rispondono).",
        "version": "1",
    },
}


def taxonomy(taxonomy_id: str) -> dict[str, Any]:
    return {"id": taxonomy_id, **TAXONOMIES[taxonomy_id]}


def area_term_id(code: str) -> str:
    return uid("term:area", code)


def kind_term_id(kind: str) -> str:
    return uid("term:kind", kind)


def tag_term_id(tag_pk: int) -> str:
    return uid("term:tag", tag_pk)


def organization_id(ente_pk: int) -> str:
    return uid("organization", ente_pk)


def location_id(resource: Resource) -> str:
    return uid("location", resource.uuid)


def service_at_location_id(resource: Resource) -> str:
    return uid("service_at_location", resource.uuid)


def term(term_id: str, code: str, name: str, description: str, taxonomy_id: str) -> dict[str, Any]:
    return {
        "id": term_id,
        "code": code,
        "name": name,
        "description": description or name,
        "taxonomy": TAXONOMIES[taxonomy_id]["name"],
        "taxonomy_id": taxonomy_id,
        "language": "it",
    }


def area_term(area: Any) -> dict[str, Any]:
    return term(
        area_term_id(area.code), area.code, area.name, area.plain_language or area.description, TAXONOMY_CATALOGUE
    )


def kind_term(kind: str) -> dict[str, Any]:
    label = str(Resource.Kind(kind).label)
    return term(kind_term_id(kind), kind, label, label, TAXONOMY_KINDS)


def tag_term(tag: Any) -> dict[str, Any]:
    return term(tag_term_id(tag.pk), str(tag.pk), tag.name, tag.name, TAXONOMY_NEEDS)


def _clean(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v not in (None, "", [])}


def organization(ente: Any, *, services: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    org_id = organization_id(ente.pk)
    identifiers = []
    if ente.tax_code:
        identifiers.append(
            {
                "id": uid("organization_identifier", ente.pk),
                "organization_id": org_id,
                "identifier_scheme": "IT-CF",
                "identifier_type": "Codice fiscale",
                "identifier": ente.tax_code,
            }
        )
    phones = [{"id": uid("phone:organization", ente.pk), "organization_id": org_id, "number": ente.phone}]
    result = _clean(
        {
            "id": org_id,
            "name": ente.name,
            "description": f"{ente.get_kind_display()}" + (f", {ente.comune.name}" if ente.comune_id else ""),
            "email": ente.email,
            "website": ente.website,
            "legal_status": ente.get_kind_display(),
            "tax_id": ente.tax_code,
            "organization_identifiers": identifiers,
            "phones": phones if ente.phone else [],
        }
    )
    if services is not None:
        result["services"] = services
    return result


def _address(resource: Resource) -> dict[str, Any]:
    return {
        "id": uid("address", resource.uuid),
        "location_id": location_id(resource),
        "address_1": resource.address or resource.comune.name,
        "city": resource.comune.name,
        "region": resource.comune.province_abbr,
        "state_province": REGION,
        "postal_code": resource.postal_code or "",
        "country": COUNTRY,
        "address_type": "physical",
    }


def schedules(resource: Resource) -> list[dict[str, Any]]:
    sal = service_at_location_id(resource)
    return [
        _clean(
            {
                "id": uid("schedule", f"{resource.uuid}:{slot.pk}"),
                "service_id": str(resource.uuid),
                "service_at_location_id": sal,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": WEEKDAYS[slot.weekday],
                "opens_at": f"{slot.opens:%H:%M}",
                "closes_at": f"{slot.closes:%H:%M}",
                "description": resource.schedule_notes,
            }
        )
        for slot in resource.hours.all()
    ]


def location(resource: Resource) -> dict[str, Any]:
    loc: dict[str, Any] = {
        "id": location_id(resource),
        "location_type": "physical",
        "organization_id": organization_id(resource.organisation_id),
        "name": resource.name,
        "addresses": [_address(resource)],
    }
    if resource.latitude is not None and resource.longitude is not None:
        loc["latitude"] = float(resource.latitude)
        loc["longitude"] = float(resource.longitude)
    return loc


def _terms(resource: Resource) -> list[dict[str, Any]]:
    terms = [kind_term(resource.kind)]
    terms += [area_term(a) for a in resource.service_areas.all()]
    terms += [tag_term(t) for t in resource.tags.all()]
    return terms


def attributes(resource: Resource) -> list[dict[str, Any]]:
    return [
        {
            "id": uid("attribute", f"{resource.uuid}:{t['id']}"),
            "link_id": str(resource.uuid),
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term_id": t["id"],
            "taxonomy_term": t,
        }
        for t in _terms(resource)
    ]


def service(resource: Resource, *, full: bool = True) -> dict[str, Any]:
    """The HSDS service (fully nested when `full`; one-to-one fields only otherwise)."""
    sid = str(resource.uuid)
    status = "active" if resource.status == Resource.Status.PUBLISHED else "inactive"
    result = _clean(
        {
            "id": sid,
            "organization_id": organization_id(resource.organisation_id),
            "name": resource.name,
            "description": resource.description,
            "url": resource.website,
            "email": resource.email,
            "status": status,
            "application_process": resource.how_to_access,
            "fees_description": resource.fees_description or ("Gratuito" if resource.is_free else ""),
            "eligibility_description": resource.eligibility,
            "minimum_age": resource.minimum_age,
            "maximum_age": resource.maximum_age,
            "assured_date": resource.last_checked_on.isoformat() if resource.last_checked_on else None,
            "last_modified": resource.updated_at.isoformat(),
        }
    )
    if not full:
        return result
    result["phones"] = (
        [{"id": uid("phone:service", sid), "service_id": sid, "number": resource.phone}] if resource.phone else []
    )
    result["schedules"] = schedules(resource)
    result["languages"] = [
        {"id": uid("language", f"{sid}:{code}"), "service_id": sid, "code": code, "name": str(LANGUAGES[code])}
        for code in resource.language_codes()
        if code in LANGUAGES
    ]
    result["cost_options"] = (
        [{"id": uid("cost", sid), "service_id": sid, "option": "Gratuito", "amount": 0, "currency": "EUR"}]
        if resource.is_free
        else []
    )
    result["organization"] = organization(resource.organisation)
    result["service_at_locations"] = [service_at_location(resource, nested_service=False)]
    result["attributes"] = attributes(resource)
    return result


def service_at_location(
    resource: Resource, *, nested_service: bool = False, distance_m: float | None = None
) -> dict[str, Any]:
    sal: dict[str, Any] = {
        "id": service_at_location_id(resource),
        "service_id": str(resource.uuid),
        "location_id": location_id(resource),
        "location": location(resource),
        "schedules": schedules(resource),
    }
    if resource.phone:
        sal["phones"] = [
            {"id": uid("phone:sal", resource.uuid), "service_at_location_id": sal["id"], "number": resource.phone}
        ]
    if distance_m is not None:
        sal["description"] = f"Distanza: {distance_m / 1000:.1f} km".replace(".", ",")
    if nested_service:
        sal["service"] = service(resource, full=False)
    return sal
