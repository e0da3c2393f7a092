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
BOILERPLATE = (
    "all rights reserved", "copyright", "©", "版权所有", "back to top", "back to the top", "返回顶部",
    "skip to content", "skip to main content", "privacy policy", "terms of use", "terms of service", "cookies",
    "subscribe", "newsletter", "sign in", "log in", "you are here", "share this", "click here", "read more",
    "registration number", "上一篇", "下一篇", "当前位置", "您的位置", "打印本页", "关闭窗口", "分享到", "浏览次数", "icp备",
)
BREADCRUMB = re.compile(r"^\s*(home|home ?page|main page|首页|主页|网站首页)\s*[|>»›/＞:-]")
MARKERS = re.compile("|".join(
    re.escape(b) if CJK.search(b) or not b[0].isalnum() else rf"(?<![^\W_]){re.escape(b)}(?![^\W_])"
    for b in BOILERPLATE))


def words(text: str) -> int:
    """Latin-script words plus Chinese, Japanese and Korean characters."""
    cjk = len(CJK.findall(text))
    return cjk + len(LATIN_WORD.findall(CJK.sub(" ", text)))


def is_boilerplate(text: str) -> bool:
    folded = " ".join(text.casefold().split())
    return bool(BREADCRUMB.match(folded) or MARKERS.search(folded))


def _register(table: str, column: str) -> None:
    if column == "evidence":
        @rule(table, column, "excerpt_min_words",
              f"The excerpt has fewer than {MIN_WORDS} words (a Chinese character counts as one): too short to "
              "support anything. Quote the words of the source that state the fact.")
        def excerpt_min_words(ctx, df):
            cells = df[column]
            return cells.isna() | cells.map(lambda t: words(t) >= MIN_WORDS if isinstance(t, str) else True).astype(bool)

    @rule(table, column, "excerpt_not_boilerplate",
          "The text is a navigation or legal line of the web page (a 'Home | …' breadcrumb, a copyright notice, "
          "'back to top', '上一篇', …), not what the source says. Quote the article's own words.")
    def excerpt_not_boilerplate(ctx, df):
        return df[column].map(lambda t: not is_boilerplate(t) if isinstance(t, str) else True).astype(bool)


for _t in EVIDENCE_TABLES:
    _register(_t, "evidence")
_register("quotes", "text")
