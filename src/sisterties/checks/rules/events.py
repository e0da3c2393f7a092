"""Events and laws: composed ids, the law of a required_to_end event, dates against today and
the establishment; on pairings, the columns derived from events and sources (status,
status_as_of, established, independent_sources).

The status rule itself is :func:`sisterties.metadata.status.derive_status`; here it is only
compared with what ``pairings.csv`` says.
"""
from __future__ import annotations

import re

import pandas as pd

from ...metadata.publishers import independent_sources
from ...metadata.status import AGREEMENTS, derive_statuses
from ..context import Context
from ..vector import earliest_day, latest_day
from .registry import rule


def _columns(df: pd.DataFrame | None, columns: list[str]) -> list[tuple]:
    """Rows of ``df`` as tuples of the named columns (a missing column reads as empty)."""
    if df is None:
        return []
    return list(zip(*[df[c].tolist() if c in df else [None] * len(df) for c in columns], strict=True))


def _records(df: pd.DataFrame | None, columns: list[str]) -> list[dict]:
    return [dict(zip(columns, row, strict=True)) for row in _columns(df, columns)]


def _today(ctx: Context) -> pd.Timestamp:
    return pd.Timestamp(ctx.as_of)


def _empty_events(ctx: Context) -> pd.DataFrame:
    return pd.DataFrame(columns=ctx.pkg.table("pairing_events").field_names) if "pairing_events" in ctx.pkg.tables else pd.DataFrame()


def _events(ctx: Context) -> pd.DataFrame:
    df = ctx.frames.get("pairing_events")
    return df if df is not None else _empty_events(ctx)


# --- pairing_events ----------------------------------------------------------------------------

@rule("pairing_events", "event_id", "event_id_composed",
      "event_id must be the pairing_id, '-', the event and '-' a sequence number of two or more digits "
      "(e.g. CN-TJ~US-TX-dallas-terminated-01).")
def event_id_composed(ctx, df):
    parts = df["event_id"].str.rsplit("-", n=1)
    head, number = parts.str[0], parts.str[1]
    return (head.eq(df["pairing_id"] + "-" + df["event"]) & number.str.fullmatch(r"[0-9]{2,}")).fillna(False).astype(bool)


@rule("pairing_events", "law_id", "event_law",
      "A required_to_end event names the law that requires the end (law_id); no other event has a law_id.")
def event_law(ctx, df):
    return df["law_id"].notna().eq(df["event"].eq("required_to_end")).astype(bool)


@rule("pairing_events", "date", "event_date_present",
      "An in_use event needs a date (it is a dated source showing the tie in use); any other event without a date needs date_note "
      "saying why no source dates it.")
def event_date_present(ctx, df):
    dated = df["date"].notna()
    return (dated | (~df["event"].eq("in_use") & df["date_note"].notna())).astype(bool)


NOT_AFTER_TODAY = ("The date is after the validation date (today, or --as-of / $SISTERTIES_AS_OF): "
                   "nothing can be recorded as having happened before it happens.")


@rule("pairing_events", "date", "date_not_after_today", NOT_AFTER_TODAY)
def event_not_after_today(ctx, df):
    first = earliest_day(df["date"])
    return (first.isna() | (first <= _today(ctx))).astype(bool)


@rule("pairing_events", "term_end", "term_end_of_agreement",
      "term_end belongs to an agreement (established, signed, renewed, upgraded, downgraded, resumed) and cannot end before the event's date.")
def term_end_of_agreement(ctx, df):
    has = df["term_end"].notna()
    agreement = df["event"].isin(AGREEMENTS)
    order = latest_day(df["term_end"]) >= earliest_day(df["date"])
    return (~has | (agreement & (df["date"].isna() | order.fillna(False)))).astype(bool)


@rule("pairing_events", "date", "event_not_before_established",
      "The event is dated before the pairing was established (pairings.established): fix the date, or the establishment.")
def event_not_before_established(ctx, df):
    pairings = ctx.frames.get("pairings")
    if pairings is None:
        return pd.Series(True, index=df.index)
    established = pd.Series(pairings["established"].to_numpy(), index=pairings["pairing_id"].to_numpy())
    established = established[~established.index.duplicated()]
    first, last = earliest_day(df["pairing_id"].map(established).astype("str")), latest_day(df["date"])
    ok = df["event"].eq("established") | last.isna() | first.isna() | (last >= first)
    return ok.astype(bool)


@rule("pairing_events", "event", "established_once", "A pairing has at most one established event.")
def established_once(ctx, df):
    est = df["event"].eq("established")
    return ~(est & df["pairing_id"].where(est).duplicated(keep=False)).astype(bool)


# --- pairings: derived columns ------------------------------------------------------------------

@rule("pairings", "established", "established_event",
      "established and established_basis must equal the date and date_basis of the pairing's established event in pairing_events "
      "(both empty when it has none).")
def established_event(ctx, df):
    events = _events(ctx)
    est = events.loc[events["event"].eq("established"), ["pairing_id", "date", "date_basis"]].drop_duplicates("pairing_id")
    m = df[["pairing_id", "established", "established_basis"]].merge(est, on="pairing_id", how="left")
    same = m["established"].fillna("").eq(m["date"].fillna("")) & m["established_basis"].fillna("").eq(m["date_basis"].fillna(""))
    return pd.Series(same.to_numpy(), index=df.index, dtype=bool)


