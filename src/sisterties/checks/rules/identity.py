"""One place, one id: a GeoNames id and a name under a parent are used once; the reference record
of a row names the same place; every alias is attested.

Names are compared folded (:mod:`..naming`). The reference check is looser: it also drops spaces,
hyphens, apostrophes and a trailing level word (``County``, ``District``, ``Shi``, ``省``, ``区``, …),
so that "Zhengding County" matches the GeoNames record "Zhengding" and "Yulin" matches "Yulinshi".

>>> loose("Yulinshi") == loose("Yulin") == loose("Yulin City")
True
>>> loose("Zhengding County") == loose("Zhengding")
True
"""
from __future__ import annotations

import re

import pandas as pd

from ..context import Context
from ..naming import contains_name, fold, split_aliases, variants
from ..vector import isin
from .registry import rule

LEVEL_WORDS = re.compile(
    r"(\s(county|district|city|township|town|village|borough|prefecture|province|state|municipality|"
    r"autonomous region|special administrative region)|\s?(shi|sheng|zizhiqu|xian|qu|zhen))$")


def loose(name: str) -> str:
    """A name without spaces, hyphens, apostrophes and a trailing level word (Latin) or level suffix (Chinese)."""
    folded = variants(name)[-1]
    folded = LEVEL_WORDS.sub("", folded)
    return re.sub(r"[\s\-'.,]", "", folded)


def _row_names(en, native, aliases) -> list[str]:
    return [n for n in (en, native) if isinstance(n, str)] + split_aliases(aliases)


def reference_names(ctx: Context, iso, gid) -> list[str]:
    """The names the archived reference extracts give for an ISO code and a GeoNames id."""
    cities, subs = ctx.gazetteer["cities"], ctx.gazetteer["subdivisions"]
    out: list[str] = []
    sub = subs.get(iso) if isinstance(iso, str) else None
    if sub:
        out += [n for n in (sub[2], sub[0]) if n]
    city = cities.get(gid) if isinstance(gid, str) else None
    if city:
        out += [city[4], *sorted(city[2])]
    return out


def _codes(df: pd.DataFrame) -> pd.Series:
    """The ISO code of each row: iso_3166_2, or the id of a country."""
    return df["iso_3166_2"].where(~df["level"].eq("country"), df["jurisdiction_id"])


@rule("jurisdictions", "geonames_id", "geonames_id_once",
      "Another jurisdiction has the same GeoNames id: one place is recorded under two ids, so the same pair could be "
      "entered twice. Keep one row (list the other id in retired_ids if it was released) and point every reference at it.")
def geonames_id_once(ctx, df):
    gid = df["geonames_id"]
    return gid.isna() | ~gid.duplicated(keep=False)


@rule("jurisdictions", "name_en", "place_name_once",
      "Another jurisdiction with the same parent has the same name (or native name): one place is recorded under two "
      "ids. Keep one row and point every reference at it; two different places need names that tell them apart.")
def place_name_once(ctx, df):
    parent = df["parent_id"].fillna("").astype(str)
    ok = pd.Series(True, index=df.index)
    for column in ("name_en", "name_native"):
        has = df[column].notna()
        key = df[column].where(has, "").astype(str).map(fold) + "|" + parent
        ok &= ~(has & key.duplicated(keep=False))
    return ok


@rule("jurisdictions", "geonames_id", "reference_names_place",
      "None of the names that sources/reference gives for this row's GeoNames id (or ISO code) matches name_en, "
      "name_native or aliases: the id (and its coordinates) belong to another place. Copy the id, code and "
      "coordinates of the place the row names.")
def reference_names_place(ctx, df):
    cols = (_codes(df).tolist(), df["geonames_id"].tolist(), df["name_en"].tolist(), df["name_native"].tolist(),
            df["aliases"].tolist())
    out = []
    for iso, gid, en, native, aliases in zip(*cols, strict=True):
        records = [names for names in (reference_names(ctx, iso, None), reference_names(ctx, None, gid)) if names]
        if not records:
            out.append(True)
            continue
        own = {loose(n) for n in _row_names(en, native, aliases)}
        out.append(all(own & {loose(n) for n in names} for names in records))
    return pd.Series(out, index=df.index, dtype=bool)


def place_evidence(ctx: Context, wanted: set[str]) -> dict[str, list[str]]:
    """jurisdiction_id -> folded evidence of its own rows (its row and citations, its pairings and theirs),
    for the jurisdictions in ``wanted``."""
    out: dict[str, list[str]] = {}

    def add(jid, ev):
        if jid in wanted and isinstance(ev, str):
            out.setdefault(jid, []).append(fold(ev))

    j = ctx.frames.get("jurisdictions")
    if j is not None:
        j = j[isin(j["jurisdiction_id"], wanted)]
        for jid, ev in zip(j["jurisdiction_id"].tolist(), j["evidence"].tolist(), strict=True):
            add(jid, ev)
    sides: dict[str, tuple] = {}
    p = ctx.frames.get("pairings")
    if p is not None:
        p = p[isin(p["cn_jurisdiction_id"], wanted) | isin(p["us_jurisdiction_id"], wanted)]
        cols = (p["pairing_id"].tolist(), p["cn_jurisdiction_id"].tolist(), p["us_jurisdiction_id"].tolist(), p["evidence"].tolist())
        for pid, cn, us, ev in zip(*cols, strict=True):
            sides[pid] = (cn, us)
            add(cn, ev)
            add(us, ev)
    c = ctx.frames.get("citations")
    if c is not None:
        c = c[isin(c["row_id"], wanted) | isin(c["row_id"], set(sides))]
        for table, rid, ev in zip(c["table_name"].tolist(), c["row_id"].tolist(), c["evidence"].tolist(), strict=True):
            if table == "jurisdictions":
                add(rid, ev)
            elif table == "pairings":
                for jid in sides.get(rid, ()):
                    add(jid, ev)
    return out


@rule("jurisdictions", "aliases", "alias_attested",
      "An alias is not attested: each must be a name the reference extract in sources/reference gives for this "
      "row's ISO code or GeoNames id, or a name written in the evidence of the place's own rows (its row and "
      "citations, its pairings and theirs). Remove it, or cite the excerpt that uses it.")
def alias_attested(ctx, df):
    evidence = place_evidence(ctx, set(df.loc[df["aliases"].notna(), "jurisdiction_id"].tolist()))
    cols = (df["jurisdiction_id"].tolist(), _codes(df).tolist(), df["geonames_id"].tolist(), df["aliases"].tolist())
    out = []
    for jid, iso, gid, aliases in zip(*cols, strict=True):
        if not isinstance(aliases, str):
            out.append(True)
            continue
        reference = {fold(n) for n in reference_names(ctx, iso, gid)}
        texts = evidence.get(jid, [])
        out.append(all(fold(a) in reference or any(contains_name(t, fold(a)) for t in texts)
                       for a in split_aliases(aliases)))
    return pd.Series(out, index=df.index, dtype=bool)
