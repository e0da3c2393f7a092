"""``CITATION.cff`` and ``.zenodo.json``: what the repository says about its latest release.

Both are generated, never edited: from the descriptor inside the latest registered archive and
that release's registry entry (date, DOI). Before the first release, ``CITATION.cff`` cites the
working copy as unreleased and there is no ``.zenodo.json``. Zenodo's GitHub integration reads
``.zenodo.json`` from the tagged commit when the GitHub Release is published.

>>> d = {"title": "T", "version": "1.2.0", "description": "D.", "homepage": "https://github.com/o/r",
...      "contributors": [{"title": "Ann Lee", "roles": ["creator"]}], "licenses": [{"name": "CC-BY-4.0"}],
...      "keywords": ["k"]}
>>> z = zenodo_metadata(d, {"date": "2027-01-02", "doi": None})
>>> z["version"], z["upload_type"], z["license"], z["creators"]
('1.2.0', 'dataset', 'CC-BY-4.0', [{'name': 'Ann Lee'}])
>>> [r["relation"] for r in z["related_identifiers"]]
['isSupplementTo', 'isDocumentedBy']
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..metadata.citation import cite
from ..metadata.descriptor import DESCRIPTOR
from . import registry

CITATION = "CITATION.cff"
ZENODO = ".zenodo.json"
LICENCE_NOTE = ("The tables, Table Schemas and documentation are licensed CC BY 4.0 and the Python code MIT; the archived "
                "source texts under sources/ remain their publishers' and are included for verification only.")


def zenodo_metadata(descriptor: dict[str, Any], release: dict[str, Any]) -> dict[str, Any]:
    """The Zenodo deposit metadata of a release: ``descriptor`` of the released version, ``release`` its date."""
    version, home = descriptor["version"], descriptor.get("homepage", "").rstrip("/")
    creators = [{"name": c["title"]} for c in descriptor.get("contributors", []) if "creator" in c.get("roles", [])]
    return {
        "title": descriptor["title"],
        "upload_type": "dataset",
        "description": f"{descriptor.get('description', '')} Version {version}, released {release['date']}. {LICENCE_NOTE}".strip(),
        "creators": creators,
        "access_right": "open",
        "license": descriptor.get("licenses", [{}])[0].get("name", ""),
        "keywords": list(descriptor.get("keywords", [])),
        "version": version,
        "publication_date": release["date"],
        "related_identifiers": [
            {"identifier": f"{home}/tree/v{version}", "relation": "isSupplementTo", "resource_type": "software", "scheme": "url"},
            {"identifier": f"{home}/blob/v{version}/docs/codebook.md", "relation": "isDocumentedBy",
             "resource_type": "publication-softwaredocumentation", "scheme": "url"},
        ],
    }


def render_zenodo(descriptor: dict[str, Any], release: dict[str, Any]) -> str:
    return json.dumps(zenodo_metadata(descriptor, release), ensure_ascii=False, indent=2) + "\n"


def for_release(descriptor: dict[str, Any], release: dict[str, Any]) -> dict[str, str]:
    """File name -> text, for the release of ``descriptor``'s version with ``release``'s date and DOI."""
    return {CITATION: cite(descriptor, "cff", release=release), ZENODO: render_zenodo(descriptor, release)}


def expected(root: Path) -> dict[str, str | None]:
    """What ``CITATION.cff`` and ``.zenodo.json`` in ``root`` should hold (``None``: no file)."""
    root = Path(root)
    last = registry.latest(registry.read(root / registry.REGISTRY))
    if last is None:
        descriptor = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
        return {CITATION: cite(descriptor, "cff"), ZENODO: None}
    return dict(for_release(registry.released_descriptor(root, last), last.citation_facts()))


def write(root: Path, texts: dict[str, str | None]) -> list[Path]:
    written = []
    for name, text in texts.items():
        if text is not None:
            (Path(root) / name).write_text(text, encoding="utf-8")
            written.append(Path(root) / name)
    return written


def out_of_date(root: Path) -> list[str]:
    """One sentence per file that differs from what the descriptor and the registry give."""
    problems = []
    for name, text in expected(root).items():
        path = Path(root) / name
        actual = path.read_text(encoding="utf-8") if path.is_file() else None
        if actual != text:
            problems.append(f"{name} differs from what datapackage.json and releases/registry.json give: "
                            "run `sisterties release --sync` to regenerate it.")
    return problems
