"""The tables the importer writes, read and written so that rows it does not change keep their bytes.

Each table keeps its header line as it is; rows are written with Python's csv module (LF line
ends, minimal quoting), as every table of the package is.

>>> serialise(["a", "b"], [{"a": "1", "b": "x, y"}])
'1,"x, y"\\n'
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata

from ...metadata.descriptor import Package
from .facts import FORMULA

WRITTEN = ("sources", "jurisdictions", "pairings", "citations", "pairing_events", "retired_ids")


def serialise(header: list[str], rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for r in rows:
        writer.writerow([r.get(c, "") for c in header])
    return buf.getvalue()


class Tables:
    """The tables of ``WRITTEN`` that the package has: original text, header and rows (dicts)."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.text, self.header, self.rows = {}, {}, {}
        for name in WRITTEN:
            if name not in pkg.table_names:
                continue
            path = pkg.path(name)
            text = path.read_bytes().decode("utf-8") if path.is_file() else ",".join(pkg.table(name).field_names) + "\n"
            reader = csv.DictReader(io.StringIO(text, newline=""))
            self.header[name] = reader.fieldnames or pkg.table(name).field_names
            self.rows[name] = list(reader)
            self.text[name] = text

    def has(self, name: str) -> bool:
        return name in self.rows

    def original_count(self, name: str) -> int:
        return sum(1 for _ in csv.DictReader(io.StringIO(self.text[name], newline="")))

    def render(self, name: str) -> str:
        return self.text[name].split("\n", 1)[0] + "\n" + serialise(self.header[name], self.rows[name])

    def problems(self) -> list[str]:
        """Cells that would break the package's text rules (never expected: the importer cleans its input)."""
        out = []
        for name, rows in self.rows.items():
            for n, r in enumerate(rows, start=2):
                extra = set(r) - set(self.header[name]) - {None}
                if extra:
                    out.append(f"{self.pkg.path(name)}:{n}: internal error: cells for unknown columns {sorted(extra)}")
                for c in self.header[name]:
                    v = r.get(c, "") or ""
                    if v != v.strip() or not unicodedata.is_normalized("NFC", v) or (
                            v and v[0] in FORMULA and not re.fullmatch(r"[+-]?[0-9.]+", v)):
                        out.append(f"{self.pkg.path(name)} row {n} column {c}: internal error: the importer made a cell "
                                   f"with outer spaces, non-NFC text or a leading formula character: {v[:60]!r}")
        return out

    def write(self) -> list[str]:
        """Write the tables whose text changed; their names."""
        changed = []
        for name in self.rows:
            text = self.render(name)
            if text != self.text[name]:
                path = self.pkg.path(name)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text.encode("utf-8"))
                changed.append(name)
        return changed
