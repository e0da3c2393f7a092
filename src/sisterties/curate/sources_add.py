"""Archive a new source text and write its ``sources`` row (``sisterties sources add``).

The file is copied byte-for-byte to ``sources/src-<12 hex>.txt``; its id is derived from its
SHA-256, so the same text can never be added twice. Everything is checked before anything is
written, so a refusal leaves the package as it was:

- the file is a regular file (not a folder, a device such as ``/dev/zero``, or a pipe);
- it is at most :data:`MAX_BYTES` (5 MB): every validation reads every archived text whole;
- it is UTF-8 text: no byte-order mark, no NUL or other control character but tab, LF and CR;
- ``--published`` is a real date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``;
- ``--url``, ``--title`` and ``--publisher`` are not empty.

>>> check_published("May 2018")
Traceback (most recent call last):
...
sisterties.curate.sources_add.SourceRefused: --published 'May 2018' is not a date written YYYY, YYYY-MM or YYYY-MM-DD
>>> check_published("2018-05")
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import stat
import tempfile
from pathlib import Path

from ..metadata.dates import bounds, precision
from ..metadata.descriptor import Package

MAX_BYTES = 5_000_000
PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SourceRefused(ValueError):
    """The file or its metadata cannot be archived; nothing was written."""


class DuplicateSource(SourceRefused):
    pass


def check_published(published: str) -> None:
    if not published:
        return
    if not PARTIAL_DATE.fullmatch(published):
        raise SourceRefused(f"--published {published!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        bounds(published)
    except ValueError as err:
        raise SourceRefused(f"--published {published!r} is not a real date ({err})") from None


def read_text_file(file: Path) -> bytes:
    """The bytes of ``file`` after the checks above; raises :class:`SourceRefused`."""
    try:
        info = os.stat(file)
    except OSError as err:
        raise SourceRefused(f"{file}: {err.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, pipe or socket)"
        raise SourceRefused(f"{file} is {kind}: give the text file to archive")
    if info.st_size > MAX_BYTES:
        raise SourceRefused(f"{file} has {info.st_size:,} bytes, more than the limit of {MAX_BYTES:,}: archive an extract "
                            "holding the passages the rows cite")
    with open(file, "rb") as fh:
        raw = fh.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise SourceRefused(f"{file} grew past the limit of {MAX_BYTES:,} bytes while it was read")
    if not raw.strip():
        raise SourceRefused(f"{file} is empty")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise SourceRefused(f"{file} starts with a byte-order mark: save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SourceRefused(f"{file} is not UTF-8 text (byte {err.start} cannot be decoded): archive text, "
                            "converted to UTF-8, not a binary file") from None
    bad = CONTROL.search(text)
    if bad:
        raise SourceRefused(f"{file} holds the control character U+{ord(bad.group()):04X} at character {bad.start()}: "
                            "archive plain text, not a binary file")
    return raw


def add_source(root: Path, file: Path, *, url: str, title: str, publisher: str, published: str = "",
               kind: str = "news_article", language: str = "en", author: str = "") -> str:
    """Archive ``file`` into ``root`` and append its row; return the new source_id."""
    for name, value in (("--url", url), ("--title", title), ("--publisher", publisher)):
        if not value.strip():
            raise SourceRefused(f"{name} is empty")
    check_published(published)
    raw = read_text_file(file)
    pkg = Package(root)
    fields = pkg.table("sources").field_names
    sha = hashlib.sha256(raw).hexdigest()
    sid = f"src-{sha[:12]}"
    path = pkg.path("sources")
    text = path.read_text(encoding="utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        if row.get("sha256") == sha or row.get("source_id") == sid:
            raise DuplicateSource(f"this text is already archived as {row['source_id']} ({row['archive_path']})")
    rel = f"sources/{sid}.txt"
    target = Path(root) / rel
    if target.exists():
        raise SourceRefused(f"{rel} already exists but no sources row names it: remove it or add its row by hand")
    row = {f: "" for f in fields} | dict(
        source_id=sid, kind=kind, title=title, publisher=publisher, author=author, published=published,
        published_precision=precision(published) if published else "", published_basis="stated" if published else "",
        url=url, language=language, archived="true", archive_path=rel, sha256=sha,
        archived_on=dt.date.today().isoformat(), obtained_from=f"sisterties sources add {file.name}")
    buf = io.StringIO()
    csv.DictWriter(buf, fieldnames=fields, lineterminator="\n").writerow(row)
    sep = "" if text.endswith("\n") or not text else "\n"
    _write_new(target, raw)
    try:
        _replace(path, (text + sep + buf.getvalue()).encode("utf-8"))
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return sid


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` (it must not exist) with ``data``; nothing is left behind if writing fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "xb") as fh:
            fh.write(data)
    except FileExistsError:
        raise
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _replace(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` at once (temporary file and rename), keeping its permissions."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
