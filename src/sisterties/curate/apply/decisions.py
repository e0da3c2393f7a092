"""Curator decisions: a TOML file of data, one table per decision, every decision with its reason.

The kinds, their fields and what each does are documented in ``docs/curation-facts.md``. A
decision names a fact (``k_status:79``), a pair key (``Shanxi|Tennessee``), a pairing id or a
citation id. Facts and pair keys are checked against every fact file beside the ones given (a
pass's decisions cover all its steps), so a decision for a fact that does not exist is refused.

>>> d = parse('[pass]\\nobtained_from = "x"\\n[[skip_pair]]\\npair = "A|B"\\nreason = "no page"\\n', "d.toml",
...           ({"f:2": "A|B"}, {"f": 2}), PATTERNS)
>>> d.skip
{'A|B': 'no page'}
>>> parse('[[skip_pair]]\\npair = "A|C"\\nreason = "r"\\n[[exclude]]\\nfact = "f:3"\\n', "d.toml", ({"f:2": "A|B"}, {"f": 2}), PATTERNS)
Traceback (most recent call last):
...
sisterties.curate.apply.refusal.Refused: d.toml: [pass] obtained_from is missing
d.toml:1: [[skip_pair]] 1: pair 'A|C' is the pair key of no fact
d.toml:4: [[exclude]] 1: reason is missing
"""
from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .facts import is_partial_date
from .refusal import Refused

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib



def _reason(d: dict) -> str:
    return d["reason"].strip()


@dataclass(frozen=True)
class Spec:
    """A kind of decision: the ``Decisions`` field it fills, the field naming its target, its other fields,
    and what it stores (by default its reason)."""

    slot: str
    target: str
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    value: Callable[[dict], object] = _reason


SPECS: dict[str, Spec] = {
    "exclude": Spec("exclude", "fact"),
    "skip_pair": Spec("skip", "pair"),
    "unresolved_pair": Spec("unresolved", "pair"),
    "same_pair": Spec("same", "pair", ("pairing",), value=lambda d: d["pairing"]),
    "tie_kind": Spec("tie_kind", "pair", ("kind",), value=lambda d: d["kind"]),
    "add_despite": Spec("despite", "pair"),
    "place": Spec("place", "pair", ("side",), ("name", "level", "note", "location_facts"),
                  value=lambda d: {k: (set(v) if k == "location_facts" else v) for k, v in d.items() if k not in ("pair", "side", "reason")}),
    "pair_evidence": Spec("prefer", "pair", ("fact",), value=lambda d: d["fact"]),
    "memo_year": Spec("memo_year", "fact"),
    "not_a_year": Spec("not_a_year", "citation"),
    "inferred_year": Spec("inferred", "pairing", ("year", "fact"), value=lambda d: (d["year"], d["fact"], _reason(d))),
    "year_note": Spec("year_note", "pairing"),
    "status_note": Spec("status_note", "pairing"),
    "status": Spec("status", "pairing", ("status", "as_of"), value=lambda d: (d["status"], d["as_of"], _reason(d))),
    "pairing_note": Spec("pairing_note", "pairing"),
    "reclassify": Spec("reclassify", "pairing", ("kind", "fact"), value=lambda d: (d["kind"], d["fact"], _reason(d))),
    "disputed_year": Spec("disputed_year", "pairing", ("year",), value=lambda d: (d["year"], _reason(d))),
    "retire": Spec("retire", "pairing", (), ("replaced_by",), value=lambda d: (_reason(d), d.get("replaced_by", ""))),
}
# what the checks need from the package's schemas (filled by ``patterns``); the doctest default
PATTERNS = {"pairing": r"^CN(-[A-Za-z0-9]+)+~US(-[A-Za-z0-9]+)+$", "citation": r"^cit-[0-9a-f]{12}-[0-9]{2,}$",
            "levels": ["province", "prefecture_city", "city", "county", "town", "district", "state"],
            "statuses": ["active", "suspended", "terminated", "unknown"],
            "kinds": ["sister_city", "friendship_city", "sister_province_state", "friendship_province_state"]}


