"""Citations point at a row that exists."""
from __future__ import annotations

import pandas as pd

from ..vector import isin
from .registry import rule


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
