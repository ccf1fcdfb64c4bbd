"""The scheda di rilevazione (the indicators the Region gave every Centre) as data: every indicator with its Italian name, its
definition, the records it counts, its unit, its breakdowns and the registered formula that
computes it from the daily records. Users never type SQL: a formula is one of the `Part`
declarations below, evaluated by `monitoring.selectors`.

Distinct counts ("nuclei distinti") count a family once per cell however many records it has in
the period or at how many seats of its Centre; anonymous contacts and anonymous headcounts have no
family and so count towards accesses and participations, never towards distinct families. A merge
moves the duplicate's records to the surviving family (families.services.family_merge), so the
pair counts once; an erased family is anonymised in place and keeps counting."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from monitoring.periods import Period
from monitoring.profiles import Profile

CATALOGUE_VERSION = "2026.2"  # 2026.2: area, sex, age band and citizenship breakdowns

ADDITIVE = "additive"  # a count or a sum: children add up to their parent
DISTINCT = "distinct"  # distinct families: never summed across periods or seats
RATIO = "ratio"  # a percentage of two other indicators


def _on(path: str) -> Callable[[Period], Q]:
    return lambda p: Q(**{f"{path}__gte": p.start, f"{path}__lte": p.end})


def _active(start: str, end: str) -> Callable[[Period], Q]:
    """Open at some day of the period: started by its end and not ended before its start."""
    return lambda p: Q(**{f"{start}__lte": p.end}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": p.start}))


def _session_day(path: str) -> Callable[[Period], Q]:
    return lambda p: Q(**{f"{path}__date__gte": p.start, f"{path}__date__lte": p.end})


@dataclass(frozen=True)
class Breakdown:
    code: str
    label: Promise
    choices: str  # dotted path of the TextChoices giving the category labels, or of a model with code and name

    def labels(self) -> dict[str, str]:
        """Category code → the name a person reads."""
        import importlib

        from django.db.models import Model

        # "app.module.Class.Nested": import the longest module prefix, then follow attributes.
        parts = self.choices.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            try:
                source: Any = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            for name in parts[cut:]:
                source = getattr(source, name)
            break
        else:
            raise ImportError(self.choices)
        if isinstance(source, type) and issubclass(source, Model):
            return {str(code): str(name) for code, name in source._default_manager.values_list("code", "name")}
        return {str(v): str(label) for v, label in source.choices}


BREAKDOWNS: dict[str, Breakdown] = {
    b.code: b
    for b in (
        Breakdown("canale", _("canale"), "families.codes.Channel"),
        Breakdown("motivo", _("motivo dell'accesso"), "families.codes.AccessReason"),
        Breakdown("destinazione", _("tipo di servizio specialistico"), "network.models.ReferralDestination.Kind"),
        Breakdown("esito", _("esito dell'invio"), "families.models.Referral.Status"),
        Breakdown("tipo_attivita", _("tipo di attività"), "activities.models.Kind"),
        Breakdown("fragilita", _("categoria di fragilità"), "families.codes.FragilityCategory"),
        Breakdown("area", _("area di servizio"), "network.models.ServiceArea"),
        Breakdown("sesso", _("sesso della persona di riferimento"), "monitoring.profiles.SexCategory"),
        Breakdown("eta", _("fascia d'età della persona di riferimento"), "monitoring.profiles.AgeBand"),
        Breakdown("cittadinanza", _("cittadinanza della persona di riferimento"), "monitoring.profiles.Citizenship"),
    )
}


@dataclass(frozen=True)
class Part:
    """One query over one kind of record: rows of `model` at the seat reached by `seat`, dated in
    the period by `when`, matching `where`; counted (distinct `distinct`, or summed `total`)."""

    model: str  # "app_label.ModelName"
    seat: str  # path from the record to network.Seat
    when: Callable[[Period], Q]
    where: Q = field(default_factory=Q)
    distinct: str | None = None  # field counted once (e.g. the family)
    total: str | None = None  # summed field instead of counting rows
    comune: str | None = None  # path to the comune of residence, when the record knows it
    breakdowns: dict[str, "str | Profile"] = field(default_factory=dict)  # breakdown code → field path or profile


@dataclass(frozen=True)
class Indicator:
    code: str
    name: Promise
    definition: Promise
    counts: Promise  # which records it counts, in words
    unit: Promise
    kind: str
    parts: tuple[Part, ...] = ()
    ratio_of: tuple[str, str] | None = None  # (numerator, denominator) codes
    about_people: bool = True  # counts of people or families are suppressed below k
    references: tuple[tuple[Promise, "str | Promise"], ...] = ()  # values the decrees publish, shown beside ours

    @property
    def breakdowns(self) -> list[Breakdown]:
        if not self.parts:
            return []
        common = set(self.parts[0].breakdowns)
        for part in self.parts[1:]:
            common &= set(part.breakdowns)
        return [BREAKDOWNS[c] for c in self.parts[0].breakdowns if c in common]


def _people(family: str) -> dict[str, "str | Profile"]:
    """Sex, age band and citizenship of the reference person of the record's family."""
    return {code: Profile(family, attribute) for code, attribute in PROFILE_BREAKDOWNS}


