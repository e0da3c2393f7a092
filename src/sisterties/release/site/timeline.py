"""The timeline: pairings by year of establishment (stacked bars by kind), beside the aggregate
counts that sources state, so a reader sees how complete the package is against them.

>>> year_of("1983-05")
1983
>>> year_of("") is None
True
>>> in_package([{"established": "1983", "level": "city"}, {"established": "2019", "level": "city"}], None, "2018-05-11")
1
>>> nice_step(7)
2
"""
from __future__ import annotations

import re
from collections import Counter
from html import escape

from .colours import kind_legend_items, label
from .ids import evidence_id, source_href, table_href

TOTALS = {"sister_pairs_total": None, "sister_province_state_pairs": "province_state", "sister_city_pairs": "city"}
SUBJECT_TEXT = {"sister_pairs_total": "sister pairs in all", "sister_province_state_pairs": "sister province/state pairs",
                "sister_city_pairs": "sister city pairs"}
QUALIFIER = {"exact": "", "more_than": "more than ", "at_least": "at least ", "nearly": "nearly ", "about": "about "}
PLOT_W, PLOT_H, LEFT, TOP, BOTTOM = 640, 200, 36, 26, 30


def year_of(value: str | None) -> int | None:
    """The year of a partial date, or None."""
    m = re.match(r"^(\d{4})", value or "")
    return int(m.group(1)) if m else None


def in_package(pairings: list[dict[str, str]], level: str | None, as_of: str) -> int:
    """Pairings of ``level`` (all when None) established in or before the year of ``as_of``."""
    limit = year_of(as_of)
    return sum(1 for p in pairings if (y := year_of(p.get("established"))) is not None and limit is not None and y <= limit
               and (level is None or p.get("level") == level))


def nice_step(top: int) -> int:
    """A tick step giving at most about five ticks up to ``top``."""
    step = 1
    while top / step > 5:
        step = step * 5 // 2 if str(step).startswith("2") else step * 2
    return step


def total_claims(claims: list[dict[str, str]]) -> list[dict[str, str]]:
    """Claims that state a number of sister pairs, by date."""
    return sorted((c for c in claims if c.get("subject") in TOTALS), key=lambda c: (c.get("as_of") or "", c.get("subject", "")))


def _stated_by(claim: dict[str, str], officials: dict[str, dict[str, str]], sources: dict[str, dict[str, str]]) -> str:
    off = officials.get(claim.get("stated_by_id") or "")
    if off:
        role = f", {off['role_title']}" if off.get("role_title") else ""
        return f'<a href="{escape(table_href("officials", off["official_id"]))}">{escape(off.get("name_en", off["official_id"]))}</a>{escape(role)}'
    src = sources.get(claim.get("source_id", ""), {})
    return f"the source itself ({escape(src.get('publisher', claim.get('source_id', '')))})"


