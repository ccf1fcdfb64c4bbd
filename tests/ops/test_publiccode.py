"""publiccode.yml against the standard's required keys and value rules (publiccode.yml 0.4, as the
Developers Italia parser checks them), and against the repository: licence, languages."""

import re
import tomllib
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DEVELOPMENT_STATUS = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web", "standalone/backend",
    "standalone/other", "addon", "library", "configurationFiles",
}  # fmt: skip
MAINTENANCE = {"internal", "contract", "community", "none"}
PLATFORMS = {"web", "windows", "mac", "linux", "ios", "android"}


def _publiccode() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_required_top_level_keys_are_there_with_valid_values() -> None:
    code = _publiccode()
    assert code["publiccodeYmlVersion"] == "0.4"
    assert isinstance(code["name"], str) and code["name"].strip()
    assert re.fullmatch(r"https?://[^\s/]+/\S+", code["url"])
    assert code["platforms"] and set(code["platforms"]) <= PLATFORMS
    assert code["categories"] and all(re.fullmatch(r"[a-z]+(-[a-z]+)*", c) for c in code["categories"])
    assert code["developmentStatus"] in DEVELOPMENT_STATUS
    assert code["softwareType"] in SOFTWARE_TYPES


def test_italian_description_has_short_and_long_text_and_features() -> None:
    italian = _publiccode()["description"]["it"]
    assert 0 < len(italian["shortDescription"]) <= 150
    assert 150 <= len(italian["longDescription"]) <= 10000
    assert italian["features"] and all(0 < len(feature) <= 100 for feature in italian["features"])
    for language, text in _publiccode()["description"].items():
        assert len(text["shortDescription"]) <= 150 and len(text["longDescription"]) >= 150, language


def test_licence_agrees_with_the_licence_file_and_pyproject() -> None:
    licence = _publiccode()["legal"]["license"]
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert licence == pyproject["project"]["license"] == "EUPL-1.2"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "Appendix" in text and "Compatible Licences" in text and len(text) > 12000  # the full text


def test_maintenance_names_its_type_and_contacts() -> None:
    maintenance = _publiccode()["maintenance"]
    assert maintenance["type"] in MAINTENANCE
    if maintenance["type"] in {"internal", "community"}:
        assert maintenance["contacts"] and all(c["name"].strip() for c in maintenance["contacts"])
    if maintenance["type"] == "contract":
        assert maintenance["contractors"]


def test_localisation_lists_the_languages_the_platform_speaks() -> None:
    localisation = _publiccode()["localisation"]
    assert localisation["localisationReady"] is True
    declared = {language.lower() for language in localisation["availableLanguages"]}
    assert declared == {code.lower() for code, _ in settings.LANGUAGES}


def test_dependencies_name_the_database_the_deployment_uses() -> None:
    open_deps = {dep["name"]: dep for dep in _publiccode()["dependsOn"]["open"]}
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    assert compose["services"]["db"]["image"].startswith(f"postgres:{open_deps['PostgreSQL']['versionMin']}")
