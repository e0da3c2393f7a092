"""The codebook (``docs/codebook.md``), generated from the Table Schemas and checked in sync.

>>> from sisterties.metadata.descriptor import Package
>>> "## pairings" in codebook(Package.bundled())
True
"""
from __future__ import annotations

import csv
import io

from ..metadata.descriptor import Package

HEADER = "<!-- Generated from the Table Schemas by `sisterties codebook`; do not edit by hand. -->\n"


def _example(pkg: Package, table: str) -> dict[str, str]:
    path = pkg.path(table)
    if not path.is_file():
        return {}
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    out: dict[str, str] = {}
    for row in rows:
        for k, v in row.items():
            if v and k not in out:
                out[k] = v if len(v) <= 60 else v[:57] + "..."
    return out


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def codebook(pkg: Package) -> str:
    """Markdown: every table and field with type, constraints, description and an example value."""
    d = pkg.descriptor
    lines = [HEADER, f"# Codebook — {d['title']}", "", f"Version {d['version']}. {d.get('description', '')}", "",
             "Missing values: only an empty cell is missing (`missingValues: [\"\"]`); `NA` is a value. "
             "Partial dates are written `YYYY`, `YYYY-MM` or `YYYY-MM-DD` at the precision the evidence gives.", ""]
    for name, table in pkg.tables.items():
        example = _example(pkg, name)
        lines += [f"## {name}", "", table.schema.get("description", table.description), "",
                  f"Primary key: `{', '.join(table.primary_key)}`."]
        for field, ref_table, ref_field in table.foreign_keys:
            lines.append(f"Foreign key: `{field}` → `{ref_table}.{ref_field}`.")
        lines += ["", "| field | type | required | constraints | description | example |", "|---|---|---|---|---|---|"]
        for f in table.fields:
            cons = "; ".join(f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in f.constraints.items()
                             if k != "required")
            ftype = "partial date" if f.partial_date else f.type
            lines.append(f"| `{f.name}` | {ftype} | {'yes' if f.required else ''} | {_cell(cons)} | "
                         f"{_cell(f.description)} | {_cell(example.get(f.name, ''))} |")
        lines.append("")
    return "\n".join(lines)
