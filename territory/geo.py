"""Point-in-Lombardy checks against the region's own boundaries (shipped in territory/data)."""

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

from shapely.geometry import Point, shape
from shapely.ops import unary_union
from shapely.prepared import PreparedGeometry, prep

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def _lombardy() -> PreparedGeometry:
    features = json.loads((DATA_DIR / "lombardia_province.geojson").read_text())["features"]
    # A small buffer (~100 m) absorbs the simplification of the province outlines.
    return prep(unary_union([shape(f["geometry"]) for f in features]).buffer(0.001))


def is_in_lombardy(latitude: Decimal | float, longitude: Decimal | float) -> bool:
    return _lombardy().contains(Point(float(longitude), float(latitude)))
