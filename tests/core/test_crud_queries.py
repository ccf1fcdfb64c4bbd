"""The generic back-office list pages (core.crud) read a fixed number of queries, however many
rows the page shows: more rows must not mean more queries (no N+1 in columns or filters)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from network.backoffice import REGISTRY
from tests import factories as f
from tests.personas import Personas

ROW_BUILDERS: dict[str, Callable[[Personas, int], Any]] = {
    "enti": lambda p, i: f.EnteFactory(comune=p.milano),
    "centri": lambda p, i: f.CentreFactory(ats=p.ats_a_obj, lead_ente=p.centre_a.lead_ente),
    "sedi": lambda p, i: f.SeatFactory(centre=p.centre_a, managing_ente=p.centre_a.lead_ente, comune=p.milano),
    "orari": lambda p, i: f.OpeningSlotFactory(seat=p.spoke_a1, weekday=i % 7),
    "equipe": lambda p, i: f.StaffMemberFactory(centre=p.centre_a),
    "servizi": lambda p, i: f.ServiceOfferingFactory(seat=p.spoke_a1),
    "protocolli": lambda p, i: f.ProtocolFactory(centre=p.centre_a),
    "servizi-invio": lambda p, i: f.ReferralDestinationFactory(ats=p.ats_a_obj),
}
CRUDS = dict(REGISTRY)


def _list_queries(client: Client, prefix: str) -> int:
    url = CRUDS[prefix].url("list")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("prefix", sorted(ROW_BUILDERS))
def test_list_page_query_count_does_not_grow_with_rows(client: Client, personas: Personas, prefix: str) -> None:
    client.force_login(personas.regione)
    ROW_BUILDERS[prefix](personas, 0)
    before = _list_queries(client, prefix)
    for i in range(1, 6):
        ROW_BUILDERS[prefix](personas, i)
    assert _list_queries(client, prefix) == before
