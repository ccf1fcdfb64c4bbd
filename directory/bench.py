"""Benchmark cases of the shared directory: the HSDS /services search (target: median
≤ 50 ms at the decade scale) and the coverage analysis over the whole region (target: well under a
second for the 1,501 comuni), plus the ATS compliance overview. Targets are recorded by the
harness, never asserted in tests."""

from benchmarks.registry import Case, register

register(
    Case("HSDS services search", "regione", "/hsds/v3/services?search=centro&per_page=25", group="directory"),
    Case("HSDS services full page", "regione", "/hsds/v3/services?full=true&per_page=50", group="directory"),
    Case(
        "HSDS service_at_locations near a comune",
        "regione",
        "/hsds/v3/service_at_locations?comune=015146&proximity=20000",
        group="directory",
    ),
    Case("coverage analysis (region)", "regione", "/mappatura/qualita/copertura/", heavy=True, group="directory"),
    Case("coverage what-if Spoke", "regione", "/mappatura/qualita/copertura/?proposta=014061", group="directory"),
    Case("compliance overview (region)", "regione", "/mappatura/qualita/conformita/", heavy=True, group="directory"),
)
