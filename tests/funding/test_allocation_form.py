"""The allocation form as the Region uses it: ATS chosen by name, names in the preview, Italian
amounts and step message, a warning before a second allocation of the same fund and year."""

from typing import Any

from django.test import Client

from funding.models import Allocation, Fund
from territory.models import Ats, PopulationSnapshot
from tests.personas import Personas

URL = "/finanziamenti/riparti/nuovo/"


def _data(fund: Fund, **extra: Any) -> dict[str, Any]:
    return {
        "fund": fund.pk,
        "label": "Conciliazione 2025",
        "year": 2025,
        "total": "1.000.000,00",
        "rounding_unit": "0,01",
        "population_share": "100",
        "snapshot": "dgr-5464",
        **extra,
    }


def test_weights_are_typed_per_ats_labelled_by_name(
    eight_ats: PopulationSnapshot, fund: Fund, personas: Personas, client: Client
) -> None:
    client.force_login(personas.regione)
    html = client.get(URL).content.decode()
    milano = Ats.objects.get(code="321")
    assert f'<label for="id_weight_321" class="form-label">{milano.name}</label>' in html
    assert f'<label for="id_fixed_321" class="form-label">{milano.name}</label>' in html
    assert "321=" not in html  # no codes to type
    weights = {f"weight_{code}": "1" for code in Ats.objects.values_list("code", flat=True)} | {"weight_321": "3"}
    data = _data(fund, population_share="", weights_share="100", preview="1", **weights)
    response = client.post(URL, data)
    assert response.status_code == 200
    table = response.content.decode().split('data-testid="preview-table"')[1]
    assert milano.name in table and "300.000,00 €" in table  # 3 of 10 parts, names not codes
    assert ">321<" not in table


def test_the_rounding_step_is_explained_in_italian(
    eight_ats: PopulationSnapshot, fund: Fund, personas: Personas, client: Client
) -> None:
    client.force_login(personas.regione)
    html = client.post(URL, _data(fund, rounding_unit="0,001", preview="1")).content.decode()
    assert "si esprime in centesimi: al massimo 2 decimali (0,01 €)" in html
    html = client.post(URL, _data(fund, rounding_unit="0", preview="1")).content.decode()
    assert "almeno 0,01 € (un centesimo)" in html
    html = client.post(URL, _data(fund, total="1,000", preview="1")).content.decode()
    assert "si può leggere in due modi" in html


def test_a_second_allocation_of_the_same_fund_and_year_needs_a_confirmation(
    eight_ats: PopulationSnapshot, fund: Fund, personas: Personas, client: Client
) -> None:
    client.force_login(personas.regione)
    assert client.post(URL, _data(fund, save="1")).status_code == 302
    preview = client.post(URL, _data(fund, preview="1")).content.decode()
    assert 'data-testid="duplicate-warning"' in preview and "Esiste già un riparto" in preview
    refused = client.post(URL, _data(fund, save="1"))
    assert refused.status_code == 200 and Allocation.objects.count() == 1
    assert "Per salvarne un altro spunta" in refused.content.decode()
    assert 'name="confirm_duplicate"' in refused.content.decode()
    assert client.post(URL, _data(fund, save="1", confirm_duplicate="on")).status_code == 302
    assert Allocation.objects.count() == 2
    other_year = client.post(URL, _data(fund, year=2026, save="1"))
    assert other_year.status_code == 302  # another year is not a duplicate
