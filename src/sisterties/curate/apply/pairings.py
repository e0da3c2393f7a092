"""Pairings from facts: find the pairing a pair key means, add a new one, and set its year and status.

Rules (docs/curation-facts.md):
- a pair key is an existing pairing's id, a curator's ``same_pair`` decision, or ``Chinese|US``
  names that match exactly one existing pairing; otherwise it is a new pair;
- a new pair needs a ``pair`` fact and no ``contra``/``not_formal`` fact (unless the curator adds
  it despite them), and both places must resolve; a new pair that resolves to a pairing already
  there (sides swapped or not) is refused;
- years: every year citation of the pairing counts; one year sets it (stated); several leave it
  empty with the candidates in the note; a curator may mark a citation's year as not the tie's;
- status: the latest dated termination or suspension sets it (with the curator's note); else the
  latest dated statement that the tie is in use makes it active.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from ...metadata.dates import bounds
from .facts import Fact
from .gazetteer import base_name
from .kinds import KINDS
from .places import FIRST_CN, place
from .sources import research_note, use_source
from .state import Run


def _lower(value: str) -> str:
    return bounds(value)[0].isoformat() if value else ""


def _upper(value: str) -> str:
    return bounds(value)[1].isoformat() if value else ""


def _names(run: Run, pid: str) -> tuple[str, str]:
    p = run.pair[pid]
    return base_name(run.jur[p["cn_jurisdiction_id"]]["name_en"]), base_name(run.jur[p["us_jurisdiction_id"]]["name_en"])


def find_existing(run: Run, key: str, facts: list[Fact]) -> str | None:
    """The existing pairing a pair key means, or None for a new pair. A key naming a pairing the wrong way
    round, or a same_pair decision naming no pairing, adds a problem to ``run.problems``."""
    if key in run.decisions.same:
        pid = run.decisions.same[key]
        if pid not in run.pair:
            run.problems.append(f"{facts[0].where}: pair {key!r}: the same_pair decision names {pid}, which is not in the package")
            return None
        run.log.changes.append(f"SAME PAIR (curator) {key} -> {pid}")
        return pid
    if key in run.pair:
        return key
    if "~" in key:
        a, b = key.split("~", 1)
        if f"{b}~{a}" in run.pair:
            run.problems.append(f"{facts[0].where}: pair {key!r} duplicates the pairing {b}~{a} with its sides swapped")
        return None
    if "|" not in key:
        return None
    a, b = base_name(key.split("|", 1)[0]), base_name(key.split("|", 1)[1])
    hits = [pid for pid in run.pair if _names(run, pid) == (a, b)]
    if not hits:
        swapped = [pid for pid in run.pair if _names(run, pid) == (b, a)]
        if swapped:
            run.problems.append(f"{facts[0].where}: pair {key!r} duplicates the pairing {swapped[0]} with its sides swapped "
                                "(a pair key names the Chinese place first)")
    return hits[0] if len(hits) == 1 else None


def add_facts(run: Run, pid: str, facts: list[Fact]) -> None:
    """Hand every fact to its kind, then set the pairing's year and status from what it now cites."""
    for f in facts:
        KINDS[f.kind].apply(run, pid, f)
    run.touched.add(pid)
    set_year(run, pid, facts)
    set_status(run, pid, [f for f in facts if f.kind == "status"])


def not_added(run: Run, key: str, facts: list[Fact], reason: str, curator: str = "") -> None:
    run.log.pairs.append((key, reason))
    detail = reason if reason.startswith("not added") else f"pair not added: {reason}"
    for f in facts:
        run.log.left(f, detail + (f" (curator: {curator})" if curator else ""))


