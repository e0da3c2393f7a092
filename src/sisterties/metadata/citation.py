"""Citations of a package version, all generated from ``datapackage.json``.

``CITATION.cff`` in the repository is the ``cff`` rendering of the current descriptor (a test
keeps them equal), so the version is written in one place only.

>>> d = {"title": "T", "version": "1.2.3", "created": "2026-01-02T00:00:00Z",
...      "contributors": [{"title": "Ann Lee", "roles": ["creator"]}],
...      "licenses": [{"name": "CC-BY-4.0"}], "homepage": "https://example.org/t", "name": "t"}
>>> "version = {1.2.3}" in cite(d, "bibtex")
True
>>> cite(d, "apa")
'Ann Lee. (2026). T (Version 1.2.3) [Data set]. https://example.org/t'
"""
from __future__ import annotations

from typing import Any

STYLES = ("bibtex", "apa", "cff")


def _authors(d: dict[str, Any]) -> list[str]:
    return [c["title"] for c in d.get("contributors", []) if "creator" in c.get("roles", [c.get("role")])]


def _date(d: dict[str, Any]) -> str:
    return str(d.get("created", ""))[:10]


def cite(descriptor: dict[str, Any], style: str = "apa") -> str:
    """Citation text for the package described by ``descriptor`` in ``style`` (bibtex, apa or cff)."""
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; choose from {', '.join(STYLES)}")
    return {"bibtex": _bibtex, "apa": _apa, "cff": _cff}[style](descriptor)


def _apa(d: dict[str, Any]) -> str:
    authors = ", ".join(_authors(d))
    return f"{authors}. ({_date(d)[:4]}). {d['title']} (Version {d['version']}) [Data set]. {d.get('homepage', '')}".rstrip()


def _bibtex(d: dict[str, Any]) -> str:
    key = f"{d['name']}_{d['version'].replace('.', '_')}"
    return "\n".join([
        f"@misc{{{key},",
        f"  author = {{{' and '.join('{' + a + '}' for a in _authors(d))}}},",
        f"  title = {{{d['title']}}},",
        f"  year = {{{_date(d)[:4]}}},",
        f"  version = {{{d['version']}}},",
        f"  howpublished = {{\\url{{{d.get('homepage', '')}}}}},",
        "  note = {Data set}",
        "}",
    ])


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _cff(d: dict[str, Any]) -> str:
    license_ = d.get("licenses", [{}])[0].get("name", "")
    lines = [
        "# Generated from datapackage.json by `sisterties cite --format cff`; do not edit by hand.",
        "cff-version: 1.2.0",
        "message: If you use this dataset, please cite the version you used as below.",
        "type: dataset",
        f"title: {_q(d['title'])}",
        f"version: {_q(d['version'])}",
        f"date-released: {_q(_date(d))}",
        f"license: {license_}",
        f"repository-code: {_q(d.get('homepage', ''))}",
        "authors:",
        *[f"  - name: {_q(a)}" for a in _authors(d)],
        "keywords:",
        *[f"  - {_q(k)}" for k in d.get("keywords", [])],
        "preferred-citation:",
        "  type: data",
        f"  title: {_q(d['title'])}",
        f"  version: {_q(d['version'])}",
        f"  year: {_date(d)[:4]}",
        f"  url: {_q(d.get('homepage', ''))}",
        "  authors:",
        *[f"    - name: {_q(a)}" for a in _authors(d)],
    ]
    return "\n".join(lines) + "\n"
