"""Where each jurisdiction goes on the map, and the map's projection.

A jurisdiction is placed at its own latitude/longitude; one without coordinates (a province or
a state) at the mean coordinates of its direct child jurisdictions that have coordinates; one
with neither is not placed. Countries are not drawn.

The projection is equirectangular with standard parallel 35°N, centred on the Pacific: western
longitudes are shifted by 360° so China sits on the left and the United States on the right.

>>> rows = [{"jurisdiction_id": "US-MA", "level": "state", "parent_id": "US", "latitude": "", "longitude": ""},
...         {"jurisdiction_id": "US-MA-boston", "level": "city", "parent_id": "US-MA", "latitude": "42.0", "longitude": "-71.0"},
...         {"jurisdiction_id": "US-MA-worcester", "level": "city", "parent_id": "US-MA", "latitude": "42.5", "longitude": "-72.0"},
...         {"jurisdiction_id": "US-IA", "level": "state", "parent_id": "US", "latitude": "", "longitude": ""}]
>>> places = place(rows)
>>> places["US-MA"]
Place(lat=42.25, lon=-71.5, derived=True)
>>> "US-IA" in places
False
>>> p = Projection(Extent(70, 300, 10, 70), width=1000)
>>> p.xy(70, 70)
(0.0, 0.0)
>>> p.xy(10, -60)[0] == p.width
True
"""
from __future__ import annotations

import math
from dataclasses import dataclass

STANDARD_PARALLEL = 35.0


@dataclass(frozen=True)
class Place:
    """A point on the map; ``derived`` when it is the mean of child jurisdictions."""

    lat: float
    lon: float
    derived: bool = False


def _number(text: str | None) -> float | None:
    try:
        value = float(text) if text not in (None, "") else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


def own_coordinates(row: dict[str, str]) -> Place | None:
    """The row's own latitude and longitude, if it has both."""
    lat, lon = _number(row.get("latitude")), _number(row.get("longitude"))
    return Place(lat, lon) if lat is not None and lon is not None else None


def place(rows: list[dict[str, str]]) -> dict[str, Place]:
    """jurisdiction_id -> where it is drawn, for every jurisdiction that can be placed (countries left out)."""
    own = {r["jurisdiction_id"]: own_coordinates(r) for r in rows}
    children: dict[str, list[Place]] = {}
    for r in rows:
        if own[r["jurisdiction_id"]] and r.get("parent_id"):
            children.setdefault(r["parent_id"], []).append(own[r["jurisdiction_id"]])
    out = {}
    for r in rows:
        jid = r["jurisdiction_id"]
        if r.get("level") == "country":
            continue
        if own[jid]:
            out[jid] = own[jid]
        elif children.get(jid):
            pts = children[jid]
            out[jid] = Place(sum(p.lat for p in pts) / len(pts), sum(p.lon for p in pts) / len(pts), derived=True)
    return out


def shifted(lon: float) -> float:
    """Longitude on the Pacific-centred map: western longitudes + 360."""
    return lon + 360 if lon < 0 else lon


@dataclass(frozen=True)
class Extent:
    """Map bounds in shifted longitude and latitude."""

    lon_min: float
    lon_max: float
    lat_min: float
    lat_max: float

    def including(self, places: list[Place], pad: float = 4.0) -> Extent:
        """This extent grown to hold every place (plus ``pad`` degrees)."""
        lons = [shifted(p.lon) for p in places] or [self.lon_min]
        lats = [p.lat for p in places] or [self.lat_min]
        return Extent(min(self.lon_min, min(lons) - pad), max(self.lon_max, max(lons) + pad),
                      max(-90.0, min(self.lat_min, min(lats) - pad)), min(90.0, max(self.lat_max, max(lats) + pad)))


DEFAULT_EXTENT = Extent(70, 300, 10, 70)  # China to the US east coast across the Pacific


class Projection:
    """Equirectangular projection of an extent onto an SVG box ``width`` wide."""

    def __init__(self, extent: Extent, width: float = 1000):
        self.extent = extent
        self.width = width
        self.k = width / ((extent.lon_max - extent.lon_min) * math.cos(math.radians(STANDARD_PARALLEL)))
        self.height = (extent.lat_max - extent.lat_min) * self.k

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        """SVG coordinates of a latitude/longitude (y grows southwards)."""
        x = (shifted(lon) - self.extent.lon_min) * math.cos(math.radians(STANDARD_PARALLEL)) * self.k
        y = (self.extent.lat_max - lat) * self.k
        return round(x, 1), round(y, 1)
