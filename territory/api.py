"""Territory in the REST API (mounted at /api/v1/territory): ATS, population per ATS, comuni
and local areas through the generic CRUD (core.api_crud)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from core import api_crud as crud
from territory import models as tm
from territory import schemas as s
from territory import selectors

router = Router()


@router.get("/ats", response=list[s.AtsOut], tags=["territorio"], summary="Elenco delle ATS")
def ats_list(request: HttpRequest) -> Any:
    return tm.Ats.objects.all()


@router.get(
    "/populations", response=list[s.PopulationOut], tags=["territorio"], summary="Popolazione per ATS, per rilevazione"
)
def population_by_ats(request: HttpRequest, snapshot: str | None = None) -> Any:
    snapshots = tm.PopulationSnapshot.objects.all()
    if snapshot:
        snapshots = snapshots.filter(code=snapshot)
    return [
        {
            "snapshot": snap.code,
            "reference_date": snap.reference_date,
            "source": snap.source,
            "ats_code": code,
            "total": total,
        }
        for snap in snapshots
        for code, total in selectors.population_by_ats(snap).items()
    ]


crud.register(
    router,
    model=tm.Comune,
    path="comuni",
    out=s.ComuneOut,
    search=("name", "istat_code", "cadastral_code"),
    tag="territorio",
)
crud.register(
    router,
    model=tm.Area,
    path="areas",
    out=s.AreaOut,
    create_in=s.AreaIn,
    patch_in=s.AreaPatch,
    search=("name",),
    tag="territorio",
)
