"""The family pathway in the REST API (/api/v1/families): the same services, selectors and
scoping as the back office; reads of family records are audited; UUIDs in paths."""

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from accounts import scoping
from common.inputs import Int64
from common.pagination import keyset
from core.api_auth import may_act, roles
from families import schemas as s
from families import selectors
from families.access import audit_list, audit_read, check_family_reader, family_scoped
from families.models import Consent, Person, Scheda
from families.services import consent as consent_services
from families.services import contacts, followups, privacy, referrals, schede
from families.services import families as family_services
from network.models import Ente
from territory.models import Comune

# Every operation of the family pathway checks the role before its body is parsed (403, not 422).
router = Router(tags=["famiglie"], auth=roles(check_family_reader))


def _seat(request: HttpRequest, seat_id: int) -> Any:
    seat = selectors.seats_for(user=request.user).filter(pk=seat_id).first()
    if seat is None:
        raise ValidationError({"seat_id": _("Sede non trovata tra quelle in cui puoi operare.")})
    return seat


# Lists: a JSON array of one page; the next page is `?cursor=<X-Next-Cursor>` (keyset pagination,
# newest first, cheap at any depth); the header is absent on the last page.
NEXT = "X-Next-Cursor"


def _next(response: HttpResponse, cursor: str | None) -> None:
    if cursor:
        response[NEXT] = cursor


@router.get("/", response=list[s.FamilyOut], summary="Famiglie visibili all'utente")
def family_list(
    request: HttpRequest, response: HttpResponse, limit: Int64 = 50, offset: Int64 = 0, cursor: str = ""
) -> Any:
    """Keyset pages by `cursor` (`offset` still works for the first pages). To search by name or
    code use `POST /families/search` (a term in the URL would end up in access logs)."""
    check_family_reader(request.user)
    limit = max(1, min(limit, 200))
    qs = selectors.families_for(user=request.user)
    if offset and not cursor:
        families = list(qs[max(0, offset) : max(0, offset) + limit])
    else:
        families, next_cursor = keyset(qs, field="created_at", cursor=cursor, limit=limit)
        _next(response, next_cursor)
    filters = [name for name, value in (("cursor", cursor), ("offset", offset)) if value]
    audit_list(actor=request.user, label="families.family", ids=[f.pk for f in families], filters=filters)
    return families


@router.post("/search", response=list[s.FamilyOut], summary="Cerca famiglie per codice, nome o codice fiscale")
def family_search(request: HttpRequest, payload: s.FamilySearchIn) -> Any:
    """The ranked search of `families_for` (exact codes first, then surnames starting with the
    term), by `offset`. The term travels in the body and is never logged or audited."""
    check_family_reader(request.user)
    limit = max(1, min(payload.limit, 200))
    offset = max(0, payload.offset)
    families = list(selectors.families_for(user=request.user, q=payload.q)[offset : offset + limit])
    audit_list(actor=request.user, label="families.family", ids=[f.pk for f in families], filters=["q"])
    return families


@router.get("/contacts", response=list[s.ContactOut], summary="Contatti della propria sede o del proprio Centro")
def contact_list(
    request: HttpRequest,
    response: HttpResponse,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: Int64 = 50,
    cursor: str = "",
) -> Any:
    check_family_reader(request.user)
    items, next_cursor = keyset(
        selectors.contacts_for(user=request.user, since=since, until=until), field="date", cursor=cursor, limit=limit
    )
    _next(response, next_cursor)
    audit_list(
        actor=request.user,
        label="families.contact",
        ids=[c.pk for c in items],
        filters=[n for n, v in (("since", since), ("until", until), ("cursor", cursor)) if v],
    )
    return items