def new_pair(run: Run, key: str, facts: list[Fact]) -> None:
    d = run.decisions
    if key in d.skip:
        not_added(run, key, facts, d.skip[key])
        return
    pairs = [f for f in facts if f.kind == "pair"]
    bad = [f for f in facts if f.kind in ("contra", "not_formal")]
    if not pairs:
        not_added(run, key, facts, "not added: " + ("; ".join(f"{f.kind}: {f.excerpt[:80]}" for f in bad) or "no pair fact"))
        return
    if bad and key not in d.despite:
        not_added(run, key, facts, "not added, needs a curator: " + "; ".join(f"{f.id} {f.kind}: {f.note[:100]}" for f in bad))
        return
    snap = run.snapshot()
    cn, why_cn = place(run, "cn", key, facts)
    us, why_us = place(run, "us", key, facts)
    if not cn or not us:
        run.restore(snap)
        if key in d.unresolved:
            not_added(run, key, facts, "not added: " + (why_cn or why_us), d.unresolved[key])
        else:
            why = "; ".join(w for w in (why_cn, why_us) if w)
            run.problems.append(f"{pairs[0].where}: pair {key!r}: its places do not resolve: {why}")
        return
    pid = f"{cn}~{us}"
    if pid in run.pair:
        run.restore(snap)
        was = f"added by this run from the pair {run.added[pid]!r}" if pid in run.added else "already in the package"
        run.problems.append(f"{pairs[0].where}: pair {key!r} duplicates the pairing {pid} ({was}); "
                            "if it is the same tie, say so with a same_pair decision")
        return
    _add(run, key, pid, cn, us, facts, pairs, bad)


def _add(run: Run, key, pid, cn, us, facts, pairs, bad) -> None:
    d = run.decisions
    top = run.jur[cn]["level"] in FIRST_CN and run.jur[us]["level"] == "state"
    ties = Counter(f["tie_kind"] for f in facts if f.kind in ("pair", "year"))
    tie = d.tie_kind.get(key) or ("sister" if ties["sister"] else "friendship" if ties["friendship"] else "sister")
    kind = f"{tie}_{'province_state' if top else 'city'}"
    order = run.kind_order
    best = sorted(pairs, key=lambda f: (f.id != d.prefer.get(key), order.index(f["source_kind"]), f.id))[0]
    note = []
    if not ties["sister"] and not ties["friendship"] and not d.tie_kind.get(key):
        note.append("The sources do not say whether it is a sister or a friendship tie; recorded as sister.")
    if key in d.despite:
        note.append(d.despite[key])
        for f in bad:
            run.log.left(f, "the curator added the pair despite it (add_despite)")
    row = {"pairing_id": pid, "cn_jurisdiction_id": cn, "us_jurisdiction_id": us,
           "level": "province_state" if top else "city", "kind": kind,
           "established": "", "established_basis": "", "established_note": "", "status": "unknown",
           "status_as_of": "", "status_note": "", "strongest_source_kind": "",
           "source_id": use_source(run, best.url), "evidence": best.excerpt,
           "evidence_start": "", "evidence_end": "", "note": " ".join(note + ([research_note(best)] if research_note(best) else []))}
    run.pair[pid] = row
    run.rows["pairings"].append(row)
    run.added[pid] = key
    run.log.used(best, f"evidence of pairing {pid}")
    run.log.changes.append(f"ADD {pid} ({key}) [{kind}] {best['source_kind']}: {best.excerpt[:160]}")
    add_facts(run, pid, [f for f in facts if f is not best])


def year_candidates(run: Run, pid: str) -> dict[str, set]:
    """Year -> {(source id, date)} from the pairing's own evidence and its 'established' citations."""
    cands = defaultdict(set)
    for c in run.rows["citations"]:
        if c["table_name"] == "pairings" and c["row_id"] == pid and c["fact"] == "established":
            if c["citation_id"] in run.decisions.not_a_year:
                continue
            m = re.match(r"Gives ([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)\b", c["note"])
            if not m or c["note"].startswith(m.group(0) + ", inferred"):
                continue
            cands[m.group(1)[:4]].add((c["source_id"], m.group(1)))
    p = run.pair[pid]
    if p["established"] and p["established_basis"] == "stated" and p["established"][:4] in p["evidence"]:
        cands[p["established"][:4]].add((p["source_id"], p["established"]))
    return cands


