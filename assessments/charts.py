"""Chart geometry computed in Python; the SVG markup is in the templates.

A radar has one spoke per dimension; each series is a polygon whose vertex on a spoke sits
at score/5 of its length. Series differ by line style and marker shape, not by colour
alone, and every chart has a table with the same numbers beside it.
"""
import math
from dataclasses import dataclass

from .models import SCALE_MAX

SIZE = 360
CENTRE = SIZE / 2
RADIUS = 120
LABEL_RADIUS = RADIUS + 18


@dataclass
class Spoke:
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    label: str


@dataclass
class Series:
    key: str  # region / median / peer: the template picks line style and markers by it
    label: str
    points: str
    vertices: list[tuple[float, float, float]]  # x, y, score


def _point(index: int, count: int, fraction: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (round(CENTRE + RADIUS * fraction * math.cos(angle), 1),
            round(CENTRE + RADIUS * fraction * math.sin(angle), 1))


def radar(dimensions, series: list[tuple[str, str, dict]]) -> dict:
    """``series`` is [(key, label, {dimension id: score})]; missing scores sit at 0."""
    count = len(dimensions)
    if count < 3:
        return {}
    spokes = []
    for index, dimension in enumerate(dimensions):
        x, y = _point(index, count, 1)
        angle = -math.pi / 2 + 2 * math.pi * index / count
        lx = round(CENTRE + LABEL_RADIUS * math.cos(angle), 1)
        ly = round(CENTRE + LABEL_RADIUS * math.sin(angle) + 4, 1)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        spokes.append(Spoke(x, y, lx, ly, anchor, dimension.title))
    rings = []
    for level in range(1, SCALE_MAX + 1):
        ring = [_point(i, count, level / SCALE_MAX) for i in range(count)]
        rings.append({"level": level, "points": " ".join(f"{x},{y}" for x, y in ring),
                      "label_y": round(CENTRE - RADIUS * level / SCALE_MAX, 1)})
    drawn = []
    for key, label, scores in series:
        vertices = []
        for index, dimension in enumerate(dimensions):
            score = scores.get(dimension.pk) or 0
            x, y = _point(index, count, score / SCALE_MAX)
            vertices.append((x, y, score))
        drawn.append(Series(key, label, " ".join(f"{x},{y}" for x, y, _s in vertices),
                            vertices))
    return {"size": SIZE, "centre": CENTRE, "spokes": spokes, "rings": rings,
            "series": drawn}


def heat_level(score) -> int | None:
    """1–5 band of a score, for the shading class; the number itself is always printed."""
    if score is None:
        return None
    return max(1, min(SCALE_MAX, round(score)))