@router.get("/referrals", response=list[s.ReferralOut], summary="Invii della propria sede o del proprio Centro")
def referral_list(
    request: HttpRequest,
    response: HttpResponse,
    status: str = "",
    urgency: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: Int64 = 50,
    cursor: str = "",
) -> Any:
    check_family_reader(request.user)
    qs = selectors.referrals_for(user=request.user, status=status, urgency=urgency, since=since, until=until)
    items, next_cursor = keyset(qs, field="sent_on", cursor=cursor, limit=limit)
    _next(response, next_cursor)
    used = (("status", status), ("urgency", urgency), ("since", since), ("until", until), ("cursor", cursor))
    audit_list(
        actor=request.user, label="families.referral", ids=[r.pk for r in items], filters=[n for n, v in used if v]
    )
    return items


@router.post("/", response={201: s.FamilyOut}, summary="Registra una famiglia")
def family_create(request: HttpRequest, payload: s.FamilyIn) -> Any:
    check_family_reader(request.user)
    family = family_services.family_create(
        actor=request.user,
        seat=_seat(request, payload.seat_id),
        name=payload.name,
        residence_kind=payload.residence_kind,
        comune_id=payload.comune_id,
        members=[m.dict() for m in payload.members],
    )
    return Status(201, selectors.family_detail(user=request.user, family_id=family.pk))


@router.post("/contacts", response={201: s.ContactOut}, summary="Registra un contatto")
def contact_create(request: HttpRequest, payload: s.ContactIn) -> Any:
    check_family_reader(request.user)
    family = None
    if payload.family_id:
        family = selectors.family_detail(user=request.user, family_id=payload.family_id)
    return Status(
        201,
        contacts.contact_log(
            actor=request.user,
            seat=_seat(request, payload.seat_id),
            channel=payload.channel,
            reason=payload.reason,
            family=family,
            date=payload.date,
            people_count=payload.people_count,
        ),
    )


@router.get("/{family_id}", response=s.FamilyOut, summary="Una famiglia")
def family_get(request: HttpRequest, family_id: uuid.UUID) -> Any:
    family = selectors.family_detail(user=request.user, family_id=family_id)
    audit_read(actor=request.user, obj=family)
    return family


@router.post("/{family_id}/members", response={201: s.PersonOut}, summary="Aggiungi una persona")
def person_add(request: HttpRequest, family_id: uuid.UUID, payload: s.PersonIn) -> Any:
    family = selectors.family_detail(user=request.user, family_id=family_id)
    return Status(201, family_services.person_add(actor=request.user, family=family, **payload.dict()))


@router.get("/{family_id}/export", summary="Esporta i dati della famiglia (richiesta dell'interessato)")
def family_export(request: HttpRequest, family_id: uuid.UUID) -> Any:
    family = selectors.family_detail(user=request.user, family_id=family_id)
    return privacy.family_export(actor=request.user, family=family)


@router.post("/{family_id}/anonymise", response={204: None}, summary="Cancella i dati identificativi")
def family_anonymise(request: HttpRequest, family_id: uuid.UUID) -> Any:
    family = selectors.family_detail(user=request.user, family_id=family_id)
    privacy.family_anonymise(actor=request.user, family=family)
    return Status(204, None)


@router.post("/{family_id}/scheda", response={201: s.SchedaOut}, summary="Apri la scheda progettuale")
def scheda_open(request: HttpRequest, family_id: uuid.UUID, payload: s.SchedaIn) -> Any:
    family = selectors.family_detail(user=request.user, family_id=family_id)
    return Status(201, schede.scheda_open(actor=request.user, family=family, **payload.dict()))


@router.get("/schede/{scheda_id}", response=s.SchedaOut, summary="Una scheda progettuale")
def scheda_get(request: HttpRequest, scheda_id: uuid.UUID) -> Any:
    scheda = selectors.scheda_detail(user=request.user, scheda_id=scheda_id)
    audit_read(actor=request.user, obj=scheda)
    return scheda


