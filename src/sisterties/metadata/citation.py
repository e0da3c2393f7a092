"""Citations of a package version, all generated from ``datapackage.json`` and, for a release, its registry entry.

A released version is cited with its release date and its DOI when Zenodo has minted one,
otherwise with its release page; any other version (e.g. ``0.2.0-dev``) is cited as unreleased.
``CITATION.cff`` in the repository is the ``cff`` rendering of the latest release (or, before the
first release, of the current descriptor), so the version is written in one place only.

>>> d = {"title": "T", "version": "1.2.3", "created": "2026-01-02T00:00:00Z",
...      "contributors": [{"title": "Ann Lee", "roles": ["creator"]}],
...      "licenses": [{"name": "CC-BY-4.0"}], "homepage": "https://example.org/t", "name": "t"}
>>> "version = {1.2.3}" in cite(d, "bibtex")
True
>>> cite(d, "apa")
'Ann Lee. (2026). T (Version 1.2.3, unreleased) [Data set]. https://example.org/t'
>>> cite(d, "apa", release={"date": "2027-03-04", "doi": None})
'Ann Lee. (2027). T (Version 1.2.3) [Data set]. https://example.org/t/releases/tag/v1.2.3'
>>> cite(d, "apa", release={"date": "2027-03-04", "doi": "10.5281/zenodo.1"})
'Ann Lee. (2027). T (Version 1.2.3) [Data set]. https://doi.org/10.5281/zenodo.1'
"""
from __future__ import annotations

from typing import Any

STYLES = ("bibtex", "apa", "cff")


def _authors(d: dict[str, Any]) -> list[str]:
    return [c["title"] for c in d.get("contributors", []) if "creator" in c.get("roles", [c.get("role")])]


def _date(d: dict[str, Any]) -> str:
    return str(d.get("created", ""))[:10]


def release_page(homepage: str, version: str) -> str:
    """The GitHub Release page of ``version`` (its tag is ``v<version>``)."""
    return f"{homepage.rstrip('/')}/releases/tag/v{version}"


def _facts(d: dict[str, Any], release: dict[str, Any] | None) -> dict[str, Any]:
    """year, date, url and doi of the cited version: a release's, or the working copy's."""
    if release is None:
        return {"year": _date(d)[:4], "date": None, "doi": None, "url": d.get("homepage", ""), "released": False}
    doi = release.get("doi")
    url = f"https://doi.org/{doi}" if doi else release_page(d.get("homepage", ""), d["version"])
    date = release.get("date") or _date(d)
    return {"year": date[:4], "date": date, "doi": doi, "url": url, "released": True}


def cite(descriptor: dict[str, Any], style: str = "apa", release: dict[str, Any] | None = None) -> str:
    """Citation text for the package described by ``descriptor`` in ``style`` (bibtex, apa or cff).

    ``release`` holds the registry's ``date`` and ``doi`` when the version is a release; without
    it, the version is cited as unreleased, with the project's home page.
    """
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; choose from {', '.join(STYLES)}")
    return {"bibtex": _bibtex, "apa": _apa, "cff": _cff}[style](descriptor, _facts(descriptor, release))


def _apa(d: dict[str, Any], f: dict[str, Any]) -> str:
    authors = ", ".join(_authors(d))
    version = d["version"] if f["released"] else f"{d['version']}, unreleased"
    return f"{authors}. ({f['year']}). {d['title']} (Version {version}) [Data set]. {f['url']}".rstrip()


def _bibtex(d: dict[str, Any], f: dict[str, Any]) -> str:
    key = f"{d['name']}_{d['version'].replace('.', '_').replace('-', '_')}"
    note = f"Data set, released {f['date']}" if f["released"] else "Data set, unreleased version"
    return "\n".join([
        f"@misc{{{key},",
        f"  author = {{{' and '.join('{' + a + '}' for a in _authors(d))}}},",
        f"  title = {{{d['title']}}},",
        f"  year = {{{f['year']}}},",
        f"  version = {{{d['version']}}},",
        *([f"  doi = {{{f['doi']}}},"] if f["doi"] else []),
        f"  howpublished = {{\\url{{{f['url']}}}}},",
        f"  note = {{{note}}}",
        "}",
    ])


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _cff(d: dict[str, Any], f: dict[str, Any]) -> str:
    license_ = d.get("licenses", [{}])[0].get("name", "")
    message = ("If you use this dataset, please cite the version you used as below." if f["released"] else
               "This is an unreleased version of the dataset; please cite a released version (see the repository's releases).")
    lines = [
        "# Generated from datapackage.json and releases/registry.json by `sisterties`; do not edit by hand.",
        "cff-version: 1.2.0",
        f"message: {_q(message)}",
        "type: dataset",
        f"title: {_q(d['title'])}",
        f"version: {_q(d['version'])}",
        *([f"date-released: {_q(f['date'])}"] if f["date"] else []),
        *([f"doi: {_q(f['doi'])}"] if f["doi"] else []),
        f"license: {license_}",
        f"repository-code: {_q(d.get('homepage', ''))}",
        f"url: {_q(f['url'])}",
        "authors:",
        *[f"  - name: {_q(a)}" for a in _authors(d)],
        "keywords:",
        *[f"  - {_q(k)}" for k in d.get("keywords", [])],
        "preferred-citation:",
        "  type: data",
        f"  title: {_q(d['title'])}",
        f"  version: {_q(d['version'])}",
        f"  year: {f['year']}",
        *([f"  doi: {_q(f['doi'])}"] if f["doi"] else []),
        f"  url: {_q(f['url'])}",
        "  authors:",
        *[f"    - name: {_q(a)}" for a in _authors(d)],
    ]
    return "\n".join(lines) + "\n"