def bars_svg(pairings: list[dict[str, str]], claims: list[dict[str, str]], colours: dict[str, str]) -> str:
    """SVG of pairings per establishment year, stacked by kind, with the dates of stated totals marked."""
    per_year: dict[int, Counter] = {}
    for p in pairings:
        y = year_of(p.get("established"))
        if y is not None:
            per_year.setdefault(y, Counter())[p.get("kind", "")] += 1
    marks = [(year_of(c.get("as_of")), c) for c in total_claims(claims) if year_of(c.get("as_of")) is not None]
    years = list(per_year) + [y for y, _ in marks]
    if not per_year:
        return '<p id="timeline-empty">No pairing has a year of establishment yet, so there are no bars to draw.</p>'
    first, last = min(years), max(years)
    n = last - first + 1
    top = max(sum(c.values()) for c in per_year.values())
    step = nice_step(top)
    top = -(-top // step) * step
    bw, k = PLOT_W / n, PLOT_H / top
    out = [f'<svg id="timeline-svg" class="timeline" viewBox="0 0 {LEFT + PLOT_W + 10} {TOP + PLOT_H + BOTTOM}" role="img" '
           'aria-labelledby="timeline-svg-title">', '<title id="timeline-svg-title">Pairings by year of establishment</title>',
           f'<g transform="translate({LEFT} {TOP})">', f'<text class="tick" x="-{LEFT - 2}" y="-14">pairings established per year</text>']
    for v in range(0, top + 1, step):
        y = PLOT_H - v * k
        out.append(f'<line class="grid" x1="0" y1="{y:.1f}" x2="{PLOT_W}" y2="{y:.1f}"/><text class="tick" x="-5" y="{y + 3:.1f}" '
                   f'text-anchor="end">{v}</text>')
    every = 1 if n <= 15 else 5 if n <= 60 else 10
    for year in range(first, last + 1):
        if year % every == 0:
            out.append(f'<text class="tick" x="{(year - first + 0.5) * bw:.1f}" y="{PLOT_H + 16}" text-anchor="middle">{year}</text>')
    for year, counts in sorted(per_year.items()):
        base = 0
        for kind in list(colours) + sorted(set(counts) - set(colours)):
            if not counts.get(kind):
                continue
            h = counts[kind] * k
            out.append(f'<rect class="bar" data-year="{year}" data-kind="{escape(kind)}" data-count="{counts[kind]}" '
                       f'x="{(year - first) * bw + 1:.1f}" y="{PLOT_H - base - h:.1f}" width="{max(bw - 2, 1):.1f}" height="{h:.1f}" '
                       f'fill="{colours.get(kind, "#777")}"><title>{year}: {counts[kind]} {escape(label(kind))}</title></rect>')
            base += h
    for i, (year, c) in enumerate(marks):
        x = (year - first + 0.5) * bw
        text = f"{QUALIFIER.get(c.get('qualifier', ''), '')}{c.get('value', '')}"
        out.append(f'<g class="stated-mark"><line x1="{x:.1f}" y1="{-TOP + 12}" x2="{x:.1f}" y2="{PLOT_H}"/>'
                   f'<text x="{x - 3:.1f}" y="{-TOP + 10 + 10 * (i % 2)}" text-anchor="end">{escape(text)}</text>'
                   f'<title>{escape(c.get("as_of", ""))}: a source states {escape(text)} {escape(SUBJECT_TEXT[c["subject"]])}</title></g>')
    out += ["</g>", "</svg>"]
    return "\n".join(out)


def totals_table(pairings, claims, officials, sources) -> str:
    """HTML table: each stated total, who stated it, and how many such pairs the package holds by then."""
    rows = total_claims(claims)
    if not rows:
        return '<p id="stated-totals">No source in the package states a total number of pairs yet.</p>'
    offs = {o["official_id"]: o for o in officials}
    srcs = {s["source_id"]: s for s in sources}
    out = ['<table id="stated-totals" class="totals"><thead><tr><th>stated total</th><th>stated by, in</th>'
           '<th>in the package, established by then</th></tr></thead><tbody>']
    for c in rows:
        level = TOTALS[c["subject"]]
        have = in_package(pairings, level, c.get("as_of", ""))
        try:
            value = float(c.get("value", ""))
        except ValueError:
            value = 0.0
        share = min(have / value, 1.0) if value else 0.0
        src = srcs.get(c.get("source_id", ""), {})
        href = source_href(c.get("source_id", ""), evidence_id("claims", c["claim_id"]))
        out.append(f'<tr data-claim-id="{escape(c["claim_id"])}"><td>{escape(QUALIFIER.get(c.get("qualifier", ""), ""))}'
                   f'<strong>{escape(c.get("value", ""))}</strong> {escape(SUBJECT_TEXT[c["subject"]])}, as of {escape(c.get("as_of") or "an unknown date")}</td>'
                   f'<td>{_stated_by(c, offs, srcs)}, in <a href="{escape(href)}">{escape(src.get("title", c.get("source_id", "")))}</a></td>'
                   f'<td>{have} ({100 * share:.0f}%)<svg class="meter" viewBox="0 0 100 8" aria-hidden="true">'
                   f'<rect class="stated" width="100" height="8"/><rect class="have" width="{100 * share:.1f}" height="8"/></svg></td></tr>')
    out.append("</tbody></table>")
    return "\n".join(out)


def timeline_section(pairings, claims, officials, sources, colours: dict[str, str]) -> str:
    """The home page's timeline section."""
    dated = sum(1 for p in pairings if year_of(p.get("established")) is not None)
    return "\n".join([
        '<section id="timeline"><h2>Timeline and completeness</h2>',
        f"<p>Pairings by year of establishment ({dated} of {len(pairings)} pairings have a year; the others are not in the chart). "
        "Dashed marks show when a source stated a total. The table counts, for each stated total, the pairs of that level in this package "
        "established in or before its year, so you can see how complete the package is.</p>",
        '<div class="timeline-grid">',
        f'<figure id="timeline-figure">{bars_svg(pairings, claims, colours)}'
        f'<figcaption><ul class="legend">{"".join(kind_legend_items(pairings, colours))}</ul></figcaption></figure>',
        f'<div class="totals-box"><h3>Totals that sources state</h3>{totals_table(pairings, claims, officials, sources)}</div>',
        "</div></section>"])
