"""Documents a family receives: the printable scheda progettuale and the export of everything the
platform keeps about the family (GDPR art. 15 access, art. 20 portability). Both PDFs extend the
shared base (`core.documents`, `templates/pdf/base.html`); the export's PDF is read by a person
(Italian labels, codes by their names, dd/mm/yyyy), its JSON by a machine (field names and codes,
ISO dates, with the labels alongside)."""

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

from accounts.types import Actor
from common.display import format_value
from common.pdf import PdfUnavailable as PdfUnavailable  # re-exported for callers of this module
from core.documents import CPF_FUNDING_SENTENCE, document_context, logo_uri, render_document, render_pdf
from core.exports import CONTENT_TYPES, PDF, Exporter, ExportFile
from core.records import audit_record
from families import codes
from families.models import Consent, Contact, Family, IntegratedFollowUp, Person, Referral, Scheda

FUNDING_SENTENCE = CPF_FUNDING_SENTENCE  # D.G.R. 1507/2023, Allegato A, § 3.3 (see core.documents)
__all__ = ["FUNDING_SENTENCE", "FamilyExporter", "PdfUnavailable", "SchedaExporter", "logo_uri"]


# The printable scheda -------------------------------------------------------------------------


def next_appointment(scheda: Scheda) -> tuple[Any, str] | None:
    """The first date still ahead at which the family is expected back: the scheda's review or
    an open integrated follow-up's review (date, what it is)."""
    today = timezone.localdate()
    dates: list[tuple[Any, str]] = []
    if scheda.review_on and scheda.review_on >= today:
        dates.append((scheda.review_on, gettext("revisione della scheda progettuale")))
    for item in scheda.followups.all():
        if item.status == IntegratedFollowUp.Status.OPEN and item.review_on and item.review_on >= today:
            dates.append((item.review_on, gettext("verifica del percorso integrato")))
    return min(dates, key=lambda d: d[0]) if dates else None


def scheda_context(scheda: Scheda) -> dict[str, Any]:
    family = scheda.family
    seat = family.seat
    centre = seat.centre
    needs_field = Scheda._meta.get_field("needs")
    return {
        **document_context(title=gettext("Scheda progettuale"), ats=centre.ats),
        "scheda": scheda,
        "family": family,
        "seat": seat,
        "centre": centre,
        "needs": [format_value([code], needs_field) for code in scheda.needs],
        "interventions": list(scheda.interventions.select_related("service_area")),
        "bodies": list(scheda.bodies.select_related("ente")),
        "next_appointment": next_appointment(scheda),
        # kept for templates that extend this one (the carta dei servizi shares the logo helper)
        "ats": centre.ats,
    }


def scheda_html(scheda: Scheda) -> str:
    return render_document("families/scheda_pdf.html", scheda_context(scheda))


def scheda_pdf(scheda: Scheda) -> bytes:
    return render_pdf("families/scheda_pdf.html", scheda_context(scheda))


# The family's data export -------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One kind of record in the export: its title, and per record the (label, text) pairs."""

    title: str
    records: list[list[tuple[str, str]]]


Extra = tuple["str | StrPromise", Callable[[Any], Any]]


def _records(
    objects: Iterable[models.Model], names: Sequence[str], extra: Sequence[Extra] = ()
) -> list[list[tuple[str, str]]]:
    records = []
    for obj in objects:
        fields = [obj._meta.get_field(n) for n in names]
        row = [(str(f.verbose_name).capitalize(), format_value(getattr(obj, f.name), f)) for f in fields]  # type: ignore[union-attr]
        row += [(str(label), format_value(getter(obj))) for label, getter in extra]
        records.append(row)
    return records


def _recipient(consent: Consent) -> str:
    if consent.recipient_destination_id:
        return str(consent.recipient_destination)
    if consent.recipient_ente_id:
        return str(consent.recipient_ente)
    kinds = {value: label for _group, options in codes.recipient_kind_choices() for value, label in options}
    return kinds.get(consent.recipient_kind, consent.recipient_kind)


PERSON_FIELDS = ("role", "first_name", "last_name", "birth_date", "birth_year", "sex", "citizenship", "languages")
CONTACT_FIELDS = ("date", "channel", "reason", "people_count")
CONSENT_FIELDS = ("purpose", "legal_basis", "given_on", "expires_on", "withdrawn_on")
REFERRAL_FIELDS = ("sent_on", "destination", "reason", "reason_text", "urgency", "status", "status_note", "feedback")
SCHEDA_FIELDS = (
    "access_reason",
    "access_reason_text",
    "needs",
    "status",
    "outcome",
    "is_fragile",
    "fragility_category",
    "review_on",
    "opened_on",
    "closed_on",
)
FOLLOWUP_FIELDS = ("plan", "goals", "start_date", "review_on", "status", "outcome", "outcome_note", "closed_on")