@router.patch("/schede/{scheda_id}", response=s.SchedaOut, summary="Modifica la scheda (versione obbligatoria)")
def scheda_patch(request: HttpRequest, scheda_id: uuid.UUID, payload: s.SchedaPatch) -> Any:
    scheda: Scheda = selectors.scheda_detail(user=request.user, scheda_id=scheda_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    schede.scheda_update(actor=request.user, scheda=scheda, data=data, expected_version=version)
    return scheda


@router.post("/{family_id}/consents", response={201: s.ConsentOut}, summary="Registra un consenso")
def consent_create(request: HttpRequest, family_id: uuid.UUID, payload: s.ConsentIn) -> Any:
    family = selectors.family_detail(user=request.user, family_id=family_id)
    person = None
    if payload.person_id:
        person = family_scoped(request.user, Person.objects.filter(family=family)).filter(pk=payload.person_id).first()
        if person is None:
            raise ValidationError({"person_id": _("La persona non fa parte di questa famiglia.")})
    ente = Ente.objects.filter(pk=payload.recipient_ente_id).first() if payload.recipient_ente_id else None
    destination = None
    if payload.recipient_destination_id:
        destination = selectors.destinations_for(user=request.user).filter(pk=payload.recipient_destination_id).first()
        if destination is None:
            raise ValidationError(
                {"recipient_destination_id": _("Servizio di invio inesistente o fuori dalla tua rete.")}
            )
    return Status(
        201,
        consent_services.consent_record(
            actor=request.user,
            family=family,
            person=person,
            purpose=payload.purpose,
            legal_basis=payload.legal_basis,
            recipient_ente=ente,
            recipient_destination=destination,
            recipient_kind=payload.recipient_kind,
            given_on=payload.given_on,
            expires_on=payload.expires_on,
        ),
    )


@router.post("/{family_id}/consents/{consent_id}/withdraw", response=s.ConsentOut, summary="Revoca un consenso")
def consent_withdraw(request: HttpRequest, family_id: uuid.UUID, consent_id: uuid.UUID) -> Any:
    family = selectors.family_detail(user=request.user, family_id=family_id)
    consent = scoping.get_for_user(request.user, Consent.objects.filter(family=family), consent_id)
    return consent_services.consent_withdraw(actor=request.user, consent=consent)


@router.post("/{family_id}/referrals", response={201: s.ReferralOut}, summary="Invia a un servizio specialistico")
def referral_create(request: HttpRequest, family_id: uuid.UUID, payload: s.ReferralIn) -> Any:
    family = selectors.family_detail(user=request.user, family_id=family_id)
    destination = selectors.destinations_for(user=request.user).filter(pk=payload.destination_id).first()
    if destination is None:
        raise ValidationError({"destination_id": _("Il servizio scelto non fa parte della rete della tua ATS.")})
    data = payload.dict()
    data.pop("destination_id")
    return Status(201, referrals.referral_send(actor=request.user, family=family, destination=destination, **data))


@router.get("/referrals/{referral_id}", response=s.ReferralOut, summary="Un invio")
def referral_get(request: HttpRequest, referral_id: uuid.UUID) -> Any:
    referral = selectors.referral_detail(user=request.user, referral_id=referral_id)
    audit_read(actor=request.user, obj=referral)
    return referral


@router.post("/referrals/{referral_id}/transition", response=s.ReferralOut, summary="Cambia lo stato di un invio")
def referral_transition(request: HttpRequest, referral_id: uuid.UUID, payload: s.TransitionIn) -> Any:
    referral = selectors.referral_detail(user=request.user, referral_id=referral_id)
    return referrals.referral_transition(
        actor=request.user, referral=referral, to=payload.to, note=payload.note, expected_version=payload.version
    )


@router.post("/referrals/{referral_id}/feedback", response=s.ReferralOut, summary="Registra il riscontro")
def referral_feedback(request: HttpRequest, referral_id: uuid.UUID, payload: s.FeedbackIn) -> Any:
    referral = selectors.referral_detail(user=request.user, referral_id=referral_id)
    return referrals.referral_feedback(actor=request.user, referral=referral, feedback=payload.feedback)


@router.patch("/{family_id}", response=s.FamilyOut, summary="Modifica la famiglia (versione obbligatoria)")
def family_patch(request: HttpRequest, family_id: uuid.UUID, payload: s.FamilyPatch) -> Any:
    family = selectors.family_detail(user=request.user, family_id=family_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    if data.get("comune_id") is not None and not Comune.objects.filter(pk=data["comune_id"]).exists():
        raise ValidationError({"comune_id": _("Comune non trovato.")})
    family_services.family_update(actor=request.user, family=family, data=data, expected_version=version)
    return selectors.family_detail(user=request.user, family_id=family.pk)


@router.patch("/members/{person_id}", response=s.PersonOut, summary="Modifica una persona (versione obbligatoria)")
def person_patch(request: HttpRequest, person_id: uuid.UUID, payload: s.PersonPatch) -> Any:
    person = selectors.person_detail(user=request.user, person_id=person_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    for name in ("first_name", "last_name", "sex", "citizenship", "languages", "fiscal_code"):
        if name in data and data[name] is None:
            data[name] = ""
    return family_services.person_update(actor=request.user, person=person, data=data, expected_version=version)


@router.post("/members/{person_id}/move", response=s.PersonMovedOut, summary="Sposta una persona in un'altra famiglia")
def person_move(request: HttpRequest, person_id: uuid.UUID, payload: s.PersonMoveIn) -> Any:
    person = selectors.person_detail(user=request.user, person_id=person_id)
    target = selectors.families_for(user=request.user).filter(pk=payload.family_id).first()
    if target is None:
        raise ValidationError({"family_id": _("Famiglia di destinazione non trovata tra quelle che puoi vedere.")})
    return family_services.person_move(
        actor=request.user, person=person, target=target, expected_version=payload.version
    )


@router.post("/schede/{scheda_id}/bodies", response={201: s.BodyOut}, summary="Coinvolgi un ente nella scheda")
def body_add(request: HttpRequest, scheda_id: uuid.UUID, payload: s.BodyIn) -> Any:
    scheda = selectors.scheda_detail(user=request.user, scheda_id=scheda_id)
    ente = Ente.objects.filter(pk=payload.ente_id).first()
    if ente is None:
        raise ValidationError({"ente_id": _("Ente non trovato.")})
    body = schede.body_add(
        actor=request.user, scheda=scheda, ente=ente, role=payload.role, override_reason=payload.override_reason
    )
    return Status(201, body)


def _partners(request: HttpRequest, destination_ids: list[int], ente_ids: list[int]) -> tuple[list[Any], list[Any]]:
    destinations = list(selectors.destinations_for(user=request.user).filter(pk__in=destination_ids))
    if len(destinations) != len(set(destination_ids)):
        raise ValidationError({"destination_ids": _("Uno o più servizi non fanno parte della rete della tua ATS.")})
    entes = list(Ente.objects.filter(pk__in=ente_ids))
    if len(entes) != len(set(ente_ids)):
        raise ValidationError({"ente_ids": _("Uno o più enti indicati non esistono.")})
    return destinations, entes


@router.post(
    "/schede/{scheda_id}/followups", response={201: s.FollowUpOut}, summary="Avvia una presa in carico integrata"
)
def followup_create(request: HttpRequest, scheda_id: uuid.UUID, payload: s.FollowUpIn) -> Any:
    scheda = selectors.scheda_detail(user=request.user, scheda_id=scheda_id)
    destinations, entes = _partners(request, payload.destination_ids, payload.ente_ids)
    followup = followups.followup_open(
        actor=request.user,
        scheda=scheda,
        plan=payload.plan,
        goals=payload.goals,
        start_date=payload.start_date,
        review_on=payload.review_on,
        destinations=destinations,
        entes=entes,
        override_reason=payload.override_reason,
    )
    return Status(201, selectors.followup_detail(user=request.user, followup_id=followup.pk))


@router.get("/followups/{followup_id}", response=s.FollowUpOut, summary="Una presa in carico integrata")
def followup_get(request: HttpRequest, followup_id: uuid.UUID) -> Any:
    followup = selectors.followup_detail(user=request.user, followup_id=followup_id)
    audit_read(actor=request.user, obj=followup)
    return followup


@router.patch(
    "/followups/{followup_id}", response=s.FollowUpOut, summary="Modifica la presa in carico integrata (versione)"
)
def followup_patch(request: HttpRequest, followup_id: uuid.UUID, payload: s.FollowUpPatch) -> Any:
    followup = selectors.followup_detail(user=request.user, followup_id=followup_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    override_reason = data.pop("override_reason", "")
    destination_ids = data.pop("destination_ids", None)
    ente_ids = data.pop("ente_ids", None)
    destinations = entes = None
    if destination_ids is not None or ente_ids is not None:
        current_d = [d.pk for d in followup.partner_destinations.all()]
        current_e = [e.pk for e in followup.partner_entes.all()]
        destinations, entes = _partners(
            request,
            current_d if destination_ids is None else destination_ids,
            current_e if ente_ids is None else ente_ids,
        )
    for name in ("plan", "goals", "outcome", "outcome_note", "status"):
        if name in data and data[name] is None:
            data[name] = ""
    followups.followup_update(
        actor=request.user,
        followup=followup,
        data=data,
        expected_version=version,
        destinations=destinations,
        entes=entes,
        override_reason=override_reason,
    )
    return selectors.followup_detail(user=request.user, followup_id=followup.pk)


@router.post(
    "/followups/{followup_id}/close", response=s.FollowUpOut, summary="Chiudi la presa in carico integrata con l'esito"
)
def followup_close(request: HttpRequest, followup_id: uuid.UUID, payload: s.FollowUpCloseIn) -> Any:
    followup = selectors.followup_detail(user=request.user, followup_id=followup_id)
    followups.followup_close(
        actor=request.user,
        followup=followup,
        outcome=payload.outcome,
        outcome_note=payload.outcome_note,
        expected_version=payload.version,
    )
    return selectors.followup_detail(user=request.user, followup_id=followup.pk)


# The receiving services' inbox has its own router: under /families its paths would clash with /{family_id}.
inbox_router = Router(tags=["famiglie"])


@inbox_router.get("/referrals", response=list[s.ReferralOut], summary="Invii ricevuti dal proprio servizio")
def referral_inbox(
    request: HttpRequest,
    response: HttpResponse,
    status: str = "",
    urgency: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: Int64 = 50,
    cursor: str = "",
) -> Any:
    """Newest first, one page (see X-Next-Cursor)."""
    qs = selectors.referrals_received(user=request.user, status=status, urgency=urgency, since=since, until=until)
    items, next_cursor = keyset(qs, field="sent_on", cursor=cursor, limit=limit)
    _next(response, next_cursor)
    used = (("status", status), ("urgency", urgency), ("since", since), ("until", until), ("cursor", cursor))
    audit_list(
        actor=request.user,
        label="families.referral",
        what="inbox_viewed",
        ids=[r.pk for r in items],
        filters=[n for n, v in used if v],
    )
    return items


@inbox_router.post(
    "/referrals/{referral_id}/acknowledge",
    response=s.ReferralOut,
    summary="Il servizio registra un passaggio",
    auth=roles(may_act("families.referral.acknowledge")),
)
def referral_acknowledge(request: HttpRequest, referral_id: uuid.UUID, payload: s.TransitionIn) -> Any:
    referral = selectors.referral_received_detail(user=request.user, referral_id=referral_id)
    return referrals.referral_acknowledge(
        actor=request.user, referral=referral, to=payload.to, note=payload.note, expected_version=payload.version
    )
