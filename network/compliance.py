"""Compliance of a Centre with D.G.R. XII/1507/2023 Allegato A: pure rules over plain
dataclasses, one function per check, each returning pass, fail or missing data with its evidence
and the decree paragraph it implements. `directory.quality` builds the facts from the registry.

Paragraphs of Allegato A: § 3.1 "Assetto organizzativo" (Hub and Spoke, protocolli operativi),
§ 3.2 "Assetto gestionale e servizi offerti" (Hub-only coordination and administration, basic
services, caregivers, professional profiles, coordinator who writes the carta dei servizi),
§ 3.3 "Caratteristiche delle sedi e azioni di comunicazione" (at least 18 hours a week)."""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from network.hours import MIN_NETWORK_WEEKLY_HOURS, WeeklySlot, network_weekly_hours

BASIC_SERVICE_CODES = ("informazione-orientamento", "sostegno-genitorialita", "risorse-famiglia-comunita")
ESSENTIAL_PROFILES = ("assistente_sociale", "psicologo", "pedagogista", "mediatore_familiare", "educatore")
COORDINATOR = "coordinatore"
ADMIN_LEAD = "referente_amministrativo"
CAREGIVER_WORDS = ("caregiver", "chi si prende cura", "familiare che assiste")


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    MISSING = "missing"


@dataclass(frozen=True)
class StaffFact:
    name: str
    profile: str
    hub_role: str  # "", COORDINATOR or ADMIN_LEAD
    qualification: str
    seat_kinds: frozenset[str]  # kinds of the seats the person is assigned to ("hub", "spoke")
    seat_names: tuple[str, ...] = ()
    active: bool = True


@dataclass(frozen=True)
class OfferingFact:
    name: str
    area_code: str
    seat_kind: str
    text: str = ""  # name, description and tags, for the caregiver action
    active: bool = True


@dataclass(frozen=True)
class ProtocolFact:
    title: str
    party_ids: frozenset[int]
    valid_from: dt.date
    valid_to: dt.date | None


@dataclass(frozen=True)
class CartaFact:
    published_on: dt.date | None
    current: bool  # nothing in the registry changed since it was published


@dataclass(frozen=True)
class CentreFacts:
    name: str
    on: dt.date
    seats_slots: Sequence[Sequence[WeeklySlot]]  # weekly slots of each active seat
    staff: Sequence[StaffFact]
    offerings: Sequence[OfferingFact]
    protocols: Sequence[ProtocolFact]
    partners: dict[int, str]  # the Centre's partner Enti (id → name), Hub's lead excluded
    carta: CartaFact | None


@dataclass(frozen=True)
class Check:
    code: str
    title: str
    outcome: Outcome
    evidence: str
    paragraph: str
    fix: str = ""


@dataclass
class CentreReport:
    name: str
    checks: list[Check] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(1 for c in self.checks if c.outcome == Outcome.PASS)

    @property
    def compliant(self) -> bool:
        return all(c.outcome == Outcome.PASS for c in self.checks)

    @property
    def to_fix(self) -> list[Check]:
        return [c for c in self.checks if c.outcome != Outcome.PASS]


def _active_staff(facts: CentreFacts) -> list[StaffFact]:
    return [s for s in facts.staff if s.active]


def check_hub_roles(facts: CentreFacts) -> Check:
    """§ 3.2: the Hub has a qualified coordinator and an administrative lead, working at the Hub."""
    code, title, par = "hub_roles", "Coordinatore qualificato e referente amministrativo all'Hub", "All. A § 3.2"
    staff = _active_staff(facts)
    coordinator = next((s for s in staff if s.hub_role == COORDINATOR), None)
    admin = next((s for s in staff if s.hub_role == ADMIN_LEAD), None)
    missing = [label for label, who in (("coordinatore", coordinator), ("referente amministrativo", admin)) if not who]
    if missing:
        return Check(
            code, title, Outcome.FAIL, "Manca: " + ", ".join(missing) + ".", par, "Indicare il ruolo nell'équipe."
        )
    assert coordinator is not None and admin is not None
    if not coordinator.qualification.strip():
        return Check(
            code,
            title,
            Outcome.MISSING,
            f"Titolo di studio del coordinatore {coordinator.name} non indicato.",
            par,
            "Registrare il titolo di studio del coordinatore.",
        )
    not_at_hub = [s.name for s in (coordinator, admin) if "hub" not in s.seat_kinds]
    if not_at_hub:
        return Check(
            code,
            title,
            Outcome.FAIL,
            "Non assegnati alla sede Hub: " + ", ".join(not_at_hub) + ".",
            par,
            "Assegnare coordinatore e referente amministrativo alla sede Hub.",
        )
    evidence = f"Coordinatore {coordinator.name} ({coordinator.qualification}); referente amministrativo {admin.name}."
    return Check(code, title, Outcome.PASS, evidence, par)


