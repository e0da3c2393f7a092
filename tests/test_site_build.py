"""The release site's pages, checked without a browser: every page is there, every link lands on
an element that exists, excerpts are marked at their offsets, and the site copes with rows that
cannot be placed, undated pairings and empty tables."""
from __future__ import annotations

import random
import re

import pytest
from helpers import ROOT, read_rows, write_rows
from site_pages import links, resolve, texts_by

from sisterties.cli import main
from sisterties.metadata.descriptor import Package
from sisterties.release.site import build_site
from sisterties.release.site.downloads import release_files
from sisterties.release.site.highlight import Span, mark


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(ROOT, out)
    return out


def _csv(name):
    return read_rows(ROOT / "data" / f"{name}.csv")


def test_every_table_and_source_has_a_page(site):
    pkg = Package(ROOT)
    for name in pkg.table_names:
        assert (site / "tables" / f"{name}.html").is_file()
        assert (site / "tables" / f"{name}.csv").read_bytes() == pkg.path(name).read_bytes()
    for source in _csv("sources"):
        assert (site / "sources" / f"{source['source_id']}.html").is_file()
    for rel in ("index.html", "codebook.html", "assets/site.css", "assets/site.js"):
        assert (site / rel).is_file()


def test_home_page_counts_rows_and_cites(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    pkg = Package(ROOT)
    for name in pkg.table_names:
        assert re.search(rf'<tr data-table="{name}">.*?<td class="num">{len(_csv(name))}</td>', html)
    assert pkg.version in html
    for name, _ in release_files(pkg.version, pkg.table_names):
        assert f'href="{name}"' in html
    assert "cff-version: 1.2.0" in html and "[Data set]" in html
    assert 'id="no-data-docs"' in html  # built without Data Docs: the page says so


def test_home_page_states_how_many_excerpts_are_checked(site):
    """The home page's counts of excerpts checked against archived texts, counted here from the CSVs."""
    html = (site / "index.html").read_text(encoding="utf-8")
    archived = {s["source_id"] for s in _csv("sources") if s["archived"] == "true"}
    evidence = [r for name in Package(ROOT).table_names if name != "sources" for r in _csv(name) if r.get("evidence")]
    on_file = sum(r["source_id"] in archived for r in evidence)
    shown = dict(re.findall(r'data-count="([a-z-]+)">([0-9,]+)<', html))
    assert shown["excerpts"] == f"{len(evidence):,}" and shown["archived"] == f"{on_file:,}"
    assert shown["not-archived"] == f"{len(evidence) - on_file:,}"
    assert 0 < on_file < len(evidence)  # both kinds exist, so the page must not say every excerpt is checked
    assert "checked against the archived source text." not in html


def test_every_pairing_is_drawn_or_listed(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    drawn = re.findall(r'<path class="pairing" data-pairing-id="([^"]*)"', html)
    listed = re.findall(r'<li data-pairing-id="([^"]*)"', html)
    ids = [p["pairing_id"] for p in _csv("pairings")]
    assert sorted(drawn + listed) == sorted(ids) and not set(drawn) & set(listed)
    bars = sum(int(n) for n in re.findall(r'<rect class="bar"[^>]*data-count="(\d+)"', html))
    assert bars == sum(1 for p in _csv("pairings") if p["established"])


def test_every_link_lands_on_an_existing_element(site):
    pkg = Package(ROOT)
    release = {name for name, _ in release_files(pkg.version, pkg.table_names)}  # not copied: built without --dist
    cache: dict = {}
    pages = sorted((site / "tables").glob("*.html")) + sorted((site / "sources").glob("*.html")) + [site / "index.html", site / "codebook.html"]
    for page in pages:
        for href in links(page.read_text(encoding="utf-8")):
            if href.startswith(("http://", "https://")) or not href or href in release:
                continue
            target, frag = resolve(page, href)
            if target.suffix == ".csv":
                assert target.is_file(), href
                continue
            if "data-docs" in target.parts:
                continue
            assert target.is_file(), (page.name, href)
            if frag:
                if target not in cache:
                    cache[target] = texts_by(target.read_text(encoding="utf-8"))
                assert frag in cache[target], (page.name, href)


def test_evidence_and_quotes_are_marked_at_their_offsets(site):
    pkg = Package(ROOT)
    sources = {s["source_id"]: s for s in _csv("sources")}
    checked = 0
    for table in pkg.table_names:
        fields = pkg.table(table).field_names
        for row in _csv(table):
            src = sources.get(row.get("source_id", ""))
            if not src or src["archived"] != "true":
                continue
            text = (ROOT / src["archive_path"]).read_bytes().decode("utf-8")
            html = (site / "sources" / f"{src['source_id']}.html").read_text(encoding="utf-8")
            marked = texts_by(html, "data-hl")
            key = row[pkg.table(table).primary_key[0]]
            spans = [(f"ev-{table}-{key}", "evidence_start", "evidence_end")]
            if "start" in fields:
                spans.append((f"quote-{key}", "start", "end"))
            for element_id, a, b in spans:
                if row.get(a) and row.get(b):
                    assert marked[element_id] == text[int(row[a]):int(row[b])], element_id
                    checked += 1
    assert checked >= 1


def test_unarchived_sources_say_their_excerpts_cannot_be_verified(site):
    unarchived = [s for s in _csv("sources") if s["archived"] != "true"]
    for s in unarchived[:20]:
        html = (site / "sources" / f"{s['source_id']}.html").read_text(encoding="utf-8")
        assert "cannot be verified" in html


def test_overlapping_spans_keep_the_text_and_each_span():
    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice("ab <&>\n中") for _ in range(rng.randint(0, 40)))
        spans = []
        for i in range(rng.randint(0, 8)):
            a = rng.randint(0, len(text))
            spans.append(Span(a, rng.randint(a, len(text)), f"s{i}", f"#row-{i}", rng.choice(["ev", "quote"])))
        html = mark(text, spans)
        assert texts_by(f"<div id=all>{html}</div>")["all"] == text
        assert html.count("<mark") == html.count("</mark>")
        marked = texts_by(html, "data-hl")
        for s in spans:
            assert marked.get(s.element_id, "") == text[s.start:s.end]
            assert html.count(f'id="{s.element_id}"') == 1


def test_site_copes_with_unplaced_undated_and_empty(pkg_copy, tmp_path):
    juris = read_rows(pkg_copy / "data" / "jurisdictions.csv")
    extra = dict(juris[0], jurisdiction_id="US-ZZ", name_en="Nowhere State", country="US", level="state", parent_id="US",
                 latitude="", longitude="")
    write_rows(pkg_copy / "data" / "jurisdictions.csv", juris + [extra], list(juris[0]))
    pairs = read_rows(pkg_copy / "data" / "pairings.csv")
    new = dict(pairs[0], pairing_id=f"{pairs[0]['cn_jurisdiction_id']}~US-ZZ", us_jurisdiction_id="US-ZZ", established="")
    write_rows(pkg_copy / "data" / "pairings.csv", pairs + [new], list(pairs[0]))
    out = build_site(pkg_copy, tmp_path / "a")[0].parent
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'data-jurisdiction-id="US-ZZ"' in html.split('id="not-placed"')[1]
    assert f'<li data-pairing-id="{new["pairing_id"]}"' in html
    header = (pkg_copy / "data" / "pairings.csv").read_text(encoding="utf-8").splitlines()[0]
    (pkg_copy / "data" / "pairings.csv").write_text(header + "\n", encoding="utf-8")
    out = build_site(pkg_copy, tmp_path / "b")[0].parent
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="timeline-empty"' in html and "0 of 0 pairings drawn" in html


def test_cli_copies_release_files_and_data_docs(tmp_path, capsys):
    version = Package(ROOT).version
    dist, docs = tmp_path / "dist", tmp_path / "docs"
    dist.mkdir()
    docs.mkdir()
    (dist / f"sisterties-data-{version}.zip").write_bytes(b"zip")
    (dist / "sisterties-data-0.0.1.zip").write_bytes(b"old")
    (docs / "index.html").write_text("<p>docs</p>", encoding="utf-8")
    out = tmp_path / "site"
    assert main(["site", str(ROOT), "--out", str(out), "--dist", str(dist), "--docs", str(docs)]) == 0
    assert "index.html" in capsys.readouterr().out
    assert (out / f"sisterties-data-{version}.zip").read_bytes() == b"zip"
    assert not (out / "sisterties-data-0.0.1.zip").exists()
    assert (out / "data-docs" / "index.html").is_file()
    assert 'href="data-docs/index.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert 'href="../data-docs/index.html"' in (out / "tables" / "pairings.html").read_text(encoding="utf-8")