@dataclass
class Decisions:
    """The decisions by kind, keyed by their target, in file order."""

    obtained_from: str = ""
    exclude: dict[str, str] = field(default_factory=dict)
    skip: dict[str, str] = field(default_factory=dict)
    unresolved: dict[str, str] = field(default_factory=dict)
    same: dict[str, str] = field(default_factory=dict)
    tie_kind: dict[str, str] = field(default_factory=dict)
    despite: dict[str, str] = field(default_factory=dict)
    place: dict[tuple[str, str], dict] = field(default_factory=dict)
    prefer: dict[str, str] = field(default_factory=dict)
    memo_year: dict[str, str] = field(default_factory=dict)
    not_a_year: dict[str, str] = field(default_factory=dict)
    inferred: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    year_note: dict[str, str] = field(default_factory=dict)
    status_note: dict[str, str] = field(default_factory=dict)
    status: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    pairing_note: dict[str, str] = field(default_factory=dict)
    reclassify: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    disputed_year: dict[str, tuple[str, str]] = field(default_factory=dict)
    retire: dict[str, tuple[str, str]] = field(default_factory=dict)


def patterns(pkg) -> dict:
    """The id patterns and value sets decisions are checked against, from the package's schemas."""
    return {"pairing": pkg.table("pairings").field("pairing_id").pattern,
            "citation": pkg.table("citations").field("citation_id").pattern,
            "levels": pkg.table("jurisdictions").field("level").enum,
            "statuses": pkg.table("pairings").field("status").enum,
            "kinds": pkg.table("pairings").field("kind").enum}


def load(path: Path, universe: tuple[dict[str, str], dict[str, int]], pats: dict) -> Decisions:
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise Refused([f"{path}: cannot read the decisions file ({err.__class__.__name__}: {err})"]) from None
    return parse(text, str(path), universe, pats)


def _header_lines(text: str) -> dict[tuple[str, int], int]:
    """(kind, index from 1) -> line of its ``[[kind]]`` header."""
    out, seen = {}, {}
    for n, line in enumerate(text.splitlines(), start=1):
        m = re.match(r"\s*\[\[\s*([A-Za-z_]+)\s*\]\]", line)
        if m:
            seen[m.group(1)] = seen.get(m.group(1), 0) + 1
            out[(m.group(1), seen[m.group(1)])] = n
    return out


