"""Pure rules of the work-life balance plans 2025-2027 (conciliazione vita-lavoro).

Source: D.G.R. XII/5464 of 09/12/2025 and its Allegato A "Interventi di conciliazione dei tempi
lavorativi con le esigenze familiari - triennio 2025-2027"; "§4.1"... are the
paragraphs of Allegato A. Plain data in, plain outcomes out: every check reports ALL failing
conditions, each as a `Violation` whose Italian text comes from the `MESSAGES` catalogue.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from common.formatting import format_eur

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
ONE_DAY = dt.timedelta(days=1)


def gettext_noop(message: str) -> str:
    """Marks a catalogue entry for `makemessages` (which matches the name) without importing Django."""
    return message


MESSAGES: dict[str, str] = {
    "community_missing": gettext_noop("Nella Comunità di pratica manca una rappresentanza di: {label}."),
    "lead_in_support_network": gettext_noop("Il capofila non può far parte della sola rete di supporto."),
    "lead_kind_not_allowed": gettext_noop("Il capofila deve essere un ente pubblico o un ente privato no profit."),
    "partner_duplicated": gettext_noop("L'ente «{name}» compare più volte nel partenariato."),
    "partner_kind_not_beneficiary": gettext_noop(
        "«{name}» non può essere beneficiario: può aderire solo alla rete di supporto."
    ),
    "too_few_beneficiaries": gettext_noop(
        "Servono almeno {min} enti beneficiari (Terzo settore, cooperative sociali A/B, "
        "enti pubblici), capofila compreso: ce ne sono {count}."
    ),
    "nonprofit_lead_without_local_public_body": gettext_noop(
        "Con un capofila privato no profit il partenariato deve "
        "includere un ente pubblico locale o un Ambito territoriale."
    ),
    "missing_territorial_public_body": gettext_noop(
        "Manca un ente pubblico territoriale (Comune, Unione di Comuni, Comunità Montana o Ambito "
        "rappresentato dal firmatario dell'accordo di programma del Piano di Zona)."
    ),
    "no_interventions": gettext_noop("Il progetto non contiene interventi."),
    "non_fundable_intervention": gettext_noop("«{title}» non è finanziabile ({label})."),
    "missing_delivery_mode": gettext_noop("«{title}»: indicare se è erogato direttamente, con voucher o con rimborso."),
    "too_few_macro_categories": gettext_noop(
        "Gli interventi devono rientrare in almeno {min} macrocategorie (cura, time "
        "saving, mobilità casa-lavoro, servizi per autonomi e liberi professionisti): ne coprono {count}."
    ),
    "project_dates_inverted": gettext_noop("La data di fine precede la data di inizio."),
    "project_duration": gettext_noop(
        "Le attività devono avere durata biennale: iniziando il {start} devono terminare il {expected}, non il {end}."
    ),
    "empty_household": gettext_noop("Il nucleo familiare non ha componenti."),
    "no_working_member": gettext_noop(
        "Nessun componente del nucleo risulta lavoratore al {on} in una delle tipologie ammesse."
    ),
    "worker_without_care_duties": gettext_noop(
        "Nessun lavoratore del nucleo ha compiti di cura verso familiari a carico."
    ),
    "no_dependent_family_members": gettext_noop("Il nucleo non ha familiari a carico (minori o altri familiari)."),
    "not_resident_nor_domiciled_in_lombardy": gettext_noop("{name} non è né residente né domiciliato/a in Lombardia."),
    "activation_missing": gettext_noop("{name} è disoccupato/a: manca {document} alla data di fruizione."),
    "activation_after_use_date": gettext_noop(
        "{name}: {document} risulta del {day}, dopo la data di fruizione ({use})."
    ),
    "voucher_already_redeemed": gettext_noop("Il voucher {code} è già stato utilizzato il {day}."),
    "voucher_not_yet_valid": gettext_noop("Il voucher {code} è utilizzabile dal {day}."),
    "voucher_expired": gettext_noop("Il voucher {code} è scaduto il {day}."),
    "voucher_amount_exceeds_value": gettext_noop("L'importo {amount} supera il valore del voucher ({value})."),
    "reimbursement_exceeds_receipts": gettext_noop(
        "Il rimborso richiesto ({amount}) supera i giustificativi ({receipts})."
    ),
    "receipt_after_request": gettext_noop("Il giustificativo del {day} è successivo alla richiesta del {request}."),
    "existing_grant_invalid": gettext_noop("L'aiuto del {day} ha un importo non valido."),
    "de_minimis_cap_exceeded": gettext_noop(
        "{regime}: dal {start} al {end} risultano aiuti per {used}; con altri {amount} si "
        "supera il massimale di {cap} (disponibili {available})."
    ),
    "money_invalid": gettext_noop("{label}: importo non valido."),
    "money_not_positive": gettext_noop("{label}: l'importo deve essere positivo."),
    "money_sub_cent": gettext_noop("{label}: l'importo ha più di due decimali."),
}


# Translation of the catalogue: identity here (pure module); the app installs Django's gettext
# in `ConciliazioneConfig.ready()` so that the English interface shows English.
_translate: Callable[[str], str] = gettext_noop


def install_translator(translate: Callable[[str], str]) -> None:
    global _translate
    _translate = translate


@dataclass(frozen=True, slots=True)
class Violation:
    """A failed condition: a stable `code`, the catalogue `template` and its parameters. The rule
    returns codes and parameters only; `message` is the text in the active language."""

    code: str
    template: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def message(self) -> str:
        return _translate(MESSAGES[self.template]).format(**dict(self.params))


def _v(code: str, template: str | None = None, /, **params: object) -> Violation:
    return Violation(code, template or code, tuple((k, str(v)) for k, v in params.items()))


def _it(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _years_later(day: dt.date, years: int) -> dt.date:
    """Same calendar day `years` later (negative: earlier); 29 Feb becomes 1 Mar in common years."""
    year = day.year + years
    if (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return dt.date(year, 3, 1)
    return day.replace(year=year)


def _money_violations(amount: Decimal, prefix: str, label: str) -> list[Violation]:
    """Money is a finite, positive amount in whole cents."""
    if not amount.is_finite():
        return [_v(f"{prefix}_invalid", "money_invalid", label=label)]
    found = [_v(f"{prefix}_not_positive", "money_not_positive", label=label)] if amount <= 0 else []
    if amount != amount.quantize(CENT):
        found.append(_v(f"{prefix}_sub_cent", "money_sub_cent", label=label))
    return found


# 1. Comunità di pratica of the Rete Territoriale di Conciliazione (§4.1) --------------------


class CommunityMemberKind(StrEnum):
    TRADE_UNION = "trade_union"
    EMPLOYERS = "employers"  # associazioni datoriali / imprese / imprenditori
    THIRD_SECTOR = "third_sector"
    AMBITO = "ambito"
    CHAMBER_OF_COMMERCE = "chamber_of_commerce"
    PROFESSIONAL_ORDER = "professional_order"
    JOB_SERVICES_OPERATOR = "job_services_operator"  # CPI or accredited private operator
    EDUCATION_TRAINING_OPERATOR = "education_training_operator"  # Albo regionale sez. A e B
    VOCATIONAL_TRAINING_INSTITUTION = "vocational_training_institution"  # IeFP / IFTS
    ITS_FOUNDATION = "its_foundation"
    OTHER = "other"


MANDATORY_COMMUNITY_MEMBERS: dict[CommunityMemberKind, str] = {
    CommunityMemberKind.TRADE_UNION: "associazioni sindacali",
    CommunityMemberKind.EMPLOYERS: "associazioni datoriali/imprese/imprenditori",
    CommunityMemberKind.THIRD_SECTOR: "enti del Terzo settore",
    CommunityMemberKind.AMBITO: "Ambiti territoriali",
    CommunityMemberKind.CHAMBER_OF_COMMERCE: "Camera di commercio",
}
OPTIONAL_COMMUNITY_MEMBERS = frozenset(CommunityMemberKind) - MANDATORY_COMMUNITY_MEMBERS.keys()


def check_community_of_practice(member_kinds: Iterable[CommunityMemberKind]) -> list[Violation]:
    """§4.1: «Nella Comunità di Pratica dovranno essere presenti rappresentanze di: Associazioni
    sindacali; Associazioni datoriali/imprese/imprenditori; Enti del terzo settore; Ambiti
    territoriali; Camera di commercio.» The kinds «In aggiunta potranno essere presenti»
    (`OPTIONAL_COMMUNITY_MEMBERS`) never produce a violation."""
    present = set(member_kinds)
    return [
        _v(f"community_missing_{kind}", "community_missing", label=label)
        for kind, label in MANDATORY_COMMUNITY_MEMBERS.items()
        if kind not in present
    ]


# 2. Partnership / beneficiaries (§4.2) ------------------------------------------------------


class PartnerKind(StrEnum):
    THIRD_SECTOR = "third_sector"
    SOCIAL_COOP_A = "social_coop_a"
    SOCIAL_COOP_B = "social_coop_b"
    COMUNE = "comune"
    COMUNITA_MONTANA = "comunita_montana"
    UNIONE_COMUNI = "unione_comuni"  # TUEL art. 2 and 32: an ente locale formed by Comuni
    AMBITO = "ambito"
    OTHER_LOCAL_PUBLIC_BODY = "other_local_public_body"  # Provincia, Città metropolitana
    OTHER_PUBLIC_BODY = "other_public_body"  # ATS, ASST, scuole, università...
    COMPANY = "company"
    OTHER_PRIVATE = "other_private"  # incl. non-profits that are not enti del Terzo settore


class PartnerRole(StrEnum):
    BENEFICIARY = "beneficiary"
    SUPPORT_NETWORK = "support_network"  # «rete territoriale di supporto»: no contribution


@dataclass(frozen=True, slots=True)
class Partner:
    name: str  # display label, also the identity used to spot duplicates
    kind: PartnerKind
    role: PartnerRole = PartnerRole.BENEFICIARY
    signs_piano_di_zona_agreement: bool = False  # Ambito represented by the AdP signatory


NONPROFIT_PARTNER_KINDS = frozenset({PartnerKind.THIRD_SECTOR, PartnerKind.SOCIAL_COOP_A, PartnerKind.SOCIAL_COOP_B})
LOCAL_PUBLIC_OR_AMBITO_KINDS = frozenset(
    {
        PartnerKind.COMUNE,
        PartnerKind.COMUNITA_MONTANA,
        PartnerKind.UNIONE_COMUNI,
        PartnerKind.OTHER_LOCAL_PUBLIC_BODY,
        PartnerKind.AMBITO,
    }
)
# «ente pubblico territoriale» of §4.2: the Comuni and the bodies through which they act together.
TERRITORIAL_PUBLIC_BODY_KINDS = frozenset({PartnerKind.COMUNE, PartnerKind.COMUNITA_MONTANA, PartnerKind.UNIONE_COMUNI})
PUBLIC_PARTNER_KINDS = LOCAL_PUBLIC_OR_AMBITO_KINDS | {PartnerKind.OTHER_PUBLIC_BODY}
BENEFICIARY_PARTNER_KINDS = PUBLIC_PARTNER_KINDS | NONPROFIT_PARTNER_KINDS
MIN_BENEFICIARIES = 3


def _is_territorial_public_body(partner: Partner) -> bool:
    if partner.kind is PartnerKind.AMBITO:
        return partner.signs_piano_di_zona_agreement
    return partner.kind in TERRITORIAL_PUBLIC_BODY_KINDS


def _beneficiaries(lead: Partner, partners: Sequence[Partner]) -> tuple[list[Partner], list[Violation]]:
    """Distinct members with the beneficiary role and an eligible kind, and what is wrong."""
    found: list[Violation] = []
    if lead.role is not PartnerRole.BENEFICIARY:
        found.append(_v("lead_in_support_network"))
    if lead.kind not in BENEFICIARY_PARTNER_KINDS:
        found.append(_v("lead_kind_not_allowed"))
    seen: set[str] = set()
    beneficiaries: list[Partner] = []
    for partner in (lead, *partners):
        key = " ".join(partner.name.split()).casefold()
        if key in seen:
            found.append(_v("partner_duplicated", name=partner.name))
        elif partner.role is PartnerRole.BENEFICIARY and partner.kind in BENEFICIARY_PARTNER_KINDS:
            beneficiaries.append(partner)
        elif partner.role is PartnerRole.BENEFICIARY and partner is not lead:
            found.append(_v("partner_kind_not_beneficiary", name=partner.name))
        seen.add(key)
    return beneficiaries, found


def check_partnership(lead: Partner, partners: Sequence[Partner]) -> list[Violation]:
    """§4.2 «Beneficiari».

    - «partenariati composti da almeno tre enti che assumono la qualifica di beneficiari - tra le
      seguenti tipologie: enti del Terzo settore; cooperative sociali di tipo A e B; enti
      pubblici». The lead COUNTS among the three, since «il soggetto capofila e i partner ...
      compongono il partenariato»: lead + 2 eligible partners is enough.
    - «Il soggetto capofila può essere: un soggetto pubblico; un soggetto del privato no profit. In
      questo caso nel partenariato dovrà essere necessariamente presente un ente pubblico locale o
      un ambito territoriale.» The lead is itself a beneficiary, so "privato no profit" means an
      ente del Terzo settore or a social cooperative; "ente pubblico locale" a Comune, Comunità
      Montana or other local authority (`OTHER_LOCAL_PUBLIC_BODY`); any Ambito qualifies here.
    - «è obbligatoria la presenza di almeno un ente pubblico territoriale (comune, comunità
      montana o ambito territoriale rappresentato dal soggetto firmatario dell'accordo di
      programma per la realizzazione del Piano di Zona)»: a Comune, a Comunità Montana, an Unione
      di Comuni, or an Ambito represented by the Piano di Zona signatory. The Unione di Comuni is
      read into the list: it is an ente locale (TUEL, d.lgs. 267/2000, art. 2 c. 1) «costituit[o]
      da due o più comuni ... per l'esercizio associato di funzioni» (art. 32 c. 1), the same
      kind of body as the Comunità Montana the decree names (an unione di comuni montani, art.
      27-28); refusing it would exclude Comuni that act through their union.
    - «Gli enti aderenti alla rete di supporto non sono beneficiari di contributo»: support members
      neither count nor satisfy the public-body requirements.
    """
    beneficiaries, found = _beneficiaries(lead, partners)
    if len(beneficiaries) < MIN_BENEFICIARIES:
        found.append(_v("too_few_beneficiaries", min=MIN_BENEFICIARIES, count=len(beneficiaries)))
    if lead.kind in NONPROFIT_PARTNER_KINDS and not any(p.kind in LOCAL_PUBLIC_OR_AMBITO_KINDS for p in beneficiaries):
        found.append(_v("nonprofit_lead_without_local_public_body"))
    if not any(_is_territorial_public_body(p) for p in beneficiaries):
        found.append(_v("missing_territorial_public_body"))
    return found


# 3. Interventions and project duration (§4.1) -----------------------------------------------


class InterventionCategory(StrEnum):
    CARE_SERVICES = "care_services"  # macro (a) accesso ai servizi di conciliazione per la cura
    TIME_SAVING = "time_saving"  # macro (b)
    HOME_WORK_MOBILITY = "home_work_mobility"  # macro (c)
    SELF_EMPLOYED_SERVICES = "self_employed_services"  # macro (d)
    LR28_SERVICE_HOURS = "lr28_service_hours"  # l.r. 28/2004 art. 6 c. 4 (a)
    LR28_PUBLIC_TRANSPORT_TIME = "lr28_public_transport_time"  # (b)
    LR28_PA_ACCESS = "lr28_pa_access"  # (c)
    LR28_TIME_BANKS = "lr28_time_banks"  # (d)
    CONTEXT_STUDY = "context_study"  # not fundable
    INSTITUTIONAL_TABLE = "institutional_table"  # not fundable
    MONITORING_EVALUATION = "monitoring_evaluation"  # not fundable


MACRO_CATEGORIES = frozenset(
    {
        InterventionCategory.CARE_SERVICES,
        InterventionCategory.TIME_SAVING,
        InterventionCategory.HOME_WORK_MOBILITY,
        InterventionCategory.SELF_EMPLOYED_SERVICES,
    }
)
NON_FUNDABLE_CATEGORIES: dict[InterventionCategory, str] = {
    InterventionCategory.CONTEXT_STUDY: "studi di contesto",
    InterventionCategory.INSTITUTIONAL_TABLE: "tavoli istituzionali di lavoro",
    InterventionCategory.MONITORING_EVALUATION: "azioni di monitoraggio e valutazione di impatto",
}
MIN_MACRO_CATEGORIES = 2
PROJECT_DURATION_YEARS = 2


class DeliveryMode(StrEnum):
    DIRECT_FREE = "direct_free"  # realizzati direttamente, a titolo gratuito
    DIRECT_CAPPED_PRICE = "direct_capped_price"  # realizzati direttamente, con costo calmierato
    VOUCHER = "voucher"  # prima di usufruire del servizio
    REIMBURSEMENT = "reimbursement"  # dopo la fruizione del servizio


@dataclass(frozen=True, slots=True)
class Intervention:
    title: str
    category: InterventionCategory
    delivery: DeliveryMode | None = None


def project_expected_end(start: dt.date) -> dt.date:
    """Last day (inclusive) of a two-year project: the day before the 2nd anniversary of `start`
    (01/01/2026 -> 31/12/2027; 29/02/2028 -> 28/02/2030)."""
    return _years_later(start, PROJECT_DURATION_YEARS) - ONE_DAY


def check_project_interventions(interventions: Sequence[Intervention], start: dt.date, end: dt.date) -> list[Violation]:
    """§4.1 «Nuove indicazioni operative».

    - «Gli interventi finanziabili dovranno essere ricondotti ad almeno due delle seguenti
      macrocategorie: a) Accesso ai servizi di conciliazione ... b) Time Saving ... c) Mobilità casa
      lavoro ... d) Servizi a sostegno dei lavoratori/collaboratori autonomi e dei liberi
      professionisti». The l.r. 28/2004 art. 6 c. 4 items («Sono inoltre finanziabili») are
      fundable IN ADDITION but do not count towards the two macro-categories.
    - «Non potranno essere finanziati con il contributo: studi di contesto; tavoli istituzionali
      di lavoro; azioni di monitoraggio e valutazione di impatto.»
    - «I servizi possono essere: realizzati direttamente ... a titolo gratuito o con costo
      calmierato; sostenuti attraverso l'erogazione di voucher ... o rimborsi»: every fundable
      intervention states its delivery mode.
    - «Tutte le attività e gli interventi individuati dovranno avere durata biennale»: EXACTLY two
      years, both dates inclusive (`project_expected_end`); one day more or less is a violation.
    """
    found = [] if interventions else [_v("no_interventions")]
    for item in interventions:
        if item.category in NON_FUNDABLE_CATEGORIES:
            found.append(
                _v("non_fundable_intervention", title=item.title, label=NON_FUNDABLE_CATEGORIES[item.category])
            )
        elif item.delivery is None:
            found.append(_v("missing_delivery_mode", title=item.title))
    macros = {item.category for item in interventions} & MACRO_CATEGORIES
    if len(macros) < MIN_MACRO_CATEGORIES:
        found.append(_v("too_few_macro_categories", min=MIN_MACRO_CATEGORIES, count=len(macros)))
    if end < start:
        found.append(_v("project_dates_inverted"))
    expected = project_expected_end(start)
    if end != expected:
        code = "project_duration_too_short" if end < expected else "project_duration_too_long"
        found.append(_v(code, "project_duration", start=_it(start), expected=_it(expected), end=_it(end)))
    return found


# 4. Final recipients (§4.3) -----------------------------------------------------------------


class WorkKind(StrEnum):
    EMPLOYEE_FIXED_TERM = "employee_fixed_term"
    EMPLOYEE_PERMANENT = "employee_permanent"
    COOPERATIVE_WORKER_MEMBER = "cooperative_worker_member"
    AGENCY_WORKER = "agency_worker"  # contratto di somministrazione
    ENTREPRENEUR = "entrepreneur"  # c.c. art. 2082
    SELF_EMPLOYED = "self_employed"  # c.c. art. 2222
    PROFESSIONAL = "professional"  # c.c. art. 2229, enrolled in an order or collegio
    PROFESSIONAL_UNREGISTERED = "professional_unregistered"  # needs a recognised association
    AUTONOMOUS_COLLABORATOR = "autonomous_collaborator"  # needs VAT number + INPS gestione separata


@dataclass(frozen=True, slots=True)
class WorkPosition:
    kind: WorkKind
    start: dt.date
    end: dt.date | None = None  # last working day, inclusive; None = open-ended
    recognised_association_member: bool = False
    has_vat_number: bool = False
    inps_gestione_separata: bool = False

    def qualifies_on(self, on: dt.date) -> bool:
        """In force on `on` (both ends inclusive) and meeting the extra conditions of its kind."""
        in_force = self.start <= on and (self.end is None or on <= self.end)
        if self.kind is WorkKind.PROFESSIONAL_UNREGISTERED:
            return in_force and self.recognised_association_member
        if self.kind is WorkKind.AUTONOMOUS_COLLABORATOR:
            return in_force and self.has_vat_number and self.inps_gestione_separata
        return in_force


class DependentKind(StrEnum):
    MINOR = "minor"
    OTHER_FAMILY_MEMBER = "other_family_member"


@dataclass(frozen=True, slots=True)
class HouseholdMember:
    name: str  # display label for messages
    resident_in_lombardy: bool = False
    domiciled_in_lombardy: bool = False
    work: tuple[WorkPosition, ...] = ()
    has_care_duties: bool = False
    dependent: DependentKind | None = None  # familiare a carico
    is_parent: bool = False
    unemployed: bool = False
    did_date: dt.date | None = None  # Dichiarazione di Immediata Disponibilità
    psp_date: dt.date | None = None  # Patto di Servizio Personalizzato

    def works_on(self, on: dt.date) -> bool:
        return any(position.qualifies_on(on) for position in self.work)

    def activation_violations(self, use_date: dt.date) -> list[Violation]:
        """DID and PSP must both be dated on or before the date of use (§4.3)."""
        found: list[Violation] = []
        documents = (("did", "la DID", self.did_date), ("psp", "il Patto di Servizio (PSP)", self.psp_date))
        for code, document, day in documents:
            if day is None:
                found.append(_v(f"{code}_missing", "activation_missing", name=self.name, document=document))
            elif day > use_date:
                params = {"name": self.name, "document": document, "day": _it(day), "use": _it(use_date)}
                found.append(_v(f"{code}_after_use_date", "activation_after_use_date", **params))
        return found


@dataclass(frozen=True, slots=True)
class Household:
    members: tuple[HouseholdMember, ...]


@dataclass(frozen=True)
class EligibilityOutcome:
    eligible: bool
    reasons: list[Violation]
    satisfied: list[str]  # codes of the requirements met


def _worker_violation(members: Sequence[HouseholdMember], on: dt.date, use_date: dt.date) -> Violation | None:
    if any(m.has_care_duties and m.works_on(on) for m in members):
        return None
    # «Qualora uno o entrambi i genitori siano "disoccupati", invece, ...»: an activated
    # unemployed parent with care duties takes the place of the worker.
    if any(
        m.has_care_duties and m.is_parent and m.unemployed and not m.activation_violations(use_date) for m in members
    ):
        return None
    if any(m.works_on(on) for m in members):
        return _v("worker_without_care_duties")
    return _v("no_working_member", on=_it(on))


def check_recipient_eligibility(
    household: Household, on: dt.date, *, use_date: dt.date | None = None
) -> EligibilityOutcome:
    """§4.3 «Destinatari finali».

    - «nuclei familiari con almeno un componente lavoratore/lavoratrice alla data di richiesta di
      fruizione del servizio, che abbia compiti di cura relativi a familiari a carico (minori e/o
      altri familiari)»: the SAME member works on `on` (one of the eight `WorkKind`s) and has care
      duties, and the household has at least one dependent member.
    - «Tutti i destinatari dei progetti devono essere residenti o domiciliati in Regione
      Lombardia»: every member listed, either condition being enough.
    - «Qualora uno o entrambi i genitori siano "disoccupati", invece, ... il genitore, alla data di
      fruizione dell'attività, deve aver provveduto a rilasciare la DID e aver sottoscritto un PSP»:
      required of EVERY unemployed parent (DID without PSP -> not eligible); given «invece», an
      unemployed parent with care duties who meets it stands in for the worker. `use_date` (date
      of use) defaults to `on` (date of the request).
    """
    members, use_day = household.members, on if use_date is None else use_date
    reasons = [] if members else [_v("empty_household")]
    worker = _worker_violation(members, on, use_day)
    reasons += [worker] if worker else []
    satisfied = [] if worker else ["working_member_with_care_duties"]
    if any(m.dependent is not None for m in members):
        satisfied.append("dependent_family_members")
    else:
        reasons.append(_v("no_dependent_family_members"))
    outside = [m for m in members if not (m.resident_in_lombardy or m.domiciled_in_lombardy)]
    reasons += [_v("not_resident_nor_domiciled_in_lombardy", name=m.name) for m in outside]
    satisfied += [] if outside or not members else ["resident_or_domiciled_in_lombardy"]
    unemployed_parents = [m for m in members if m.is_parent and m.unemployed]
    activation = [v for m in unemployed_parents for v in m.activation_violations(use_day)]
    reasons += activation
    satisfied += ["unemployed_parents_activated"] if unemployed_parents and not activation else []
    return EligibilityOutcome(eligible=not reasons, reasons=reasons, satisfied=satisfied)


# 5. Vouchers and reimbursements (§4.1, «I servizi possono essere ...») ----------------------


@dataclass(frozen=True, slots=True)
class VoucherState:
    code: str
    value: Decimal
    valid_from: dt.date
    valid_until: dt.date  # inclusive: redeemable on this day, not on the day after
    redeemed_on: dt.date | None = None


def check_voucher_redemption(voucher: VoucherState, on: dt.date, amount: Decimal) -> list[Violation]:
    """§4.1: voucher «prima di usufruire del servizio». Single use, within its validity period
    (both ends inclusive), for a positive amount up to its face value."""
    found: list[Violation] = []
    if voucher.redeemed_on is not None:
        found.append(_v("voucher_already_redeemed", code=voucher.code, day=_it(voucher.redeemed_on)))
    if on < voucher.valid_from:
        found.append(_v("voucher_not_yet_valid", code=voucher.code, day=_it(voucher.valid_from)))
    if on > voucher.valid_until:
        found.append(_v("voucher_expired", code=voucher.code, day=_it(voucher.valid_until)))
    money = _money_violations(amount, "voucher_amount", "Importo del voucher")
    if not money and amount > voucher.value:
        money.append(_v("voucher_amount_exceeds_value", amount=format_eur(amount), value=format_eur(voucher.value)))
    return found + money


def check_reimbursement(
    receipts_total: Decimal, requested: Decimal, *, receipt_date: dt.date, request_date: dt.date
) -> list[Violation]:
    """§4.1: rimborso «dopo la fruizione del servizio»: the amount requested may not exceed the
    receipts, and the (latest) receipt may not be dated after the request."""
    found = _money_violations(requested, "reimbursement_amount", "Rimborso richiesto")
    found += _money_violations(receipts_total, "receipts_total", "Totale dei giustificativi")
    if not found and requested > receipts_total:
        found.append(
            _v("reimbursement_exceeds_receipts", amount=format_eur(requested), receipts=format_eur(receipts_total))
        )
    if receipt_date > request_date:
        found.append(_v("receipt_after_request", day=_it(receipt_date), request=_it(request_date)))
    return found


# 6. De minimis (deliberation: premises and DELIBERA point 4) --------------------------------


class DeMinimisWindow(StrEnum):
    FISCAL_YEARS = "fiscal_years"  # the grant's fiscal year and the previous ones
    ROLLING_YEARS = "rolling_years"  # the grant date and the preceding years, day by day


@dataclass(frozen=True, slots=True)
class DeMinimisRegime:
    name: str
    cap: Decimal
    window: DeMinimisWindow
    years: int = 3
    fiscal_year_start: tuple[int, int] = (1, 1)  # (month, day): calendar year unless configured

    def __post_init__(self) -> None:
        if not (self.cap.is_finite() and self.cap > 0 and self.years >= 1):
            raise ValueError("De minimis cap and years must be positive.")
        try:
            dt.date(2001, *self.fiscal_year_start)  # a common year: 29 February is refused too
        except ValueError as error:
            raise ValueError(f"Invalid fiscal year start: {self.fiscal_year_start}.") from error

    def window_start(self, grant_day: dt.date) -> dt.date:
        """First day (inclusive) of the window ending on `grant_day` (inclusive)."""
        if self.window is DeMinimisWindow.ROLLING_YEARS:
            return _years_later(grant_day + ONE_DAY, -self.years)
        month, day = self.fiscal_year_start
        current = grant_day.year if (grant_day.month, grant_day.day) >= (month, day) else grant_day.year - 1
        return dt.date(current - self.years + 1, month, day)


# Art. 3(2): «200 000 EUR nell'arco di tre esercizi finanziari», i.e. (recitals) the fiscal year of
# the grant and the two previous ones. Other fiscal years: dataclasses.replace(..., fiscal_year_start=(7, 1)).
# The EUR 100 000 road-freight sub-cap is not modelled.
REG_1407_2013 = DeMinimisRegime("Reg. (UE) 1407/2013", Decimal("200000.00"), DeMinimisWindow.FISCAL_YEARS)
# Art. 3(2): «300 000 EUR nell'arco di tre anni», assessed (recitals) on a rolling basis. Window:
# from the day after the same calendar day three years earlier to the grant date, both inclusive
# (grant on 15/06/2027 -> grants from 16/06/2024 count; grant on 28/02/2027 -> from 01/03/2024).
REG_2023_2831 = DeMinimisRegime("Reg. (UE) 2023/2831", Decimal("300000.00"), DeMinimisWindow.ROLLING_YEARS)


@dataclass(frozen=True, slots=True)
class Grant:
    date: dt.date
    amount: Decimal


@dataclass(frozen=True)
class DeMinimisOutcome:
    allowed: bool
    used: Decimal  # existing grants inside the window; the new grant excluded
    available: Decimal  # cap minus used, never below zero
    violations: list[Violation]
    window_start: dt.date  # the window ends on the new grant's date


def check_de_minimis(existing_grants: Sequence[Grant], new_grant: Grant, regime: DeMinimisRegime) -> DeMinimisOutcome:
    """The deliberation (premises, DELIBERA point 4) applies «le disposizioni di cui al Reg. UE n.
    1407 del 2013 (c.d. de minimis generale)» to recipients with an economic activity; 1407/2013
    has since been replaced by Reg. (UE) 2023/2831, hence both presets. Grants are those of one
    "impresa unica" (art. 2(2)), aggregated by the caller. Cap and window per art. 3(2) of each
    regulation (see the presets); the window ends on the new grant's date, so existing grants
    dated after it are ignored. Exactly at the cap is allowed, one cent over is blocked."""
    start = regime.window_start(new_grant.date)
    found = _money_violations(new_grant.amount, "grant_amount", "Nuovo aiuto")
    used = ZERO
    for grant in (g for g in existing_grants if start <= g.date <= new_grant.date):
        if grant.amount.is_finite() and grant.amount >= 0:
            used += grant.amount
        else:
            found.append(_v("existing_grant_invalid", day=_it(grant.date)))
    available = max(regime.cap - used, ZERO)
    if new_grant.amount.is_finite() and used + new_grant.amount > regime.cap:
        params = {"start": _it(start), "end": _it(new_grant.date), "cap": format_eur(regime.cap)}
        amounts = {"used": format_eur(used), "amount": format_eur(new_grant.amount), "available": format_eur(available)}
        found.append(_v("de_minimis_cap_exceeded", regime=regime.name, **params, **amounts))
    return DeMinimisOutcome(allowed=not found, used=used, available=available, violations=found, window_start=start)
