"""The everyday-query table: what families write, and the catalogue entries (or specialist needs)
the search must find for it. The hit rate is printed (pytest -s) and must stay at 100%."""

import pytest

from portal import search

# (query, catalogue entries of which at least one must be among the first three matched)
EVERYDAY: list[tuple[str, set[str]]] = [
    ("mio figlio sta sempre sul telefono", {"poverta-educativa", "ascolto-tempestivo"}),
    ("mia madre anziana non è più autonoma", {"risorse-famiglia-comunita"}),
    ("ci stiamo separando", {"transizioni-ciclo-vita"}),
    ("compiti", {"poverta-educativa", "laboratori-socializzazione"}),
    ("nonni", {"incontri-intergenerazionali", "invecchiamento-attivo"}),
    ("sono incinta", {"sostegno-genitorialita"}),
    ("mio figlio adolescente non mi parla più", {"ascolto-tempestivo"}),
    ("il bambino non dorme la notte", {"competenze-genitoriali", "sostegno-genitorialita"}),
    ("litighiamo sempre con mio marito", {"transizioni-ciclo-vita", "spazi-ascolto"}),
    ("aiuto con i compiti di matematica", {"poverta-educativa"}),
    ("doposcuola per mio figlio", {"poverta-educativa", "laboratori-socializzazione"}),
    ("mi sento sola con il neonato", {"spazi-socializzazione", "gruppi-auto-mutuo-aiuto", "sostegno-genitorialita"}),
    ("mio padre ha l'alzheimer", {"risorse-famiglia-comunita"}),
    ("cerco una badante per la nonna", {"risorse-famiglia-comunita"}),
    ("figlio disabile", {"risorse-famiglia-comunita"}),
    ("come faccio a conciliare lavoro e figli", {"conciliazione-carichi-cura"}),
    ("centro estivo per i bambini", {"conciliazione-carichi-cura", "laboratori-socializzazione"}),
    ("siamo appena arrivati in Italia", {"informazione-orientamento"}),
    ("non parlo italiano", {"informazione-orientamento"}),
    ("corso di italiano per mamme", {"informazione-orientamento", "laboratori-socializzazione"}),
    ("vorrei conoscere altre mamme", {"spazi-socializzazione", "gruppi-auto-mutuo-aiuto"}),
    ("cyberbullismo a scuola", {"poverta-educativa"}),
    ("mia figlia è stata bocciata", {"poverta-educativa", "ascolto-tempestivo"}),
    ("è morto mio marito", {"transizioni-ciclo-vita", "spazi-ascolto"}),
    ("lutto in famiglia", {"transizioni-ciclo-vita"}),
    ("mediazione familiare", {"transizioni-ciclo-vita"}),
    ("divorzio e figli", {"transizioni-ciclo-vita"}),
    ("non riesco a pagare l'affitto", {"informazione-orientamento"}),
    ("bonus per i figli", {"informazione-orientamento"}),
    ("assegno unico", {"informazione-orientamento"}),
    ("spazio gioco per bambini piccoli", {"spazi-socializzazione", "laboratori-socializzazione"}),
    ("laboratorio di lettura", {"attivita-ricreative-culturali", "laboratori-socializzazione"}),
    ("attività per anziani", {"invecchiamento-attivo"}),
    ("volontariato per pensionati", {"invecchiamento-attivo", "risorse-famiglia-comunita"}),
    ("capricci e regole", {"competenze-genitoriali"}),
    ("genitori adottivi", {"sostegno-genitorialita", "gruppi-auto-mutuo-aiuto"}),
    ("vorrei parlare con qualcuno", {"spazi-ascolto"}),
    ("gruppi di parola per figli di separati", {"transizioni-ciclo-vita", "gruppi-auto-mutuo-aiuto"}),
    ("allattamento al seno", {"sostegno-genitorialita"}),
    ("mediazone familare", {"transizioni-ciclo-vita"}),  # typos
    ("separazzione", {"transizioni-ciclo-vita"}),  # typo
    ("genitorialita", {"sostegno-genitorialita", "competenze-genitoriali"}),  # no accent
    ("caregiver familiare", {"risorse-famiglia-comunita"}),
    ("my teenager", {"ascolto-tempestivo", "transizioni-ciclo-vita"}),
    ("ابني مراهق", {"ascolto-tempestivo", "transizioni-ciclo-vita"}),
    ("我怀孕了", {"sostegno-genitorialita"}),
    ("підліток", {"ascolto-tempestivo", "transizioni-ciclo-vita"}),
    ("embarazada", {"sostegno-genitorialita"}),
]

SPECIALIST: list[tuple[str, str]] = [
    ("mio marito mi picchia", "violence"),
    ("ho paura di mio marito", "violence"),
    ("subisco violenza", "violence"),
    ("penso al suicidio", "self_harm"),
    ("voglio farla finita", "self_harm"),
    ("mia figlia si taglia", "self_harm"),
    ("mio figlio usa droghe", "addiction"),
    ("mio marito beve troppo alcol", "addiction"),
    ("abusi su un bambino", "abuse"),
    ("bambino maltrattato dai genitori", "child_protection"),
    ("depressione dopo il parto", "mental_health"),
    ("عنف", "violence"),
]


def _top(query: str, n: int = 3) -> list[str]:
    scores, _reasons = search.area_scores(search.parse(query))
    return sorted(scores, key=lambda c: -scores[c])[:n]


def test_everyday_query_table_hit_rate() -> None:
    assert len(EVERYDAY) >= 40
    misses = [(q, _top(q)) for q, expected in EVERYDAY if not expected & set(_top(q))]
    rate = 100 * (len(EVERYDAY) - len(misses)) / len(EVERYDAY)
    print(f"\nEveryday-query table: {len(EVERYDAY) - len(misses)}/{len(EVERYDAY)} found ({rate:.0f}%)")
    assert misses == []


@pytest.mark.parametrize(("query", "category"), SPECIALIST)
def test_specialist_needs_are_recognised(query: str, category: str) -> None:
    assert category in search.parse(query).specialist


@pytest.mark.parametrize("query", ["compiti", "nonni", "sono incinta", "separazione", "laboratorio"])
def test_ordinary_needs_are_not_specialist(query: str) -> None:
    assert search.parse(query).specialist == []


def test_typos_are_corrected_and_explained() -> None:
    parsed = search.parse("mediazone")
    assert parsed.corrections == {"mediazone": "mediazione"}


@pytest.mark.parametrize(
    "query", ["", "a", "x" * 10_000, "<script>alert(1)</script>", "'; DROP TABLE x; --", "😀👨‍👩‍👧 aiuto", "ﷺ 中文 abc"]
)
def test_bad_input_never_raises(query: str) -> None:
    parsed = search.parse(query)
    assert len(parsed.raw) <= 300
