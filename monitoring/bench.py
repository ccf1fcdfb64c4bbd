"""Benchmark cases of the monitoring module (make bench): the regional dashboard for one year and
ten years, an ATS dashboard, an indicator page with its monthly trend, the API, a CSV export."""

import datetime as dt

from benchmarks.registry import Case, register

_YEAR = str(dt.date.today().year - 1)  # noqa: DTZ011 - the last complete calendar year
_DECADE = f"dal=01/01/{int(_YEAR) - 9}&al=31/12/{_YEAR}"

register(
    Case(
        "monitoring: regional dashboard, one year",
        "regione",
        f"/monitoraggio/?periodo={_YEAR}",
        group="monitoring",
        heavy=True,
    ),
    Case("monitoring: regional dashboard, ten years", "regione", f"/monitoraggio/?{_DECADE}", group="monitoring"),
    Case("monitoring: ATS dashboard", "ats.milano", f"/monitoraggio/?periodo={_YEAR}", group="monitoring"),
    Case("monitoring: coordinator dashboard", "coordinatore", f"/monitoraggio/?periodo={_YEAR}", group="monitoring"),
    Case(
        "monitoring: indicator page with trend",
        "regione",
        f"/monitoraggio/indicatori/persone_raggiunte/?periodo={_YEAR}",
        group="monitoring",
    ),
    Case(
        "monitoring: API values",
        "regione",
        f"/api/v1/monitoring/values?indicator=accessi_fisici&period={_YEAR}",
        group="monitoring",
    ),
    Case(
        "monitoring: CSV export of the region",
        "regione",
        f"/monitoraggio/esporta/csv/?periodo={_YEAR}",
        group="monitoring",
    ),
)
