"""Stage ``pandera``: schema-derived column rules plus cross-table and provenance rules.

One pandera schema per table (columns from :mod:`.models`, dataframe checks from :mod:`.rules`),
validated lazily so that every failing row is reported, then translated into :class:`Failure`.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.errors

from ..metadata.descriptor import Package
from .context import Context
from .frames import csv_row
from .models import MESSAGES, column_schema
from .report import Failure
from .rules import rule_checks, rule_message

LAYER = "pandera"
PANDERA_BUILTINS = {
    "not_nullable": ("required", MESSAGES["required"]),
    "field_uniqueness": ("unique", MESSAGES["unique"]),
    "column_in_dataframe": ("header_missing_column", "The column is missing."),
}


def check_tables(pkg: Package, frames: dict[str, pd.DataFrame], as_of: dt.date | None = None) -> list[Failure]:
    """Validate every readable table; tables that failed to parse are skipped (already reported).

    ``as_of`` is "today" for the rules that depend on it (default: ``$SISTERTIES_AS_OF`` or the calendar date).
    """
    ctx = Context(pkg, frames) if as_of is None else Context(pkg, frames, as_of)
    out: list[Failure] = []
    for name, df in frames.items():
        table = pkg.table(name)
        parents = _foreign_key_targets(pkg, name, frames)
        schema = column_schema(table, parents)
        schema.checks = rule_checks(ctx, name)
        try:
            schema.validate(df, lazy=True)
        except pandera.errors.SchemaErrors as errs:
            out.extend(_translate(table.path, errs.failure_cases))
    return out


def _foreign_key_targets(pkg: Package, name: str, frames: dict[str, pd.DataFrame]) -> dict[str, pd.Series]:
    out = {}
    for field, ref_table, ref_field in pkg.table(name).foreign_keys:
        if ref_table in frames and ref_field in frames[ref_table]:
            out[field] = frames[ref_table][ref_field]
    return out


def _translate(path: str, cases: pd.DataFrame) -> list[Failure]:
    """One Failure per failing cell; a dataframe-level rule names its own column, once per row."""
    frame_level = cases["schema_context"].eq("DataFrameSchema")
    cases = pd.concat([cases[~frame_level], cases[frame_level].drop_duplicates(["check", "index"])])
    out = []
    for case in cases.itertuples(index=False):
        check = str(case.check)
        column = case.column if isinstance(case.column, str) else None
        if "|" in check:
            rule_id, field, detail = (check.split("|") + ["", ""])[:3]
            message = MESSAGES.get(rule_id) or rule_message(rule_id) or rule_id
            message = message.format(field=field, detail=detail)
            column = (field or None) if case.schema_context == "DataFrameSchema" else (column or field or None)
        else:
            rule_id, message = PANDERA_BUILTINS.get(check, (check, f"pandera check {check} failed."))
        index = case.index
        row = csv_row(index) if index is not None and not pd.isna(index) else None
        value = None if pd.isna(case.failure_case) else str(case.failure_case)
        if case.schema_context == "DataFrameSchema":
            value = None  # a dataframe check reports the whole row; the column says where to look
        out.append(Failure(LAYER, path, row, column, rule_id, message, value))
    return out
