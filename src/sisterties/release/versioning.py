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


LEVELS = ("patch", "minor", "major")


def _constraints_loosened(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Fields whose constraints changed without breaking anything (a looser rule: a minor change)."""
    new_fields = {f["name"]: f for f in new["fields"]}
    return [f"field {f['name']}: constraints loosened" for f in old["fields"]
            if f["name"] in new_fields and f.get("constraints", {}) != new_fields[f["name"]].get("constraints", {})]


def required_level(old_schemas: dict[str, dict[str, Any]], new_schemas: dict[str, dict[str, Any]],
                   diff: dict[str, dict]) -> tuple[str, list[str]]:
    """The smallest release level the changes from ``old`` to ``new`` need, and why.

    ``*_schemas`` map table names to Table Schemas; ``diff`` is :func:`.diff.diff_packages`'s result.

    >>> s = {"t": {"fields": [{"name": "a", "type": "string"}]}}
    >>> required_level(s, s, {"t": {"added": [], "removed": [], "changed": {"x": ["a"]}}})
    ('patch', ['t: 1 rows changed'])
    >>> required_level(s, s, {"t": {"added": ["y"], "removed": [], "changed": {}}})
    ('minor', ['t: 1 rows added'])
    >>> required_level(s, {}, {"t": {"added": [], "removed": [], "changed": {}}})
    ('major', ['t: table removed'])
    """
    reasons = {level: [] for level in LEVELS}
    for table, schema in old_schemas.items():
        if table not in new_schemas:
            reasons["major"].append(f"{table}: table removed")
            continue
        reasons["major"] += [f"{table}: {c}" for c in breaking_changes(schema, new_schemas[table])]
        new_names = {f["name"] for f in new_schemas[table]["fields"]} - {f["name"] for f in schema["fields"]}
        reasons["minor"] += [f"{table}: field {n} added" for n in sorted(new_names)]
        if not breaking_changes(schema, new_schemas[table]):
            reasons["minor"] += [f"{table}: {c}" for c in _constraints_loosened(schema, new_schemas[table])]
    reasons["minor"] += [f"{t}: table added" for t in new_schemas if t not in old_schemas]
    for table, r in diff.items():
        if r["added"]:
            reasons["minor"].append(f"{table}: {len(r['added'])} rows added")
        if r["removed"]:
            reasons["patch"].append(f"{table}: {len(r['removed'])} rows removed (retired)")
        if r["changed"]:
            reasons["patch"].append(f"{table}: {len(r['changed'])} rows changed")
    level = next((lv for lv in reversed(LEVELS) if reasons[lv]), "patch")
    return level, reasons[level]


def next_numbers(last: tuple[int, int, int]) -> dict[str, tuple[int, int, int]]:
    """The next patch, minor and major numbers after ``last``.

    >>> next_numbers((0, 1, 0))
    {'patch': (0, 1, 1), 'minor': (0, 2, 0), 'major': (1, 0, 0)}
    """
    major_, minor, patch = last
    return {"patch": (major_, minor, patch + 1), "minor": (major_, minor + 1, 0), "major": (major_ + 1, 0, 0)}


def allowed_numbers(last: tuple[int, int, int], level: str) -> list[tuple[int, int, int]]:
    """Numbers a release after ``last`` may take when its changes need ``level``: that step or a larger one.

    >>> allowed_numbers((0, 1, 0), "minor")
    [(0, 2, 0), (1, 0, 0)]
    """
    steps = next_numbers(last)
    return [steps[lv] for lv in LEVELS[LEVELS.index(level):]]
