"""A SYNTHETIC grouping of comuni into about 90 Ambiti, for the demo only: no official
comune → Ambito mapping is available offline (see territory/data/ATTRIBUTION.md). Each ATS gets
a number of Ambiti proportional to its comuni, formed by k-means on the comuni centroids."""

import math
import random
from collections import defaultdict

from territory.models import Comune

TARGET_AMBITI = 90


def kmeans(points: list[tuple[float, float]], k: int, rng: random.Random, rounds: int = 15) -> list[int]:
    """Cluster index per point (plain Lloyd iterations; good enough for a demo grouping)."""
    centres = rng.sample(points, k)
    labels = [0] * len(points)
    for _ in range(rounds):
        for i, (x, y) in enumerate(points):
            labels[i] = min(range(k), key=lambda c: (x - centres[c][0]) ** 2 + (y - centres[c][1]) ** 2)
        for c in range(k):
            members = [points[i] for i in range(len(points)) if labels[i] == c]
            if members:
                centres[c] = (sum(p[0] for p in members) / len(members), sum(p[1] for p in members) / len(members))
    return labels


def synthetic_ambiti(rng: random.Random) -> dict[str, list[Comune]]:
    """Name → comuni; names say they are synthetic."""
    by_ats: dict[str, list[Comune]] = defaultdict(list)
    for comune in Comune.objects.select_related("ats").order_by("istat_code"):
        by_ats[comune.ats.code].append(comune)
    total = sum(len(c) for c in by_ats.values())
    result: dict[str, list[Comune]] = {}
    for ats_code, comuni in sorted(by_ats.items()):
        k = max(1, math.floor(TARGET_AMBITI * len(comuni) / total + 0.5))
        points = [(float(c.longitude), float(c.latitude)) for c in comuni]
        labels = kmeans(points, k, rng)
        groups: dict[int, list[Comune]] = defaultdict(list)
        for comune, label in zip(comuni, labels, strict=True):
            groups[label].append(comune)
        ordered = sorted(groups.values(), key=lambda g: min(c.istat_code for c in g))
        for n, group in enumerate(ordered, start=1):
            result[f"Ambito sintetico {ats_code}-{n:02d}"] = group
    return result
