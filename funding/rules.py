"""Regole di finanziamento dei Centri per la Famiglia: puro Python, senza Django.

Solo ``Decimal`` (mai ``float``). Fonti:

* D.G.R. 1507/2023, DELIBERA punto 4: Fondo 2023 4.245.000,00 € «con risorse
  regionali per euro 2.287.000,00, di cui euro 290.000,00 relativi alla l.r. 23/2022» (premessa:
  «per complessivi euro 6.532.000,00»); punto 5: «tali risorse verranno ripartite alle ATS
  lombarde per il 30% sulla base della popolazione residente (dati Istat 01 gennaio 2023) e per
  il restante 70% in parti uguali»; Allegato A
  §4 «Modalità attuative»: «Il contributo regionale riconoscibile per ogni progettualità (sia
  già attiva che nuova) sarà pari a massimo euro 70.000,00 per 12 mesi a partire
  dall'accettazione del contributo eventualmente prorogabili».
* avviso ATS Val Padana 2024: contributo «fino ad un massimo del 70% del costo
  complessivo e comunque non superiore a 70.000 euro. La restante quota, pari ad almeno il 30%,
  viene sostenuta dal capofila o dal partenariato a titolo di cofinanziamento».
* D.G.R. XII/5464 del 09/12/2025, premessa «VALUTATO di destinare…», DELIBERA punto
  1 e Allegato A §4.4 «Risorse»: 3.000.000,00 € (1.000.000,00 € l'anno) «ripartito in base al
  numero di abitanti (fonte ISTAT al 31/12/2024)», con la tabella per ATS arrotondata a
  10.000 €. Regola che la riproduce ESATTAMENTE dagli abitanti: resti più grandi (Hamilton)
  all'unità di 10.000 € (``ROUNDING_UNIT_DGR_5464_2025``). Quote in decine di migliaia:
  34,71 / 14,60 / 2,93 / 12,09 / 11,09 / 11,61 / 7,59 / 5,38; somma delle parti intere 96, le
  4 unità residue vanno ai resti più grandi (Montagna ,93; Città Metropolitana ,71; Brescia
  ,61; Insubria ,598 contro Val Padana ,591). L'arrotondamento «commerciale» alla stessa
  unità dà Val Padana 80.000 e totale 1.010.000; D'Hondt coincide, Sainte-Laguë no.
"""

from __future__ import annotations

import decimal
import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Context, Decimal
from functools import reduce

from common.formatting import format_eur

