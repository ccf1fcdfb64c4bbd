"""The English catalogue (locale/en): Italian stays the default, Accept-Language: en switches the
public pages and the back office to English, and every source string has an English translation."""

from __future__ import annotations

import ast
import gettext
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.personas import Personas

CATALOGUE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = CATALOGUE_DIR / "django.po"
MO_FILE = CATALOGUE_DIR / "django.mo"
MSGFMT = Path("/usr/bin/msgfmt")
# The project catalogue plus each app's own (apps that keep their strings in <app>/locale/).
CATALOGUES = [PO_FILE, *sorted(Path(settings.BASE_DIR).glob("*/locale/en/LC_MESSAGES/django.po"))]
each_catalogue = pytest.mark.parametrize("po_file", CATALOGUES, ids=lambda p: str(p.parent.parent.parent.parent.name))

HOME_HEADING_IT = "Centri per la Famiglia in Lombardia"
HOME_HEADING_EN = "Family Centres in Lombardy"
FUNDING_IT = "Finanziato da Regione Lombardia"
FUNDING_EN = (
    "Funded by Regione Lombardia through the Fund for Family Policies of the Presidency of the Council of Ministers"
)


def _parse_po(path: Path) -> list[dict[str, str]]:
    """A minimal reader for the catalogue written by makemessages: one dict per entry, keyed by
    keyword (msgid, msgid_plural, msgstr, msgstr[0]…) plus "flags" from the "#," comment."""
    entries: list[dict[str, str]] = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry: dict[str, str] = {"flags": ""}
        keyword = ""
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line[2:]
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[keyword] += ast.literal_eval(line)
            else:
                keyword, _, value = line.partition(" ")
                entry[keyword] = ast.literal_eval(value)
        entries.append(entry)
    return entries


def _messages(path: Path) -> list[dict[str, str]]:
    """The catalogue's entries without the header and the obsolete (#~) ones."""
    return [e for e in _parse_po(path) if e.get("msgid")]


# ---- pages --------------------------------------------------------------------------------------


def test_home_is_italian_by_default(db: None, client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<html lang="it"' in html
    assert HOME_HEADING_IT in html
    assert FUNDING_IT in html
    assert HOME_HEADING_EN not in html


def test_browser_language_does_not_switch_the_ui(db: None, client: Client) -> None:
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert HOME_HEADING_IT in html  # Italian first: English only when chosen


def test_language_switcher_stores_the_choice_and_serves_english(db: None, client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert HOME_HEADING_EN in html
    assert FUNDING_EN in html
    assert HOME_HEADING_IT not in html
    assert FUNDING_IT not in html


def test_login_page_in_english(db: None, client: Client) -> None:
    html = client.get(reverse("accounts:login"), HTTP_COOKIE="django_language=en").content.decode()
    assert "Log in to the staff area" in html
    assert "Username" in html
    assert ">Log in</button>" in html
    assert "Accesso all'area operatori" not in html
    assert "Nome utente" not in html


def test_login_error_in_english(db: None, client: Client) -> None:
    response = client.post(
        reverse("accounts:login"),
        {"username": "nobody", "password": "wrong"},
        HTTP_COOKIE="django_language=en",
    )
    assert response.status_code == 200
    assert "Incorrect username or password." in response.content.decode()


def test_dashboard_in_english_for_a_coordinator(personas: Personas, client: Client) -> None:
    client.force_login(personas.coord_a)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("network:dashboard")).content.decode()
    assert "Network dashboard" in html
    assert "Hub coordinator" in html  # the role label, from a model TextChoices
    assert "Cruscotto della rete" not in html


# ---- catalogue ----------------------------------------------------------------------------------


@each_catalogue
def test_every_message_is_translated(po_file: Path) -> None:
    messages = _messages(po_file)
    assert len(messages) > (100 if po_file == PO_FILE else 0)  # the catalogue was really read
    untranslated = [e["msgid"] for e in messages if not all(v.strip() for k, v in e.items() if k.startswith("msgstr"))]
    assert untranslated == []
    assert [e["msgid"] for e in messages if "fuzzy" in e["flags"]] == []


@each_catalogue
def test_plural_entries_have_both_forms(po_file: Path) -> None:
    plurals = [e for e in _messages(po_file) if "msgid_plural" in e]
    for entry in plurals:
        assert entry.get("msgstr[0]") and entry.get("msgstr[1]"), entry["msgid"]


@each_catalogue
def test_placeholders_are_kept(po_file: Path) -> None:
    placeholder = re.compile(r"%\(\w+\)[sd]")
    for entry in _messages(po_file):
        source = sorted(placeholder.findall(entry["msgid"]))
        for key, value in entry.items():
            if key.startswith("msgstr"):
                assert sorted(placeholder.findall(value)) == source, entry["msgid"]


@each_catalogue
def test_compiled_catalogue_matches_the_po(po_file: Path) -> None:
    """Instead of comparing mtimes (unreliable after a git checkout): the .mo must carry exactly the
    translations the .po holds, so a .po edited without compilemessages fails here."""
    with po_file.with_suffix(".mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for entry in _messages(po_file):
        if "msgid_plural" in entry:
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 1) == entry["msgstr[0]"]
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr[1]"]
        else:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]


@each_catalogue
def test_po_passes_msgfmt_check_format(po_file: Path) -> None:
    if not MSGFMT.exists():
        pytest.skip("GNU gettext msgfmt is not installed")
    result = subprocess.run(  # noqa: S603 - fixed executable and arguments
        [str(MSGFMT), "--check-format", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# ---- every app's English catalogue (apps that keep their own locale/en/LC_MESSAGES/django.po) ----------

APP_CATALOGUES = sorted(
    p
    for p in Path(settings.BASE_DIR).glob("*/locale/en/LC_MESSAGES/django.po")  # English: the required second language
    if p.parts[-5] not in {".venv", "node_modules", "static", "staticfiles"}
)


@pytest.mark.parametrize("po", APP_CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_every_app_catalogue_is_translated_compiled_and_keeps_placeholders(po: Path) -> None:
    messages = _messages(po)
    assert messages
    assert [e["msgid"] for e in messages if not all(v.strip() for k, v in e.items() if k.startswith("msgstr"))] == []
    assert [e["msgid"] for e in messages if "fuzzy" in e["flags"]] == []
    placeholder = re.compile(r"%\(\w+\)[sd]")
    with po.with_suffix(".mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for entry in messages:
        for key, value in entry.items():
            if key.startswith("msgstr"):
                assert sorted(placeholder.findall(value)) == sorted(placeholder.findall(entry["msgid"])), entry["msgid"]
        if "msgid_plural" not in entry:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]


def test_the_monitoring_dashboard_in_english(personas: Personas, client: Client) -> None:
    client.force_login(personas.regione)
    client.cookies["django_language"] = "en"
    html = client.get("/monitoraggio/").content.decode()
    assert "Monitoring: data collection sheet" in html and "Households reached by any channel" in html