def family_sections(family: Family) -> list[Section]:
    """Everything kept about the family, as a person reads it (the same records as the JSON)."""
    sections = [
        Section(
            gettext("Il nucleo"),
            _records([family], ("code", "name", "seat", "residence_kind", "comune")),
        ),
        Section(
            gettext("Componenti"),
            _records(
                Person.objects.filter(family=family),
                PERSON_FIELDS,
                [(_("Codice fiscale"), lambda p: p.fiscal_code)],
            ),
        ),
        Section(gettext("Accessi"), _records(Contact.objects.filter(family=family), CONTACT_FIELDS)),
        Section(
            gettext("Consensi"),
            _records(
                Consent.objects.filter(family=family).select_related("recipient_ente", "recipient_destination"),
                CONSENT_FIELDS,
                [(_("Destinatario"), _recipient)],
            ),
        ),
        Section(
            gettext("Invii ai servizi"),
            _records(Referral.objects.filter(family=family).select_related("destination"), REFERRAL_FIELDS),
        ),
    ]
    scheda = Scheda.objects.filter(family=family).select_related("operator").first()
    if scheda is not None:
        sections += [
            Section(gettext("Scheda progettuale"), _records([scheda], SCHEDA_FIELDS)),
            Section(
                gettext("Interventi"),
                _records(
                    scheda.interventions.select_related("service_area"),
                    ("service_area", "activity", "start_date", "end_date", "outcome"),
                ),
            ),
            Section(gettext("Enti coinvolti"), _records(scheda.bodies.select_related("ente"), ("ente", "role"))),
            Section(
                gettext("Percorsi integrati"),
                _records(
                    scheda.followups.prefetch_related("partner_destinations", "partner_entes"),
                    FOLLOWUP_FIELDS,
                    [
                        (
                            _("Servizi partner"),
                            lambda f: [*f.partner_destinations.all(), *f.partner_entes.all()],
                        )
                    ],
                ),
            ),
        ]
    return sections


def family_export_context(family: Family) -> dict[str, Any]:
    return {
        **document_context(title=gettext("Dati della famiglia"), ats=family.seat.centre.ats),
        "family": family,
        "sections": family_sections(family),
    }


def family_export_html(family: Family) -> str:
    return render_document("families/family_export_pdf.html", family_export_context(family))


def family_export_pdf(family: Family) -> bytes:
    """The content of the JSON export, printable for the family (access request, GDPR art. 15)."""
    return render_pdf("families/family_export_pdf.html", family_export_context(family))


def _labels(model: type[models.Model], names: Iterable[str]) -> dict[str, str]:
    return {n: str(model._meta.get_field(n).verbose_name) for n in names}  # type: ignore[union-attr]


def export_labels() -> dict[str, dict[str, str]]:
    """The Italian label of every key of the JSON export, section by section (art. 20: the
    receiving controller reads the codes; a person reads what they mean)."""
    return {
        "members": _labels(Person, (*PERSON_FIELDS, "fiscal_code")),
        "contacts": _labels(Contact, CONTACT_FIELDS),
        "consents": _labels(Consent, (*CONSENT_FIELDS, "recipient_kind")),
        "referrals": _labels(Referral, REFERRAL_FIELDS),
        "scheda": _labels(Scheda, SCHEDA_FIELDS),
        "followups": _labels(IntegratedFollowUp, FOLLOWUP_FIELDS),
    }


class SchedaExporter(Exporter[Scheda]):
    """The printable scheda for the family (audited as a read of the record: "printed")."""

    name = "families.scheda"
    verbose_name = _("Scheda progettuale")
    formats = ("pdf",)

    def render(self, actor: Actor, obj: Scheda, fmt: str) -> ExportFile:
        return ExportFile(f"scheda-{obj.family.code}.pdf", PDF, content=scheda_pdf(obj))

    def audit(self, actor: Actor, obj: Scheda, fmt: str) -> None:
        audit_record(actor=actor, obj=obj, verb="printed")


class FamilyExporter(Exporter[Family]):
    """Everything kept about a family, for a request of access or portability (GDPR art. 15, 20)."""

    name = "families.family"
    verbose_name = _("Dati della famiglia")
    formats = ("json", "pdf")

    def render(self, actor: Actor, obj: Family, fmt: str) -> ExportFile:
        from families.services.privacy import family_export_data

        data = family_export_data(actor=actor, family=obj)  # checks the action for both formats
        if fmt == "json":
            document = {**data, "labels": export_labels()}
            content = json.dumps(document, ensure_ascii=False, indent=2).encode()
        else:
            content = family_export_pdf(obj)
        return ExportFile(f"famiglia-{obj.code}.{fmt}", CONTENT_TYPES[fmt], content=content)

    def audit(self, actor: Actor, obj: Family, fmt: str) -> None:
        audit_record(actor=actor, obj=obj, verb="exported")
