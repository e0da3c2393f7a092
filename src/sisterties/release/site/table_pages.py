"""One page per table (``tables/<name>.html``): every row, searchable and sortable in the browser.

Cells that name another row link to it: foreign keys to the referenced row, ``source_id`` to the
highlight of this row's evidence on the source page, a citation's ``row_id`` to the cited row,
and a quotation's text to its mark in its source.
"""
from __future__ import annotations

from html import escape

from ...metadata.descriptor import Package
from .excerpts import has_evidence, has_quotes
from .ids import evidence_id, quote_anchor, row_anchor, source_href, table_href
from .rows import row_key


def _link(href: str, text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a{attr} href="{escape(href)}">{escape(text)}</a>'


def _cell(pkg: Package, table: str, field: str, row: dict[str, str], key: str, fks: dict[str, str], evidence: bool, quotes: bool) -> str:
    value = row.get(field) or ""
    if not value:
        return ""
    if field == "source_id":
        if table == "sources":
            return _link(source_href(value, "", "../"), value, "source-link")
        return _link(source_href(value, evidence_id(table, key) if evidence else "", "../"), value, "source-link")
    if field == "text" and quotes and row.get("source_id"):
        return _link(source_href(row["source_id"], quote_anchor(key), "../"), value, "quote-link")
    if field == "row_id" and row.get("table_name") in pkg.tables:
        return _link(table_href(row["table_name"], value, "../"), value)
    if field in fks:
        return _link(table_href(fks[field], value, "../"), value)
    if field == "url" and value.startswith(("http://", "https://")):
        return f'<a href="{escape(value)}" rel="noopener noreferrer">{escape(value)}</a>'
    return escape(value)


def table_body(pkg: Package, table: str, rows: list[dict[str, str]]) -> str:
    """The body of a table's page: description, search box, and the table of all rows."""
    t = pkg.table(table)
    fks = {field: ref for field, ref, _ in t.foreign_keys if field != "source_id" and ref in pkg.tables}
    head = "".join(f'<th scope="col" title="{escape(f.description)}"><button type="button" class="sort">{escape(f.name)}</button></th>'
                   for f in t.fields)
    evidence, quotes = has_evidence(pkg, table), has_quotes(pkg, table)
    body = []
    for row in rows:
        key = row_key(pkg, table, row)
        cells = "".join(f"<td>{_cell(pkg, table, f.name, row, key, fks, evidence, quotes)}</td>" for f in t.fields)
        body.append(f'<tr id="{escape(row_anchor(key))}">{cells}</tr>')
    return "\n".join([
        f"<h1>Table <code>{escape(table)}</code></h1>",
        f"<p>{escape(t.schema.get('description', t.description))}</p>",
        f"<p>{len(rows)} rows; primary key <code>{escape(', '.join(t.primary_key))}</code>. Fields are described in the "
        f'<a href="../codebook.html#{escape(table)}">codebook</a>; hover a column name for its description. '
        f'Download: <a href="{escape(table)}.csv">{escape(table)}.csv</a>. Search filters the rows (every word must appear); '
        "click a column name to sort by it, again to reverse.</p>",
        '<div class="table-tools"><label>Search <input type="search" class="filter" aria-controls="data-table" '
        'placeholder="type to filter rows" autocomplete="off"></label> '
        f'<span class="filter-status" aria-live="polite">{len(rows)} of {len(rows)} rows</span></div>',
        '<div class="table-scroll"><table id="data-table" class="data sortable">',
        f"<thead><tr>{head}</tr></thead>", "<tbody>", *body, "</tbody></table></div>"])
