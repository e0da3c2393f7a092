"""The rule registry: each rule is a vectorised ``(context, frame) -> Series[bool]`` (True where a
row is fine) for a table and a column, with the sentence a curator reads when it fails.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from ..context import Context
from ..readable import TableUnavailable


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
        pa.Check(lambda df, r=r: _run(r, ctx, df), name=f"{r.id}|{r.column or ''}|", element_wise=False)
        for r in RULES if r.table == table
    ]


def _run(r: Rule, ctx: Context, df: pd.DataFrame) -> pd.Series:
    """The rule's verdict per row; a rule that needs a table that could not be read is recorded as not run."""
    try:
        return r.fn(ctx, df).reindex(df.index, fill_value=True).astype(bool)
    except TableUnavailable as missing:
        ctx.frames.note_skipped(r.table, r.id, missing.table)
        return pd.Series(True, index=df.index)


def rule_message(rule_id: str) -> str | None:
    return next((r.message for r in RULES if r.id == rule_id), None)
