"""Run the stages in order and collect one report.

>>> from sisterties.metadata.descriptor import bundled_root
>>> validate(bundled_root(), stages=("files", "pandera")).ok
True
"""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pandas as pd

from ..metadata.descriptor import Package
from .files import check_files
from .frames import read_table_path
from .report import Failure, Report

ALL_STAGES = ("files", "frictionless", "pandera", "expectations")
FAST_STAGES = ("files", "pandera")


def validate(root: Path | str, stages: tuple[str, ...] = ALL_STAGES, docs_dir: Path | None = None,
             as_of: dt.date | None = None) -> Report:
    """Validate the package folder ``root`` with the named stages, in their fixed order.

    ``as_of`` is the validation date ("today" for the status rule and the date checks); default
    ``$SISTERTIES_AS_OF`` or the calendar date.
    """
    unknown = set(stages) - set(ALL_STAGES)
    if unknown:
        raise ValueError(f"unknown stage(s) {sorted(unknown)}; choose from {', '.join(ALL_STAGES)}")
    report = Report()
    pkg = Package(root)
    t0 = time.perf_counter()
    file_failures, readable = check_files(pkg)
    frames, parse_failures = _parse(pkg, readable)
    if "files" in stages:
        report.extend("files", file_failures + parse_failures, time.perf_counter() - t0)
    if "frictionless" in stages:
        from .structure import check_structure
        t = time.perf_counter()
        report.extend("frictionless", check_structure(pkg), time.perf_counter() - t)
    if "pandera" in stages:
        from .tables import check_tables
        t = time.perf_counter()
        report.extend("pandera", check_tables(pkg, frames, as_of), time.perf_counter() - t)
    if "expectations" in stages:
        from .expectations import check_expectations
        t = time.perf_counter()
        report.extend("expectations", check_expectations(pkg, frames, docs_dir, as_of), time.perf_counter() - t)
        if docs_dir is not None:
            report.notes.append(f"Data Docs written to {docs_dir}/index.html")
    report.notes.extend(_unverifiable_note(frames))
    return report


def _parse(pkg: Package, readable: list[str]) -> tuple[dict[str, pd.DataFrame], list[Failure]]:
    frames, failures = {}, []
    for name in readable:
        try:
            frames[name] = read_table_path(pkg.path(name))
        except Exception as err:  # a CSV that pandas cannot parse at all
            failures.append(Failure("files", pkg.table(name).path, None, None, "csv_parse",
                                    f"The file cannot be parsed as CSV: {err}"))
    return frames, failures


def _unverifiable_note(frames: dict[str, pd.DataFrame]) -> list[str]:
    """Count evidence from sources that are not archived: it cannot be checked against a text."""
    sources = frames.get("sources")
    if sources is None:
        return []
    not_archived = set(sources.loc[sources["archived"].eq("false"), "source_id"])
    counts = {name: int(df["source_id"].isin(not_archived).sum()) for name, df in frames.items()
              if name != "sources" and "evidence" in df}
    total = sum(counts.values())
    verified = sum(len(df) for n, df in frames.items() if n != "sources" and "evidence" in df) - total
    return [f"evidence excerpts checked against archived texts: {verified}; from sources not archived "
            f"(metadata only, not verifiable): {total}"]
