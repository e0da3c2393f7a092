"""Every excerpt a row takes from a source: evidence (``evidence_start``/``evidence_end``) and
quotations (``start``/``end``), found from the schemas' field names rather than a fixed list.

>>> from sisterties.metadata.descriptor import Package
>>> pkg = Package.bundled()
>>> from sisterties.release.site.rows import all_rows
>>> ex = excerpts_by_source(pkg, all_rows(pkg))["src-995ae8d5aca7"]
>>> [e.element_id for e in ex if e.table == "pairings"]
['ev-pairings-CN-GD~US-MA']
"""
from __future__ import annotations

from dataclasses import dataclass

from ...metadata.descriptor import Package
from .ids import evidence_id, quote_anchor
from .rows import row_key

EVIDENCE_FIELDS = ("source_id", "evidence", "evidence_start", "evidence_end")
QUOTE_FIELDS = ("source_id", "text", "start", "end")


@dataclass(frozen=True)
class Excerpt:
    """One excerpt: the row it belongs to, its text as the row gives it, and its offsets (None when empty)."""

    table: str
    key: str
    kind: str  # "ev" (evidence) or "quote"
    text: str
    start: int | None
    end: int | None
    element_id: str


def _offset(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def has_evidence(pkg: Package, table: str) -> bool:
    """True when the table's rows carry an evidence excerpt of their source."""
    return all(f in pkg.table(table).field_names for f in EVIDENCE_FIELDS)


def has_quotes(pkg: Package, table: str) -> bool:
    """True when the table's rows are quotations located in their source."""
    return all(f in pkg.table(table).field_names for f in QUOTE_FIELDS)


def excerpts_by_source(pkg: Package, rows: dict[str, list[dict[str, str]]]) -> dict[str, list[Excerpt]]:
    """source_id -> its excerpts, in table order and row order."""
    out: dict[str, list[Excerpt]] = {}
    for table, table_rows in rows.items():
        evidence, quotes = has_evidence(pkg, table), has_quotes(pkg, table)
        for row in table_rows:
            key, sid = row_key(pkg, table, row), row.get("source_id") or ""
            if not sid:
                continue
            if quotes:
                out.setdefault(sid, []).append(Excerpt(table, key, "quote", row.get("text", ""), _offset(row.get("start")),
                                                       _offset(row.get("end")), quote_anchor(key)))
            if evidence:
                out.setdefault(sid, []).append(Excerpt(table, key, "ev", row.get("evidence", ""), _offset(row.get("evidence_start")),
                                                       _offset(row.get("evidence_end")), evidence_id(table, key)))
    return out
