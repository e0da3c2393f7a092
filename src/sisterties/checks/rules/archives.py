"""Archived files are UTF-8 text, and an excerpt whose archived text cannot be read fails loudly.

The context decodes each archived file once and checks it is text (strict UTF-8, no NUL or other
control characters but tab, line feed, form feed and carriage return) before any rule reads it;
a file that is not text is never read as a text. Every row whose source is archived but unreadable
(missing, outside ``sources/`` or not text) fails here, instead of its offset checks being skipped.
"""
from __future__ import annotations

from ..vector import isin
from .provenance import EVIDENCE_TABLES
from .registry import rule


@rule("sources", "archive_path", "source_archive_is_text",
      "The archived file is not UTF-8 text (it cannot be decoded as UTF-8, or it holds NUL or other control "
      "characters): no excerpt can be checked against it. Archive the page's text, saved as UTF-8.")
def source_archive_is_text(ctx, df):
    return ~df["source_id"].isin(set(ctx.archive_text_problems)).astype(bool)


def _register(table: str) -> None:
    @rule(table, "source_id", "source_text_readable",
          "The row's source is archived but its text cannot be read (the file is missing, lies outside sources/, or "
          "is not UTF-8 text), so this excerpt and its offsets are not checked. Fix the archived file (see its row "
          "in sources.csv).")
    def source_text_readable(ctx, df):
        return ~isin(df["source_id"], ctx.unreadable_sources)


for _t in EVIDENCE_TABLES:
    _register(_t)
