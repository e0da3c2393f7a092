"""Rows of a package's tables as plain strings (an empty cell is missing), for the site pages.

>>> from sisterties.metadata.descriptor import Package
>>> pkg = Package.bundled()
>>> "CN-GD~US-MA" in [row_key(pkg, "pairings", r) for r in read_rows(pkg, "pairings")]
True
"""
from __future__ import annotations

import csv
import io

from ...metadata.descriptor import Package


def read_rows(pkg: Package, table: str) -> list[dict[str, str]]:
    """All rows of ``table`` (an empty list when its file is missing)."""
    path = pkg.path(table)
    if not path.is_file():
        return []
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def row_key(pkg: Package, table: str, row: dict[str, str]) -> str:
    """The row's primary key value (several key fields are joined with ``|``)."""
    return "|".join(row.get(k) or "" for k in pkg.table(table).primary_key)


def all_rows(pkg: Package) -> dict[str, list[dict[str, str]]]:
    """Every table's rows, by table name."""
    return {name: read_rows(pkg, name) for name in pkg.table_names}
