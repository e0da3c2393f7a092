"""The Data Package versioning rules: does a schema change require a new major version?

Major: a field removed, renamed or re-typed, a new required field, a tightened constraint
(new pattern, smaller enum, new required/unique). Minor: new tables, fields or rows; loosened
constraints. Patch: corrections.

>>> old = {"fields": [{"name": "a", "type": "string"}]}
>>> breaking_changes(old, {"fields": [{"name": "a", "type": "integer"}]})
['field a: type string → integer']
>>> breaking_changes(old, {"fields": [{"name": "a", "type": "string"}, {"name": "b", "type": "string"}]})
[]
"""
from __future__ import annotations

from typing import Any


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Incompatible differences between two Table Schemas."""
    out = []
    new_fields = {f["name"]: f for f in new["fields"]}
    for f in old["fields"]:
        g = new_fields.get(f["name"])
        if g is None:
            out.append(f"field {f['name']}: removed or renamed")
            continue
        if f.get("type", "string") != g.get("type", "string"):
            out.append(f"field {f['name']}: type {f.get('type', 'string')} → {g.get('type', 'string')}")
        a, b = f.get("constraints", {}), g.get("constraints", {})
        for flag in ("required", "unique"):
            if b.get(flag) and not a.get(flag):
                out.append(f"field {f['name']}: now {flag}")
        if "enum" in b and not set(a.get("enum", b["enum"])) <= set(b["enum"]):
            out.append(f"field {f['name']}: enum lost {sorted(set(a['enum']) - set(b['enum']))}")
        if b.get("pattern") and b.get("pattern") != a.get("pattern"):
            out.append(f"field {f['name']}: pattern changed")
    old_names = {f["name"] for f in old["fields"]}
    for name, g in new_fields.items():
        if name not in old_names and g.get("constraints", {}).get("required"):
            out.append(f"field {name}: new required field")
    return out


def major(version: str) -> int:
    return int(version.split(".")[0])
