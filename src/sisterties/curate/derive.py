"""Recompute the derived columns of ``pairings.csv`` from the other tables: ``status`` and
``status_as_of`` (the status rule over ``pairing_events`` and ``laws``), ``independent_sources``
and ``strongest_source_kind`` (over sources, citations and events); and, on request, write the
``established`` event of a pairing that has an ``established`` value but no such event yet
(:func:`add_established_events`), e.g. for pairings imported without one.

The same functions compute them as validation compares them, so after ``derive`` these columns
pass. Every other cell of the file is left byte for byte as it was.

>>> import pathlib, shutil, tempfile, datetime as dt
>>> from sisterties.metadata.descriptor import bundled_root
>>> root = pathlib.Path(tempfile.mkdtemp()) / "pkg"
>>> _ = shutil.copytree(bundled_root(), root, ignore=shutil.ignore_patterns(".nox", ".git", "build", "dist", "src", "tests", "curation"))
>>> derive(root, dt.date(2026, 12, 5), write=False)
[]
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..checks.context import Context
from ..checks.frames import read_table_path
from ..checks.rules.events import counted_sources, derived_status
from ..checks.rules.provenance import strongest_source_kinds
from ..metadata.descriptor import Package
from ..metadata.status import validation_date
from .table_csv import read_table, write_table

DERIVED = ("status", "status_as_of", "independent_sources", "strongest_source_kind")


@dataclass(frozen=True)
class Change:
    pairing_id: str
    column: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.pairing_id}: {self.column} {self.old or '(empty)'} → {self.new or '(empty)'}"


def derived_columns(root: Path | str, as_of: dt.date | None = None) -> dict[str, dict[str, str]]:
    """pairing_id -> {column: value} for the derived columns, as CSV text."""
    pkg = Package(root)
    frames = {name: read_table_path(pkg.path(name)) for name in pkg.table_names if pkg.path(name).is_file()}
    ctx = Context(pkg, frames, as_of or validation_date())
    df = frames["pairings"]
    status = derived_status(ctx, df).tolist()
    counts = counted_sources(ctx, df).tolist()
    strongest = strongest_source_kinds(ctx, "pairings", df).tolist()
    out = {}
    for pid, (s, as_of_value), n, k in zip(df["pairing_id"].tolist(), status, counts, strongest, strict=True):
        out[pid] = {"status": s, "status_as_of": as_of_value or "", "independent_sources": str(n), "strongest_source_kind": k or ""}
    return out


def derive(root: Path | str, as_of: dt.date | None = None, write: bool = True) -> list[Change]:
    """Compare (and with ``write``, replace) the derived columns of pairings.csv; returns what differs."""
    pkg = Package(root)
    path = pkg.path("pairings")
    header, rows = read_table(path)
    values = derived_columns(root, as_of)
    changes = []
    for row in rows:
        for column, new in values[row["pairing_id"]].items():
            if column in row and row[column] != new:
                changes.append(Change(row["pairing_id"], column, row[column], new))
                row[column] = new
    if write and changes:
        write_table(path, header, rows)
    return changes


def add_established_events(root: Path | str) -> list[str]:
    """Append an ``established`` event for each pairing with an ``established`` value and none yet.

    The event copies the date, basis and note; its source is the pairing's own when its evidence
    names the year, else the first citation with fact ``established`` that names it, else the first
    such citation, else the pairing's source. Returns the new event_ids.
    """
    pkg = Package(root)
    _, pairings = read_table(pkg.path("pairings"))
    _, citations = read_table(pkg.path("citations"))
    header, events = read_table(pkg.path("pairing_events"))
    have = {e["pairing_id"] for e in events if e["event"] == "established"}
    est: dict[str, list[dict[str, str]]] = {}
    for c in citations:
        if c["table_name"] == "pairings" and c["fact"] == "established":
            est.setdefault(c["row_id"], []).append(c)
    added = []
    for p in pairings:
        if not p["established"] or p["pairing_id"] in have:
            continue
        year, cites = p["established"][:4], est.get(p["pairing_id"], [])
        src = p if year in p["evidence"] else next((c for c in cites if year in c["evidence"]), cites[0] if cites else p)
        event_id = f"{p['pairing_id']}-established-01"
        events.append({k: "" for k in header} | {
            "event_id": event_id, "pairing_id": p["pairing_id"], "event": "established", "date": p["established"],
            "date_basis": p["established_basis"], "date_note": p["established_note"], "source_id": src["source_id"],
            "evidence": src["evidence"], "evidence_start": src["evidence_start"], "evidence_end": src["evidence_end"]})
        added.append(event_id)
    if added:
        write_table(pkg.path("pairing_events"), header, events)
    return added
