"""Pairings and jurisdictions: sides, levels, composed ids, no pair twice, parents, reference values."""
from __future__ import annotations

import pandas as pd

from ..context import Context
from .registry import rule

FIRST_LEVEL = {"province", "municipality", "autonomous_region", "special_administrative_region", "state", "federal_district"}
CN_FIRST_LEVEL = {"province", "municipality", "autonomous_region", "special_administrative_region"}
BELOW_FIRST = {"prefecture_city", "county_city", "district", "county", "city", "town"}


def _lookup(ctx: Context, ids: pd.Series, column: str) -> pd.Series:
    j = ctx.jurisdictions
    return ids.map(j[column]) if len(j) else pd.Series(index=ids.index, dtype=object)


@rule("pairings", "cn_jurisdiction_id", "pairing_sides",
      "A pairing joins one Chinese jurisdiction (cn_jurisdiction_id, country CN) and one US jurisdiction (us_jurisdiction_id, country US).")
def pairing_sides(ctx, df):
    return _lookup(ctx, df["cn_jurisdiction_id"], "country").eq("CN").fillna(False) & \
        _lookup(ctx, df["us_jurisdiction_id"], "country").eq("US").fillna(False)


@rule("pairings", "level", "pairing_level",
      "A province_state pairing joins a Chinese province, municipality or autonomous region with a US state; a city pairing "
      "joins two places below first level, where a Chinese municipality (Beijing, Shanghai, Tianjin, Chongqing) and "
      "Washington, D.C. count as cities.")
def pairing_level(ctx, df):
    cn = _lookup(ctx, df["cn_jurisdiction_id"], "level")
    us = _lookup(ctx, df["us_jurisdiction_id"], "level")
    top = cn.isin(CN_FIRST_LEVEL) & us.isin({"state"})
    low = cn.isin(BELOW_FIRST | {"municipality"}) & us.isin(BELOW_FIRST | {"federal_district"})
    return (df["level"].eq("province_state") & top) | (df["level"].eq("city") & low)


@rule("pairings", "pairing_id", "pairing_id_composed", "pairing_id must be cn_jurisdiction_id~us_jurisdiction_id.")
def pairing_id_composed(ctx, df):
    return df["pairing_id"].eq(df["cn_jurisdiction_id"] + "~" + df["us_jurisdiction_id"]).fillna(False)


@rule("pairings", "pairing_id", "pairing_once",
      "The same two jurisdictions are paired in more than one row (sides swapped or not): record a pair once.")
def pairing_once(ctx, df):
    a, b = df["cn_jurisdiction_id"].astype(str), df["us_jurisdiction_id"].astype(str)
    key = a.where(a < b, b) + "|" + b.where(a < b, a)
    return ~key.duplicated(keep=False)


# --- jurisdictions ------------------------------------------------------------------------------

@rule("jurisdictions", "parent_id", "jurisdiction_parent",
      "A country has no parent; any other jurisdiction's parent must be in the same country, and a city's id must start with its parent's id.")
def jurisdiction_parent(ctx, df):
    parent_country = df["parent_id"].map(ctx.jurisdictions["country"]) if len(df) else df["parent_id"]
    is_country = df["level"].eq("country")
    top = df["level"].isin(FIRST_LEVEL)
    ok_country = is_country & df["parent_id"].isna() & df["jurisdiction_id"].eq(df["country"])
    ok_top = top & df["parent_id"].eq(df["country"]) & df["jurisdiction_id"].eq(df["iso_3166_2"])
    low = ~is_country & ~top
    prefix = pd.Series([isinstance(p, str) and str(j).startswith(p + "-")
                        for j, p in zip(df["jurisdiction_id"], df["parent_id"], strict=False)], index=df.index)
    ok_low = low & parent_country.eq(df["country"]).fillna(False) & prefix
    return (ok_country | ok_top | ok_low).fillna(False)


@rule("jurisdictions", "geonames_id", "jurisdiction_reference",
      "The GeoNames id, coordinates or native name do not match the archived reference extract (sources/reference), or a US place's "
      "GeoNames record lies in another state than its parent: copy them from the reference, never type them.")
def jurisdiction_reference(ctx, df):
    cities, subs = ctx.gazetteer["cities"], ctx.gazetteer["subdivisions"]
    codes = df["iso_3166_2"].where(~df["level"].eq("country"), df["jurisdiction_id"]).tolist()
    cols = [df[c].tolist() for c in ("geonames_id", "latitude", "longitude", "name_native", "country", "parent_id")]
    out = []
    for iso, gid, lat, lon, native, country, parent in zip(codes, *cols, strict=True):
        sub = subs.get(iso) if isinstance(iso, str) else None
        city = cities.get(gid) if isinstance(gid, str) else None
        ok = not (isinstance(iso, str) and sub is None)
        if isinstance(gid, str) and city is None and not (sub and sub[1] == gid):
            ok = False
        if isinstance(lat, str) and not (city and _close(city[0], lat) and _close(city[1], lon)):
            ok = False
        if city and country == "US" and isinstance(parent, str) and parent.startswith("US-") and city[3] != parent[3:]:
            ok = False  # a US place must lie in its parent state
        if isinstance(native, str) and country == "CN":
            ok = ok and native in (({sub[0]} if sub else set()) | (city[2] if city else set()))
        out.append(ok)
    return pd.Series(out, index=df.index, dtype=bool)


def _close(expected: float, cell) -> bool:
    try:
        return abs(expected - float(cell)) < 1e-6
    except (TypeError, ValueError):
        return False