__all__ = [
    "CALL_ATS_VAL_PADANA_2024",
    "CALL_DGR_1507_2023",
    "CENT",
    "MAX_CONTRIBUTION_PER_PROJECT",
    "MAX_SHARE_OF_COST",
    "MIN_COFINANCING",
    "PROJECT_DURATION_MONTHS",
    "ROUNDING_UNIT_DGR_5464_2025",
    "AllocationLine",
    "AllocationResult",
    "BudgetLine",
    "CallRules",
    "Component",
    "ComponentKind",
    "PopulationSnapshot",
    "RuleError",
    "Text",
    "Violation",
    "allocate",
    "check_project_budget",
    "contribution_due",
    "expense_fits_budget_line",
    "format_eur",
    "max_contribution_for",
]

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ROUNDING_UNIT_DGR_5464_2025 = Decimal("10000.00")
RAW_QUOTA_EXPONENT = Decimal("1E-10")
# Aritmetica esatta: ogni arrotondamento è un errore (solo +, -, *, //, %).
_EXACT = Context(
    prec=decimal.MAX_PREC,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_DISPLAY = Context(prec=80)


def gettext_noop(message: str) -> str:
    """Segna una voce del catalogo per ``makemessages`` (che riconosce il nome) senza Django."""
    return message


# Il catalogo dei testi delle regole: chiave → msgid italiano con segnaposti per nome. Le regole
# restituiscono chiavi e parametri (``Text``); la traduzione la installa l'app
# (``FundingConfig.ready()`` → ``install_translator(gettext)``), così l'interfaccia inglese
# mostra l'inglese. Le percentuali arrivano nei parametri già con il segno «%».
MESSAGES: dict[str, str] = {
    # nomi dei valori controllati (parametro ``what`` dei messaggi generici)
    "what_total": gettext_noop("totale"),
    "what_total_to_allocate": gettext_noop("totale da ripartire"),
    "what_rounding_unit": gettext_noop("unità di arrotondamento"),
    "what_weight": gettext_noop("peso"),
    "what_component": gettext_noop("componente «{label}»"),
    "what_component_share": gettext_noop("quota del componente «{label}»"),
    "what_population": gettext_noop("popolazione ({source})"),
    "what_ceiling": gettext_noop("massimale"),
    "what_max_share": gettext_noop("quota massima del costo"),
    "what_min_cofinancing": gettext_noop("cofinanziamento minimo"),
    "what_budget_line": gettext_noop("voce «{label}»"),
    "what_total_cost": gettext_noop("costo totale"),
    "what_requested": gettext_noop("contributo richiesto"),
    "what_expense": gettext_noop("spesa"),
    "what_already_reported": gettext_noop("già rendicontato"),
    "what_approved_expenses": gettext_noop("spese approvate"),
    "what_granted": gettext_noop("contributo concesso"),
    # valori
    "not_decimal": gettext_noop("{what}: usare Decimal, non {kind}"),
    "not_finite": gettext_noop("{what}: valore non finito ({value})"),
    "negative_amount": gettext_noop("{what}: importo negativo ({amount})"),
    "negative_percent": gettext_noop("{what}: percentuale negativa ({value})"),
    "percent_over_100": gettext_noop("{what}: percentuale superiore a 100 ({value})"),
    "more_than_cents": gettext_noop("{what}: l'importo {value} ha più di due decimali"),
    # motore di riparto (D.G.R. XII/5464, Allegato A § 4.4)
    "population_repeated": gettext_noop("popolazione: destinatario ripetuto"),
    "population_not_integer": gettext_noop("popolazione di {destinatari}: intero non negativo richiesto ({value})"),
    "snapshot_only_population": gettext_noop("fotografia della popolazione solo per la quota popolazione"),
    "component_repeated": gettext_noop("componente «{label}»: destinatario ripetuto"),
    "component_negative": gettext_noop("componente «{label}»: valore negativo per {destinatari} ({value})"),
    "unexpected_recipients": gettext_noop("{what}: destinatari non previsti: {destinatari}"),
    "missing_recipients": gettext_noop("{what}: mancano i destinatari {destinatari}"),
    "unit_not_positive": gettext_noop("l'unità di arrotondamento deve essere positiva ({unit})"),
    "total_not_multiple": gettext_noop(
        "il totale {total} non è multiplo dell'unità di arrotondamento {unit}: le parti non potrebbero "
        "sommare esattamente al totale"
    ),
    "no_recipients": gettext_noop("nessun destinatario"),
    "recipients_repeated": gettext_noop("destinatari ripetuti"),
    "no_components": gettext_noop("nessun componente di riparto"),
    "shares_not_100": gettext_noop("le quote dei componenti sommano a {shares} invece di {expected}"),
    "fixed_sum": gettext_noop("componente «{label}»: gli importi fissi sommano a {amount} invece di {expected}"),
    "weights_zero": gettext_noop("componente «{label}»: la somma dei pesi è zero"),
    "internal_error": gettext_noop("errore interno di riparto: unità residue fuori intervallo"),
    # avviso e progetto (D.G.R. 1507/2023, Allegato A § 4; avviso ATS Val Padana 2024)
    "duration_not_positive": gettext_noop("durata non positiva ({months} mesi)"),
    "cost_not_positive": gettext_noop("Il costo totale deve essere positivo ({cost})."),
    "contribution_negative": gettext_noop("Il contributo richiesto è negativo ({requested})."),
    "over_ceiling": gettext_noop("Il contributo richiesto ({requested}) supera il massimale di {ceiling}."),
    "over_cost": gettext_noop("Il contributo richiesto ({requested}) supera il costo totale ({cost})."),
    "over_share": gettext_noop(
        "Il contributo richiesto ({requested}) supera il {share} del costo totale: massimo {maximum}."
    ),
    "cofinancing_short": gettext_noop(
        "Il cofinanziamento ({cofinancing}) è inferiore al {share} del costo totale ({cost})."
    ),
    # rendicontazione
    "expense_not_positive": gettext_noop("La spesa deve essere positiva ({amount})."),
    "expense_over_line": gettext_noop(
        "La spesa di {amount} supera la disponibilità residua della voce «{label}» ({residual} su {line_amount})."
    ),
}

_translate: Callable[[str], str] = gettext_noop


def install_translator(translate: Callable[[str], str]) -> None:
    global _translate
    _translate = translate


@dataclass(frozen=True)
class Text:
    """Un testo del catalogo con i suoi parametri (un parametro può essere a sua volta un
    ``Text``: il nome del valore controllato); ``render()`` lo dà nella lingua attiva."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    def render(self, extra: Mapping[str, str] | None = None) -> str:
        values = {k: v.render() if isinstance(v, Text) else str(v) for k, v in self.params}
        values.update(extra or {})
        return _translate(MESSAGES[self.key]).format(**values)

    def __str__(self) -> str:
        return self.render()


def _t(key: str, /, **params: object) -> Text:
    return Text(key, tuple(params.items()))


class RuleError(ValueError):
    """Dati in ingresso non validi per una regola di finanziamento (un ``Text`` del catalogo).

    Il motore conosce i destinatari solo per codice: quando il messaggio ne cita alcuni, il
    testo ha il segnaposto ``{destinatari}`` e ``recipients`` i codici; ``named()`` li
    sostituisce con i nomi (l'errore mostrato all'utente nomina le ATS, non i loro codici)."""

    def __init__(self, text: Text, *, recipients: Sequence[str] = ()) -> None:
        self.text = text
        self.recipients = tuple(recipients)
        super().__init__(self.named({}))

    def named(self, labels: Mapping[str, str]) -> str:
        """Il messaggio nella lingua attiva, con i destinatari chiamati per nome (il codice se il
        nome manca)."""
        names = ", ".join(labels.get(r, r) for r in self.recipients)
        return self.text.render({"destinatari": names})

    def __str__(self) -> str:
        return self.named({})


@dataclass(frozen=True)
class Violation:
    """Violazione di una regola: codice stabile per il software, testo del catalogo con i
    parametri; ``message`` è il testo per l'operatore nella lingua attiva."""

    code: str
    text: Text

    @property
    def message(self) -> str:
        return self.text.render()


def _dec(value: object, what: Text) -> Decimal:
    if not isinstance(value, Decimal):
        raise RuleError(_t("not_decimal", what=what, kind=type(value).__name__))
    if not value.is_finite():
        raise RuleError(_t("not_finite", what=what, value=value))
    return value


def _nonneg(value: Decimal, what: Text) -> Decimal:
    if _dec(value, what) < 0:
        raise RuleError(_t("negative_amount", what=what, amount=format_eur(value)))
    return value


def _percent(value: Decimal, what: Text) -> Decimal:
    if _dec(value, what) < 0:
        raise RuleError(_t("negative_percent", what=what, value=value))
    if value > HUNDRED:
        raise RuleError(_t("percent_over_100", what=what, value=value))
    return value


# ---------------------------------------------------------------- motore di riparto


class ComponentKind(enum.Enum):
    POPULATION = "popolazione"
    EQUAL = "parti_uguali"
    FIXED = "importi_fissi"
    WEIGHTS = "pesi"


@dataclass(frozen=True)
class PopulationSnapshot:
    """Abitanti per destinatario a una data (es. ISTAT 31/12/2024); coppie ordinate, immutabili."""

    source: str
    reference_date: date
    populations: tuple[tuple[str, int], ...]

    def __post_init__(self) -> None:
        keys = [k for k, _ in self.populations]
        if len(set(keys)) != len(keys):
            raise RuleError(_t("population_repeated"))
        for key, pop in self.populations:
            if isinstance(pop, bool) or not isinstance(pop, int) or pop < 0:
                raise RuleError(_t("population_not_integer", value=pop), recipients=[key])

    @classmethod
    def of(cls, source: str, reference_date: date, populations: Mapping[str, int]) -> PopulationSnapshot:
        return cls(source, reference_date, tuple(populations.items()))


@dataclass(frozen=True)
class Component:
    """Componente del riparto: ``share`` è la percentuale del totale (le quote sommano a 100).

    POPULATION: pesi = abitanti della fotografia (destinatario mancante = errore); EQUAL: parti
    uguali; WEIGHTS: pesi arbitrari ≥ 0; FIXED: importi fissi che devono sommare esattamente a
    share% del totale.
    """

    kind: ComponentKind
    share: Decimal
    label: str = ""
    snapshot: PopulationSnapshot | None = None
    values: tuple[tuple[str, Decimal], ...] = ()

    def __post_init__(self) -> None:
        _percent(self.share, _t("what_component_share", label=self.label or self.kind.value))
        if (self.kind is ComponentKind.POPULATION) != (self.snapshot is not None):
            raise RuleError(_t("snapshot_only_population"))
        keys = [k for k, _ in self.values]
        if len(set(keys)) != len(keys):
            raise RuleError(_t("component_repeated", label=self.label))
        for key, value in self.values:
            if _dec(value, _t("what_weight")) < 0:
                raise RuleError(_t("component_negative", label=self.label, value=value), recipients=[key])

    @classmethod
    def by_population(cls, share: Decimal, snapshot: PopulationSnapshot, label: str = "quota popolazione") -> Component:
        return cls(ComponentKind.POPULATION, share, label, snapshot=snapshot)

    @classmethod
    def equal_parts(cls, share: Decimal, label: str = "quota in parti uguali") -> Component:
        return cls(ComponentKind.EQUAL, share, label)

    @classmethod
    def fixed_amounts(cls, share: Decimal, amounts: Mapping[str, Decimal], label: str = "importi fissi") -> Component:
        return cls(ComponentKind.FIXED, share, label, values=tuple(amounts.items()))

    @classmethod
    def by_weights(cls, share: Decimal, weights: Mapping[str, Decimal], label: str = "quota a pesi") -> Component:
        return cls(ComponentKind.WEIGHTS, share, label, values=tuple(weights.items()))

    def weights_for(self, recipients: Sequence[str]) -> list[Decimal]:
        """Pesi nell'ordine dei destinatari; un destinatario mancante è un errore."""
        if self.kind is ComponentKind.EQUAL:
            return [Decimal(1)] * len(recipients)
        source: dict[str, Decimal]
        if self.snapshot is not None:
            source = {k: Decimal(v) for k, v in self.snapshot.populations}
            what = _t("what_population", source=self.snapshot.source)
        else:
            source = dict(self.values)
            what = _t("what_component", label=self.label)
            extra = sorted(set(source) - set(recipients))
            if extra:
                raise RuleError(_t("unexpected_recipients", what=what), recipients=extra)
        missing = [r for r in recipients if r not in source]
        if missing:
            raise RuleError(_t("missing_recipients", what=what), recipients=missing)
        return [source[r] for r in recipients]


@dataclass(frozen=True)
class AllocationLine:
    """Riga per destinatario: quota esatta (10 decimali, solo per lettura), importo, dettaglio."""

    recipient: str
    raw_quota: Decimal
    amount: Decimal
    component_quotas: tuple[Decimal, ...]
    component_amounts: tuple[Decimal, ...]


@dataclass(frozen=True)
class AllocationResult:
    """Risultato con gli ingressi riportati, così da poterlo salvare e ricalcolare."""

    total: Decimal
    recipients: tuple[str, ...]
    components: tuple[Component, ...]
    rounding_unit: Decimal
    lines: tuple[AllocationLine, ...] = ()

    def amounts(self) -> dict[str, Decimal]:
        return {line.recipient: line.amount for line in self.lines}

    def line(self, recipient: str) -> AllocationLine:
        for item in self.lines:
            if item.recipient == recipient:
                return item
        raise KeyError(recipient)

    def recompute(self) -> AllocationResult:
        return allocate(self.total, self.recipients, self.components, self.rounding_unit)


def allocate(
    total: Decimal, recipients: Sequence[str], components: Sequence[Component], rounding_unit: Decimal = CENT
) -> AllocationResult:
    """Ripartisce ``total`` tra ``recipients`` con il metodo dei resti più grandi (Hamilton).

    Quota esatta di r: somma sui componenti di total × share/100 × peso_r / Σpesi, calcolata
    senza arrotondamenti (denominatore comune, frazioni intere in ``Decimal``). Ciascuno riceve
    la parte intera della quota in unità di arrotondamento; le unità residue (sempre meno dei
    destinatari) vanno una per uno in ordine di: resto maggiore, poi quota (peso) maggiore, poi
    codice del destinatario in ordine crescente. Perché: la somma è sempre il totale al
    centesimo (l'arrotondamento riga per riga può sbagliare di qualche unità, cfr. il riparto
    CpF 2023 che ne perde una), ogni parte dista meno di un'unità dalla sua quota, e a parità di
    resto un'unità pesa meno, in proporzione, sul destinatario più grande; l'ultimo criterio
    rende il risultato indipendente dall'ordine di immissione.

    Il totale deve essere multiplo di ``rounding_unit``: con parti multiple dell'unità un totale
    diverso non si può raggiungere esattamente (errore, non un resto nascosto). Il dettaglio per
    componente di ogni riga è ripartito con la stessa regola (a parità: ordine dei componenti) e
    somma all'importo della riga; le colonne possono scostarsi di poche unità da share% × totale.
    """
    total = _dec(total, _t("what_total"))
    unit = _dec(rounding_unit, _t("what_rounding_unit"))
    _nonneg(total, _t("what_total_to_allocate"))
    if unit <= 0:
        raise RuleError(_t("unit_not_positive", unit=unit))
    if _EXACT.remainder(total, unit) != 0:
        raise RuleError(_t("total_not_multiple", total=format_eur(total), unit=format_eur(unit)))
    keys = tuple(recipients)
    if not keys:
        raise RuleError(_t("no_recipients"))
    if len(set(keys)) != len(keys):
        raise RuleError(_t("recipients_repeated"))
    comps = tuple(components)
    if not comps:
        raise RuleError(_t("no_components"))
    shares = _sum_exact([c.share for c in comps])
    if shares != HUNDRED:
        raise RuleError(_t("shares_not_100", shares=f"{_num_text(shares)}%", expected="100%"))

    weights: list[list[Decimal]] = []
    sums: list[Decimal] = []
    for comp in comps:
        w = comp.weights_for(keys)
        s = _sum_exact(w)
        if comp.kind is ComponentKind.FIXED:
            expected = _EXACT.multiply(total, comp.share).scaleb(-2, _EXACT)
            if s != expected:
                raise RuleError(_t("fixed_sum", label=comp.label, amount=format_eur(s), expected=format_eur(expected)))
        elif s == 0:
            raise RuleError(_t("weights_zero", label=comp.label))
        weights.append(w)
        sums.append(s if s != 0 else Decimal(1))

    # Quota_rc = numer_rc / denom con denom = 100 × Π Σpesi: solo prodotti e somme esatti.
    denom = _prod(HUNDRED, *sums)
    numer = [
        [_prod(total, c.share, weights[j][i], *(s for k, s in enumerate(sums) if k != j)) for j, c in enumerate(comps)]
        for i in range(len(keys))
    ]
    row_numer = [_sum_exact(row) for row in numer]
    units_total = int(_EXACT.divide_int(total, unit))
    units = _hamilton(row_numer, denom, unit, units_total, order_keys=keys)

    exponent = min(unit, CENT, key=lambda d: d.as_tuple().exponent)
    lines = []
    for i, key in enumerate(keys):
        parts = _hamilton(numer[i], denom, unit, units[i], order_keys=None)
        lines.append(
            AllocationLine(
                recipient=key,
                raw_quota=_display(row_numer[i], denom),
                amount=_money(units[i], unit, exponent),
                component_quotas=tuple(_display(n, denom) for n in numer[i]),
                component_amounts=tuple(_money(p, unit, exponent) for p in parts),
            )
        )
    return AllocationResult(total, keys, comps, unit, tuple(lines))


def _sum_exact(values: Sequence[Decimal]) -> Decimal:
    return reduce(_EXACT.add, values, Decimal(0))


def _prod(*factors: Decimal) -> Decimal:
    return reduce(_EXACT.multiply, factors, Decimal(1))


def _num_text(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _display(numer: Decimal, denom: Decimal) -> Decimal:
    return _DISPLAY.divide(numer, denom).quantize(RAW_QUOTA_EXPONENT, ROUND_HALF_EVEN, _DISPLAY)


def _money(units: int, unit: Decimal, exponent: Decimal) -> Decimal:
    return _EXACT.multiply(Decimal(units), unit).quantize(exponent, context=_DISPLAY)


def _hamilton(
    numers: Sequence[Decimal], denom: Decimal, unit: Decimal, units_total: int, order_keys: Sequence[str] | None
) -> list[int]:
    """Resti più grandi su quote ``numers[i] / denom`` in unità ``unit`` fino a ``units_total``.

    Parità: resto maggiore, poi quota maggiore, poi chiave crescente (o posizione se senza chiavi).
    """
    scale = _EXACT.multiply(denom, unit)
    floors = [int(_EXACT.divide_int(n, scale)) for n in numers]
    rests = [_EXACT.remainder(n, scale) for n in numers]
    missing = units_total - sum(floors)
    if not 0 <= missing <= len(numers):  # impossibile se le quote sommano al totale
        raise RuleError(_t("internal_error"))
    order = sorted(range(len(numers)), key=lambda i: (-rests[i], -numers[i], order_keys[i] if order_keys else "", i))
    for i in order[:missing]:
        floors[i] += 1
    return floors


# ---------------------------------------------------------------- contributi ai progetti


@dataclass(frozen=True)
class CallRules:
    """Regole di un avviso: massimale €, % massima del costo, % minima cofinanziamento, mesi."""

    max_contribution: Decimal
    max_share_of_cost: Decimal = HUNDRED
    min_cofinancing: Decimal = Decimal(0)
    duration_months: int = 12

    def __post_init__(self) -> None:
        _nonneg(self.max_contribution, _t("what_ceiling"))
        _percent(self.max_share_of_cost, _t("what_max_share"))
        _percent(self.min_cofinancing, _t("what_min_cofinancing"))
        if self.duration_months <= 0:
            raise RuleError(_t("duration_not_positive", months=self.duration_months))


# D.G.R. 1507/2023, Allegato A § 4 «Modalità attuative»: «Il contributo regionale riconoscibile
# per ogni progettualità … sarà pari a massimo euro 70.000,00 per 12 mesi a partire
# dall'accettazione del contributo». Production reads these constants (Call defaults and
# validators, API schemas): changing one changes the product.
MAX_CONTRIBUTION_PER_PROJECT = Decimal("70000.00")
PROJECT_DURATION_MONTHS = 12
# Avviso ATS Val Padana 2024 (attuazione della D.G.R. 1507/2023): contributo «fino ad un massimo
# del 70% del costo complessivo»; «la restante quota, pari ad almeno il 30%» è cofinanziamento.
MAX_SHARE_OF_COST = Decimal(70)
MIN_COFINANCING = Decimal(30)

CALL_DGR_1507_2023 = CallRules(max_contribution=MAX_CONTRIBUTION_PER_PROJECT, duration_months=PROJECT_DURATION_MONTHS)
CALL_ATS_VAL_PADANA_2024 = CallRules(
    max_contribution=MAX_CONTRIBUTION_PER_PROJECT,
    max_share_of_cost=MAX_SHARE_OF_COST,
    min_cofinancing=MIN_COFINANCING,
    duration_months=PROJECT_DURATION_MONTHS,
)


# Defaults of a new call (model fields and API schemas call these, so they read the constants
# above at the time the call is created).
def default_max_contribution() -> Decimal:
    return MAX_CONTRIBUTION_PER_PROJECT


def default_max_share_of_cost() -> Decimal:
    return MAX_SHARE_OF_COST


def default_min_cofinancing() -> Decimal:
    return MIN_COFINANCING


def default_duration_months() -> int:
    return PROJECT_DURATION_MONTHS


@dataclass(frozen=True)
class BudgetLine:
    """Voce del piano dei costi del progetto (es. «Personale») con il suo importo previsto."""

    code: str
    label: str
    amount: Decimal

    def __post_init__(self) -> None:
        _nonneg(self.amount, _t("what_budget_line", label=self.label))


def _pct_of(percent: Decimal, amount: Decimal) -> Decimal:
    """percent% di amount, esatto (nessun arrotondamento intermedio)."""
    return _EXACT.multiply(percent, amount).scaleb(-2, _EXACT)


def _money_in(value: Decimal, what: Text, violations: list[Violation]) -> bool:
    if _dec(value, what) != value.quantize(CENT, ROUND_DOWN, _DISPLAY):
        violations.append(
            Violation("importo_non_in_centesimi", _t("more_than_cents", what=what, value=_num_text(value)))
        )
        return False
    return True


def check_project_budget(total_cost: Decimal, requested_contribution: Decimal, call: CallRules) -> list[Violation]:
    """Verifica il contributo richiesto; cofinanziamento = costo totale − contributo.

    Limiti inclusi: 70.000,00 € e il 70% esatto sono ammessi, 70.000,01 € no.
    """
    out: list[Violation] = []
    if not (
        _money_in(total_cost, _t("what_total_cost"), out)
        and _money_in(requested_contribution, _t("what_requested"), out)
    ):
        return out
    cost, req = format_eur(total_cost), format_eur(requested_contribution)
    if total_cost <= 0:
        return [Violation("costo_non_positivo", _t("cost_not_positive", cost=cost))]
    if requested_contribution < 0:
        return [Violation("contributo_negativo", _t("contribution_negative", requested=req))]
    # D.G.R. 1507/2023, Allegato A § 4: «massimo euro 70.000,00 per 12 mesi».
    if requested_contribution > call.max_contribution:
        ceiling = format_eur(call.max_contribution)
        out.append(Violation("contributo_oltre_massimale", _t("over_ceiling", requested=req, ceiling=ceiling)))
    if requested_contribution > total_cost:
        out.append(Violation("contributo_oltre_costo", _t("over_cost", requested=req, cost=cost)))
    # Avviso ATS Val Padana 2024: «fino ad un massimo del 70% del costo complessivo».
    elif _pct_of(call.max_share_of_cost, total_cost) < requested_contribution:
        share, maximum = f"{_num_text(call.max_share_of_cost)}%", format_eur(max_contribution_for(total_cost, call))
        out.append(
            Violation("contributo_oltre_quota_costo", _t("over_share", requested=req, share=share, maximum=maximum))
        )
    # Avviso ATS Val Padana 2024: «la restante quota, pari ad almeno il 30%» è cofinanziamento.
    cofinancing = total_cost - requested_contribution
    if call.min_cofinancing > 0 and cofinancing < _pct_of(call.min_cofinancing, total_cost):
        shown = format_eur(max(cofinancing, Decimal(0)))
        share = f"{_num_text(call.min_cofinancing)}%"
        out.append(
            Violation(
                "cofinanziamento_insufficiente", _t("cofinancing_short", cofinancing=shown, share=share, cost=cost)
            )
        )
    return out


def max_contribution_for(total_cost: Decimal, call: CallRules) -> Decimal:
    """min(massimale, quota% × costo) troncato al centesimo (per difetto)."""
    _nonneg(total_cost, _t("what_total_cost"))
    by_share = _pct_of(call.max_share_of_cost, total_cost)
    return min(call.max_contribution, by_share).quantize(CENT, ROUND_DOWN, _DISPLAY)


def expense_fits_budget_line(
    expense: Decimal, line: BudgetLine, already_reported: Decimal = Decimal(0)
) -> list[Violation]:
    """Una spesa rendicontata sta nella disponibilità residua della voce? Lista vuota = sì."""
    out: list[Violation] = []
    if not (
        _money_in(expense, _t("what_expense"), out) and _money_in(already_reported, _t("what_already_reported"), out)
    ):
        return out
    _nonneg(already_reported, _t("what_already_reported"))
    if expense <= 0:
        out.append(Violation("spesa_non_positiva", _t("expense_not_positive", amount=format_eur(expense))))
        return out
    residual = line.amount - already_reported
    if expense > residual:
        text = _t(
            "expense_over_line",
            amount=format_eur(expense),
            label=line.label,
            residual=format_eur(max(residual, Decimal(0))),
            line_amount=format_eur(line.amount),
        )
        out.append(Violation("spesa_oltre_voce", text))
    return out


def contribution_due(approved_expenses: Decimal, call: CallRules, granted: Decimal) -> Decimal:
    """Contributo liquidabile: min(concesso, quota% × spese approvate), troncato al centesimo."""
    _nonneg(approved_expenses, _t("what_approved_expenses"))
    _nonneg(granted, _t("what_granted"))
    by_share = _pct_of(call.max_share_of_cost, approved_expenses)
    return min(granted, by_share).quantize(CENT, ROUND_DOWN, _DISPLAY)
