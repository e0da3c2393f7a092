"""Stage ``expectations``: Great Expectations suites (``expectations/<table>.json``) and Data Docs.

Suites hold dataset-level expectations only (row-count floors, uniqueness, completeness, date
ranges); types and keys are left to frictionless and pandera. Each table is handed to GE as its
text columns plus derived columns named by the schema: ``<field>__year`` for date fields and
``<field>__num`` for numbers, so ranges compare numbers, not text. The suites may use the
parameter ``current_year``. Great Expectations is imported only here.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pandas as pd

from ..metadata.descriptor import Package
from ..metadata.status import validation_date
from .frames import csv_row
from .report import Failure

LAYER = "expectations"
SUITES = "expectations"
MAX_ROWS_LISTED = 20


def suite_path(pkg: Package, table: str) -> Path:
    return pkg.root / SUITES / f"{table}.json"


def suite_columns(suite: dict) -> set[str]:
    """Columns a suite names (``column`` and ``column_list`` arguments)."""
    out: set[str] = set()
    for e in suite.get("expectations", []):
        kw = e.get("kwargs", {})
        out.update([kw["column"]] if "column" in kw else [])
        out.update(kw.get("column_list", []))
    return out


def derived_frame(pkg: Package, table: str, df: pd.DataFrame, needed: set[str] | None = None) -> pd.DataFrame:
    """The columns the suite needs: text columns as they are, ``__year``/``__num`` derived from the schema."""
    out = {}
    for f in pkg.table(table).fields:
        if f.name not in df:
            continue
        if needed is None or f.name in needed:
            out[f.name] = df[f.name]
        if (f.partial_date or f.type == "date") and (needed is None or f"{f.name}__year" in needed):
            out[f"{f.name}__year"] = pd.to_numeric(df[f.name].str.slice(0, 4), errors="coerce").astype("Float64")
        elif f.type in ("integer", "number") and (needed is None or f"{f.name}__num" in needed):
            out[f"{f.name}__num"] = pd.to_numeric(df[f.name], errors="coerce").astype("Float64")
    return pd.DataFrame(out, index=df.index)


def check_expectations(pkg: Package, frames: dict[str, pd.DataFrame], docs_dir: Path | None = None,
                       as_of: dt.date | None = None) -> list[Failure]:
    """Run every table's suite; with ``docs_dir``, also write the HTML Data Docs there."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if docs_dir is not None:
        context.add_data_docs_site(site_name="sisterties", site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(Path(docs_dir).resolve())},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
    source = context.data_sources.add_pandas("sisterties")
    params = {"current_year": (as_of or validation_date()).year}
    out: list[Failure] = []
    definitions = []
    for table, df in frames.items():
        path = suite_path(pkg, table)
        if not path.is_file():
            out.append(Failure(LAYER, f"{SUITES}/{table}.json", None, None, "suite_missing",
                               f"There is no expectation suite for table {table}."))
            continue
        spec = json.loads(path.read_text(encoding="utf-8"))
        suite = context.suites.add(gx.ExpectationSuite(**spec))
        batch_def = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(table)
        frame = derived_frame(pkg, table, df, suite_columns(spec))
        if docs_dir is None:
            result = batch_def.get_batch(batch_parameters={"dataframe": frame}).validate(
                suite, expectation_parameters=params, result_format="COMPLETE")
            out.extend(_failures(pkg.table(table).path, result))
        else:
            vd = context.validation_definitions.add(gx.ValidationDefinition(name=table, data=batch_def, suite=suite))
            definitions.append((vd, frame, pkg.table(table).path))
    if definitions:
        out.extend(_run_checkpoint(context, definitions, params))
    return out


def _run_checkpoint(context, definitions, params) -> list[Failure]:
    import great_expectations as gx
    from great_expectations.checkpoint import UpdateDataDocsAction

    out = []
    for vd, frame, path in definitions:
        checkpoint = context.checkpoints.add(gx.Checkpoint(
            name=f"{vd.name}-checkpoint", validation_definitions=[vd],
            actions=[UpdateDataDocsAction(name="docs", site_names=["sisterties"])],
            result_format={"result_format": "COMPLETE"}))
        run = checkpoint.run(batch_parameters={"dataframe": frame}, expectation_parameters=params)
        for result in run.run_results.values():
            out.extend(_failures(path, result))
    return out


def _failures(path: str, result) -> list[Failure]:
    out = []
    for r in result.results:
        if r.success:
            continue
        cfg = r.expectation_config
        why = (cfg.meta or {}).get("why", "")
        column = cfg.kwargs.get("column") or ", ".join(cfg.kwargs.get("column_list", []) or []) or None
        if column and column.endswith(("__year", "__num")):
            column = column.rsplit("__", 1)[0]
        info = r.result or {}
        if r.exception_info and r.exception_info.get("raised_exception"):
            msg = f"The expectation could not run: {r.exception_info.get('exception_message')}"
            out.append(Failure(LAYER, path, None, column, cfg.type, msg))
            continue
        observed = info.get("observed_value")
        detail = f" Observed: {observed}." if observed is not None else ""
        if "unexpected_percent" in info and info.get("unexpected_count"):
            detail = f" {info['unexpected_count']} row(s) ({info['unexpected_percent']:.1f}%) do not meet it."
        indexes = info.get("unexpected_index_list") or []
        message = f"Expectation not met: {why}{detail}"
        if not indexes:
            out.append(Failure(LAYER, path, None, column, cfg.type, message))
        for idx in indexes[:MAX_ROWS_LISTED]:
            idx = idx if not isinstance(idx, dict) else next(iter(idx.values()))
            out.append(Failure(LAYER, path, csv_row(idx), column, cfg.type, message))
    return out
