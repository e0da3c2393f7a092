"""Archive a new source text and write its ``sources`` row (``sisterties sources add``).

The file is copied byte-for-byte to ``sources/src-<12 hex>.txt``; its id is derived from its
SHA-256, so the same text can never be added twice.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

from ..metadata.dates import precision
from ..metadata.descriptor import Package
from ..metadata.hashing import sha256_of


class DuplicateSource(ValueError):
    pass


def add_source(root: Path, file: Path, *, url: str, title: str, publisher: str, published: str = "",
               kind: str = "news_article", language: str = "en", author: str = "") -> str:
    """Archive ``file`` into ``root`` and append its row; return the new source_id."""
    pkg = Package(root)
    sha = sha256_of(file)
    sid = f"src-{sha[:12]}"
    path = pkg.path("sources")
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        if row["sha256"] == sha or row["source_id"] == sid:
            raise DuplicateSource(f"this text is already archived as {row['source_id']} ({row['archive_path']})")
    rel = f"sources/{sid}.txt"
    shutil.copyfile(file, root / rel)
    row = {f: "" for f in pkg.table("sources").field_names} | dict(
        source_id=sid, kind=kind, title=title, publisher=publisher, author=author, published=published,
        published_precision=precision(published) if published else "", published_basis="stated" if published else "",
        url=url, language=language, archived="true", archive_path=rel, sha256=sha,
        archived_on=dt.date.today().isoformat(), obtained_from=f"sisterties sources add {file.name}")
    buf = io.StringIO()
    csv.DictWriter(buf, fieldnames=pkg.table("sources").field_names, lineterminator="\n").writerow(row)
    path.write_text(text + buf.getvalue(), encoding="utf-8")
    return sid
