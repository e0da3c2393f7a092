"""Stage ``files``: the bytes and the header of every table, before anything parses them.

Catches what a CSV reader would silently repair: a byte-order mark, CRLF line ends, bytes that
are not UTF-8, a header that differs from the Table Schema (missing, extra or reordered columns),
and rows with too few or too many cells.
"""
from __future__ import annotations

import codecs
import csv

from ..metadata.descriptor import Package
from .report import Failure

LAYER = "files"


def check_files(pkg: Package) -> tuple[list[Failure], list[str]]:
    """Check every table file; return the failures and the names of the tables that can be parsed."""
    failures: list[Failure] = []
    readable: list[str] = []
    for name in pkg.tables:
        found, ok = _check_one(pkg, name)
        failures.extend(found)
        if ok:
            readable.append(name)
    return failures, readable


def _check_one(pkg: Package, name: str) -> tuple[list[Failure], bool]:
    table = pkg.table(name)
    path = pkg.root / table.path
    fail = lambda row, col, rule, msg, val=None: Failure(LAYER, table.path, row, col, rule, msg, val)  # noqa: E731
    if not path.is_file():
        return [fail(None, None, "file_missing", f"The table file is missing: {table.path} should exist.")], False
    raw = path.read_bytes()
    out = []
    if raw.startswith(b"\xef\xbb\xbf"):
        out.append(fail(1, None, "no_bom", "The file starts with a byte-order mark (BOM); save it as UTF-8 without BOM."))
    bad = _first_invalid_utf8(raw)
    if bad is not None:
        at, reason = bad
        row = raw[:at].count(b"\n") + 1
        return out + [fail(row, None, "utf8", f"The file is not valid UTF-8: byte {at} cannot be decoded ({reason}).")], False
    cr = raw.find(b"\r")
    if cr >= 0:
        out.append(fail(raw[:cr].count(b"\n") + 1, None, "lf_line_ends", "The file has CR or CRLF line ends; use LF only."))
    if not raw.strip():
        return out + [fail(1, None, "header", "The file is empty: it needs at least the header row.")], False
    del raw
    with path.open(encoding="utf-8-sig", newline="") as fh:
        out.extend(_check_shape(table.path, table.field_names, csv.reader(fh)))
    return out, True


def _first_invalid_utf8(raw: bytes, block: int = 1 << 24) -> tuple[int, str] | None:
    """(byte offset, reason) of the first invalid UTF-8 sequence, decoding block by block."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for first in range(0, len(raw), block):
        try:
            decoder.decode(raw[first:first + block], final=first + block >= len(raw))
        except UnicodeDecodeError as err:
            return first + err.start - len(decoder.getstate()[0]), err.reason
    return None


def _check_shape(path: str, expected: list[str], reader) -> list[Failure]:
    header = next(reader)
    out = []
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        if missing:
            out.append(Failure(LAYER, path, 1, ", ".join(missing), "header_missing_column",
                               "The header lacks column(s) that the Table Schema requires."))
        if extra:
            out.append(Failure(LAYER, path, 1, ", ".join(extra), "header_extra_column",
                               "The header has column(s) that the Table Schema does not define."))
        if not missing and not extra:
            out.append(Failure(LAYER, path, 1, None, "header_order",
                               "The columns are not in the order of the Table Schema: " + ", ".join(expected) + "."))
    width = len(header)
    for row_number, cells in enumerate(reader, start=2):
        if len(cells) != width:
            out.append(Failure(LAYER, path, row_number, None, "row_width",
                               f"The row has {len(cells)} cells but the header has {width}: a truncated or over-long row."))
    return out
