"""The codebook page (``codebook.html``), rendered from ``docs/codebook.md``.

When the package folder has no ``docs/codebook.md`` (an unpacked wheel), the codebook is
generated from the Table Schemas as ``sisterties codebook`` would write it.
"""
from __future__ import annotations

from ...metadata.descriptor import Package
from ..codebook import codebook
from .markdown import render


def codebook_body(pkg: Package) -> str:
    """HTML of the codebook."""
    path = pkg.root / "docs" / "codebook.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else codebook(pkg)
    return '<div class="codebook">' + render(text) + "</div>"