PROFILE_BREAKDOWNS = (("sesso", "sex"), ("eta", "age"), ("cittadinanza", "citizenship"))


def _with_people(family: str, **paths: str) -> dict[str, "str | Profile"]:
    out: dict[str, str | Profile] = dict(paths)
    out.update(_people(family))
    return out


_CONTACT = "families.Contact"
_IN_PERSON = Q(channel="presenza")
_DESK_CHANNELS = Q(channel__in=("presenza", "telefono", "email"))
_TRAINING_KINDS = ("ciclo_incontri", "corso_genitorialita", "formazione_operatori", "evento_comunita")
_GROUP_KINDS = ("laboratorio", "auto_mutuo_aiuto", "gruppo_parola", "aiuto_compiti")
_CONTACT_BREAKDOWNS: dict[str, "str | Profile"] = {"canale": "channel", "motivo": "reason"}


def _attendance_parts(where_kind: Q | None = None, prefix: str = "session__activity__kind") -> tuple[Part, Part]:
    kinds = where_kind if where_kind is not None else Q()
    return (
        Part(
            "activities.Attendance",
            "session__activity__seat",
            _session_day("session__starts_at"),
            Q(present=True, session__cancelled=False) & kinds,
            breakdowns={"tipo_attivita": prefix, "area": "session__activity__area__code"},
        ),
        Part(
            "activities.AnonymousHeadcount",
            "session__activity__seat",
            _session_day("session__starts_at"),
            Q(session__cancelled=False) & kinds,
            total="count",
            breakdowns={"tipo_attivita": prefix, "area": "session__activity__area__code"},
        ),
    )


