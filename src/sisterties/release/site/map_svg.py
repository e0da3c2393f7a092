"""The map of all pairings: inline SVG drawn here, with its legend and what could not be placed.

One curved line per pairing between its two jurisdictions (coloured by kind, dashed when the
pairing is suspended or terminated), a dot per placed jurisdiction, a lat/lon graticule and no
basemap (nothing is fetched).
"""
from __future__ import annotations

import math
from html import escape

from .colours import kind_legend_items, label
from .geo import DEFAULT_EXTENT, Place, Projection, shifted
from .ids import table_href

MARGIN = 28
MAX_LABELS = 60
BROKEN = ("suspended", "terminated")


def _lon_label(lon: float) -> str:
    lon = lon - 360 if lon > 180 else lon
    return "180°" if abs(lon) == 180 else f"{abs(lon):g}°{'E' if lon > 0 else 'W' if lon < 0 else ''}"


def _graticule(proj: Projection) -> list[str]:
    e = proj.extent
    out = ['<g class="graticule">']
    for lon in range(math.ceil(e.lon_min / 10) * 10, int(e.lon_max) + 1, 10):
        x, _ = proj.xy(e.lat_min, lon)
        out.append(f'<line x1="{x}" y1="0" x2="{x}" y2="{proj.height:.1f}"/>')
        if lon % 20 == 0:
            out.append(f'<text class="tick" x="{x}" y="{proj.height + 14:.1f}" text-anchor="middle">{_lon_label(lon)}</text>')
    for lat in range(math.ceil(e.lat_min / 10) * 10, int(e.lat_max) + 1, 10):
        _, y = proj.xy(lat, e.lon_min)
        out.append(f'<line x1="0" y1="{y}" x2="{proj.width:.1f}" y2="{y}"/>')
        out.append(f'<text class="tick" x="-4" y="{y + 3}" text-anchor="end">{abs(lat)}°{"N" if lat > 0 else "S" if lat < 0 else ""}</text>')
    out.append("</g>")
    return out


def _arc(a: tuple[float, float], b: tuple[float, float]) -> str:
    """Quadratic curve from a to b bowing north (as great circles between China and the US do)."""
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    nx, ny = dy / length, -dx / length
    if ny > 0:
        nx, ny = -nx, -ny
    bend = 0.18 * length
    cx, cy = (x1 + x2) / 2 + nx * bend, (y1 + y2) / 2 + ny * bend
    return f"M{x1} {y1} Q{cx:.1f} {cy:.1f} {x2} {y2}"


def _names(jurisdictions: list[dict[str, str]]) -> dict[str, str]:
    return {j["jurisdiction_id"]: j.get("name_en") or j["jurisdiction_id"] for j in jurisdictions}


