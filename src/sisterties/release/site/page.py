"""Wrap a page body in the site's template (``templates/page.html``) and write it.

Links are relative to the page's folder, so the site works from ``file://`` and any static host.

>>> root_of("tables/pairings.html"), root_of("index.html")
('../', '')
"""
from __future__ import annotations

from html import escape
from importlib import resources
from pathlib import Path
from string import Template


def root_of(rel: str) -> str:
    """Relative path from a page to the site's root."""
    return "../" * rel.count("/")


def template() -> Template:
    return Template((resources.files(__package__) / "templates" / "page.html").read_text(encoding="utf-8"))


def write_page(out: Path, rel: str, title: str, body: str, version: str, data_docs: bool) -> Path:
    """Write ``out/rel``: the body inside the site's header, navigation and footer."""
    root = root_of(rel)
    html = template().substitute(title=escape(title), body=body, version=escape(version), root=root,
                                 data_docs=f"{root}data-docs/index.html" if data_docs else f"{root}index.html#documentation")
    target = out / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return target


def copy_assets(out: Path) -> None:
    """Write the stylesheet and the script into ``out/assets``."""
    (out / "assets").mkdir(parents=True, exist_ok=True)
    for item in (resources.files(__package__) / "assets").iterdir():
        if item.name.endswith((".css", ".js")):
            (out / "assets" / item.name).write_bytes(item.read_bytes())
