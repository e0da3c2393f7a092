"""Evidence that supports its pairing: an excerpt names both places.

A pairing is supported when one excerpt — the pairing's own evidence or the evidence of one of
its citations — names both jurisdictions by a name the jurisdictions table records (name_en,
name_native or aliases; see :mod:`..naming` for how names are found).

Pages of one party, and list pages: an excerpt is read with what its page says it is about.
It also counts as naming a place when

- its source is an official page (kind ``official_register`` or ``official_statement``) whose
  ``publisher`` names the place: the page of one party speaks for that party (the City of
  Cupertino's list entry "Jiangmen, People's Republic of China" names Cupertino as well); or
- its source is not a news article (an official page, an encyclopedia list, a reference
  dataset) and its ``title`` names the place: such a title says whose list or what subject the
  excerpt belongs to (a row "亚拉巴马州 1985年10月7日" of the page "湖北省国际友好城市列表").

A news article's publisher and headline never count: the excerpt itself must name the place.
"""
from __future__ import annotations

import pandas as pd

from ..context import Context
from ..naming import fold, names_in
from .provenance import CHUNK
from .registry import rule

SPEAKING_KINDS = frozenset({"official_register", "official_statement"})
NEWS_KINDS = frozenset({"news_article"})


def page_frames(ctx: Context) -> dict[str, str]:
    """source_id -> folded text of what the page says it is about: the publisher of an official page
    and the title of any page that is not a news article (see the module docstring)."""
    s = ctx.sources
    out = {}
    cols = (s["source_id"].tolist(), s["kind"].tolist(), s["publisher"].tolist(), s["title"].tolist())
    for sid, kind, publisher, title in zip(*cols, strict=True):
        parts = []
        if kind in SPEAKING_KINDS and isinstance(publisher, str):
            parts.append(publisher)
        if kind not in NEWS_KINDS and isinstance(title, str):
            parts.append(title)
        if parts:
            out[sid] = fold(" | ".join(parts))
    return out


def cited_excerpts(ctx: Context, table: str) -> dict[str, list[tuple]]:
    """row_id -> (source_id, folded evidence) of each citation of a row of ``table``."""
    cited: dict[str, list[tuple]] = {}
    cites = ctx.frames.get("citations")
    if cites is not None:
        own = cites[cites["table_name"].eq(table)]
        for rid, sid, ev in zip(own["row_id"].tolist(), own["source_id"].tolist(), own["evidence"].tolist(), strict=True):
            if isinstance(ev, str):
                cited.setdefault(rid, []).append((sid, fold(ev)))
    return cited


def place_names(ctx: Context, jid, name_en) -> tuple[str, ...]:
    """The folded names of a jurisdiction (its name_en alone unless it has others)."""
    other = ctx.place_other_names.get(jid)
    if other is not None:
        return other
    return (fold(name_en),) if isinstance(name_en, str) else ()


def names_place(frames: dict[str, str], source_id, folded_evidence: str, names: tuple[str, ...]) -> bool:
    """True when the excerpt names the place, or its page's publisher or title does (see above)."""
    if names_in(folded_evidence, names, folded=True):
        return True
    frame = frames.get(source_id)
    return frame is not None and names_in(frame, names, folded=True)


def _names_both(ctx: Context, df: pd.DataFrame) -> pd.Series:
    key = ("pairing_names_both", id(df), len(df))
    if key not in ctx.memo:
        ctx.memo[key] = _compute_names_both(ctx, df)
    return ctx.memo[key]


def _compute_names_both(ctx: Context, df: pd.DataFrame) -> pd.Series:
    frames, cited = page_frames(ctx), cited_excerpts(ctx, "pairings")
    j = ctx.jurisdictions
    english = j["name_en"] if len(j) else pd.Series(dtype=object)
    out: list[bool] = []
    for first in range(0, len(df), CHUNK):  # bounded memory: Python objects for one chunk at a time
        part = df.iloc[first:first + CHUNK]
        cols = (part["pairing_id"].tolist(), part["cn_jurisdiction_id"].tolist(), part["us_jurisdiction_id"].tolist(),
                part["cn_jurisdiction_id"].map(english).tolist(), part["us_jurisdiction_id"].map(english).tolist(),
                part["source_id"].tolist(), part["evidence"].tolist())
        for pid, cn, us, cn_en, us_en, sid, ev in zip(*cols, strict=True):
            cn_names, us_names = place_names(ctx, cn, cn_en), place_names(ctx, us, us_en)
            found = ([(sid, fold(ev))] if isinstance(ev, str) else []) + cited.get(pid, [])
            out.append(any(names_place(frames, s, e, cn_names) and names_place(frames, s, e, us_names) for s, e in found))
    return pd.Series(out, index=df.index, dtype=bool)


@rule("pairings", "evidence", "pairing_names_both_places",
      "No excerpt of this pairing (its evidence or a citation's) names both places by a name in jurisdictions "
      "(name_en, name_native, aliases); an official page's publisher and a non-news page's title count too. Cite an "
      "excerpt that names both places, or add to aliases the name the excerpt uses; only when no source seen names "
      "both, say so in evidence_gap.")
def pairing_names_both_places(ctx, df):
    return _names_both(ctx, df) | df["evidence_gap"].notna()


@rule("pairings", "evidence_gap", "evidence_gap_current",
      "evidence_gap says no excerpt names both places, but one does: empty evidence_gap.")
def evidence_gap_current(ctx, df):
    return df["evidence_gap"].isna() | ~_names_both(ctx, df)
