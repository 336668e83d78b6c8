"""Country maps drawn on the server as inline SVG, from outlines vendored from npm.

No tile server and no script: the outlines come from ``world-atlas`` (Natural Earth 1:50m,
TopoJSON) and the alpha-2 to numeric ISO codes from ``i18n-iso-countries``, both copied into
``static/vendor`` by ``make vendor``. The TopoJSON is decoded, projected and clipped here, once
per set of countries (cached in the process), so a page only pays for formatting a few paths.

The projection is equirectangular with the longitude scaled by the cosine of the map's middle
latitude: for a region the size of South East Europe it is indistinguishable from the
conformal projections at this size, and it keeps the code small.
"""
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

VENDOR = Path(settings.BASE_DIR) / "static" / "vendor"
WORLD = VENDOR / "world-atlas" / "countries-50m.json"
CODES = VENDOR / "i18n-iso-countries" / "codes.json"

WIDTH = 600  # the SVG's user units; it scales to its container
MARGIN_DEGREES = 1.5


@dataclass(frozen=True)
class Shape:
    iso: str          # alpha-2 code ("" for outlines the codes file does not know)
    path: str         # SVG path data, already projected and clipped
    centre: tuple     # (x, y) of the largest ring's centroid, for a marker


@dataclass(frozen=True)
class Frame:
    width: int
    height: int
    shapes: tuple     # every country outline that touches the frame
    project: object   # (lon, lat) -> (x, y)


@lru_cache(maxsize=1)
def _numeric_to_alpha2() -> dict:
    return {numeric: alpha2 for alpha2, _alpha3, numeric, *_ in json.loads(CODES.read_text())}


@lru_cache(maxsize=1)
def _countries() -> tuple:
    """Every country as (alpha-2, [polygon [ring [(lon, lat), …]]]), decoded from TopoJSON."""
    topology = json.loads(WORLD.read_text())
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # quantised and delta-encoded
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes):
        points = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return points

    codes = _numeric_to_alpha2()
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        countries.append((codes.get(str(geometry.get("id", ""))), [
            [ring(r) for r in polygon] for polygon in polygons]))
    return tuple(countries)


def _clip(points, xmin, ymin, xmax, ymax):
    """Sutherland–Hodgman against the frame, so far-away coasts (Russia's) add nothing."""
    def cut(points, inside, intersect):
        result = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    result.append(intersect(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(intersect(previous, current))
        return result

    def at_x(x):
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y):
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    for inside, intersect in ((lambda p: p[0] >= xmin, at_x(xmin)),
                              (lambda p: p[0] <= xmax, at_x(xmax)),
                              (lambda p: p[1] >= ymin, at_y(ymin)),
                              (lambda p: p[1] <= ymax, at_y(ymax))):
        if not points:
            break
        points = cut(points, inside, intersect)
    return points


def _centroid(points):
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-9:
        xs, ys = zip(*points, strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys), 0.0
    return cx / (3 * area), cy / (3 * area), abs(area) / 2


def _bounds(iso_codes):
    lons, lats = [], []
    for iso, polygons in _countries():
        if iso in iso_codes:
            # Only a country's largest polygon decides the frame: overseas territories
            # (France's Guiana) would otherwise stretch a map of Europe across the Atlantic.
            largest = max(polygons, key=lambda polygon: _centroid(polygon[0])[2])
            for lon, lat in largest[0]:
                lons.append(lon)
                lats.append(lat)
    if not lons:  # no known country: South East Europe
        return 12.0, 34.5, 30.0, 49.5
    return min(lons), min(lats), max(lons), max(lats)


@lru_cache(maxsize=32)
def frame(iso_codes: frozenset, *, width: int = WIDTH) -> Frame:
    """The outlines around ``iso_codes`` (alpha-2), projected into a ``width``-wide frame."""
    west, south, east, north = _bounds(iso_codes)
    west, south = west - MARGIN_DEGREES, south - MARGIN_DEGREES
    east, north = east + MARGIN_DEGREES, north + MARGIN_DEGREES
    kx = math.cos(math.radians((south + north) / 2))
    scale = width / ((east - west) * kx)
    height = round((north - south) * scale)

    def project(lon, lat):
        return (lon - west) * kx * scale, (north - lat) * scale

    shapes = []
    for iso, polygons in _countries():
        parts, best = [], (0.0, None)
        for polygon in polygons:
            for index, ring in enumerate(polygon):
                lons = [p[0] for p in ring]
                lats = [p[1] for p in ring]
                if max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north:
                    continue
                points = _clip([project(lon, lat) for lon, lat in ring], 0, 0, width, height)
                rounded = []
                for x, y in points:
                    point = (round(x), round(y))  # whole units: 600 wide is plenty
                    if not rounded or rounded[-1] != point:
                        rounded.append(point)
                if len(rounded) < 3:
                    continue
                parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in rounded) + "Z")
                if index == 0:
                    cx, cy, area = _centroid(rounded)
                    if area > best[0]:
                        best = (area, (round(cx, 1), round(cy, 1)))
        if parts:
            shapes.append(Shape(iso=iso or "", path="".join(parts), centre=best[1] or (0, 0)))
    return Frame(width=width, height=height, shapes=tuple(shapes), project=project)


@dataclass
class MapArea:
    """One country on a rendered map: its outline, and for counted countries a link."""
    iso: str
    path: str
    name: str = ""
    count: int = 0
    url: str = ""
    shade: int = 0        # 0 (not counted) … 4 (the most)
    x: float = 0
    y: float = 0
    current: bool = False


def country_map(counts: dict, *, names: dict, url_for, current: str = "", width: int = WIDTH):
    """A map of ``counts`` ({alpha-2: n}) shaded in four steps, each counted country linked.

    ``url_for(iso)`` gives the link that filters the list; ``names`` the readable names.
    Returns a dict for ``templates/includes/country_map.html``.
    """
    counted = frozenset(iso for iso, n in counts.items() if n)
    drawn = frame(counted, width=width)
    top = max(counts.values(), default=0) or 1
    background, areas = [], []
    for shape in drawn.shapes:
        n = counts.get(shape.iso, 0)
        if shape.iso in counted:
            areas.append(MapArea(
                iso=shape.iso, path=shape.path, name=names.get(shape.iso, shape.iso), count=n,
                url=url_for(shape.iso), shade=1 + min(3, (3 * n) // top),
                x=shape.centre[0], y=shape.centre[1], current=shape.iso == current))
        else:
            background.append(shape.path)
    areas.sort(key=lambda area: area.name)
    return {"width": drawn.width, "height": drawn.height, "background": background,
            "areas": areas, "current": current}


def point_map(lon: float, lat: float, *, iso: str = "", width: int = 360):
    """A small map with one marker at (lon, lat), framed on the country ``iso``."""
    codes = frozenset({iso}) if iso else frozenset()
    drawn = frame(codes, width=width)
    x, y = drawn.project(lon, lat)
    return {"width": drawn.width, "height": drawn.height,
            "background": [s.path for s in drawn.shapes if s.iso != iso],
            "highlight": [s.path for s in drawn.shapes if s.iso == iso],
            "x": round(x, 1), "y": round(y, 1),
            "inside": 0 <= x <= drawn.width and 0 <= y <= drawn.height}


def country_outline(iso: str, *, width: int = 360):
    """A small map of the country ``iso`` among its neighbours (for a profile page)."""
    drawn = frame(frozenset({iso}), width=width)
    return {"width": drawn.width, "height": drawn.height,
            "background": [s.path for s in drawn.shapes if s.iso != iso],
            "highlight": [s.path for s in drawn.shapes if s.iso == iso]}
