"""Vectorised helpers that stay linear on large tables.

>>> import pandas as pd
>>> isin(pd.Series(["a", "b", None], dtype="str"), {"a"}).tolist()
[True, False, False]
"""
from __future__ import annotations

import pandas as pd


def isin(s: pd.Series, values) -> pd.Series:
    """Membership through Arrow's hash kernel (pandas' Arrow-string ``isin`` walks the values in Python).

    ``values`` may be a Series (kept in Arrow, no Python objects) or any collection.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(values, pd.Series):
        value_set = pa.array(values.dropna().astype("str"))
    else:
        value_set = pa.array(sorted(v for v in values if isinstance(v, str)), type=pa.string())
    arr = pa.array(s.astype("str")) if len(s) else pa.array([], type=pa.string())
    if not pa.types.is_string(arr.type) and not pa.types.is_large_string(arr.type):
        arr = arr.cast(pa.string())
    found = pc.fill_null(pc.is_in(arr, value_set=value_set.cast(arr.type)), False)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=s.index, dtype=bool)


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
