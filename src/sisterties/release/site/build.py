"""Write the whole site: home page (map and timeline), codebook, table pages, source pages,
assets, and (when found) the release files and the Data Docs.

>>> import tempfile, pathlib
>>> from sisterties.metadata.descriptor import bundled_root
>>> out = pathlib.Path(tempfile.mkdtemp()) / "site"
>>> pages = build_site(bundled_root(), out)
>>> (out / "index.html").is_file() and (out / "tables" / "pairings.html").is_file()
True
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from ...metadata.descriptor import Package
from .codebook_page import codebook_body
from .colours import kind_colours, pairing_kinds
from .downloads import copy_data_docs, copy_release_files
from .excerpts import excerpts_by_source
from .geo import place
from .home import home_body
from .ids import page_name
from .map_svg import map_section
from .page import copy_assets, write_page
from .rows import all_rows
from .source_check_page import source_check_body
from .source_pages import source_body
from .table_pages import table_body
from .timeline import timeline_section

GENERATED = ("index.html", "codebook.html", "source-check.html", "tables", "sources", "assets", "data-docs")


def _clear(out: Path) -> None:
    """Remove what an earlier build wrote, so pages of removed rows or sources do not linger."""
    for name in GENERATED:
        path = out / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.is_file():
            path.unlink()


def _source_check_report(pkg: Package) -> dict | None:
    path = pkg.root / "build" / "source-check.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def build_site(root: Path | str, out: Path | str, dist: Path | None = None, docs: Path | None = None) -> list[Path]:
    """Build the site of the package folder ``root`` into ``out``; return the pages written."""
    pkg, out = Package(root), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _clear(out)
    copy_assets(out)
    rows = all_rows(pkg)
    present = copy_release_files(dist, out, pkg.version, pkg.table_names)
    data_docs = copy_data_docs(docs, out)
    colours = kind_colours(pairing_kinds(pkg))
    jurisdictions, pairings = rows.get("jurisdictions", []), rows.get("pairings", [])
    places = place(jurisdictions)
    map_html = map_section(jurisdictions, pairings, places, colours)
    timeline_html = timeline_section(pairings, rows.get("claims", []), rows.get("officials", []), rows.get("sources", []), colours)

    def page(rel: str, title: str, body: str) -> Path:
        return write_page(out, rel, title, body, pkg.version, data_docs)

    pages = [page("index.html", "Home", home_body(pkg, rows, map_html, timeline_html, present, data_docs)),
             page("codebook.html", "Codebook", codebook_body(pkg)),
             page("source-check.html", "Source check", source_check_body(pkg, _source_check_report(pkg)))]
    for name in pkg.table_names:
        pages.append(page(f"tables/{page_name(name)}.html", f"Table {name}", table_body(pkg, name, rows[name])))
        if pkg.path(name).is_file():
            shutil.copyfile(pkg.path(name), out / "tables" / f"{page_name(name)}.csv")
    excerpts = excerpts_by_source(pkg, rows)
    for source in rows.get("sources", []):
        sid = source["source_id"]
        pages.append(page(f"sources/{page_name(sid)}.html", f"Source {sid}", source_body(pkg, source, excerpts.get(sid, []))))
    return pages