def check_no_coordination_at_spokes(facts: CentreFacts) -> Check:
    """§ 3.2: coordination and administrative management are the Hub's only; a Spoke may not do them."""
    code, title, par = (
        "spokes_no_coordination",
        "Nessun coordinamento o amministrazione presso gli Spoke",
        "All. A § 3.2",
    )
    holders = [s for s in _active_staff(facts) if s.hub_role in (COORDINATOR, ADMIN_LEAD)]
    if not holders:
        return Check(code, title, Outcome.MISSING, "Nessun coordinatore o referente amministrativo registrato.", par)
    at_spokes = [s.name for s in holders if "spoke" in s.seat_kinds]
    if at_spokes:
        return Check(
            code,
            title,
            Outcome.FAIL,
            "Ruoli dell'Hub assegnati anche a sedi Spoke: " + ", ".join(at_spokes) + ".",
            par,
            "Togliere le sedi Spoke da coordinatore e referente amministrativo.",
        )
    return Check(code, title, Outcome.PASS, "Coordinamento e amministrazione solo all'Hub.", par)


def check_opening_hours(facts: CentreFacts) -> Check:
    """§ 3.3: at least 18 hours a week at network level, overlapping openings counted once."""
    code, title, par = "opening_hours", "Almeno 18 ore settimanali di apertura della rete", "All. A § 3.3"
    if not any(facts.seats_slots):
        return Check(
            code, title, Outcome.MISSING, "Nessun orario di apertura registrato.", par, "Inserire gli orari delle sedi."
        )
    hours = network_weekly_hours(facts.seats_slots, facts.on)
    shown = f"{hours:.1f}".replace(".", ",")
    if hours >= MIN_NETWORK_WEEKLY_HOURS:
        return Check(code, title, Outcome.PASS, f"{shown} ore settimanali (sovrapposizioni contate una volta).", par)
    return Check(
        code,
        title,
        Outcome.FAIL,
        f"{shown} ore settimanali: ne servono almeno {MIN_NETWORK_WEEKLY_HOURS}.",
        par,
        "Ampliare gli orari di Hub o Spoke.",
    )


def check_basic_services(facts: CentreFacts) -> Check:
    """§ 3.2: the three basic services are offered."""
    code, title, par = "basic_services", "I tre servizi di base presenti", "All. A § 3.2"
    present = {o.area_code for o in facts.offerings if o.active}
    missing = [c for c in BASIC_SERVICE_CODES if c not in present]
    if not facts.offerings:
        return Check(code, title, Outcome.MISSING, "Nessun servizio registrato.", par, "Inserire i servizi offerti.")
    if missing:
        return Check(
            code,
            title,
            Outcome.FAIL,
            "Mancano: " + ", ".join(missing) + ".",
            par,
            "Aggiungere i servizi di base mancanti.",
        )
    return Check(
        code,
        title,
        Outcome.PASS,
        "Informazione e orientamento, sostegno alla genitorialità, risorse familiari e comunitarie.",
        par,
    )