def map_svg(jurisdictions: list[dict[str, str]], pairings: list[dict[str, str]], places: dict[str, Place],
            colours: dict[str, str]) -> str:
    """The ``<svg>`` element: graticule, country names, one path per drawable pairing, one dot per placed jurisdiction."""
    names = _names(jurisdictions)
    proj = Projection(DEFAULT_EXTENT.including(list(places.values())))
    w, h = proj.width + 2 * MARGIN, proj.height + 2 * MARGIN
    out = [f'<svg id="map-svg" class="map" viewBox="0 0 {w:.0f} {h:.0f}" role="img" aria-labelledby="map-svg-title">',
           '<title id="map-svg-title">China–US pairings: one line per pairing between its two jurisdictions</title>',
           f'<g transform="translate({MARGIN} {MARGIN})">',
           f'<rect class="sea" x="0" y="0" width="{proj.width:.1f}" height="{proj.height:.1f}"/>', *_graticule(proj)]
    country = {j["jurisdiction_id"]: j.get("country", "") for j in jurisdictions}
    for code, text in (("CN", "CHINA"), ("US", "UNITED STATES")):
        lons = sorted(shifted(p.lon) for jid, p in places.items() if country.get(jid) == code)
        if lons:  # above the points, at their median longitude
            x, _ = proj.xy(0, lons[len(lons) // 2])
            out.append(f'<text class="country" x="{x}" y="{0.08 * proj.height + 12:.1f}" text-anchor="middle">{text}</text>')
    x, y = proj.xy(25, 180)
    out.append(f'<text class="ocean" x="{x}" y="{y}" text-anchor="middle">Pacific Ocean</text>')
    out.append('<g class="pairings">')
    in_pairings = set()
    for p in pairings:
        a, b = p.get("cn_jurisdiction_id", ""), p.get("us_jurisdiction_id", "")
        if a not in places or b not in places:
            continue
        in_pairings.update((a, b))
        colour = colours.get(p.get("kind", ""), "#555")
        dash = ' stroke-dasharray="6 4"' if p.get("status") in BROKEN else ""
        tip = f"{names.get(a, a)} – {names.get(b, b)}: {label(p.get('kind', ''))}, established {p.get('established') or 'year unknown'}, {p.get('status', '')}"
        out.append(f'<a href="{escape(table_href("pairings", p["pairing_id"]))}">'
                   f'<path class="pairing" data-pairing-id="{escape(p["pairing_id"])}" data-kind="{escape(p.get("kind", ""))}" '
                   f'd="{_arc(proj.xy(places[a].lat, places[a].lon), proj.xy(places[b].lat, places[b].lon))}" stroke="{colour}"{dash}>'
                   f'<title>{escape(tip)}</title></path></a>')
    out.append("</g>")
    out.append('<g class="places">')
    labelled = len(in_pairings) <= MAX_LABELS
    for jid, pl in sorted(places.items(), key=lambda kv: kv[0] in in_pairings):
        x, y = proj.xy(pl.lat, pl.lon)
        cls = ("derived" if pl.derived else "own") + (" paired" if jid in in_pairings else "")
        how = "mean of its child jurisdictions" if pl.derived else "its own coordinates"
        out.append(f'<circle class="{cls}" data-jurisdiction-id="{escape(jid)}" cx="{x}" cy="{y}" r="{4 if jid in in_pairings else 2.5}">'
                   f'<title>{escape(names.get(jid, jid))} ({escape(jid)}): {how}, {pl.lat:.2f}, {pl.lon:.2f}</title></circle>')
        if labelled and jid in in_pairings:
            out.append(f'<text class="place" x="{x + 6}" y="{y - 5}">{escape(names.get(jid, jid))}</text>')
    out += ["</g>", "</g>", "</svg>"]
    return "\n".join(out)


def legend(pairings: list[dict[str, str]], colours: dict[str, str]) -> str:
    """HTML legend: a swatch and a count per kind, the line styles and the dot styles."""
    items = kind_legend_items(pairings, colours)
    items.append('<li><svg class="swatch" viewBox="0 0 28 10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" stroke="#555" '
                 'stroke-dasharray="6 4"/></svg>dashed: suspended or terminated</li>')
    items.append('<li><svg class="swatch" viewBox="0 0 12 12" aria-hidden="true"><circle class="own" cx="6" cy="6" r="4"/></svg>own coordinates</li>')
    items.append('<li><svg class="swatch" viewBox="0 0 12 12" aria-hidden="true"><circle class="derived" cx="6" cy="6" r="4"/></svg>'
                 'mean of its child jurisdictions</li>')
    return '<ul class="legend">' + "".join(items) + "</ul>"


def unplaced(jurisdictions: list[dict[str, str]], pairings: list[dict[str, str]], places: dict[str, Place]) -> str:
    """HTML lists: jurisdictions not placed, and pairings not drawn because a side is not placed."""
    names = _names(jurisdictions)
    paired = {p.get(side, "") for p in pairings for side in ("cn_jurisdiction_id", "us_jurisdiction_id")}
    missing = [j for j in jurisdictions if j.get("level") != "country" and j["jurisdiction_id"] not in places]
    out = ['<h3 id="not-placed-heading">Not placed</h3>']
    if missing:
        out.append('<ul id="not-placed">' + "".join(
            f'<li data-jurisdiction-id="{escape(j["jurisdiction_id"])}"><a href="{escape(table_href("jurisdictions", j["jurisdiction_id"]))}">'
            f'{escape(names[j["jurisdiction_id"]])}</a> ({escape(j["jurisdiction_id"])}, {escape(label(j.get("level", "")))})'
            f'{" — in a pairing" if j["jurisdiction_id"] in paired else ""}</li>' for j in missing) + "</ul>")
    else:
        out.append('<p id="not-placed">Every jurisdiction below country level is placed.</p>')
    undrawn = [p for p in pairings if p.get("cn_jurisdiction_id") not in places or p.get("us_jurisdiction_id") not in places]
    if undrawn:
        out.append('<h3>Pairings not drawn</h3><p>A side of these pairings is not placed:</p><ul id="not-drawn">' + "".join(
            f'<li data-pairing-id="{escape(p["pairing_id"])}"><a href="{escape(table_href("pairings", p["pairing_id"]))}">'
            f'{escape(p["pairing_id"])}</a></li>' for p in undrawn) + "</ul>")
    return "\n".join(out)


def map_section(jurisdictions: list[dict[str, str]], pairings: list[dict[str, str]], places: dict[str, Place],
                colours: dict[str, str]) -> str:
    """The home page's map section."""
    drawn = sum(1 for p in pairings if p.get("cn_jurisdiction_id") in places and p.get("us_jurisdiction_id") in places)
    return "\n".join([
        '<section id="map"><h2>Map of the pairings</h2>',
        f"<p>{drawn} of {len(pairings)} pairings drawn, one line each between the two jurisdictions (hover a line or a dot for details; "
        "click a line for its row). Positions are an equirectangular projection (standard parallel 35°N, centred on the Pacific) of the "
        "jurisdictions' latitude and longitude; there is no basemap. Jurisdictions without coordinates of their own (provinces, states) "
        "are placed at the mean coordinates of their child jurisdictions that have coordinates; those with none are not placed and are "
        "listed below the map. Countries are not drawn.</p>",
        '<figure id="map-figure" class="map-figure">', map_svg(jurisdictions, pairings, places, colours),
        f"<figcaption>{legend(pairings, colours)}</figcaption></figure>",
        unplaced(jurisdictions, pairings, places), "</section>"])
