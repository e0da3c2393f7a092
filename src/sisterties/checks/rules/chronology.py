"""Dates that agree with each other and with today, and stated dates whose evidence gives their precision.

- A pairing's status cannot hold before the pairing exists: the last day status_as_of can mean is
  not before the first day established can mean.
- A source cannot be archived before it was published: archived_on is not before the first day
  published can mean.
- No date is in the future: the first day of every date field of the Table Schemas (type ``date``
  or a partial date) is not after today, except a field whose schema marks it ``futureAllowed`` (a
  term's end, a law's effective date or deadline for existing ties).
- A stated establishment date written to the month or the day must have evidence (the pairing's
  or a citation's with fact ``established``) that gives the month (or the month and day) of that
  year, e.g. "October 7, 1985", "7 Oct. 1985", "1985-10-07", "1985.10", "1985年10月7日".

>>> gives_date("Agreement Signed Aug. 5, 1998", 1998, 8, 5)
True
>>> gives_date("美国缅因州(1993.9)", 1993, 9, None)
True
>>> gives_date("established in 1998", 1998, 8, None)
False
"""
from __future__ import annotations

import re

import pandas as pd

from ...metadata.descriptor import Package
from ..vector import earliest_day, latest_day
from .registry import rule

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")


def _month_words(month: int) -> str:
    name = MONTHS[month - 1]
    return rf"(?:{name}|{name[:3]}\.?|sept\.?)" if month == 9 else rf"(?:{name}|{name[:3]}\.?)"


def gives_date(text: str, year: int, month: int, day: int | None) -> bool:
    """True when ``text`` gives ``year`` and the month (and ``day``, if given) of that date."""
    t = text.casefold()
    if str(year) not in t:
        return False
    m, y = _month_words(month), str(year)
    nm = rf"0?{month}"
    if day is None:
        patterns = [rf"\b{m}(?![a-z])", rf"(?<!\d){nm}\s*月", rf"{y}\s*[-./年]\s*{nm}(?!\d)", rf"(?<!\d){nm}\s*[-/.]\s*{y}"]
    else:
        nd = rf"0?{day}"
        patterns = [rf"\b{m}\s*{nd}(?:st|nd|rd|th)?(?!\d)", rf"(?<!\d){nd}(?:st|nd|rd|th)?\s+(?:of\s+)?{m}(?![a-z])",
                    rf"(?<!\d){nm}\s*月\s*{nd}\s*日", rf"{y}\s*[-./]\s*{nm}\s*[-./]\s*{nd}(?!\d)",
                    rf"(?<!\d){nm}/{nd}/{y}", rf"(?<!\d){nd}[./]{nm}[./]{y}"]
    return any(re.search(p, t) for p in patterns)


@rule("pairings", "status_as_of", "status_not_before_established",
      "status_as_of is before the pairing was established: a status cannot hold before the tie exists. Fix one of the dates.")
def status_not_before_established(ctx, df):
    last, first = latest_day(df["status_as_of"]), earliest_day(df["established"])
    return (last.isna() | first.isna() | (last >= first)).astype(bool)


@rule("sources", "archived_on", "archived_not_before_published",
      "archived_on is before the source was published: a text cannot be archived before it exists. Fix one of the dates.")
def archived_not_before_published(ctx, df):
    archived = pd.to_datetime(df["archived_on"], format="%Y-%m-%d", errors="coerce")
    first = earliest_day(df["published"])
    return (archived.isna() | first.isna() | (archived >= first)).astype(bool)


def _register_future_rule(table: str, column: str) -> None:
    @rule(table, column, "date_not_in_future",
          "{field} is after today: no source can report, and no one can archive, what has not happened yet. Fix the date.")
    def date_not_in_future(ctx, df):
        if column not in df:
            return pd.Series(True, index=df.index)
        first = earliest_day(df[column])
        return (first.isna() | (first <= pd.Timestamp(ctx.as_of))).astype(bool)


for _table in Package.bundled().tables.values():
    for _field in _table.fields:
        if (_field.type == "date" or _field.partial_date) and not _field.future_allowed:
            _register_future_rule(_table.name, _field.name)


@rule("pairings", "established", "established_precision_evidenced",
      "established is stated to the month or day, but no excerpt of the pairing (its evidence or a citation with fact "
      "'established') gives that month or day: write the date only as precisely as the evidence gives it, or cite the "
      "excerpt that gives it.")
def established_precision_evidenced(ctx, df):
    cites = ctx.frames.get("citations")
    extra: dict[str, list[str]] = {}
    if cites is not None:
        est = cites[cites["table_name"].eq("pairings") & cites["fact"].eq("established")]
        for rid, ev in zip(est["row_id"].tolist(), est["evidence"].tolist(), strict=True):
            extra.setdefault(rid, []).append(ev)
    out = []
    cols = (df["pairing_id"].tolist(), df["established"].tolist(), df["established_basis"].tolist(), df["evidence"].tolist())
    for pid, value, basis, ev in zip(*cols, strict=True):
        if basis != "stated" or not isinstance(value, str) or len(value) not in (7, 10) or not value[:4].isdigit():
            out.append(True)
            continue
        try:
            y, m = int(value[:4]), int(value[5:7])
            d = int(value[8:10]) if len(value) == 10 else None
        except ValueError:
            out.append(True)  # a malformed date: the partial_date check reports it
            continue
        texts = [e for e in [ev, *extra.get(pid, [])] if isinstance(e, str)]
        out.append(any(gives_date(e, y, m, d) for e in texts))
    return pd.Series(out, index=df.index, dtype=bool)