def parse(text: str, name: str, universe: tuple[dict[str, str], dict[str, int]], pats: dict) -> Decisions:
    """Decisions from TOML text; refuses unknown kinds or fields, missing reasons and dangling references."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise Refused([f"{name}: not valid TOML: {err}"]) from None
    fact_keys, file_rows = universe
    keys = set(fact_keys.values())
    lines = _header_lines(text)
    problems: list[str] = []
    out = Decisions()
    head = data.pop("pass", None)
    if not isinstance(head, dict) or not isinstance(head.get("obtained_from"), str) or not head["obtained_from"].strip():
        problems.append(f"{name}: [pass] obtained_from is missing")
    else:
        out.obtained_from = head["obtained_from"].strip()
        problems += [f"{name}: [pass] has an unknown field {k!r}" for k in head if k != "obtained_from"]

    def no_fact(fid: str) -> str | None:
        if not isinstance(fid, str) or fid in fact_keys:
            return None if isinstance(fid, str) else f"{fid!r} is not a fact id"
        stem = fid.rsplit(":", 1)[0]
        if stem not in file_rows:
            return f"fact {fid!r} does not exist: no fact file {stem}.csv beside the ones given"
        return f"fact {fid!r} does not exist: {stem}.csv has rows 2 to {file_rows[stem]}"

    for kind, entries in data.items():
        if kind not in SPECS:
            problems.append(f"{name}: unknown decision kind [[{kind}]] (known: {', '.join(SPECS)})")
            continue
        if not isinstance(entries, list):
            problems.append(f"{name}: {kind} must be written [[{kind}]], one table per decision")
            continue
        target, required, optional = SPECS[kind].target, SPECS[kind].required, SPECS[kind].optional
        for i, d in enumerate(entries, start=1):
            at = f"{name}:{lines.get((kind, i), '?')}: [[{kind}]] {i}"
            bad = [f"{at}: {f} is missing" for f in ("reason", target, *required) if f not in d]
            bad += [f"{at}: unknown field {f!r}" for f in d if f not in ("reason", target, *required, *optional)]
            bad += [f"{at}: {f} must be text" for f, v in d.items() if f != "location_facts" and not isinstance(v, str)]
            bad += [f"{at}: reason is empty" for v in [d.get("reason")] if isinstance(v, str) and not v.strip()]
            if bad:
                problems += bad
                continue
            why = _check(kind, d, target, pats, keys, fact_keys, no_fact)
            if why:
                problems.append(f"{at}: {why}")
                continue
            problems += [f"{at}: {w}" for w in _store(out, kind, d)]
    if problems:
        raise Refused(problems)
    return out


def _check(kind, d, target, pats, keys, fact_keys, no_fact) -> str | None:
    t = d[target]
    if target == "fact" and no_fact(t):
        return no_fact(t)
    if target == "pair" and t not in keys:
        return f"pair {t!r} is the pair key of no fact"
    if target == "pairing" and not re.fullmatch(pats["pairing"], t):
        return f"pairing {t!r} is not a pairing id"
    if target == "citation" and not re.fullmatch(pats["citation"], t):
        return f"citation {t!r} is not a citation id"
    if kind == "retire" and d.get("replaced_by") and not re.fullmatch(pats["pairing"], d["replaced_by"]):
        return f"replaced_by {d['replaced_by']!r} is not a pairing id"
    if kind == "same_pair" and not re.fullmatch(pats["pairing"], d["pairing"]):
        return f"pairing {d['pairing']!r} is not a pairing id"
    if kind == "tie_kind" and d["kind"] not in ("sister", "friendship"):
        return f"kind {d['kind']!r} is not sister or friendship"
    if kind in ("pair_evidence", "inferred_year", "reclassify") and no_fact(d["fact"]):
        return no_fact(d["fact"])
    if kind == "pair_evidence" and fact_keys[d["fact"]] != t:
        return f"fact {d['fact']} belongs to the pair {fact_keys[d['fact']]!r}, not {t!r}"
    if kind == "reclassify" and d["kind"] not in pats["kinds"]:
        return f"kind {d['kind']!r} is not one of the pairing kinds: {', '.join(pats['kinds'])}"
    if kind in ("inferred_year", "disputed_year") and not is_partial_date(d["year"]):
        return f"year {d['year']!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    if kind == "status" and (d["status"] not in pats["statuses"] or not is_partial_date(d["as_of"])):
        return f"status {d['status']!r} must be one of {', '.join(pats['statuses'])} and as_of a partial date"
    if kind == "place":
        if d["side"] not in ("cn", "us"):
            return f"side {d['side']!r} is not cn or us"
        if "level" in d and d["level"] not in pats["levels"]:
            return f"level {d['level']!r} is not a jurisdiction level"
        facts = d.get("location_facts", [])
        if not isinstance(facts, list):
            return "location_facts must be a list of fact ids"
        for fid in facts:
            if no_fact(fid):
                return no_fact(fid)
    return None


def _store(out: Decisions, kind: str, d: dict) -> list[str]:
    """Put one checked decision into ``out``; a second decision for the same target is refused."""
    spec = SPECS[kind]
    table = getattr(out, spec.slot)
    key = (d["pair"], d["side"]) if kind == "place" else d[spec.target]
    if key in table:
        return [f"a second [[{kind}]] decision for {key if isinstance(key, str) else ' '.join(key)}"]
    table[key] = spec.value(d)
    return []
