"""Run the stages in order and collect one report.

A table that the files stage cannot read (missing, not UTF-8, empty, not parseable as CSV) is
checked by no later stage of this package's own: each stage says which tables it did not check
and how many of its checks did not run because of it (see :class:`.report.NotRun`).

>>> from sisterties.metadata.descriptor import bundled_root
>>> validate(bundled_root(), stages=("files", "pandera")).ok
True
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import time
from pathlib import Path

import pandas as pd

from ..metadata.descriptor import DESCRIPTOR, Package, PackageError
from .files import check_files
from .frames import read_table_path
from .readable import ReadableFrames
from .report import Failure, NotRun, Report

ALL_STAGES = ("files", "frictionless", "pandera", "expectations")
FAST_STAGES = ("files", "pandera")
# modules each stage imports (all of them come with ``pip install "sisterties[validate]"``)
STAGE_MODULES = {"files": ("pyarrow",), "frictionless": ("frictionless",), "pandera": ("pandera", "pyarrow"),
                 "expectations": ("great_expectations", "pyarrow")}


def missing_modules(stages: tuple[str, ...]) -> list[str]:
    """Modules the named stages need that are not installed."""
    needed = dict.fromkeys(m for s in stages for m in STAGE_MODULES.get(s, ()))
    return [m for m in needed if importlib.util.find_spec(m) is None]


def validate(root: Path | str, stages: tuple[str, ...] = ALL_STAGES, docs_dir: Path | None = None,
             as_of: dt.date | None = None) -> Report:
    """Validate the package folder ``root`` with the named stages, in their fixed order.

    ``as_of`` is the validation date ("today" for the status rule and the date checks); default
    ``$SISTERTIES_AS_OF`` or the calendar date.
    """
    unknown = set(stages) - set(ALL_STAGES)
    if unknown:
        raise ValueError(f"unknown stage(s) {sorted(unknown)}; choose from {', '.join(ALL_STAGES)}")
    report = Report(folder=str(Path(root).resolve()))
    try:
        pkg = Package(root)
        pkg.tables  # noqa: B018  (reads every Table Schema now, so that a broken one is reported here)
    except PackageError as err:
        report.failures.append(Failure("files", DESCRIPTOR, None, None, "descriptor", f"{err}."))
        return report
    report.version = str(pkg.descriptor.get("version", ""))
    t0 = time.perf_counter()
    file_failures, readable = check_files(pkg)
    frames, parse_failures = _parse(pkg, readable)
    unreadable = {name: _reason(pkg.table(name).path, file_failures + parse_failures) for name in pkg.tables if name not in frames}
    if "files" in stages:
        report.extend("files", file_failures + parse_failures, time.perf_counter() - t0)
    if "frictionless" in stages:
        from .structure import check_structure
        t = time.perf_counter()
        report.extend("frictionless", check_structure(pkg), time.perf_counter() - t)
    if "pandera" in stages:
        from .tables import check_tables
        t = time.perf_counter()
        readable_frames = ReadableFrames(frames, set(unreadable))
        failures = check_tables(pkg, readable_frames, as_of)
        report.extend("pandera", failures, time.perf_counter() - t, _pandera_not_run(pkg, unreadable, readable_frames.skipped))
    if "expectations" in stages:
        from .expectations import check_expectations
        t = time.perf_counter()
        report.extend("expectations", check_expectations(pkg, frames, docs_dir, as_of), time.perf_counter() - t,
                      _expectations_not_run(pkg, unreadable))
        if docs_dir is not None:
            report.notes.append(f"Data Docs written to {docs_dir}/index.html")
    report.notes.extend(_unverifiable_note(frames))
    return report


def _parse(pkg: Package, readable: list[str]) -> tuple[dict[str, pd.DataFrame], list[Failure]]:
    frames, failures = {}, []
    for name in readable:
        try:
            frames[name] = read_table_path(pkg.path(name))
        except ValueError as err:  # a CSV that the parser cannot read at all (pyarrow's ArrowInvalid is a ValueError)
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            failures.append(Failure("files", pkg.table(name).path, None, None, "csv_parse",
                                    f"The file cannot be parsed as CSV: {first}"))
    return frames, failures


def _reason(path: str, failures: list[Failure]) -> str:
    """Why a table could not be read, in a few words: the first files-stage rule it broke."""
    found = sorted((f for f in failures if f.file == path), key=lambda f: (f.rule == "csv_parse", f.row or 0))
    if not found:
        return "see the files stage"
    f = found[0]
    return f"{f.rule} at row {f.row}" if f.row else f.rule


def _pandera_not_run(pkg: Package, unreadable: dict[str, str], skipped: list[tuple[str, str, str]]) -> list[NotRun]:
    """One NotRun per unreadable table: its own column and row checks, the foreign keys into it, the rules that needed it."""
    if not unreadable:
        return []
    from .models import column_schema
    from .rules import RULES

    out = []
    for name, reason in unreadable.items():
        schema = column_schema(pkg.table(name))
        own = sum(len(c.checks) + 1 for c in schema.columns.values()) + sum(1 for r in RULES if r.table == name)
        checks = [f"{name}: all {own} column and row checks"]
        for other, table in pkg.tables.items():
            if other in unreadable:
                continue
            checks += [f"{other}.{field}: foreign key into {name}" for field, ref, _ in table.foreign_keys if ref == name]
        checks += [f"{table}: {rule_id}" for table, rule_id, needed in skipped if needed == name]
        out.append(NotRun("pandera", pkg.table(name).path, reason, tuple(checks), own + len(checks) - 1))
    return out


def _expectations_not_run(pkg: Package, unreadable: dict[str, str]) -> list[NotRun]:
    from .expectations import suite_path

    out = []
    for name, reason in unreadable.items():
        path = suite_path(pkg, name)
        n = len(json.loads(path.read_text(encoding="utf-8")).get("expectations", [])) if path.is_file() else 0
        out.append(NotRun("expectations", pkg.table(name).path, reason, (f"{name}: all {n} expectations",), n))
    return out


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
