"""Excerpts that can support something: long enough, and not the chrome of a web page.

Length: every ``evidence`` field has a ``minLength`` in its Table Schema (checked by frictionless
and by the schema-derived pandera column); this rule adds that an excerpt holds at least
:data:`MIN_WORDS` words, where a Chinese, Japanese or Korean character counts as a word
("she said", "est. 1994" and "Heze, China" pass; "Boston" does not).

Boilerplate: an excerpt (or a quotation) must not be a navigation or legal line of the page —
a breadcrumb that starts with "Home" or "首页" followed by a separator, or text holding one of
:data:`BOILERPLATE` (copyright lines, "back to top", "skip to content", "上一篇", "分享到", …).

>>> words("Heze, China"), words("江苏如皋"), words("Boston")
(2, 4, 1)
>>> is_boilerplate("Home | China-US"), is_boilerplate("Copyright 1995 - . All rights reserved.")
(True, True)
>>> is_boilerplate("Guangdong Vice-Governor Ouyang Weimin represented the province at the gathering.")
False
"""
from __future__ import annotations

import re

import pandas as pd

from ..naming import CJK
from .provenance import EVIDENCE_TABLES
from .registry import rule

MIN_WORDS = 2
LATIN_WORD = re.compile(r"[^\W_]+")
# An RE2 pattern (pyarrow's regular expressions): two runs of ASCII letters or digits, apart.
TWO_WORDS_RE2 = r"[[:alnum:]][^[:alnum:]]+[[:alnum:]]"
BOILERPLATE = (
    "all rights reserved", "copyright", "©", "版权所有", "back to top", "back to the top", "返回顶部",
    "skip to content", "skip to main content", "privacy policy", "terms of use", "terms of service", "cookies",
    "subscribe", "newsletter", "sign in", "log in", "you are here", "share this", "click here", "read more",
    "registration number", "上一篇", "下一篇", "当前位置", "您的位置", "打印本页", "关闭窗口", "分享到", "浏览次数", "icp备",
)
BREADCRUMB_WORDS = ("home", "homepage", "home page", "main page", "首页", "主页", "网站首页")


def _phrase(text: str) -> str:
    """A marker as a pattern: any white space between its words; whole words for Latin-script markers."""
    body = r"\s+".join(re.escape(w) for w in text.split())
    return rf"\b{body}\b" if text[0].isascii() and text[0].isalnum() else body


# One pattern, valid both for Python's re and for RE2; it is matched against lower-cased text.
BOILERPLATE_PATTERN = (
    r"^\s*(?:" + "|".join(r"\s*".join(re.escape(w) for w in b.split()) for b in BREADCRUMB_WORDS) + r")\s*[|>»›/＞:-]"
    + "|" + "|".join(_phrase(b) for b in BOILERPLATE))
BOILERPLATE_RE = re.compile(BOILERPLATE_PATTERN)


def words(text: str) -> int:
    """Latin-script words plus Chinese, Japanese and Korean characters."""
    cjk = len(CJK.findall(text))
    return cjk + len(LATIN_WORD.findall(CJK.sub(" ", text)))


def is_boilerplate(text: str) -> bool:
    return BOILERPLATE_RE.search(text.lower()) is not None


def _arrow(cells: pd.Series):
    """The cells as an Arrow string array (no copy for Arrow-backed strings), missing cells as nulls."""
    import pyarrow as pa

    if hasattr(cells.array, "__arrow_array__"):
        return pa.array(cells.array)
    return pa.array(cells.astype(object).where(cells.notna(), None).tolist(), type=pa.string())


def words_vector(cells: pd.Series) -> pd.Series:
    """Per cell: MIN_WORDS when two runs of ASCII letters or digits stand apart (found by pyarrow, vectorised),
    otherwise words() counted exactly; 0 for an empty cell."""
    import pyarrow.compute as pc

    two = pc.fill_null(pc.match_substring_regex(_arrow(cells), TWO_WORDS_RE2), False).to_numpy(zero_copy_only=False)
    out = pd.Series(MIN_WORDS, index=cells.index)
    rest = cells[~two]
    if len(rest):
        out.loc[rest.index] = [words(t) if isinstance(t, str) else 0 for t in rest.astype(object).tolist()]
    return out


def boilerplate_vector(cells: pd.Series) -> pd.Series:
    """is_boilerplate() of every cell (False for an empty cell)."""
    import pyarrow.compute as pc

    hit = pc.fill_null(pc.match_substring_regex(pc.utf8_lower(_arrow(cells)), BOILERPLATE_PATTERN), False)
    return pd.Series(hit.to_numpy(zero_copy_only=False), index=cells.index, dtype=bool)


def _register(table: str, column: str) -> None:
    if column == "evidence":
        @rule(table, column, "excerpt_min_words",
              f"The excerpt has fewer than {MIN_WORDS} words (a Chinese character counts as one): too short to "
              "support anything. Quote the words of the source that state the fact.")
        def excerpt_min_words(ctx, df):
            cells = df[column]
            return cells.isna() | words_vector(cells).ge(MIN_WORDS)

    @rule(table, column, "excerpt_not_boilerplate",
          "The text is a navigation or legal line of the web page (a 'Home | …' breadcrumb, a copyright notice, "
          "'back to top', '上一篇', …), not what the source says. Quote the article's own words.")
    def excerpt_not_boilerplate(ctx, df):
        return ~boilerplate_vector(df[column])


for _t in EVIDENCE_TABLES:
    _register(_t, "evidence")
_register("quotes", "text")
