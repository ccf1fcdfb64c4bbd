"""Back-office pages of the registry, declared once per model (see core.crud)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.crud import Crud
from network import forms, selectors
from network import models as m

NS = "network"


def _seat_context(request: HttpRequest, seat: m.Seat) -> dict[str, Any]:
    return {"hours": selectors.seat_hours_summary(seat=seat)}


def _centre_context(request: HttpRequest, centre: m.Centre) -> dict[str, Any]:
    return selectors.centre_summary(user=request.user, centre=centre)


ENTE = Crud(
    model=m.Ente,
    form_class=forms.EnteForm,
    namespace=NS,
    new_title=_("Nuovo ente"),
    columns=[
        (_("Denominazione"), str),
        (_("Tipo"), lambda o: o.get_kind_display()),
        (_("Comune"), lambda o: o.comune),
        (_("Codice fiscale"), lambda o: o.tax_code),
    ],
    search_fields=["name", "tax_code"],
    filters=["kind"],
    select_related=["comune"],
)
CENTRE = Crud(
    model=m.Centre,
    form_class=forms.CentreForm,
    namespace=NS,
    new_title=_("Nuovo Centro per la famiglia"),
    columns=[
        (_("Nome"), str),
        (_("ATS"), lambda o: o.ats.short_name),
        (_("Ente capofila"), lambda o: o.lead_ente),
        (_("Stato"), lambda o: o.get_status_display()),
    ],
    search_fields=["name", "lead_ente__name"],
    filters=["ats", "status"],
    select_related=["ats", "lead_ente"],
    detail_template="network/centre_detail.html",
    detail_context=_centre_context,
)
SEAT = Crud(
    model=m.Seat,
    form_class=forms.SeatForm,
    namespace=NS,
    new_title=_("Nuova sede"),
    columns=[
        (_("Nome"), str),
        (_("Tipo"), lambda o: o.get_kind_display()),
        (_("Centro"), lambda o: o.centre),
        (_("Comune"), lambda o: o.comune),
        (_("Indirizzo"), lambda o: o.address),
    ],
    search_fields=["name", "address", "comune__name"],
    filters=["centre", "kind", "is_active"],
    select_related=["centre", "comune"],
    initial_from_query=["centre"],
    detail_template="network/seat_detail.html",
    detail_context=_seat_context,
)
OPENING_SLOT = Crud(
    model=m.OpeningSlot,
    form_class=forms.OpeningSlotForm,
    namespace=NS,
    new_title=_("Nuova fascia oraria"),
    columns=[
        (_("Fascia"), str),
        (_("Sede"), lambda o: o.seat),
        (_("Valido dal"), lambda o: o.valid_from),
        (_("Valido fino al"), lambda o: o.valid_to),
    ],
    filters=["seat", "weekday"],
    select_related=["seat"],
    initial_from_query=["seat"],
)
OPENING_EXCEPTION = Crud(
    model=m.OpeningException,
    form_class=forms.OpeningExceptionForm,
    namespace=NS,
    new_title=_("Nuova eccezione di orario"),
    columns=[
        (_("Data"), lambda o: o.day.strftime("%d/%m/%Y")),
        (_("Sede"), lambda o: o.seat),
        (_("Chiuso"), lambda o: _("Sì") if o.closed else f"{o.opens:%H:%M}–{o.closes:%H:%M}"),
        (_("Motivo"), lambda o: o.note),
    ],
    filters=["seat", "closed"],
    select_related=["seat"],
    initial_from_query=["seat"],
)
STAFF = Crud(
    model=m.StaffMember,
    form_class=forms.StaffMemberForm,
    namespace=NS,
    new_title=_("Nuovo componente dell'équipe"),
    columns=[
        (_("Nome"), str),
        (_("Profilo"), lambda o: o.get_profile_display()),
        (_("Centro"), lambda o: o.centre),
        (_("Impegno"), lambda o: o.get_engagement_display()),
        (_("Ruolo nell'Hub"), lambda o: o.get_hub_role_display()),
    ],
    search_fields=["first_name", "last_name"],
    filters=["centre", "profile", "kind"],
    select_related=["centre"],
    initial_from_query=["centre"],
)
OFFERING = Crud(
    model=m.ServiceOffering,
    form_class=forms.ServiceOfferingForm,
    namespace=NS,
    new_title=_("Nuovo servizio offerto"),
    columns=[
        (_("Servizio"), str),
        (_("Area"), lambda o: o.area),
        (_("Sede"), lambda o: o.seat),
        (_("Destinatari"), lambda o: o.target),
    ],
    search_fields=["name", "description", "tags__name"],
    filters=["seat", "area", "is_active"],
    select_related=["seat", "area"],
    initial_from_query=["seat"],
)
PROTOCOL = Crud(
    model=m.Protocol,
    form_class=forms.ProtocolForm,
    namespace=NS,
    new_title=_("Nuovo protocollo operativo"),
    columns=[
        (_("Titolo"), str),
        (_("Centro"), lambda o: o.centre),
        (_("Valido dal"), lambda o: o.valid_from.strftime("%d/%m/%Y")),
        (_("Valido fino al"), lambda o: o.valid_to.strftime("%d/%m/%Y") if o.valid_to else "—"),
    ],
    search_fields=["title", "subject"],
    filters=["centre"],
    select_related=["centre"],
    initial_from_query=["centre"],
    detail_template="network/protocol_detail.html",
)
DESTINATION = Crud(
    model=m.ReferralDestination,
    form_class=forms.ReferralDestinationForm,
    namespace=NS,
    new_title=_("Nuovo servizio specialistico di invio"),
    columns=[
        (_("Servizio"), str),
        (_("Tipo"), lambda o: o.get_kind_display()),
        (_("ATS"), lambda o: o.ats.short_name),
        (_("Comune"), lambda o: o.comune),
    ],
    search_fields=["name"],
    filters=["kind", "ats", "is_active"],
    select_related=["ats", "comune"],
)

REGISTRY: list[tuple[str, Crud]] = [
    ("enti", ENTE),
    ("centri", CENTRE),
    ("sedi", SEAT),
    ("orari", OPENING_SLOT),
    ("eccezioni", OPENING_EXCEPTION),
    ("equipe", STAFF),
    ("servizi", OFFERING),
    ("protocolli", PROTOCOL),
    ("servizi-invio", DESTINATION),
]
