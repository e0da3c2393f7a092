"""Sources: when and where a source's excerpts were last seen (``sisterties sources check --update``)."""
from __future__ import annotations

import pandas as pd

from .registry import rule


@rule("sources", "last_seen_where", "last_seen_pair",
      "last_seen and last_seen_where go together (both set or both empty), and only on a source with a url: "
      "run `sisterties sources check --online --update` rather than editing them by hand.")
def last_seen_pair(ctx, df):
    if "last_seen" not in df.columns:
        return pd.Series(True, index=df.index)
    both = df["last_seen"].notna() & df["last_seen_where"].notna() & df["url"].notna()
    neither = df["last_seen"].isna() & df["last_seen_where"].isna()
    return (both | neither).astype(bool)


@rule("sources", "last_seen", "last_seen_not_future",
      "last_seen is after today: a page cannot have been seen on a day that has not come.")
def last_seen_not_future(ctx, df):
    if "last_seen" not in df.columns:
        return pd.Series(True, index=df.index)
    seen = pd.to_datetime(df["last_seen"], format="%Y-%m-%d", errors="coerce")
    return (seen.isna() | (seen <= pd.Timestamp(ctx.as_of))).astype(bool)
