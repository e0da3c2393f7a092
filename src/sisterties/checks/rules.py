"""Cross-table and provenance rules that a Table Schema cannot state.

Each rule is a vectorised function ``(context, frame) -> Series[bool]`` (True where a row is
fine) registered for a table and a column, with the sentence a curator reads when it fails.
:func:`rule_checks` turns them into pandera dataframe-level checks.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from .context import Context
from .vector import earliest_day, isin, latest_day

FIRST_LEVEL = {"province", "municipality", "autonomous_region", "special_administrative_region", "state", "federal_district"}
CN_FIRST_LEVEL = {"province", "municipality", "autonomous_region", "special_administrative_region"}
BELOW_FIRST = {"prefecture_city", "county_city", "district", "county", "city", "town"}
CHUNK = 100_000
EVIDENCE_TABLES = ("jurisdictions", "pairings", "officials", "quotes", "claims", "citations")
DATED = {  # table -> partial-date fields that cannot be later than the source's publication
    "pairings": ("established", "status_as_of"),
    "officials": ("role_as_of",),
    "quotes": ("quote_date",),
    "claims": ("as_of",),
}


@dataclass(frozen=True)
class Rule:
    table: str
    column: str | None
    id: str
    message: str
    fn: Callable[[Context, pd.DataFrame], pd.Series]


RULES: list[Rule] = []


def rule(table: str, column: str | None, rule_id: str, message: str):
    def register(fn):
        RULES.append(Rule(table, column, rule_id, message, fn))
        return fn
    return register


def rule_checks(ctx: Context, table: str) -> list[pa.Check]:
    """The pandera checks of every rule registered for ``table``."""
    return [
        pa.Check(lambda df, r=r: r.fn(ctx, df).reindex(df.index, fill_value=True).astype(bool),
                 name=f"{r.id}|{r.column or ''}|", element_wise=False)
        for r in RULES if r.table == table
    ]


def rule_message(rule_id: str) -> str | None:
    return next((r.message for r in RULES if r.id == rule_id), None)


# --- helpers ---------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(text.split())


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _slice_matches(ctx: Context, df: pd.DataFrame, text_col: str, start_col: str, end_col: str) -> pd.Series:
    """True where text[start:end] of the row's archived source equals the cell (whitespace-normalised).

    Each archived text is decoded once (in the context); offsets are checked by slicing, never by searching.
    """
    texts = ctx.archived_texts
    out: list[bool] = []
    for first in range(0, len(df), CHUNK):  # bounded memory: Python objects for one chunk at a time
        part = df.iloc[first:first + CHUNK]
        columns = (part["source_id"].tolist(), part[text_col].tolist(), part[start_col].tolist(), part[end_col].tolist())
        for sid, cell, start, end in zip(*columns, strict=True):
            source = texts.get(sid)
            if source is None:
                out.append(True)  # not archived, or missing: other rules report it
                continue
            a, b = _int(start), _int(end)
            if not isinstance(cell, str) or a is None or b is None or not (0 <= a <= b <= len(source)):
                out.append(False)
                continue
            piece = source[a:b]
            out.append(piece == cell or _norm(piece) == _norm(cell))
    return pd.Series(out, index=df.index, dtype=bool)


def _archived(ctx: Context, df: pd.DataFrame) -> pd.Series:
    archived = set(ctx.sources.loc[ctx.sources["archived"].eq("true"), "source_id"])
    return isin(df["source_id"], archived)


# --- provenance --------------------------------------------------------------------------------

def _register_evidence_rules(table: str) -> None:
    @rule(table, "evidence", "evidence_in_source",
          "The evidence is not the text at evidence_start:evidence_end of the archived source "
          "(compared after whitespace normalisation): fix the excerpt or its offsets.")
    def evidence_in_source(ctx, df):
        return _slice_matches(ctx, df, "evidence", "evidence_start", "evidence_end")

    @rule(table, "evidence_start", "evidence_offsets",
          "Offsets are required when the source is archived and must be empty when it is not.")
    def evidence_offsets(ctx, df):
        has = df["evidence_start"].notna() & df["evidence_end"].notna()
        none = df["evidence_start"].isna() & df["evidence_end"].isna()
        return (_archived(ctx, df) & has) | (~_archived(ctx, df) & none)


for _t in EVIDENCE_TABLES:
    _register_evidence_rules(_t)


def _latest_publication(ctx: Context, table: str, df: pd.DataFrame) -> pd.Series:
    """Per row: the last day any of its sources (its source_id and its citations) can have been published.

    NaT when a supporting source has no date: the rule cannot decide, so it does not fail the row.
    """
    sources = ctx.sources
    last = dict(zip(sources["source_id"], latest_day(sources["published"]), strict=True))
    latest = pd.to_datetime(df["source_id"].astype(object).map(last))
    cites = ctx.frames.get("citations")
    if cites is not None:
        own = cites[cites["table_name"].eq(table)]
        days = pd.to_datetime(own["source_id"].astype(object).map(last))
        keys = own["row_id"].astype(object)
        per_row = days.groupby(keys).max().to_dict()
        undated = set(keys[days.isna().to_numpy()].tolist())
        pk = df[ctx.pkg.table(table).primary_key[0]].astype(object)
        latest = pd.concat([latest, pd.to_datetime(pk.map(per_row))], axis=1).max(axis=1)
        latest = latest.mask(pk.isin(undated).to_numpy())
    return latest


def _register_date_rule(table: str, column: str) -> None:
    @rule(table, column, "date_not_after_source",
          f"{column} is later than the publication date of every source of the row (its source_id and its citations): "
          "a source cannot report what had not happened.")
    def date_not_after_source(ctx, df):
        first = earliest_day(df[column])
        latest = _latest_publication(ctx, table, df)
        return (first.isna() | latest.isna() | (first <= latest)).astype(bool)


for _t, _cols in DATED.items():
    for _c in _cols:
        _register_date_rule(_t, _c)


@rule("quotes", "text", "quote_in_source",
      "The quotation is not the text at start:end of the archived source: it must be verbatim (whitespace aside) and the offsets must point at it.")
def quote_in_source(ctx, df):
    return _slice_matches(ctx, df, "text", "start", "end")


@rule("quotes", "quote_id", "quote_id_composed", "quote_id must be 'q-', the source's 12 hex digits and the 6-digit start offset.")
def quote_id_composed(ctx, df):
    expected = "q-" + df["source_id"].str.slice(4) + "-" + df["start"].str.zfill(6)
    return df["quote_id"].eq(expected).fillna(False)


@rule("quotes", "speaker_id", "quote_speaker",
      "A statement or fragment needs its speaker (speaker_id) and an attribution of explicit or continuation; only a theme has neither.")
def quote_speaker(ctx, df):
    theme = df["quote_kind"].eq("theme")
    return (theme & df["speaker_id"].isna() & df["attribution"].eq("none")) | (
        ~theme & df["speaker_id"].notna() & df["attribution"].isin(["explicit", "continuation"]))


@rule("sources", "archive_path", "source_archive_fields",
      "An archived source needs archive_path, sha256 and archived_on; a source that is not archived has none of them.")
def source_archive_fields(ctx, df):
    fields = df[["archive_path", "sha256", "archived_on"]].notna()
    return (df["archived"].eq("true") & fields.all(axis=1)) | (df["archived"].eq("false") & ~fields.any(axis=1))


@rule("sources", "archive_path", "source_file_present",
      "The archived file is missing, or its path leads outside sources/.")
def source_file_present(ctx, df):
    files = ctx.archive_files
    return ~df["archived"].eq("true") | df["source_id"].map(lambda s: files.get(s) is not None).astype(bool)


@rule("sources", "sha256", "source_sha256",
      "The SHA-256 of the archived file differs from the one recorded: the archived text was changed.")
def source_sha256(ctx, df):
    actual = df["source_id"].map(ctx.archive_sha256)
    return actual.isna() | actual.eq(df["sha256"]).fillna(False)


@rule("sources", "source_id", "source_id_from_hash",
      "An archived source's id must be 'src-' and the first 12 hex digits of its sha256.")
def source_id_from_hash(ctx, df):
    return ~df["archived"].eq("true") | df["sha256"].isna() | df["source_id"].eq("src-" + df["sha256"].str.slice(0, 12)).fillna(False)


def _register_precision_rule(table: str, value: str, prec: str | None, basis: str, note: str) -> None:
    @rule(table, value, f"{value}_precision_basis",
          f"{value} needs {basis}{' and ' + prec if prec else ''} when it has a value (and none when empty); an inferred value needs {note} to say why.")
    def consistent(ctx, df):
        has = df[value].notna()
        ok = has.eq(df[basis].notna())
        if prec:
            lengths = df[value].str.len().map({4: "year", 7: "month", 10: "day"})
            ok &= (~has & df[prec].isna()) | (has & lengths.eq(df[prec]).fillna(False))
        return ok & (~df[basis].eq("inferred") | df[note].notna())


_register_precision_rule("sources", "published", "published_precision", "published_basis", "published_note")
_register_precision_rule("pairings", "established", None, "established_basis", "established_note")
_register_precision_rule("quotes", "quote_date", None, "quote_date_basis", "quote_date_note")
_register_precision_rule("claims", "as_of", None, "as_of_basis", "note")


@rule("pairings", "established", "established_has_evidence",
      "A stated establishment date must appear in the row's evidence or in a citation with fact 'established'.")
def established_has_evidence(ctx, df):
    cites = ctx.frames.get("citations")
    extra = {}
    if cites is not None:
        est = cites[cites["table_name"].eq("pairings") & cites["fact"].eq("established")]
        for rid, ev in zip(est["row_id"], est["evidence"], strict=False):
            extra.setdefault(rid, []).append(ev)
    out = []
    cols = (df["pairing_id"].tolist(), df["established"].tolist(), df["established_basis"].tolist(), df["evidence"].tolist())
    for pid, value, basis, ev in zip(*cols, strict=True):
        if isinstance(value, str) and basis == "stated":
            year = value[:4]
            out.append(year in str(ev) or any(year in e for e in extra.get(pid, [])))
        else:
            out.append(True)
    return pd.Series(out, index=df.index, dtype=bool)


# --- pairings -----------------------------------------------------------------------------------

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


# --- citations ----------------------------------------------------------------------------------

@rule("citations", "row_id", "citation_target",
      "row_id names no row of the table given in table_name.")
def citation_target(ctx, df):
    ok = pd.Series(True, index=df.index)
    for table, group in df.groupby("table_name"):
        frame = ctx.frames.get(table)
        if frame is None or table not in ctx.pkg.tables:
            ok[group.index] = False
            continue
        pk = ctx.pkg.table(table).primary_key[0]
        ok[group.index] = isin(group["row_id"], frame[pk]).to_numpy()
    return ok
