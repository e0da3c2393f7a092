"""Text normalisation shared by every check that compares an excerpt with a source's text.

Two texts are compared after Unicode NFC normalisation and with every run of white space
(spaces, tabs, line breaks, no-break spaces) folded into one space, without outer space.

>>> normalise("Sister\\n  cities\\u00a0of  the world ")
'Sister cities of the world'
>>> normalise("cafe\\u0301") == normalise("caf\\u00e9")
True
>>> contains("The two cities\\nsigned in 1987.", "cities signed")
True
"""
from __future__ import annotations

import unicodedata


def normalise(text: str) -> str:
    """``text`` in NFC with white space folded (see the module doc)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def contains(haystack: str, needle: str) -> bool:
    """True when ``needle`` occurs in ``haystack``, both normalised; an empty needle never does."""
    small = normalise(needle)
    return bool(small) and small in normalise(haystack)
