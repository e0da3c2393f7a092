"""``sisterties curate apply``: research facts and a curator's decisions into the package's tables.

The run reads the fact files and the decisions, refuses bad input (one line per problem, nothing
written), builds every table in memory, and only then writes the tables and the log.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ...metadata.descriptor import Package
from . import decisions as decisions_file
from .facts import common_problems, fact_universe, read_facts
from .kinds import KINDS
from .pairings import add_facts, find_existing, new_pair, strongest
from .places import admin1_map
from .refusal import Refused
from .sources import cite
from .state import Run


def check(run_facts, decided, pkg: Package) -> None:
    """Refuse facts that are not excluded and lack a source URL or evidence, or carry a malformed value."""
    source_kinds = [k for k in pkg.table("sources").field("kind").enum
                    if k in pkg.table("pairings").field("strongest_source_kind").enum]
    levels = pkg.table("jurisdictions").field("level").enum
    problems = []
    for f in run_facts:
        if f.id in decided.exclude:
            continue
        found = common_problems(f, source_kinds, levels)
        if f.kind not in KINDS:
            found.append(f"unknown fact kind {f.kind!r} (known: {', '.join(KINDS)})")
        elif KINDS[f.kind].check:
            found += [x for x in [KINDS[f.kind].check(f, pkg)] if x]
        problems += [f"{f.where}: {x}" for x in found]
    if problems:
        raise Refused(problems)


def build(run: Run) -> None:
    """Every fact to its pairing (existing or new), then the curator's pairing decisions, then source strength."""
    groups = defaultdict(list)
    for f in run.facts:
        if f.id in run.decisions.exclude:
            run.log.left(f, "excluded by the curator: " + run.decisions.exclude[f.id])
            continue
        groups[f.key].append(f)
    for key, facts in groups.items():
        before = len(run.problems)
        pid = find_existing(run, key, facts)
        if len(run.problems) > before:
            continue
        if pid:
            doubts = [f for f in facts if f.kind in ("contra", "not_formal")]
            if doubts:
                run.log.changes.append(f"CONTRA/NOT_FORMAL ON EXISTING {pid}: " + " | ".join(f.excerpt[:100] for f in doubts))
            add_facts(run, pid, facts)
        else:
            new_pair(run, key, facts)
    pairing_decisions(run)
    strongest(run)


def pairing_decisions(run: Run) -> None:
    """Inferred years, status overrides and notes the curator decided, for pairings of this run."""
    d = run.decisions
    by_id = {f.id: f for f in run.facts}
    for pid, (value, fid, why) in d.inferred.items():
        p = run.pair.get(pid)
        if not p or p["established"] or fid not in by_id:
            continue
        cite(run, "pairings", pid, "established", by_id[fid], f"Gives {value}, inferred: {why}")
        p["established"], p["established_basis"], p["established_note"] = value, "inferred", f"Inferred: {why}"
        run.log.changes.append(f"YEAR INFERRED {pid}: {value}")
    for pid, (status, as_of, note) in d.status.items():
        p = run.pair.get(pid) if pid in run.touched else None
        if p and (p["status"], p["status_as_of"], p["status_note"]) != (status, as_of, note):
            p["status"], p["status_as_of"], p["status_note"] = status, as_of, note
            run.log.changes.append(f"STATUS OVERRIDE {pid}: {status} {as_of}")
    for pid, text in d.pairing_note.items():
        p = run.pair.get(pid) if pid in run.touched else None
        if p and text not in p["note"]:
            p["note"] = (p["note"] + " " + text).strip()
    for pid, (kind, fid, why) in d.reclassify.items():
        p = run.pair.get(pid)
        if not p or fid not in by_id:
            continue
        if p["kind"] != kind:
            run.log.changes.append(f"RECLASSIFIED {pid}: {p['kind']} -> {kind}")
            p["kind"] = kind
        cite(run, "pairings", pid, "kind", by_id[fid], f"Gives the kind {kind}: {why}")
        if why not in p["note"]:
            p["note"] = (p["note"] + " " + why).strip()
        run.touched.add(pid)
    for pid, (year, why) in d.disputed_year.items():
        p = run.pair.get(pid)
        if p and (p["established"], p["established_basis"], p["established_note"]) != (year, "disputed", why):
            p["established"], p["established_basis"], p["established_note"] = year, "disputed", why
            for e in run.rows.get("pairing_events", []):  # the established event says the same (a rule checks it)
                if e["pairing_id"] == pid and e["event"] == "established":
                    e.update(date=year, date_basis="disputed", date_note=why)
            run.touched.add(pid)
            run.log.changes.append(f"YEAR DISPUTED {pid}: {year}")
    for pid, (why, replaced_by) in d.retire.items():
        if pid in run.pair:
            retire(run, pid, why, replaced_by)
    named = [*d.inferred, *d.status, *d.pairing_note, *d.status_note, *d.year_note, *d.same.values(), *d.reclassify,
             *d.disputed_year, *d.retire]
    for pid in dict.fromkeys(named):
        if pid not in run.pair:
            run.log.changes.append(f"DECISION FOR A PAIRING NOT IN THE PACKAGE (yet?): {pid}")


