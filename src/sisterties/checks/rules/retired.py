"""A retired id is never used again: not as a row's key, nor in any column that refers to a row.

The columns checked are every primary-key and foreign-key field of the Table Schemas, the
``row_id`` of citations (it refers to a row of the table in ``table_name``) and ``replaced_by``
of retired_ids (a replacement cannot itself be retired).
"""
from __future__ import annotations

import pandas as pd

from ...metadata.descriptor import Package
from ..vector import isin
from .registry import rule

EXTRA_REFERENCES = {"citations": ("row_id",), "retired_ids": ("replaced_by",)}


def id_columns(pkg: Package) -> dict[str, list[str]]:
    """table -> the columns that hold ids: its primary key and foreign keys, and the references above."""
    out = {}
    for name, table in pkg.tables.items():
        cols = [*table.primary_key, *(f for f, _, _ in table.foreign_keys), *EXTRA_REFERENCES.get(name, ())]
        if name == "retired_ids":
            cols = [c for c in cols if c != "retired_id"]
        out[name] = list(dict.fromkeys(cols))
    return out


def _register(table: str, column: str) -> None:
    @rule(table, column, "retired_id_unused",
          "{field} holds an id listed in retired_ids: a retired id is never used again. Use the id that replaced it "
          "(retired_ids.replaced_by) or a new one.")
    def retired_id_unused(ctx, df):
        retired = ctx.frames.get("retired_ids")
        if retired is None or column not in df or not len(retired):
            return pd.Series(True, index=df.index)
        return ~isin(df[column], retired["retired_id"])


for _table, _cols in id_columns(Package.bundled()).items():
    for _c in _cols:
        _register(_table, _c)
