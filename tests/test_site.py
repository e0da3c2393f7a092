"""The release site in a real browser: headless Chromium (Debian's /usr/bin/chromium) driven by
Playwright, pages opened from file:// with every non-file request refused and recorded.

Screenshots go to build/site-shots/ (``nox -s site`` copies map.png and timeline.png to docs/img/).
Without /usr/bin/chromium or Playwright these tests skip, unless SISTERTIES_SITE_REQUIRE_BROWSER
is set (as ``nox -s site`` does), when they fail.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

import pytest
from helpers import ROOT, read_rows
from site_pages import normalised

from sisterties.release.site import build_site

pytestmark = pytest.mark.site

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
SHOTS = ROOT / "build" / "site-shots"


def _unavailable(reason: str) -> None:
    if os.environ.get("SISTERTIES_SITE_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium chromium-driver)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install playwright)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(ROOT, out)
    SHOTS.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture
def page(browser):
    """A page that refuses (and records) any request that is not for a local file, and records script errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.outside, pg.errors = [], []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            pg.outside.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    assert pg.outside == [], "the site asked the network for something"
    assert pg.errors == [], "a script failed"
    context.close()


def _pairings():
    return read_rows(ROOT / "data" / "pairings.csv")


def test_home_page_draws_the_map_and_the_timeline(site, page):
    page.goto((site / "index.html").as_uri())
    assert page.locator("h1").first.is_visible()
    assert page.locator("#row-counts").is_visible()
    pairings = _pairings()
    svg = page.locator("#map-svg")
    assert svg.is_visible()
    drawn = svg.locator("path.pairing").evaluate_all("els => els.map(e => e.dataset.pairingId)")
    undrawn = page.locator("#not-drawn li").evaluate_all("els => els.map(e => e.dataset.pairingId)")
    assert sorted(drawn + undrawn) == sorted(p["pairing_id"] for p in pairings)  # one line per pairing, or listed as not drawn
    assert len(drawn) >= 1 and svg.locator("path.pairing").first.bounding_box()["width"] > 10
    for pid in undrawn:  # a pairing is left out only because a side is listed as not placed
        p = next(x for x in pairings if x["pairing_id"] == pid)
        placed = {p["cn_jurisdiction_id"], p["us_jurisdiction_id"]} - set(page.locator("#not-placed li").evaluate_all(
            "els => els.map(e => e.dataset.jurisdictionId)"))
        assert len(placed) < 2, pid
    assert page.locator(".legend li").count() >= 4
    bars = page.locator("#timeline-svg rect.bar")
    counts = bars.evaluate_all("els => els.map(e => Number(e.dataset.count))")
    assert sum(counts) == sum(1 for p in pairings if p["established"]) and counts
    assert bars.first.bounding_box()["height"] > 0
    assert page.locator("#stated-totals").is_visible()
    page.screenshot(path=str(SHOTS / "home.png"))
    page.locator("#map-figure").screenshot(path=str(SHOTS / "map.png"))
    page.locator("#timeline").screenshot(path=str(SHOTS / "timeline.png"))


def test_search_filters_the_pairings_rows(site, page):
    page.goto((site / "tables" / "pairings.html").as_uri())
    rows = page.locator("#data-table tbody tr")
    total = len(_pairings())
    assert rows.count() == total
    term = _pairings()[0]["cn_jurisdiction_id"].lower()
    fields = list(_pairings()[0])
    expected = sum(1 for p in _pairings() if term in "".join(p[f] for f in fields).lower())
    page.fill("input.filter", term)
    visible = page.locator("#data-table tbody tr:not([hidden])")
    assert visible.count() == expected >= 1
    assert all(term in t.lower() for t in visible.all_text_contents())
    assert page.locator(".filter-status").text_content() == f"{expected} of {total} rows"
    page.screenshot(path=str(SHOTS / "pairings-search.png"))
    page.fill("input.filter", "no-such-row-zzzz")
    assert visible.count() == 0
    page.fill("input.filter", "")
    assert visible.count() == total


def test_clicking_a_header_sorts_the_rows(site, page):
    page.goto((site / "tables" / "jurisdictions.html").as_uri())
    ids = page.locator("#data-table tbody tr td:first-child")
    page.click("th:has-text('jurisdiction_id') button")
    first = ids.all_text_contents()
    assert page.get_attribute("th:has-text('jurisdiction_id')", "aria-sort") == "ascending"
    page.click("th:has-text('jurisdiction_id') button")
    assert ids.all_text_contents() == first[::-1]
    assert sorted(first) == sorted(r["jurisdiction_id"] for r in read_rows(ROOT / "data" / "jurisdictions.csv"))


def _follow_source_link(site, page, row):
    key = row["pairing_id"]
    page.goto((site / "tables" / "pairings.html").as_uri())
    page.locator(f'tr[id="row-{key}"] a.source-link').click()
    page.wait_for_load_state()
    target = f"ev-pairings-{key}"
    assert page.url.split("#")[0].endswith(f"sources/{row['source_id']}.html")
    assert unquote(page.url.split("#")[1]) == target
    element = page.locator(f'[id="{target}"]')
    assert element.count() == 1
    assert normalised(row["evidence"]) in normalised(element.text_content())
    assert "current" in element.get_attribute("class")
    return element


def test_a_row_source_link_lands_on_its_marked_evidence(site, page):
    sources = {s["source_id"]: s for s in read_rows(ROOT / "data" / "sources.csv")}
    archived = [p for p in _pairings() if sources.get(p["source_id"], {}).get("archived") == "true" and p["evidence_start"]]
    assert archived, "no pairing cites an archived source"
    row = archived[0]
    element = _follow_source_link(site, page, row)
    text = (ROOT / sources[row["source_id"]]["archive_path"]).read_bytes().decode("utf-8")
    assert element.evaluate("e => e.tagName") == "MARK"
    assert normalised(element.text_content()) == normalised(text[int(row["evidence_start"]):int(row["evidence_end"])])
    assert element.is_visible()
    page.screenshot(path=str(SHOTS / "source.png"))
    element.locator(":scope > a.back").click()  # the mark's own link back to its row
    page.wait_for_load_state()
    assert unquote(page.url).endswith(f"tables/pairings.html#row-{row['pairing_id']}")
    assert page.locator(f'[id="row-{row["pairing_id"]}"]').evaluate("e => e.matches(':target')")


def test_an_unarchived_source_says_its_excerpt_cannot_be_verified(site, page):
    sources = {s["source_id"]: s for s in read_rows(ROOT / "data" / "sources.csv")}
    rows = [p for p in _pairings() if sources.get(p["source_id"], {}).get("archived") == "false"]
    if not rows:
        pytest.skip("every pairing cites an archived source")
    _follow_source_link(site, page, rows[0])
    assert "cannot be verified" in page.locator(".status").text_content()
