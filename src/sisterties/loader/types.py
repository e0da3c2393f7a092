"""Turn text columns into the types the Table Schema gives; nothing is guessed.

- strings (IDs, codes) stay strings, leading zeros kept; enum fields become categoricals with
  the declared categories;
- integers become nullable ``Int64``, numbers ``Float64``, booleans ``boolean``;
- ``date`` fields become ``datetime64``;
- partial dates (``YYYY``/``YYYY-MM``/``YYYY-MM-DD``) stay strings, and two columns are added
  beside each: ``<field>_earliest`` and ``<field>_latest``, the first and last day it can mean.
- only an empty cell is missing: ``NA`` is a value.

>>> import pandas as pd
>>> from sisterties.metadata.descriptor import Package
>>> t = Package.bundled().table("pairings")
>>> df = to_pandas_types(pd.DataFrame({f: [None] for f in t.field_names}).assign(established=["1983"]), t)
>>> str(df.loc[0, "established_latest"].date())
'1983-12-31'
"""
from __future__ import annotations

import pandas as pd

from ..metadata.descriptor import Field, Table


def to_pandas_types(df: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Convert a frame of text columns (empty cells missing) to the schema's types."""
    out = {}
    for f in table.fields:
        s = df[f.name]
        out[f.name] = _convert(s, f)
        if f.partial_date:
            out[f"{f.name}_earliest"], out[f"{f.name}_latest"] = _bounds(s)
    return pd.DataFrame(out, index=df.index)


def _convert(s: pd.Series, f: Field) -> pd.Series:
    if f.enum:
        return s.astype(pd.CategoricalDtype(categories=f.enum))
    if f.type == "integer":
        return pd.to_numeric(s).astype("Int64")
    if f.type == "number":
        return pd.to_numeric(s).astype("Float64")
    if f.type == "boolean":
        return s.map({"true": True, "false": False}).astype("boolean")
    if f.type == "date":
        return pd.to_datetime(s, format=f.date_format)
    return s.astype("string")


def _bounds(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    text = s.astype("string")
    n = text.str.len()
    start = text.where(n != 4, text + "-01-01").where(n != 7, text + "-01")
    earliest = pd.to_datetime(start, format="%Y-%m-%d")
    latest = earliest + pd.to_timedelta(0, unit="D")
    year_end = pd.to_datetime(text.str.slice(0, 4) + "-12-31", format="%Y-%m-%d")
    month_end = earliest + pd.offsets.MonthEnd(0)
    latest = latest.where(n != 4, year_end).where(n != 7, month_end)
    return earliest, latest


def to_polars_types(df, table: Table):
    """The polars counterpart of :func:`to_pandas_types` (no partial-date bound columns needed: same rule)."""
    import polars as pl

    exprs = []
    for f in table.fields:
        col = pl.col(f.name)
        if f.enum:
            exprs.append(col.cast(pl.Enum(f.enum)))
        elif f.type == "integer":
            exprs.append(col.cast(pl.Int64))
        elif f.type == "number":
            exprs.append(col.cast(pl.Float64))
        elif f.type == "boolean":
            exprs.append(col.replace_strict({"true": True, "false": False}, return_dtype=pl.Boolean))
        elif f.type == "date":
            exprs.append(col.str.to_date(f.date_format))
        else:
            exprs.append(col)
        if f.partial_date:
            padded = pl.when(col.str.len_chars() == 4).then(col + "-01-01") \
                .when(col.str.len_chars() == 7).then(col + "-01").otherwise(col)
            earliest = padded.str.to_date("%Y-%m-%d")
            latest = pl.when(col.str.len_chars() == 4).then((col.str.slice(0, 4) + "-12-31").str.to_date("%Y-%m-%d")) \
                .when(col.str.len_chars() == 7).then(earliest.dt.month_end()).otherwise(earliest)
            exprs += [earliest.alias(f"{f.name}_earliest"), latest.alias(f"{f.name}_latest")]
    return df.select(exprs)