def _kinds(kinds: tuple[str, ...]) -> Q:
    return Q(session__activity__kind__in=kinds)


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "accessi_fisici",
        _("Accessi fisici ai centri e ai punti di accesso"),
        _("Numero di contatti in presenza presso una sede Hub o Spoke nel periodo, anche anonimi."),
        _("Contatti (accessi) con canale «in presenza in sede»."),
        _("accessi"),
        ADDITIVE,
        (Part(_CONTACT, "seat", _on("date"), _IN_PERSON, comune="family__comune", breakdowns={"motivo": "reason"}),),
        about_people=False,
        references=((_("2023"), ">9.000"), (_("dicembre 2024"), "11.371")),
    ),
    Indicator(
        "contatti",
        _("Contatti per qualsiasi canale"),
        _(
            "Numero di contatti nel periodo per qualsiasi canale (presenza, telefono, e-mail, social, eventi), anche anonimi."
        ),
        _("Tutti i contatti (accessi)."),
        _("contatti"),
        ADDITIVE,
        (Part(_CONTACT, "seat", _on("date"), comune="family__comune", breakdowns=_CONTACT_BREAKDOWNS),),
        about_people=False,
    ),
    Indicator(
        "persone_raggiunte",
        _("Nuclei raggiunti per qualsiasi canale"),
        _(
            "Famiglie o persone registrate distinte con almeno un contatto nel periodo, per qualsiasi canale. "
            "I contatti anonimi non contano: non identificano un nucleo."
        ),
        _("Contatti con una famiglia registrata, contata una volta."),
        _("nuclei distinti"),
        DISTINCT,
        (
            Part(
                _CONTACT,
                "seat",
                _on("date"),
                distinct="family",
                comune="family__comune",
                breakdowns=_CONTACT_BREAKDOWNS | _people("family"),
            ),
        ),
        references=((_("2023"), ">27.000"),),
    ),
    Indicator(
        "utenti_sportello",
        _("Utenti degli sportelli di ascolto e orientamento"),
        _("Nuclei distinti con almeno un contatto di sportello (in presenza, telefono o e-mail) nel periodo."),
        _("Contatti in presenza, per telefono o e-mail con una famiglia registrata."),
        _("nuclei distinti"),
        DISTINCT,
        (
            Part(
                _CONTACT,
                "seat",
                _on("date"),
                _DESK_CHANNELS,
                distinct="family",
                comune="family__comune",
                breakdowns=_with_people("family", motivo="reason"),
            ),
        ),
        references=((_("ATS Val Padana, set. 2022 – 2024"), "3.644"),),
    ),
    Indicator(
        "partecipanti_interventi",
        _("Nuclei che hanno aderito ad almeno un intervento"),
        _("Nuclei distinti con almeno un intervento della scheda progettuale in corso nel periodo."),
        _("Interventi delle schede progettuali (inizio entro la fine del periodo, fine non precedente al suo inizio)."),
        _("nuclei distinti"),
        DISTINCT,
        (
            Part(
                "families.Intervention",
                "scheda__family__seat",
                _active("start_date", "end_date"),
                distinct="scheda__family",
                comune="scheda__family__comune",
                breakdowns=_with_people("scheda__family", area="service_area__code"),
            ),
        ),
        references=((_("2023"), ">5.000"), (_("dicembre 2024"), "15.958")),
    ),
    Indicator(
        "invii",
        _("Invii ai servizi specialistici"),
        _("Invii a un servizio specialistico effettuati nel periodo, per tipo di servizio ed esito."),
        _("Invii (data di invio nel periodo), esclusi quelli ritirati."),
        _("invii"),
        ADDITIVE,
        (
            Part(
                "families.Referral",
                "family__seat",
                _on("sent_on"),
                ~Q(status="ritirato"),
                comune="family__comune",
                breakdowns={"destinazione": "destination__kind", "esito": "status"},
            ),
        ),
        references=((_("2023"), "~500"),),
    ),
    Indicator(
        "famiglie_integrate",
        _("Famiglie seguite in modo integrato"),
        _("Nuclei distinti con una presa in carico integrata con altri servizi aperta in qualche giorno del periodo."),
        _("Prese in carico integrate (inizio entro la fine del periodo, non chiuse prima del suo inizio)."),
        _("nuclei distinti"),
        DISTINCT,
        (
            Part(
                "families.IntegratedFollowUp",
                "scheda__family__seat",
                _active("start_date", "closed_on"),
                distinct="scheda__family",
                comune="scheda__family__comune",
                breakdowns=_people("scheda__family"),
            ),
        ),
        references=((_("2023"), "~500"), (_("dicembre 2024, invii e prese in carico"), "1.135")),
    ),
    Indicator(
        "fragilita",
        _("Nuclei con fragilità particolari"),
        _(
            "Nuclei distinti la cui scheda progettuale, aperta in qualche giorno del periodo, segnala una fragilità particolare."
        ),
        _("Schede progettuali con «fragilità particolare»."),
        _("nuclei distinti"),
        DISTINCT,
        (
            Part(
                "families.Scheda",
                "family__seat",
                _active("opened_on", "closed_on"),
                Q(is_fragile=True),
                distinct="family",
                comune="family__comune",
                breakdowns=_with_people("family", fragilita="fragility_category"),
            ),
        ),
        references=((_("2023"), ">300"),),
    ),
    Indicator(
        "incontri_organizzati",
        _("Incontri e attività socio-educative organizzati"),
        _("Incontri (sessioni non annullate) delle attività di gruppo svolti nel periodo."),
        _("Sessioni delle attività, esclusi gli incontri annullati."),
        _("incontri"),
        ADDITIVE,
        (
            Part(
                "activities.Session",
                "activity__seat",
                _session_day("starts_at"),
                Q(cancelled=False),
                breakdowns={"tipo_attivita": "activity__kind"},
            ),
        ),
        about_people=False,
        references=((_("2023"), ">1.000"), (_("dicembre 2024"), "1.843")),
    ),
    Indicator(
        "presenze_attivita",
        _("Presenze alle attività di gruppo"),
        _("Presenze registrate agli incontri del periodo: partecipanti nominativi presenti più i conteggi anonimi."),
        _("Fogli presenze (presenti) e conteggi anonimi delle sessioni non annullate."),
        _("presenze"),
        ADDITIVE,
        _attendance_parts(),
    ),
    Indicator(
        "partecipanti_attivita",
        _("Nuclei partecipanti alle attività di gruppo"),
        _("Nuclei distinti con almeno una presenza a un incontro del periodo (i conteggi anonimi non contano)."),
        _("Fogli presenze: iscrizioni di una famiglia registrata segnate presenti."),
        _("nuclei distinti"),
        DISTINCT,
        (
            Part(
                "activities.Attendance",
                "session__activity__seat",
                _session_day("session__starts_at"),
                Q(present=True, session__cancelled=False, registration__family__isnull=False),
                distinct="registration__family",
                comune="registration__family__comune",
                breakdowns=_with_people(
                    "registration__family",
                    tipo_attivita="session__activity__kind",
                    area="session__activity__area__code",
                ),
            ),
        ),
    ),
    Indicator(
        "quota_partecipanti",
        _("Quota dei nuclei raggiunti che partecipano alle attività di gruppo"),
        _("Nuclei partecipanti alle attività di gruppo diviso nuclei raggiunti per qualsiasi canale, in percentuale."),
        _("Rapporto tra i due indicatori «nuclei partecipanti» e «nuclei raggiunti»."),
        _("%"),
        RATIO,
        ratio_of=("partecipanti_attivita", "persone_raggiunte"),
        references=((_("2023"), _("circa la metà degli utenti")),),
    ),
    Indicator(
        "partecipanti_formazione",
        _("Partecipazioni alle iniziative formative e informative"),
        _(
            "Presenze a cicli di incontri, corsi di accompagnamento alla genitorialità, formazione e eventi di comunità."
        ),
        _("Fogli presenze e conteggi anonimi delle attività formative e informative."),
        _("presenze"),
        ADDITIVE,
        _attendance_parts(_kinds(_TRAINING_KINDS)),
        references=((_("ATS Val Padana, set. 2022 – 2024"), "1.857"),),
    ),
    Indicator(
        "partecipanti_gruppo",
        _("Partecipazioni alle attività di gruppo e ai laboratori"),
        _("Presenze a laboratori, gruppi di auto mutuo aiuto, gruppi di parola e aiuto compiti."),
        _("Fogli presenze e conteggi anonimi delle attività di gruppo e laboratoriali."),
        _("presenze"),
        ADDITIVE,
        _attendance_parts(_kinds(_GROUP_KINDS)),
        references=((_("ATS Val Padana, set. 2022 – 2024"), "725"),),
    ),
)

BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}


def get(code: str) -> Indicator | None:
    return BY_CODE.get(code)


def today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()
