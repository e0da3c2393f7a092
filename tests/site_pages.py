"""Helpers for the site tests: read ids, links and element text out of generated pages."""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def normalised(text: str) -> str:
    return " ".join(text.split())


class _Texts(HTMLParser):
    """Text inside every element carrying ``attr``, by that attribute's value (pieces joined)."""

    def __init__(self, attr: str):
        super().__init__(convert_charrefs=True)
        self.attr, self.stack, self.texts = attr, [], {}

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        value = dict(attrs).get(self.attr)
        self.stack.append(value)
        if value is not None:
            self.texts.setdefault(value, "")

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for value in set(v for v in self.stack if v is not None):
            self.texts[value] += data


def texts_by(html: str, attr: str = "id") -> dict[str, str]:
    parser = _Texts(attr)
    parser.feed(html)
    return parser.texts


def ids(html: str) -> set[str]:
    return {unescape(i) for i in re.findall(r'\sid="([^"]*)"', html)}


def links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'\shref="([^"]*)"', html)]


def resolve(page: Path, href: str) -> tuple[Path, str]:
    """The file and the (decoded) fragment a relative link points to."""
    path, _, frag = href.partition("#")
    return (page.parent / path).resolve() if path else page.resolve(), unquote(frag)
