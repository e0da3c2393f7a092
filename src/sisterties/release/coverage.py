"""Coverage report: the pairs in the package against the totals that sources state.

>>> from sisterties.metadata.descriptor import Package
>>> "pairs in the package" in coverage_report(Package.bundled())
True
"""
from __future__ import annotations

import csv
import io
from collections import Counter

from ..metadata.descriptor import Package
from .site.verification import verification_sentence


def _rows(pkg: Package, table: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(pkg.path(table).read_text(encoding="utf-8"))))


def strongest_kinds(pkg: Package) -> dict[str, str]:
    """pairing_id -> the strongest kind of source it rests on (the validated ``strongest_source_kind``)."""
    return {p["pairing_id"]: p["strongest_source_kind"] for p in _rows(pkg, "pairings")}


def _independence_lines(pairs: list[dict[str, str]]) -> list[str]:
    """The distribution of ``independent_sources`` and how many pairs two or more publishers support."""
    counts = Counter(int(p["independent_sources"]) for p in pairs if p.get("independent_sources", "").isdigit())
    if not counts:
        return []
    two = sum(v for k, v in counts.items() if k >= 2)
    return ["by independent sources (distinct original publishers): " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())),
            f"supported by two or more independent publishers: {two} ({100 * two / len(pairs):.0f}%)"]


INFORMAL_PREFIX = "friendly_exchange"  # kinds that are not formal ties (see pairings.kind in the schema)


def is_formal(pairing: dict[str, str]) -> bool:
    """True for a sister or friendship tie; False for a friendly-exchange relationship, memorandum or letter of intent.

    >>> is_formal({"kind": "sister_city"}), is_formal({"kind": "friendly_exchange_city"})
    (True, False)
    """
    return not pairing["kind"].startswith(INFORMAL_PREFIX)


def coverage_report(pkg: Package) -> str:
    """Formal ties only (a friendly-exchange row is counted apart): levels, years, statuses, source strength, stated totals."""
    every = _rows(pkg, "pairings")
    pairs = [p for p in every if is_formal(p)]
    informal = len(every) - len(pairs)
    strongest = {p["pairing_id"]: p["strongest_source_kind"] for p in pairs}
    strength = pkg.table("pairings").field("strongest_source_kind").enum  # strongest first
    n = len(pairs)
    with_year = sum(1 for p in pairs if p["established"])
    lines = [f"pairs in the package: {n} formal ties "
             f"({', '.join(f'{k} {v}' for k, v in sorted(Counter(p['level'] for p in pairs).items()))}); "
             f"besides them {informal} friendly-exchange relationships, memoranda or letters of intent, counted nowhere below",
             f"with an establishment year: {with_year} ({100 * with_year / n:.0f}%)" if n else "with an establishment year: 0",
             "by status: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(p["status"] for p in pairs).items())),
             "by strongest source kind: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(strongest.values()).items(),
                                                                                    key=lambda kv: strength.index(kv[0]))),
             *_independence_lines(pairs),
             "", "stated totals vs the package (pairs established by the as-of year):",
             "| as of | stated | subject | stated by | source | in package, established by then | share | in package, any date | share |",
             "|---|---|---|---|---|---|---|---|---|"]
    level_of = {"sister_pairs_total": None, "sister_province_state_pairs": "province_state", "sister_city_pairs": "city"}
    for c in sorted(_rows(pkg, "claims"), key=lambda c: c["as_of"]):
        if c["subject"] not in level_of or not c["as_of"]:
            continue
        year = c["as_of"][:4]
        level = level_of[c["subject"]]
        of_level = [p for p in pairs if level is None or p["level"] == level]
        have = sum(1 for p in of_level if p["established"] and p["established"][:4] <= year)
        stated = float(c["value"])
        share = f"{100 * have / stated:.0f}%" if stated else ""
        share_all = f"{100 * len(of_level) / stated:.0f}%" if stated else ""
        lines.append(f"| {c['as_of']} | {c['qualifier'].replace('exact', '')} {c['value']} | {c['subject']} | "
                     f"{c['stated_by_id']} | {c['source_id']} | {have} | {share} | {len(of_level)} | {share_all} |")
    decades = Counter(p["established"][:3] + "0s" for p in pairs if p["established"])
    lines += ["", "pairs by decade of establishment: " + ", ".join(f"{k} {v}" for k, v in sorted(decades.items()))]
    lines += ["", "verification: " + verification_sentence(pkg)]
    return "\n".join(lines)
