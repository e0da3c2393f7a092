"""One page per source (``sources/<source_id>.html``).

An archived source shows its text, HTML-escaped, with each row's evidence and each quotation
marked at its offsets; a source known by its metadata only gets a short page saying that its
excerpts cannot be verified, listing them under the same ids so every link from a table lands.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from ...metadata.descriptor import Package
from ...metadata.hashing import sha256_of
from .excerpts import Excerpt
from .highlight import Span, mark, usable
from .ids import table_href

META = ("source_id", "kind", "publisher", "original_publisher", "author", "published", "published_precision", "published_basis",
        "published_note", "url", "language", "archived", "archive_path", "sha256", "archived_on", "obtained_from", "note")


def normalised(text: str) -> str:
    """Whitespace-normalised text, as the validator compares excerpts."""
    return " ".join(text.split())


def archived_file(pkg: Package, source: dict[str, str]) -> Path | None:
    """The archived file of an archived source, when it exists inside ``sources/``."""
    rel = source.get("archive_path") or ""
    if source.get("archived") != "true" or not rel:
        return None
    path = (pkg.root / rel).resolve()
    inside = (pkg.root / "sources").resolve()
    return path if path.is_file() and inside in path.parents else None


def _metadata(source: dict[str, str]) -> str:
    items = []
    for name in META:
        value = source.get(name) or ""
        if not value:
            continue
        shown = f'<a href="{escape(value)}" rel="noopener noreferrer">{escape(value)}</a>' if name == "url" and value.startswith(("http://", "https://")) \
            else escape(value)
        items.append(f"<dt>{escape(name)}</dt><dd>{shown}</dd>")
    return '<dl class="meta">' + "".join(items) + "</dl>"


def _status(ex: Excerpt, text: str | None) -> str:
    if text is None:
        return "not verifiable (source not archived)"
    if ex.start is None or ex.end is None or not usable(Span(ex.start, ex.end, "", ""), len(text)):
        return "offsets missing or outside the text: not marked"
    return "matches the text at its offsets" if normalised(text[ex.start:ex.end]) == normalised(ex.text) else "differs from the text at its offsets"


def _excerpt_table(excerpts: list[Excerpt], text: str | None) -> str:
    if not excerpts:
        return "<p>No row of the package cites this source.</p>"
    out = ['<table class="excerpts"><thead><tr><th>row</th><th>what</th><th>excerpt</th><th>offsets</th><th>check</th></tr></thead><tbody>']
    for ex in excerpts:
        offsets = f"{ex.start}–{ex.end}" if ex.start is not None and ex.end is not None else ""
        what = "quotation" if ex.kind == "quote" else "evidence"
        out.append(f'<tr><td><a href="{escape(table_href(ex.table, ex.key, "../"))}">{escape(ex.table)} {escape(ex.key)}</a></td>'
                   f'<td><a href="#{escape(ex.element_id)}">{what}</a></td><td class="excerpt">{escape(ex.text)}</td>'
                   f"<td>{offsets}</td><td>{escape(_status(ex, text))}</td></tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _spans(excerpts: list[Excerpt]) -> list[Span]:
    return [Span(ex.start, ex.end, ex.element_id, table_href(ex.table, ex.key, "../"), ex.kind,
                 f"{ex.table} {ex.key}: {'quotation' if ex.kind == 'quote' else 'evidence'}")
            for ex in excerpts if ex.start is not None and ex.end is not None]


def archived_body(source: dict[str, str], path: Path, excerpts: list[Excerpt]) -> str:
    """Page body of an archived source: metadata, the excerpts and the marked text."""
    raw = path.read_bytes()
    try:
        text: str | None = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    sha = sha256_of(path)
    check = "matches the archived file" if sha == source.get("sha256") else f"differs from the archived file ({sha})"
    parts = [f'<h1>{escape(source.get("title", source["source_id"]))}</h1>', _metadata(source),
             f'<p class="status ok">Archived in this package as <code>{escape(source.get("archive_path", ""))}</code>; '
             f"the recorded SHA-256 {escape(check)}. Excerpts are marked below at their offsets (Unicode code points of the "
             "UTF-8-decoded file); a mark's ↩ leads back to its row.</p>",
             '<h2>Rows citing this source</h2>', _excerpt_table(excerpts, text), '<h2 id="text">Archived text</h2>']
    if text is None:
        parts.append('<p class="status warn">The archived file is not valid UTF-8, so its text cannot be shown here.</p>')
    else:
        parts.append(f'<pre class="archived">{mark(text, _spans(excerpts))}</pre>')
    return "\n".join(parts)


def unarchived_body(source: dict[str, str], excerpts: list[Excerpt], reason: str) -> str:
    """Page body of a source whose text is not in the package: metadata and its excerpts, unverified."""
    quoted = "".join(
        f'<blockquote id="{escape(ex.element_id)}" class="unverified" data-hl="{escape(ex.element_id)}">{escape(ex.text)}'
        f'<footer><a href="{escape(table_href(ex.table, ex.key, "../"))}">{escape(ex.table)} {escape(ex.key)}</a> '
        f'({"quotation" if ex.kind == "quote" else "evidence"})</footer></blockquote>' for ex in excerpts)
    return "\n".join([
        f'<h1>{escape(source.get("title", source["source_id"]))}</h1>', _metadata(source),
        f'<p class="status warn">{escape(reason)} Its excerpts below are as the rows give them and <strong>cannot be verified</strong> '
        "against the source text.</p>", '<h2>Rows citing this source</h2>',
        _excerpt_table(excerpts, None), quoted or ""])


def source_body(pkg: Package, source: dict[str, str], excerpts: list[Excerpt]) -> str:
    """The body of a source's page."""
    path = archived_file(pkg, source)
    if path is not None:
        return archived_body(source, path, excerpts)
    reason = "The text of this source is not archived in the package." if source.get("archived") != "true" \
        else "This source is marked archived, but its file is missing from sources/."
    return unarchived_body(source, excerpts, reason)
