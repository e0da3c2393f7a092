"""``sisterties sources check``: does each excerpt and quote still stand in its source?

For every source (or those named with ``only``):

1. an archived source is checked against its archived text under ``sources/``;
2. with ``online``, a source with a URL is fetched live (:mod:`.pages`) and every excerpt and
   quote citing it is looked for in the page's text (both normalised as in
   :mod:`sisterties.metadata.text`);
3. with ``wayback``, when the live page is gone or no longer holds every excerpt, the Internet
   Archive's closest copy is tried the same way.

The report (``build/source-check.json`` under the package folder) gives, per source, every place
tried (``archived`` / ``live`` / ``wayback``) with its URL, HTTP status and, for each excerpt,
whether it was ``found``. ``update`` writes ``last_seen`` and ``last_seen_where`` into the
``sources`` table for the sources whose excerpts were all found live or in the Wayback Machine; it
never edits an excerpt.

>>> import tempfile, shutil, pathlib
>>> from sisterties.metadata.descriptor import bundled_root
>>> root = pathlib.Path(tempfile.mkdtemp()) / "pkg"
>>> _ = shutil.copytree(bundled_root(), root)
>>> report = check_sources(root, only=["src-995ae8d5aca7"])
>>> [(c["where"], all(e["found"] for e in c["excerpts"])) for c in report["sources"][0]["checks"]]
[('archived', True)]
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..metadata.descriptor import Package
from ..metadata.text import contains
from ..release.site.excerpts import excerpts_by_source
from ..release.site.rows import all_rows, read_rows
from .pages import Fetcher, wayback_snapshot
from .table_csv import read_table, write_table

REPORT = Path("build") / "source-check.json"
SEEN_WHERE = ("live", "wayback")


class UnknownSource(ValueError):
    """A source id given with ``--only`` is not in the package."""


def user_agent(pkg: Package) -> str:
    home = pkg.descriptor.get("homepage", "")
    return f"sisterties-source-check/{pkg.version} (+{home}; checks that cited excerpts still appear in their sources)"


def _check(where: str, url: str, status: int | None, error: str, text: str, excerpts) -> dict:
    return {"where": where, "url": url, "http_status": status, "error": error,
            "excerpts": [{"table": e.table, "row": e.key, "kind": "quote" if e.kind == "quote" else "evidence",
                          "found": bool(text) and contains(text, e.text)} for e in excerpts]}


def _all_found(check: dict) -> bool:
    return bool(check["excerpts"]) and all(e["found"] for e in check["excerpts"])


def _check_source(pkg: Package, source: dict, excerpts, fetcher: Fetcher | None, wayback: bool) -> dict:
    checks = []
    if source.get("archived") == "true" and source.get("archive_path"):
        path = pkg.root / source["archive_path"]
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        checks.append(_check("archived", source["archive_path"], None, "" if text else "archived file missing", text, excerpts))
    url = source.get("url") or ""
    if fetcher is not None and url:
        page = fetcher.get(url)
        checks.append(_check("live", page.url, page.status, page.error, page.text, excerpts))
        if wayback and not _all_found(checks[-1]):
            snapshot = wayback_snapshot(fetcher, url, (source.get("published") or "").replace("-", ""))
            if snapshot is None:
                checks.append({"where": "wayback", "url": "", "http_status": None, "error": "no snapshot", "excerpts": []})
            else:
                copy = fetcher.get(snapshot)
                checks.append(_check("wayback", copy.url, copy.status, copy.error, copy.text, excerpts))
    seen = next((c["where"] for c in checks if c["where"] in SEEN_WHERE and _all_found(c)), "")
    return {"source_id": source["source_id"], "url": url, "archived": source.get("archived") == "true",
            "excerpt_count": len(excerpts), "seen_in": seen, "checks": checks}


def summary(sources: list[dict]) -> dict[str, int]:
    """Counts over the report's sources and excerpts."""
    def found_in(where: str) -> int:
        return sum(len(s["checks"][i]["excerpts"]) for s in sources for i, c in enumerate(s["checks"])
                   if c["where"] == where and _all_found(c))
    return {"sources": len(sources), "excerpts": sum(s["excerpt_count"] for s in sources),
            "excerpts_found_in_archived_text": found_in("archived"),
            "sources_seen_live": sum(s["seen_in"] == "live" for s in sources),
            "sources_seen_wayback": sum(s["seen_in"] == "wayback" for s in sources),
            "sources_not_seen": sum(any(c["where"] in SEEN_WHERE for c in s["checks"]) and not s["seen_in"] for s in sources)}


def check_sources(root: Path | str, *, online: bool = False, wayback: bool = False, only: list[str] | None = None,
                  fetcher: Fetcher | None = None, today: dt.date | None = None) -> dict:
    """Check the package at ``root``; return the report (see the module doc)."""
    pkg = Package(root)
    sources = read_rows(pkg, "sources")
    known = {s["source_id"] for s in sources}
    unknown = sorted(set(only or []) - known)
    if unknown:
        raise UnknownSource(f"not a source of this package: {', '.join(unknown)}")
    if only:
        sources = [s for s in sources if s["source_id"] in set(only)]
    if online and fetcher is None:
        fetcher = Fetcher(user_agent(pkg))
    excerpts = excerpts_by_source(pkg, all_rows(pkg))
    checked = [_check_source(pkg, s, [e for e in excerpts.get(s["source_id"], []) if e.text],
                             fetcher if online else None, wayback) for s in sources]
    return {"package_version": pkg.version, "checked_on": (today or dt.date.today()).isoformat(), "online": online,
            "wayback": wayback, "summary": summary(checked), "sources": checked}


def write_report(root: Path | str, report: dict) -> Path:
    """Write ``build/source-check.json`` under ``root``; return its path."""
    target = Path(root) / REPORT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def update_last_seen(root: Path | str, report: dict) -> int:
    """Write ``last_seen``/``last_seen_where`` for sources seen live or in the Wayback Machine; return how many."""
    pkg = Package(root)
    seen = {s["source_id"]: s["seen_in"] for s in report["sources"] if s["seen_in"]}
    path = pkg.path("sources")
    _, rows = read_table(path)
    for row in rows:
        if row["source_id"] in seen:
            row["last_seen"], row["last_seen_where"] = report["checked_on"], seen[row["source_id"]]
    write_table(path, pkg.table("sources").field_names, rows)
    return len(seen)
