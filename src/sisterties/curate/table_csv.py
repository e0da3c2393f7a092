"""Read and rewrite a table's CSV file as every table of the package is written: UTF-8, one
header row, LF line ends, minimal quoting. Rows a command does not change keep their bytes.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> write_table(p, ["id", "note"], [{"id": "007", "note": "a, b"}])
>>> p.read_text(encoding="utf-8")
'id,note\\n007,"a, b"\\n'
>>> read_table(p)
(['id', 'note'], [{'id': '007', 'note': 'a, b'}])
"""
from __future__ import annotations

import csv
import io
from pathlib import Path


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows (every cell a string; an empty cell is '') of a CSV file."""
    text = path.read_text(encoding="utf-8")
    return next(csv.reader(io.StringIO(text))), list(csv.DictReader(io.StringIO(text)))


def write_table(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write ``rows`` under ``header`` to ``path``."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
