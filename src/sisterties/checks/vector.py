"""Vectorised helpers that stay linear on large tables.

>>> import pandas as pd
>>> isin(pd.Series(["a", "b", None], dtype="str"), {"a"}).tolist()
[True, False, False]
"""
from __future__ import annotations

import pandas as pd


def isin(s: pd.Series, values) -> pd.Series:
    """Membership through a hash table (pandas' Arrow-string ``isin`` walks the values in Python)."""
    return s.astype(object).isin(values if isinstance(values, (set, frozenset)) else set(values))


def ascii_only(s: pd.Series) -> pd.Series:
    return s.str.fullmatch(r"[\x00-\x7f]*").fillna(True).astype(bool)


def earliest_day(s: pd.Series) -> pd.Series:
    """First day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean; NaT when malformed or empty."""
    n = s.str.len()
    padded = s.where(n != 4, s + "-01-01").where(n != 7, s + "-01")
    return pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce")


def latest_day(s: pd.Series) -> pd.Series:
    """Last day a partial date can mean; NaT when malformed or empty."""
    n = s.str.len()
    first = earliest_day(s)
    month_end = first + pd.offsets.MonthEnd(0)
    year_end = pd.to_datetime(s.str.slice(0, 4) + "-12-31", format="%Y-%m-%d", errors="coerce")
    return first.where(n == 10, month_end.where(n == 7, year_end))
