"""Element ids and relative links shared by the pages, so table pages and source pages agree.

>>> evidence_id("pairings", "CN-GD~US-MA")
'ev-pairings-CN-GD~US-MA'
>>> source_href("src-995ae8d5aca7", evidence_id("pairings", "CN-GD~US-MA"), "../")
'../sources/src-995ae8d5aca7.html#ev-pairings-CN-GD~US-MA'
>>> page_name("a b/c")
'a_b_c'
"""
from __future__ import annotations

import re
from urllib.parse import quote


def page_name(value: str) -> str:
    """A file-name-safe form of an id (ids following the schemas' patterns are unchanged)."""
    return re.sub(r"[^A-Za-z0-9._~-]", "_", value)


def evidence_id(table: str, key: str) -> str:
    """Id of the highlight of a row's evidence on its source page."""
    return f"ev-{table}-{key}"


def quote_anchor(quote_id: str) -> str:
    """Id of the highlight of a quotation on its source page."""
    return f"quote-{quote_id}"


def row_anchor(key: str) -> str:
    """Id of a row on its table page."""
    return f"row-{key}"


def fragment(element_id: str) -> str:
    """``#`` and the id, percent-encoded where a URL needs it."""
    return "#" + quote(element_id, safe="~-_.!*'()|")


def source_href(source_id: str, element_id: str = "", root: str = "") -> str:
    """Link to a source page (and to a highlight on it), relative to a page at ``root``."""
    return f"{root}sources/{page_name(source_id)}.html" + (fragment(element_id) if element_id else "")


def table_href(table: str, key: str = "", root: str = "") -> str:
    """Link to a table page (and to a row on it), relative to a page at ``root``."""
    return f"{root}tables/{page_name(table)}.html" + (fragment(row_anchor(key)) if key else "")