def _cell(value) -> str | None:
    return value if isinstance(value, str) and value else None


def derived_status(ctx: Context, df: pd.DataFrame) -> pd.Series:
    """Per pairing row: (status, status_as_of) as the status rule gives them from the events.

    A pairing whose only events are establishments without a term is 'unknown' by the rule; only
    the others go through :func:`derive_statuses` one by one (the same result, in linear time).
    """
    events = _events(ctx)
    plain = events["event"].eq("established") & events["term_end"].isna()
    telling = set(events.loc[~plain, "pairing_id"].dropna().tolist())
    subset = events[events["pairing_id"].isin(telling)]
    rows = _records(subset, ["pairing_id", "event", "date", "term_end", "law_id"])
    laws = _records(ctx.frames.get("laws"), ["law_id", "existing_ties_deadline"])
    ids = [p for p in df["pairing_id"].tolist() if p in telling]
    derived = derive_statuses(ids, rows, laws, ctx.as_of)
    return pd.Series([derived.get(p, ("unknown", None)) for p in df["pairing_id"].tolist()], index=df.index, dtype=object)


@rule("pairings", "status", "status_from_events",
      "status and status_as_of disagree with what the status rule gives from the pairing's events (pairing_events) as of the "
      "validation date: a deadline may have passed, or an event was added or changed. Run `sisterties derive --check` to see "
      "the derived values and `sisterties derive` to write them.")
def status_from_events(ctx, df):
    want = derived_status(ctx, df)
    out = [w == (s, _cell(a)) for w, s, a in zip(want.tolist(), df["status"].tolist(), df["status_as_of"].tolist(), strict=True)]
    return pd.Series(out, index=df.index, dtype=bool)


def counted_sources(ctx: Context, df: pd.DataFrame) -> pd.Series:
    """Per pairing row: the number of distinct original publishers among its supporting sources."""
    counts = independent_sources(_columns(df, ["pairing_id", "source_id"]),
                                 _columns(ctx.frames.get("citations"), ["table_name", "row_id", "source_id"]),
                                 _columns(_events(ctx), ["pairing_id", "event", "source_id"]),
                                 _columns(ctx.sources, ["source_id", "publisher", "original_publisher"]))
    return df["pairing_id"].map(counts)


@rule("pairings", "independent_sources", "independent_sources",
      "independent_sources must be the number of distinct original publishers among the pairing's source, its citations and its events "
      "(a republication or mirror counts once, under original_publisher): run `sisterties derive` to recompute it.")
def independent_sources_rule(ctx, df):
    want = counted_sources(ctx, df)
    have = pd.to_numeric(df["independent_sources"], errors="coerce")
    return have.eq(want).fillna(False).astype(bool)


# --- laws ----------------------------------------------------------------------------------------

def bill_slug(bill_number: str) -> str:
    """The bill number as it appears in a law_id.

    >>> bill_slug("H.R. 4519"), bill_slug("HB 128")
    ('h-r-4519', 'hb-128')
    """
    return re.sub(r"[^a-z0-9]+", "-", bill_number.casefold()).strip("-")


@rule("laws", "law_id", "law_id_composed",
      "law_id must be the jurisdiction_id, '-', the bill_number as a lower-case slug (e.g. 'HB 128' → hb-128), '-' and a four-digit year.")
def law_id_composed(ctx, df):
    out = []
    for lid, jid, number in zip(df["law_id"].tolist(), df["jurisdiction_id"].tolist(), df["bill_number"].tolist(), strict=True):
        ok = all(isinstance(v, str) for v in (lid, jid, number))
        prefix = f"{jid}-{bill_slug(number)}-" if ok else ""
        out.append(ok and lid.startswith(prefix) and re.fullmatch(r"[0-9]{4}", lid[len(prefix):]) is not None)
    return pd.Series(out, index=df.index, dtype=bool)


@rule("laws", "jurisdiction_id", "law_jurisdiction",
      "A federal bill or law belongs to US; a state law to a state (US-XX).")
def law_jurisdiction(ctx, df):
    federal = df["instrument"].isin(["federal_bill", "federal_law"])
    state = df["instrument"].eq("state_law")
    is_us = df["jurisdiction_id"].eq("US")
    return ((~federal | is_us) & (~state | (~is_us & df["jurisdiction_id"].str.startswith("US-")))).fillna(False).astype(bool)


@rule("laws", "signed", "law_dates_in_order",
      "The dates must come in order: introduced, then signed, then effective (partial dates may overlap).")
def law_dates_in_order(ctx, df):
    ok = pd.Series(True, index=df.index)
    for a, b in (("introduced", "signed"), ("signed", "effective"), ("introduced", "effective")):
        ok &= (earliest_day(df[a]) <= latest_day(df[b])).where(df[a].notna() & df[b].notna(), True).astype(bool)
    return ok


@rule("laws", "status", "law_in_force",
      "status in_force needs an effective date that is not after the validation date.")
def law_in_force(ctx, df):
    first = earliest_day(df["effective"])
    return (~df["status"].eq("in_force") | (first <= _today(ctx)).fillna(False)).astype(bool)


def _register_not_after_today(column: str) -> None:
    @rule("laws", column, "date_not_after_today", NOT_AFTER_TODAY)
    def not_after_today(ctx, df):
        first = earliest_day(df[column])
        return (first.isna() | (first <= _today(ctx))).astype(bool)


for _c in ("introduced", "signed"):
    _register_not_after_today(_c)
