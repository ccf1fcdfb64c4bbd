"""Coverage analysis on fixtures with known answers (distances by hand, populations summed)."""

import pytest

from audit.models import AuditEntry
from directory import coverage as cov

# On the equator one degree of longitude is 111.195 km (haversine, mean Earth radius).
DEG = 111.19508
A = cov.Place("000001", "Alfa", 0.0, 0.0, population=1000)
B = cov.Place("000002", "Beta", 0.0, 0.1, population=2000)  # 11.1 km east of Alfa
C = cov.Place("000003", "Gamma", 0.0, 0.3, population=4000)  # 33.4 km east of Alfa
HUB = cov.Place("hub", "Hub Alfa", 0.0, 0.0, is_hub=True)
SPOKE = cov.Place("spoke", "Spoke Beta", 0.0, 0.1)


def test_distances_to_nearest_access_point_and_hub() -> None:
    result = cov.analyse([A, B, C], [HUB, SPOKE])
    rows = {r.name: r for r in result.comuni}
    assert rows["Alfa"].nearest_km == pytest.approx(0.0, abs=1e-9)
    assert rows["Beta"].nearest_km == pytest.approx(0.0, abs=1e-9) and rows["Beta"].nearest_name == "Spoke Beta"
    assert rows["Beta"].hub_km == pytest.approx(0.1 * DEG, rel=1e-4)
    assert rows["Gamma"].nearest_km == pytest.approx(0.2 * DEG, rel=1e-4)
    assert rows["Gamma"].hub_km == pytest.approx(0.3 * DEG, rel=1e-4)


@pytest.mark.parametrize(("km", "beyond"), [(5, 4000), (10, 4000), (20, 4000)])
def test_population_beyond_thresholds(km: int, beyond: int) -> None:
    assert cov.analyse([A, B, C], [HUB, SPOKE]).beyond[km] == beyond


def test_thresholds_are_strictly_beyond() -> None:
    result = cov.analyse([A, B, C], [HUB])  # Beta at 11.1 km, Gamma at 33.4 km
    assert result.beyond == {5: 6000, 10: 6000, 20: 4000}
    assert result.population == 7000 and result.share_beyond(20) == pytest.approx(4000 / 7000)


def test_no_access_point_at_all_leaves_everyone_beyond() -> None:
    result = cov.analyse([A, B], [])
    assert result.beyond == {5: 3000, 10: 3000, 20: 3000} and result.comuni[0].nearest_km is None


def test_uncovered_ambiti_and_distretti() -> None:
    members = {"Ambito Nord": {"000001", "000002"}, "Distretto Sud": {"000003"}}
    result = cov.analyse([A, B, C], [HUB], area_members=members, seat_comuni={"000001"})
    assert result.uncovered_areas == ["Distretto Sud"]


def test_what_if_a_new_spoke_in_gamma() -> None:
    members = {"Ambito Nord": {"000001", "000002"}, "Distretto Sud": {"000003"}}
    proposed = cov.Place("000003", "Nuovo Spoke Gamma", 0.0, 0.3)
    before, after = cov.what_if([A, B, C], [HUB], proposed, area_members=members, seat_comuni={"000001"})
    assert before.beyond[20] == 4000 and after.beyond[20] == 0
    assert after.beyond[10] == 2000  # Beta is still 11.1 km from the nearest
    assert before.uncovered_areas == ["Distretto Sud"] and after.uncovered_areas == []


# The page, on the personas' territory: Milano (Hub A, Spoke A2), Sesto San Giovanni (Spoke A1),
# Bergamo (Hub B); Ambito Milano (Milano) and Ambito Bergamo (Bergamo).


@pytest.fixture
def populated(personas):  # type: ignore[no-untyped-def]
    import datetime as dt

    from territory.models import ComunePopulation, PopulationSnapshot

    snapshot = PopulationSnapshot.objects.create(
        code="istat-2023", label="ISTAT 1/1/2023", source="ISTAT", reference_date=dt.date(2023, 1, 1), level="comune"
    )
    for comune, total in ((personas.milano, 1354196), (personas.sesto, 79000), (personas.bergamo, 119534)):
        ComunePopulation.objects.create(snapshot=snapshot, comune=comune, total=total)
    return personas


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["regione", "ats_a", "auditor", "coord_a", "op_a1"])
def test_coverage_page_by_role(client, populated, persona):  # type: ignore[no-untyped-def]
    client.force_login(getattr(populated, persona))
    response = client.get("/mappatura/qualita/copertura/")
    if persona in ("coord_a", "op_a1"):
        assert response.status_code == 403
        return
    html = response.content.decode()
    assert response.status_code == 200
    assert ("Bergamo" in html) is (persona != "ats_a")  # an ATS sees its own territory
    assert "Sesto San Giovanni" in html and "oltre 20 km" in html


@pytest.mark.django_db
def test_what_if_and_xlsx(client, populated):  # type: ignore[no-untyped-def]
    import io

    from openpyxl import load_workbook

    from territory.models import Area, AreaMembership

    p = populated
    distretto = Area.objects.create(kind=Area.Kind.DISTRETTO, name="Distretto Sesto", ats=p.ats_a_obj)
    AreaMembership.objects.create(area=distretto, comune=p.sesto, kind=Area.Kind.DISTRETTO)
    p.spoke_a1.is_active = False
    p.spoke_a1.save()
    client.force_login(p.ats_a)
    html = client.get("/mappatura/qualita/copertura/").content.decode()
    assert "Distretto Sesto" in html  # its only seat is inactive
    simulated = client.get("/mappatura/qualita/copertura/", {"proposta": "015209"}).content.decode()
    assert "Con lo Spoke proposto" in simulated and "Ogni Ambito e Distretto ha almeno una sede." in simulated
    bad = client.get("/mappatura/qualita/copertura/", {"proposta": "016024"})  # Bergamo: not ATS A's
    assert bad.status_code == 200 and "Comune non trovato nel tuo territorio" in bad.content.decode()
    xlsx = client.get("/mappatura/qualita/copertura/", {"formato": "xlsx"})
    book = load_workbook(io.BytesIO(xlsx.content))
    rows = list(book["Copertura"].iter_rows(values_only=True))
    assert rows[0][0] == "Codice ISTAT" and {r[1] for r in rows[1:]} == {"Milano", "Sesto San Giovanni"}
    sesto = next(r for r in rows[1:] if r[1] == "Sesto San Giovanni")
    assert sesto[3] > 5  # Sesto is several km from the Milan seats (centroids)
    assert xlsx["Content-Disposition"] == 'attachment; filename="copertura-rete.xlsx"'
    entry = AuditEntry.objects.get(action="directory.coverage.exported_xlsx")
    assert (entry.actor, entry.ats_id, entry.changes) == (p.ats_a, p.ats_a_obj.pk, {"comuni": 2})
    geo = client.get("/mappatura/qualita/copertura/mappa.geojson").json()
    assert geo["type"] == "FeatureCollection"
