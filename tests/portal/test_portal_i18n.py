"""The portal's catalogues (portal/locale/<lang>): every string a visitor reads is translated in
all nine languages (only the operator's desk and the models' own names, which the back office shows
in Italian or English, may stay untranslated); no fuzzy entries; the compiled .mo committed next to
each .po."""

from pathlib import Path

import pytest
from django.test import Client

from tests.common.test_i18n import _messages
from tests.personas import Personas
from tests.portal.helpers import public_network

LOCALE = Path(__file__).resolve().parents[2] / "portal" / "locale"
PORTAL_LANGUAGES = ("en", "ar", "zh_Hans", "es", "fr", "ro", "sq", "uk")
CORE = ("Di cosa hai bisogno?", "Dove?", "Cerca", "Chiedi di essere contattato", "Iscriviti", "Aperto ora", "Lingua")


def _translated(entry: dict[str, str]) -> bool:
    return bool(entry.get("msgstr") or entry.get("msgstr[0]"))


@pytest.mark.parametrize("lang", PORTAL_LANGUAGES)
def test_catalogue_exists_compiled_and_without_fuzzy_entries(lang: str) -> None:
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    assert po.with_suffix(".mo").exists()
    entries = _messages(po)
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
    translated = {e["msgid"] for e in entries if _translated(e)}
    assert set(CORE) <= translated


# Strings of the portal app that only operators read (the desk's worklist, the models' names in the
# back office, which speaks Italian and English): the other portal languages may leave them out.
BACK_OFFICE_ONLY = {
    "Formazione per gli operatori della rete",
    "Richiesta registrata: famiglia creata e contatto telefonico registrato.",
    "Richiesta registrata come contatto telefonico.",
    "Richiesta segnata come richiamata.",
    "Da richiamare",
    "Richiamata",
    "Registrata come contatto o famiglia",
    "sede",
    "stato",
    "ricevuta il",
    "gestita il",
    "contatto",
    "famiglia",
    "richiesta di contatto",
    "richieste di contatto",
    "iscrizione",
    "lingua",
    "iscrizione online",
    "iscrizioni online",
    "Richieste di contatto dal portale",
    "Registra come contatto",
    "Registra come famiglia",
    "Segna come richiamata",
    "Nessuna richiesta da richiamare.",
}


@pytest.mark.parametrize("lang", PORTAL_LANGUAGES)
def test_every_string_a_visitor_reads_is_translated(lang: str) -> None:
    english = {e["msgid"] for e in _messages(LOCALE / "en" / "LC_MESSAGES" / "django.po")}
    entries = _messages(LOCALE / lang / "LC_MESSAGES" / "django.po")
    assert {e["msgid"] for e in entries} == english  # every catalogue has the same entries
    assert sorted(e["msgid"] for e in entries if not _translated(e) and e["msgid"] not in BACK_OFFICE_ONLY) == []


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("ar", ["نقاط الوصول", "استماع دون موعد للشباب والآباء والأمهات"]),
        ("fr", ["Points d'accès", "Écoute sans rendez-vous pour les jeunes et les parents"]),
        ("uk", ["Пункти доступу", "Вислухаємо без запису — для підлітків і батьків"]),
    ],
)
def test_results_and_catalogue_names_in_the_visitor_language(
    db: None, client: Client, personas: Personas, lang: str, texts: list[str]
) -> None:
    public_network(personas)
    client.cookies["django_language"] = lang
    html = client.get("/cerca/", {"q": "mio figlio adolescente non mi parla più"}).content.decode()
    for text in texts:
        assert text in html.replace("&#x27;", "'")


def test_english_portal_catalogue_is_complete() -> None:
    entries = _messages(LOCALE / "en" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 200
    assert [e["msgid"] for e in entries if not _translated(e)] == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [("ar", "ماذا تحتاج؟"), ("zh-hans", "你需要什么帮助？"), ("uk", "Що вам потрібно?"), ("en", "What do you need?")],
)
def test_home_in_the_visitor_language(db: None, client: Client, lang: str, text: str) -> None:
    client.cookies["django_language"] = lang
    assert text in client.get("/").content.decode()
