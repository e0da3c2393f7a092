"""Research facts: CSV files in which research helpers write one verbatim-evidenced fact per row.

The format is documented in ``docs/curation-facts.md``. A fact is named by its file's name
without ``.csv`` and its row as a spreadsheet counts rows (the header is row 1), e.g.
``k_status:79``; a cell with a line break inside does not shift the row, so messages give the
file's line as well.

>>> clean("  =SUM(1)\\n  and more ")
'SUM(1) and more'
>>> source_id_of_url("https://example.org/page")
'src-2476c9debd38'
>>> is_partial_date("2024-02"), is_partial_date("2024-13")
(True, False)
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .refusal import Refused

COLUMNS = ("pair_key", "cn_name", "cn_level", "cn_parent", "us_name", "us_level", "us_state", "fact", "value",
           "value_date", "source_url", "source_title", "source_publisher", "source_published", "source_kind",
           "excerpt", "note", "tie_kind")
OPTIONAL = ("law_id", "term_end")  # read by event facts when present
FORMULA = "=+-@"
DATE = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")
URL = re.compile(r"https?://\S+")
TIE_KINDS = ("sister", "friendship", "unclear", "")


def clean(text: str) -> str:
    """NFC, line breaks folded into one space, outer spaces and leading formula characters removed."""
    text = unicodedata.normalize("NFC", text or "")
    text = re.sub(r"[ \t]*(?:\r?\n[ \t]*)+", " ", text).strip()
    while text and text[0] in FORMULA:
        text = text[1:].strip()
    return text


def source_id_of_url(url: str) -> str:
    """The id of a source known by its URL only: ``src-`` + 12 hex of the URL's SHA-256."""
    return "src-" + hashlib.sha256(url.encode()).hexdigest()[:12]


def is_partial_date(value: str) -> bool:
    return bool(DATE.fullmatch(value or ""))


@dataclass(frozen=True)
class Fact:
    """One research fact. ``cells`` holds the row's stripped cells; ``excerpt`` is the cleaned excerpt."""

    id: str
    path: Path
    row: int
    line: int
    cells: dict[str, str]
    excerpt: str

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")

    @property
    def kind(self) -> str:
        return self.cells["fact"]

    @property
    def key(self) -> str:
        return self.cells["pair_key"]

    @property
    def value(self) -> str:
        return self.cells["value"]

    @property
    def date(self) -> str:
        return self.cells["value_date"]

    @property
    def url(self) -> str:
        return self.cells["source_url"]

    @property
    def note(self) -> str:
        return self.cells["note"]

    @property
    def sid(self) -> str:
        return source_id_of_url(self.url) if self.url else ""

    @property
    def where(self) -> str:
        """``file:line: fact id`` for messages."""
        return f"{self.path}:{self.line}: fact {self.id}"


def read_facts(paths: list[Path]) -> list[Fact]:
    """Every fact of the files, in file order; refuses unreadable files and misshapen rows."""
    problems, out, stems = [], [], {}
    for path in paths:
        if path.stem in stems:
            problems.append(f"{path}: a fact file of the same name was given before ({stems[path.stem]}); fact ids would clash")
            continue
        stems[path.stem] = path
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            problems.append(f"{path}: cannot read the fact file as UTF-8 ({err.__class__.__name__}: {err})")
            continue
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        missing = [c for c in COLUMNS if c not in header]
        unknown = [c for c in header if c not in COLUMNS and c not in OPTIONAL]
        if missing or unknown:
            problems.append(f"{path}:1: the header " + "; ".join(
                x for x in (f"lacks {', '.join(missing)}" if missing else "", f"has unknown columns {', '.join(unknown)}" if unknown else "") if x))
            continue
        line = 1
        for row, cells in enumerate(reader, start=2):
            start, line = line + 1, reader.line_num
            fid = f"{path.stem}:{row}"
            if None in cells or None in cells.values():
                problems.append(f"{path}:{start}: fact {fid}: the row has {'more' if None in cells else 'fewer'} cells than the header")
                continue
            cells = {k: v.strip() for k, v in cells.items()}
            out.append(Fact(fid, path, row, start, cells, clean(cells["excerpt"])))
    if problems:
        raise Refused(problems)
    return out


def fact_universe(paths: list[Path]) -> tuple[dict[str, str], dict[str, int]]:
    """The facts decisions may name: fact id -> pair key for every ``*.csv`` beside the given files (a
    pass's decisions cover all its steps), and the last row of each file (by its name without .csv)."""
    keys, rows = {}, {}
    for folder in sorted({p.parent for p in paths}):
        for path in sorted(folder.glob("*.csv")):
            try:
                records = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))
            except (OSError, UnicodeDecodeError, csv.Error):
                continue
            rows[path.stem] = len(records) + 1
            for row, cells in enumerate(records, start=2):
                keys[f"{path.stem}:{row}"] = (cells.get("pair_key") or "").strip()
    return keys, rows


def common_problems(f: Fact, source_kinds: list[str], levels: list[str]) -> list[str]:
    """What is wrong with a fact whatever its kind: no source URL, no evidence, bad metadata."""
    out = []
    if not f.key:
        out.append("no pair_key")
    if not f.url:
        out.append("no source_url")
    elif not URL.fullmatch(f.url):
        out.append(f"source_url {f.url!r} is not an http(s) URL")
    if not f.excerpt:
        out.append("no excerpt (the evidence)")
    if f["source_kind"] not in source_kinds:
        out.append(f"source_kind {f['source_kind']!r} is not one of {', '.join(source_kinds)}")
    if f["source_published"] and not is_partial_date(f["source_published"]):
        out.append(f"source_published {f['source_published']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if f["tie_kind"] not in TIE_KINDS:
        out.append(f"tie_kind {f['tie_kind']!r} is not sister, friendship or unclear")
    for side in ("cn", "us"):
        if f[f"{side}_level"] and f[f"{side}_level"] not in levels:
            out.append(f"{side}_level {f[side + '_level']!r} is not a jurisdiction level")
    return out
