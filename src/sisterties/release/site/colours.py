"""Colours of pairing kinds, shared by the map and the timeline (Okabe–Ito, colour-blind safe).

Kinds come from the ``kind`` enum of the pairings schema, so a new kind gets a colour too.

>>> kind_colours(["sister_province_state", "sister_city"])["sister_city"]
'#E69F00'
"""
from __future__ import annotations

from collections import Counter
from html import escape

PALETTE = ("#D55E00", "#E69F00", "#0072B2", "#56B4E9", "#009E73", "#CC79A7", "#F0E442", "#000000")


def kind_colours(kinds: list[str]) -> dict[str, str]:
    """Kind -> colour, in the order given (the schema's enum order)."""
    return {kind: PALETTE[i % len(PALETTE)] for i, kind in enumerate(kinds)}


def pairing_kinds(pkg) -> list[str]:
    """The pairing kinds the schema allows, in its order (empty when it declares none)."""
    table = pkg.table("pairings")
    return list(table.field("kind").enum or []) if "kind" in table.field_names else []


def label(value: str) -> str:
    """``sister_province_state`` -> ``sister province/state``."""
    return value.replace("province_state", "province/state").replace("_", " ")


def kind_legend_items(pairings: list[dict[str, str]], colours: dict[str, str]) -> list[str]:
    """Legend entries (``<li>``): a swatch, the kind and how many pairings are of that kind."""
    counts = Counter(p.get("kind", "") for p in pairings)
    return [f'<li><svg class="swatch" viewBox="0 0 28 10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" stroke="{c}"/></svg>'
            f'{escape(label(kind))} <span class="count">({counts.get(kind, 0)})</span></li>' for kind, c in colours.items()]
