"""Row-level differences between two package versions, by primary key.

>>> from sisterties.metadata.descriptor import Package
>>> pkg = Package.bundled()
>>> d = diff_packages(pkg, pkg)
>>> d["pairings"]["added"], d["pairings"]["removed"], d["pairings"]["changed"]
([], [], {})
"""
from __future__ import annotations

import csv
import io

from ..metadata.descriptor import Package


def _rows(pkg: Package, table: str) -> dict[str, dict[str, str]]:
    if table not in pkg.tables or not pkg.path(table).is_file():
        return {}
    pk = pkg.table(table).primary_key
    text = pkg.path(table).read_text(encoding="utf-8")
    return {"|".join(r[k] for k in pk): r for r in csv.DictReader(io.StringIO(text))}


def diff_packages(old: Package, new: Package) -> dict[str, dict]:
    """Per table: ids added, ids removed, and for changed ids the fields that changed."""
    out = {}
    for table in dict.fromkeys(list(old.tables) + list(new.tables)):
        a, b = _rows(old, table), _rows(new, table)
        changed = {}
        for key in a.keys() & b.keys():
            fields = sorted(f for f in set(a[key]) | set(b[key]) if a[key].get(f) != b[key].get(f))
            if fields:
                changed[key] = fields
        out[table] = {"added": sorted(b.keys() - a.keys()), "removed": sorted(a.keys() - b.keys()),
                      "changed": dict(sorted(changed.items()))}
    return out


def summary(d: dict[str, dict], old_version: str, new_version: str) -> str:
    """Markdown summary for a CHANGELOG entry."""
    lines = [f"Data changes {old_version} → {new_version}:", "", "| table | added | removed | changed |", "|---|---|---|---|"]
    for table, r in d.items():
        lines.append(f"| {table} | {len(r['added'])} | {len(r['removed'])} | {len(r['changed'])} |")
    for table, r in d.items():
        for key, fields in r["changed"].items():
            lines.append(f"- {table} `{key}`: {', '.join(fields)}")
        for key in r["removed"]:
            lines.append(f"- {table} `{key}` removed (record it in retired_ids)")
    return "\n".join(lines)


def unretired_removals(d: dict[str, dict], new: Package) -> list[str]:
    """Removed ids that the new version does not list in retired_ids."""
    retired = set(_rows(new, "retired_ids"))
    return [f"{t}:{k}" for t, r in d.items() if t != "retired_ids" for k in r["removed"] if k not in retired]
