"""Finding a place's or a person's name in an excerpt.

Text and names are compared *folded*: Unicode NFKC, accents removed, case folded, curly
apostrophes straightened, runs of white space made one space. A name in Latin letters matches
only as a whole word (``Columbia`` is not found in ``Colombian``); a name in Chinese,
Japanese or Korean characters matches anywhere, and a Chinese name that ends in a level word
(省, 市, 自治区, 县, 区, 州, 郡, …) also matches without it when two or more characters remain
(``广东省`` is found in ``广东与马萨诸塞州``).

>>> fold("Xi’an  Shì")
"xi'an shi"
>>> variants("广东省")
('广东省', '广东')
>>> names_in("Muscatine and Zhengding became sister cities", variants("Zhengding"))
True
>>> names_in("the Colombian delegation", variants("Columbia"))
False
>>> names_in("该州与我国广西自治区还是友好省州", variants("广西"))
True
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
LEVEL_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "省", "市", "县", "區", "縣", "区", "州", "郡", "镇", "鎮")
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def fold(text: str) -> str:
    """The form in which names are compared (see the module docstring)."""
    if text.isascii():
        return " ".join((text.replace("`", "'") if "`" in text else text).lower().split())
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFC", bare).translate(APOSTROPHES).casefold().split())


def variants(name: str) -> tuple[str, ...]:
    """The folded name, and for a Chinese name ending in a level word, the name without it."""
    folded = fold(name)
    out = [folded]
    if not folded.isascii() and CJK.search(folded):
        for suffix in LEVEL_SUFFIXES:
            if folded.endswith(suffix) and len(folded) - len(suffix) >= 2:
                out.append(folded[: -len(suffix)])
                break
    return tuple(dict.fromkeys(out))


def split_aliases(cell) -> list[str]:
    """The names of an ``aliases`` cell (separated by ``|``)."""
    return [a.strip() for a in cell.split("|") if a.strip()] if isinstance(cell, str) else []


def contains_name(folded_text: str, folded_name: str) -> bool:
    """True when ``folded_name`` occurs in ``folded_text`` (whole word for Latin-script names)."""
    if not folded_name:
        return False
    if not folded_name.isascii() and CJK.search(folded_name):
        return folded_name in folded_text
    at = folded_text.find(folded_name)
    while at >= 0:
        before = folded_text[at - 1] if at else " "
        end = at + len(folded_name)
        after = folded_text[end] if end < len(folded_text) else " "
        if not (_word(before) or _word(after)):
            return True
        at = folded_text.find(folded_name, at + 1)
    return False


def _word(ch: str) -> bool:
    return ch.isalnum() and not CJK.match(ch)


def names_in(text: str, folded_names: Iterable[str], folded: bool = False) -> bool:
    """True when any of ``folded_names`` occurs in ``text`` (folded here unless ``folded``)."""
    haystack = text if folded else fold(text)
    return any(contains_name(haystack, n) for n in folded_names)
