"""Dates: never later than the row's sources; precision and basis consistent; stated years evidenced."""
from __future__ import annotations

import pandas as pd

from ..context import Context
from ..vector import earliest_day, latest_day
from .registry import rule

DATED = {  # table -> partial-date fields that cannot be later than the source's publication
    "pairings": ("established",),  # status_as_of derives from pairing_events, whose dates are checked there
    "pairing_events": ("date",),
    "laws": ("introduced", "signed"),
    "officials": ("role_as_of",),
    "quotes": ("quote_date",),
    "claims": ("as_of",),
}


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
          "{field} is later than the publication date of every source of the row (its source_id and its citations): "
          "a source cannot report what had not happened.")
    def date_not_after_source(ctx, df):
        first = earliest_day(df[column])
        latest = _latest_publication(ctx, table, df)
        return (first.isna() | latest.isna() | (first <= latest)).astype(bool)


for _t, _cols in DATED.items():
    for _c in _cols:
        _register_date_rule(_t, _c)


def _register_precision_rule(table: str, value: str, prec: str | None, basis: str, note: str) -> None:
    @rule(table, value, f"{value}_precision_basis",
          f"{value} needs {basis}{' and ' + prec if prec else ''} when it has a value (and none when empty); an inferred or disputed value "
          f"needs {note} to say why.")
    def consistent(ctx, df):
        has = df[value].notna()
        ok = has.eq(df[basis].notna())
        if prec:
            lengths = df[value].str.len().map({4: "year", 7: "month", 10: "day"})
            ok &= (~has & df[prec].isna()) | (has & lengths.eq(df[prec]).fillna(False))
        return ok & (~df[basis].isin(["inferred", "disputed"]) | df[note].notna())


_register_precision_rule("sources", "published", "published_precision", "published_basis", "published_note")
_register_precision_rule("pairings", "established", None, "established_basis", "established_note")
_register_precision_rule("quotes", "quote_date", None, "quote_date_basis", "quote_date_note")
_register_precision_rule("claims", "as_of", None, "as_of_basis", "note")
_register_precision_rule("pairing_events", "date", None, "date_basis", "date_note")


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