def check_caregiver_action(facts: CentreFacts) -> Check:
    """§ 3.2 (l.r. 23/2022): every funded Centre has an action dedicated to family caregivers."""
    code, title, par = "caregiver_action", "Un'azione dedicata ai caregiver familiari", "All. A § 3.2"
    if not facts.offerings:
        return Check(code, title, Outcome.MISSING, "Nessun servizio registrato.", par)
    found = [o.name for o in facts.offerings if o.active and any(w in o.text.lower() for w in CAREGIVER_WORDS)]
    if found:
        return Check(code, title, Outcome.PASS, "Azione: " + ", ".join(found) + ".", par)
    return Check(
        code,
        title,
        Outcome.FAIL,
        "Nessun servizio dedicato ai caregiver (parola chiave «caregiver»).",
        par,
        "Aggiungere un'azione per i caregiver familiari.",
    )


def check_profiles(facts: CentreFacts) -> Check:
    """§ 3.2: the essential professional profiles of the multi-professional team are present."""
    code, title, par = "profiles", "Profili professionali essenziali presenti", "All. A § 3.2"
    staff = _active_staff(facts)
    if not staff:
        return Check(code, title, Outcome.MISSING, "Nessun operatore registrato.", par, "Inserire l'équipe.")
    present = {s.profile for s in staff}
    missing = [p for p in ESSENTIAL_PROFILES if p not in present]
    if missing:
        return Check(code, title, Outcome.FAIL, "Mancano: " + ", ".join(missing) + ".", par, "Integrare l'équipe.")
    return Check(code, title, Outcome.PASS, "Tutti i cinque profili essenziali sono presenti.", par)


def _in_force(protocol: ProtocolFact, on: dt.date) -> bool:
    return protocol.valid_from <= on and (protocol.valid_to is None or protocol.valid_to >= on)


def check_protocols(facts: CentreFacts) -> Check:
    """§ 3.1: protocolli operativi in force with the project's partners (roles and referral paths)."""
    code, title, par = "protocols", "Protocolli operativi in vigore con i partner", "All. A § 3.1"
    in_force = [p for p in facts.protocols if _in_force(p, facts.on)]
    if not facts.protocols:
        return Check(
            code, title, Outcome.MISSING, "Nessun protocollo registrato.", par, "Registrare i protocolli operativi."
        )
    if not in_force:
        return Check(
            code, title, Outcome.FAIL, "Nessun protocollo in vigore alla data.", par, "Rinnovare i protocolli scaduti."
        )
    covered = set().union(*(p.party_ids for p in in_force))
    without = sorted(name for pk, name in facts.partners.items() if pk not in covered)
    if without:
        return Check(
            code,
            title,
            Outcome.FAIL,
            "Partner senza protocollo in vigore: " + ", ".join(without) + ".",
            par,
            "Sottoscrivere o rinnovare i protocolli con questi partner.",
        )
    return Check(code, title, Outcome.PASS, f"{len(in_force)} protocolli in vigore con tutti i partner.", par)


def check_carta(facts: CentreFacts) -> Check:
    """§ 3.2: the carta dei servizi, written by the coordinator, is published and current."""
    code, title, par = "carta", "Carta dei servizi pubblicata e aggiornata", "All. A § 3.2"
    if facts.carta is None or facts.carta.published_on is None:
        return Check(
            code, title, Outcome.FAIL, "Carta dei servizi non pubblicata.", par, "Generare e pubblicare la carta."
        )
    day = facts.carta.published_on.strftime("%d/%m/%Y")
    if not facts.carta.current:
        return Check(
            code,
            title,
            Outcome.FAIL,
            f"Pubblicata il {day}, ma il registro è cambiato dopo.",
            par,
            "Pubblicare una nuova versione della carta.",
        )
    return Check(code, title, Outcome.PASS, f"Pubblicata il {day} e aggiornata.", par)


CHECKS: tuple[Callable[[CentreFacts], Check], ...] = (
    check_hub_roles,
    check_no_coordination_at_spokes,
    check_opening_hours,
    check_basic_services,
    check_caregiver_action,
    check_profiles,
    check_protocols,
    check_carta,
)


def evaluate(facts: CentreFacts) -> CentreReport:
    return CentreReport(name=facts.name, checks=[check(facts) for check in CHECKS])


def hours_total(facts: CentreFacts) -> Decimal:
    return network_weekly_hours(facts.seats_slots, facts.on)