def set_year(run: Run, pid: str, facts: list[Fact]) -> None:
    p = run.pair[pid]
    cands = year_candidates(run, pid)
    if not cands:
        return
    if len(cands) == 1:
        y = next(iter(cands))
        full = sorted({v for _, v in cands[y]}, key=len)
        value = full[-1] if all(full[-1].startswith(v) for v in full) else y
        if p["established"] and p["established"][:4] == y and len(p["established"]) >= len(value):
            return
        if p["established"] and p["established"][:4] != y:
            at = next((f.where for f in facts if f.kind == "year"), f"pairing {pid}")
            run.problems.append(f"{at}: {pid} has the year {p['established']} ({p['established_basis']}), but its sources "
                                f"give only {y}: correct the row or mark the citation with a not_a_year decision")
            return
        old = (p["established"], p["established_basis"])
        p["established"], p["established_basis"] = value, "stated"
        if p["established_note"].startswith("Sources disagree") or not old[0]:
            p["established_note"] = ""
        if old[1] == "inferred" and old[0][:4] == y:
            p["established_note"] = ""
        if pid in run.decisions.year_note:
            p["established_note"] = run.decisions.year_note[pid]
        run.touched.add(pid)
        run.log.changes.append(f"YEAR {pid}: {old[0] or '-'} -> {value}")
        return
    if pid not in run.new_year_cites:
        return  # nothing new: the row keeps its curated year or note
    parts = [f"{y} ({', '.join(sorted({s for s, _ in cands[y]}))})" for y in sorted(cands)]
    note = "Sources disagree, so no year is given: " + "; ".join(parts) + "."
    if p["established_note"].startswith("Sources disagree"):
        old_note = re.sub(r"^Sources disagree, so no year is given: [^.]*\.\s*", "", p["established_note"])
        note += (" " + old_note) if old_note else ""
    if p["established"] or p["established_note"] != note:
        run.log.changes.append(f"YEAR CONFLICT {pid}: was {p['established'] or '-'}; {note}")
        p["established"], p["established_basis"], p["established_note"] = "", "", note
        run.touched.add(pid)


def set_status(run: Run, pid: str, facts: list[Fact]) -> None:
    p = run.pair[pid]
    notes = run.decisions.status_note
    ended = [f for f in facts if f.value in ("terminated", "suspended") and f.date]
    active = [f for f in facts if f.value == "active" and f.date]
    if ended:
        f = sorted(ended, key=lambda x: _lower(x.date))[-1]
        if p["status"] == f.value and _lower(f.date) <= _lower(p["status_as_of"]):
            return
        if pid not in notes:
            run.log.changes.append(f"STATUS NEEDS NOTE {pid}: {f.value} {f.date} {f.id} {f.excerpt[:150]}")
            return
        p["status"], p["status_as_of"], p["status_note"] = f.value, f.date, notes[pid]
        run.touched.add(pid)
        run.log.changes.append(f"STATUS {pid}: {f.value} {f.date}")
        return
    if active and p["status"] in ("unknown", "active"):
        f = sorted(active, key=lambda x: (_lower(x.date), len(x.date)))[-1]
        eff = f.date
        pub = run.src[use_source(run, f.url)]["published"]
        if pub and _lower(eff) > _upper(pub):
            eff = pub
        if p["status"] == "active" and _lower(eff) <= _lower(p["status_as_of"] or "0001"):
            return
        p["status"], p["status_as_of"] = "active", eff
        p["status_note"] = notes.get(pid) or f"Latest dated source showing the tie in use ({use_source(run, f.url)})."
        run.touched.add(pid)
        run.log.changes.append(f"STATUS {pid}: active as of {eff}")


def strongest(run: Run) -> None:
    """Recompute every pairing's strongest_source_kind from its source and citations."""
    order = run.kind_order
    kinds = {s: r["kind"] for s, r in run.src.items()}
    cited = defaultdict(list)
    for c in run.rows["citations"]:
        if c["table_name"] == "pairings":
            cited[c["row_id"]].append(kinds[c["source_id"]])
    for pid, p in run.pair.items():
        want = min([kinds[p["source_id"]]] + cited.get(pid, []), key=order.index)
        if p["strongest_source_kind"] != want:
            if pid in run.original_pairs:
                run.log.changes.append(f"STRONGER {pid}: {p['strongest_source_kind']} -> {want}")
            p["strongest_source_kind"] = want