def rederive(root: Path) -> list:
    """In a package whose statuses follow from events: write the established events of pairings that
    lack one, then recompute the derived columns of ``pairings`` (``sisterties derive``)."""
    from ..derive import add_established_events, derive

    added = add_established_events(root)
    return [f"established event {e}" for e in added] + [str(c) for c in derive(root)]


def retire(run: Run, pid: str, why: str, replaced_by: str = "") -> None:
    """Remove a pairing with its citations and events; its id goes to ``retired_ids`` and is never used again."""
    events = {r["event_id"] for r in run.rows.get("pairing_events", []) if r["pairing_id"] == pid}
    run.rows["pairings"][:] = [r for r in run.rows["pairings"] if r["pairing_id"] != pid]
    run.rows["citations"][:] = [c for c in run.rows["citations"] if not (
        (c["table_name"] == "pairings" and c["row_id"] == pid) or (c["table_name"] == "pairing_events" and c["row_id"] in events))]
    if "pairing_events" in run.rows:
        run.rows["pairing_events"][:] = [r for r in run.rows["pairing_events"] if r["pairing_id"] != pid]
    del run.pair[pid]
    run.rows["retired_ids"].append({"retired_id": pid, "table_name": "pairings", "retired_in": run.pkg.version.split(".dev")[0].split("-")[0],
                                    "reason": why, "replaced_by": replaced_by})
    run.log.changes.append(f"RETIRED {pid}: {why}")


def apply(root: Path, fact_paths: list[Path], decisions_path: Path, log_dir: Path, dry_run: bool = False) -> str:
    """Apply the facts with the decisions to the package at ``root``; return a summary. Raises Refused."""
    pkg = Package(root)
    missing = [p for p in [*fact_paths, decisions_path] if not p.is_file()]
    if missing:
        raise Refused([f"{p}: no such file" for p in missing])
    facts = read_facts(fact_paths)
    problems = []
    try:
        decided = decisions_file.load(decisions_path, fact_universe(fact_paths), decisions_file.patterns(pkg))
    except Refused as err:  # report the facts' problems too
        problems, decided = err.problems, decisions_file.Decisions()
    try:
        check(facts, decided, pkg)
    except Refused as err:
        problems += err.problems
    if problems:
        raise Refused(problems)
    run = Run(pkg, facts, decided)
    run.admin1 = admin1_map(run)
    build(run)
    problems = run.problems + run.tables.problems()
    if problems:
        raise Refused(problems)
    changed = [] if dry_run else run.tables.write()
    derived = [] if dry_run or not run.tables.has("pairing_events") else rederive(root)
    run.log.changes += [f"DERIVED {c}" for c in derived]
    run.log.write(log_dir)
    pairings = run.rows["pairings"]
    lines = [f"pairings added {len(pairings) - run.tables.original_count('pairings')}; total {len(pairings)}; "
             f"with year {sum(1 for p in pairings if p['established'])}"]
    for name in run.rows:
        lines.append(f"{name}: {run.tables.original_count(name)} -> {len(run.rows[name])} rows"
                     + ("" if dry_run or name in changed else " (unchanged)"))
    left = sum(1 for f in facts if run.log.outcome(f)[0] == "left_out")
    lines.append(f"{len(facts)} facts: {len(facts) - left} used, {left} left out; log in {log_dir}"
                 + (" (dry run: no table written)" if dry_run else ""))
    return "\n".join(lines)
