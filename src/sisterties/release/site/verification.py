"""What the package can prove about its excerpts, counted from the data (home page, source-check page, README, ``coverage``).

An evidence excerpt or a quotation is *checked against an archived text* when its source is
archived (``sources.archived`` is true): validation then compares it with the archived text at
its offsets. An excerpt from a source that is not archived (known by metadata and one sentence)
cannot be checked against any text at validation; ``sisterties sources check --online --update``
records when all the excerpts of such a source were last found on the live page or in the Wayback
Machine (``sources.last_seen`` / ``last_seen_where``).

>>> rows = {"sources": [{"source_id": "a", "archived": "true"}, {"source_id": "b", "archived": "false"}],
...         "pairings": [{"source_id": "a", "evidence": "x y"}, {"source_id": "b", "evidence": "z w"}],
...         "quotes": [{"source_id": "a", "evidence": "she said", "text": "Hello there"}]}
>>> evidence_counts(rows)
{'excerpts': 3, 'archived': 2, 'not_archived': 1, 'quotes': 1, 'quotes_archived': 1}
>>> from sisterties.metadata.descriptor import Package
>>> counts = verification_counts(Package.bundled())
>>> counts["archived"] > 0 and counts["total"] == counts["archived"] + counts["live"] + counts["wayback"] + counts["unchecked"]
True
"""
from __future__ import annotations

from ...metadata.descriptor import Package
from .excerpts import excerpts_by_source
from .rows import all_rows


def evidence_counts(rows: dict[str, list[dict[str, str]]]) -> dict[str, int]:
    """Evidence excerpts (every table with an evidence column) and quotations, split by whether their source is archived."""
    archived = {s["source_id"] for s in rows.get("sources", []) if s.get("archived") == "true"}
    excerpts = [r for name, table in rows.items() if name != "sources" for r in table if r.get("evidence")]
    quotes = [r for r in rows.get("quotes", []) if r.get("text")]
    on_file = sum(r.get("source_id") in archived for r in excerpts)
    return {"excerpts": len(excerpts), "archived": on_file, "not_archived": len(excerpts) - on_file,
            "quotes": len(quotes), "quotes_archived": sum(r.get("source_id") in archived for r in quotes)}


def verification_paragraph(rows: dict[str, list[dict[str, str]]]) -> str:
    """The home page's statement of how many excerpts are checked against an archived text, and how many cannot be."""
    c = evidence_counts(rows)
    return (f'<p id="verification">Of the <span class="num" data-count="excerpts">{c["excerpts"]:,}</span> evidence excerpts, '
            f'<span class="num" data-count="archived">{c["archived"]:,}</span> come from archived sources and are checked against '
            "the archived text at their character offsets, as are "
            f'<span class="num" data-count="quotes-archived">{c["quotes_archived"]:,}</span> of the '
            f'<span class="num" data-count="quotes">{c["quotes"]:,}</span> quotations; the other '
            f'<span class="num" data-count="not-archived">{c["not_archived"]:,}</span> come from sources known by their '
            "metadata and one sentence, which no archived text can confirm. Every excerpt is also checked for length and page "
            "boilerplate, and every pairing for an excerpt that names both places (or a recorded reason why none does).</p>")


def verification_counts(pkg: Package) -> dict:
    """Counts of excerpts by how they are verified, and the range of ``last_seen`` dates."""
    rows = all_rows(pkg)
    sources = {s["source_id"]: s for s in rows.get("sources", [])}
    counts = {"total": 0, "archived": 0, "live": 0, "wayback": 0, "unchecked": 0}
    seen_dates: list[str] = []
    for sid, excerpts in excerpts_by_source(pkg, rows).items():
        n = sum(1 for e in excerpts if e.text)
        source = sources.get(sid, {})
        where = "archived" if source.get("archived") == "true" else source.get("last_seen_where") or "unchecked"
        counts[where] += n
        counts["total"] += n
        if where in ("live", "wayback"):
            seen_dates.append(source["last_seen"])
    counts["last_seen_first"] = min(seen_dates, default="")
    counts["last_seen_last"] = max(seen_dates, default="")
    return counts


def verification_sentence(pkg: Package) -> str:
    """One sentence with the counts, as README and the site print it."""
    c = verification_counts(pkg)
    seen = (f"; last seen on {c['last_seen_first']}" + (f" to {c['last_seen_last']}" if c["last_seen_last"] != c["last_seen_first"] else "")
            if c["last_seen_first"] else "")
    return (f"Of {c['total']} evidence excerpts and quotes, {c['archived']} are checked against archived source texts at every validation; "
            f"{c['live']} were last found on the live page and {c['wayback']} in the Wayback Machine by `sisterties sources check`{seen}; "
            f"{c['unchecked']} are not checked against any text (their source is known by metadata and that excerpt only).")
