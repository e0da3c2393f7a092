"""How far each excerpt can be verified, counted from the data (README, site and ``coverage`` say the same).

An excerpt (evidence or quote) is:
- ``archived``: its source's text is archived, so validation checks it at its offsets every run;
- ``live`` / ``wayback``: its source is not archived, and ``sisterties sources check --online --update``
  last found all of that source's excerpts in the live page or in the Wayback Machine's copy
  (``sources.last_seen`` / ``last_seen_where``);
- ``unchecked``: neither.

>>> from sisterties.metadata.descriptor import Package
>>> counts = verification_counts(Package.bundled())
>>> counts["archived"] > 0 and counts["total"] == counts["archived"] + counts["live"] + counts["wayback"] + counts["unchecked"]
True
"""
from __future__ import annotations

from ...metadata.descriptor import Package
from .excerpts import excerpts_by_source
from .rows import all_rows


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
