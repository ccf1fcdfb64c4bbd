"""Generate CHANGELOG.md from git log, each commit under the area it touched most.

python3 scripts/changelog.py > CHANGELOG.md
"""

import collections
import subprocess
import sys

AREAS = [
    ("families", "Famiglie (percorso, scheda, consensi, invii)"),
    ("activities", "Attività, iscrizioni e presenze"),
    ("funding", "Finanziamenti e rendicontazione"),
    ("conciliazione", "Conciliazione vita-lavoro"),
    ("monitoring", "Monitoraggio"),
    ("portal", "Portale pubblico"),
    ("directory", "Mappatura delle risorse (HSDS)"),
    ("network", "Registro della rete"),
    ("territory", "Territorio"),
    ("accounts", "Account, accessi e sicurezza"),
    ("jobs", "Lavori in background"),
    ("api", "API"),
    ("deploy", "Esercizio, installazione e salvataggi"),
    ("benchmarks", "Prestazioni"),
    ("demo", "Dati dimostrativi"),
    ("locale", "Lingue"),
]
OPS = {"deploy", "scripts", "Makefile", "publiccode.yml", "LICENSE", "CHANGELOG.md", ".dockerignore"}
names = dict(AREAS)
log = subprocess.run(
    ["git", "log", "--reverse", "--format=%x00%h%x09%ad%x09%s", "--date=short", "--name-only"],  # noqa: S607 - git, fixed arguments
    capture_output=True,
    text=True,
    check=True,
).stdout
groups: dict[str, list[tuple[str, str, str]]] = {k: [] for k, _ in AREAS}
groups["platform"] = []
for block in log.split("\x00")[1:]:
    head, *files = [line for line in block.splitlines() if line.strip()]
    sha, date, subject = head.split("\t", 2)
    if subject.startswith("Merge "):
        continue
    counts: collections.Counter[str] = collections.Counter()
    for f in files:
        top = f.split("/", 1)[0]
        if f.startswith(("tests/", "docs/")):
            parts = f.split("/")
            top = parts[1] if len(parts) > 2 else ""
        if top in OPS or f.startswith(
            ("core/backup", "core/management", "common/sentry", "common/logging", "config/settings/production")
        ):
            top = "deploy"
        if top in names:
            counts[top] += 1
    area = counts.most_common(1)[0][0] if counts else "platform"
    groups[area].append((date, sha, subject))
names["platform"] = "Piattaforma comune (impostazioni, scrittura, audit, interfaccia)"
out = [
    "# Changelog",
    "",
    "Tutte le modifiche rilevanti della piattaforma, raggruppate per area (generato da `git log`;",
    "ogni voce è il messaggio del commit, in inglese, con il suo hash). Il formato segue",
    "[Keep a Changelog](https://keepachangelog.com/it-IT/1.1.0/); le versioni seguono il",
    "[versionamento semantico](https://semver.org/lang/it/).",
    "",
    "## [Non rilasciato] — 0.1.0",
    "",
]
for key, entries in groups.items():
    if not entries:
        continue
    out += [f"### {names[key]}", ""]
    out += [f"- {subject} (`{sha}`, {date})" for date, sha, subject in entries]
    out.append("")
sys.stdout.write("\n".join(out))
