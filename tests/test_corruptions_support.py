"""Corruptions of the adversarial review (issue #11): evidence that does not support its row.

Each case corrupts a scratch copy of the package in one way, runs the real validators (files,
frictionless, pandera) and asserts that a failure names the file, CSV row (header = row 1),
column and rule. README ("Bad input") lists these kinds beside the first suite's.
"""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from helpers import read_rows, write_rows
from test_corruptions import FAST

from sisterties.checks.models import INVISIBLE
from sisterties.checks.run import validate
from sisterties.metadata.descriptor import Package

ARCHIVED = "sources/src-995ae8d5aca7.txt"
BOSTON, NEW_YORK = "US-MA-boston", "US-NY-new-york-city"
GD_MA, JINHUA_DUBLIN, JIANGMEN_CUPERTINO = "CN-GD~US-MA", "CN-ZJ-jinhua~US-CA-dublin", "CN-GD-jiangmen~US-CA-cupertino"
BAODING_CHARLOTTE, HANGZHOU_BOSTON = "CN-HE-baoding~US-NC-charlotte", "CN-ZJ-hangzhou~US-MA-boston"


def _key(table: str) -> str:
    return Package.bundled().table(table).primary_key[0]


def row_of(r: Path, table: str, key: str) -> int:
    """The CSV row (header = row 1) of the row whose primary key is ``key``."""
    rows = read_rows(r / "data" / f"{table}.csv")
    return 2 + [row[_key(table)] for row in rows].index(key)


def edit(r: Path, table: str, key: str, **cells):
    """Set cells of the row whose primary key is ``key`` (rows are found by key, not by position)."""
    path = r / "data" / f"{table}.csv"
    rows = read_rows(path)
    rows[row_of(r, table, key) - 2].update(cells)
    write_rows(path, rows)


def cell(r: Path, table: str, key: str, column: str) -> str:
    return read_rows(r / "data" / f"{table}.csv")[row_of(r, table, key) - 2][column]


def _archived_text(r: Path) -> str:
    return (r / ARCHIVED).read_text(encoding="utf-8")


def _point_at(r: Path, table: str, key: str, words: str):
    """Make a row's evidence a passage of the archived founding article, with correct offsets."""
    at = _archived_text(r).index(words)
    edit(r, table, key, evidence=words, evidence_start=str(at), evidence_end=str(at + len(words)))


def _add_row(r: Path, table: str, **cells):
    path = r / "data" / f"{table}.csv"
    rows = read_rows(path)
    header = list(rows[0]) if rows else (path.read_text(encoding="utf-8").split("\n", 1)[0].split(","))
    write_rows(path, rows + [{k: cells.get(k, "") for k in header}], header)


# --- excerpts -----------------------------------------------------------------------------------

def _one_character_at_true_offsets(r):
    # the first character of the real excerpt, at its real offsets: the offset check alone passes it
    edit(r, "pairings", GD_MA, evidence="C", evidence_end="278")


def _navigation_line(r):
    _point_at(r, "officials", "off-karyn-polito", "Home | China-US")


def _copyright_line(r):
    edit(r, "citations", "cit-544b03754819-01", evidence="Copyright 1995 - . All rights reserved.")


# --- names of the places ------------------------------------------------------------------------

def _without_citations(r, pairing_id):
    """Drop the pairing's citations, so that its own evidence alone must name both places."""
    path = r / "data" / "citations.csv"
    write_rows(path, [c for c in read_rows(path) if c["row_id"] != pairing_id])


def _names_one_place(r):
    _without_citations(r, JINHUA_DUBLIN)
    text = cell(r, "pairings", JINHUA_DUBLIN, "evidence")
    assert "Dublin’s" in text
    edit(r, "pairings", JINHUA_DUBLIN, evidence=text.replace("Dublin’s", "the city’s"))


def _names_another_pair(r):
    _without_citations(r, JINHUA_DUBLIN)
    edit(r, "pairings", JINHUA_DUBLIN, evidence="Tianjin and Philadelphia celebrated their sister city ties on Tuesday.")


def _one_sided_page_is_news(r):
    # Cupertino's own list names only the Chinese city; read as a news article, its publisher no longer speaks for Cupertino
    edit(r, "sources", "src-6ccf40257738", kind="news_article")


def _invented_alias(r):
    edit(r, "jurisdictions", BOSTON, aliases="Gotham")


def _stale_evidence_gap(r):
    edit(r, "pairings", GD_MA, evidence_gap="No excerpt names both places.")


# --- speakers -----------------------------------------------------------------------------------

def _quote_given_to_absent_speaker(r):
    edit(r, "quotes", "q-995ae8d5aca7-001079", speaker_id="off-wang-wenbin")  # Wang Wenbin is not in the 2018 article


def _quote_evidence_names_someone_else(r):
    edit(r, "quotes", "q-995ae8d5aca7-003188", speaker_id="off-zhang-qiyue")  # Zhang is named after it, but the evidence says "Ouyang said"


def _attribution_of_another_passage(r):
    edit(r, "quotes", "q-995ae8d5aca7-003597", evidence_start="1330", evidence_end="1338")  # the same words, said of another quote


# --- one place, one id --------------------------------------------------------------------------

def _same_geonames_id(r):
    edit(r, "jurisdictions", NEW_YORK, geonames_id=cell(r, "jurisdictions", BOSTON, "geonames_id"))


def _same_name_and_parent(r):
    twin = dict(read_rows(r / "data/jurisdictions.csv")[row_of(r, "jurisdictions", BOSTON) - 2], jurisdiction_id="US-MA-boston-city", geonames_id="",
                latitude="", longitude="", aliases="")
    _add_row(r, "jurisdictions", **twin)


def _retired_id_in_use(r):
    _add_row(r, "retired_ids", retired_id=BOSTON, table_name="jurisdictions", retired_in="0.1.0",
             reason="Test: a released id removed.")


def _geonames_record_of_another_place(r):
    edit(r, "jurisdictions", BOSTON, geonames_id="4832294", latitude="42.40843", longitude="-71.01199")  # Revere, MA


# --- archived files -----------------------------------------------------------------------------

def _archive_not_utf8(r):
    p = r / "sources/src-91d5c4534369.txt"
    p.write_bytes(p.read_text(encoding="utf-8").encode("utf-16"))


def _archive_with_nul(r):
    p = r / ARCHIVED
    p.write_bytes(p.read_bytes().replace(b"Global Edition", b"Global\x00Edition", 1))


# --- structure ----------------------------------------------------------------------------------

def _part_of(r, row: str, whole: str):
    """Make claim ``row`` part of claim ``whole`` (itself, or one that is already part of it)."""
    edit(r, "claims", row, part_of_claim_id=whole)


CASES = [
    # id, corruption, table, key of the row that must be named, column, rules (any of)
    ("excerpt_one_character", _one_character_at_true_offsets, "pairings", GD_MA, "evidence", {"minLength", "excerpt_min_words"}),
    ("excerpt_one_word", lambda r: edit(r, "citations", "cit-544b03754819-01", evidence="Springfield"), "citations",
     "cit-544b03754819-01", "evidence", {"excerpt_min_words"}),
    ("excerpt_navigation_line", _navigation_line, "officials", "off-karyn-polito", "evidence", {"excerpt_not_boilerplate"}),
    ("excerpt_copyright_line", _copyright_line, "citations", "cit-544b03754819-01", "evidence", {"excerpt_not_boilerplate"}),
    ("quote_is_boilerplate", lambda r: edit(r, "quotes", "q-91d5c4534369-001140", text="Back to the top"), "quotes",
     "q-91d5c4534369-001140", "text", {"excerpt_not_boilerplate"}),
    ("pairing_names_one_place", _names_one_place, "pairings", JINHUA_DUBLIN, "evidence", {"pairing_names_both_places"}),
    ("pairing_names_another_pair", _names_another_pair, "pairings", JINHUA_DUBLIN, "evidence", {"pairing_names_both_places"}),
    ("one_sided_news_page", _one_sided_page_is_news, "pairings", JIANGMEN_CUPERTINO, "evidence", {"pairing_names_both_places"}),
    ("alias_not_attested", _invented_alias, "jurisdictions", BOSTON, "aliases", {"alias_attested"}),
    ("evidence_gap_stale", _stale_evidence_gap, "pairings", GD_MA, "evidence_gap", {"evidence_gap_current"}),
    ("quote_speaker_not_named", _quote_given_to_absent_speaker, "quotes", "q-995ae8d5aca7-001079", "speaker_id", {"quote_speaker_named"}),
    ("quote_evidence_names_other", _quote_evidence_names_someone_else, "quotes", "q-995ae8d5aca7-003188", "evidence",
     {"quote_evidence_names_other"}),
    ("quote_attribution_far", _attribution_of_another_passage, "quotes", "q-995ae8d5aca7-003597", "evidence_start", {"quote_evidence_near"}),
    ("one_place_two_geonames_rows", _same_geonames_id, "jurisdictions", NEW_YORK, "geonames_id", {"geonames_id_once"}),
    ("one_place_two_ids", _same_name_and_parent, "jurisdictions", "US-MA-boston-city", "name_en", {"place_name_once"}),
    ("retired_id_in_use", _retired_id_in_use, "jurisdictions", BOSTON, "jurisdiction_id", {"retired_id_unused"}),
    ("retired_id_as_reference", _retired_id_in_use, "pairings", HANGZHOU_BOSTON, "us_jurisdiction_id", {"retired_id_unused"}),
    ("geonames_of_another_place", _geonames_record_of_another_place, "jurisdictions", BOSTON, "geonames_id", {"reference_names_place"}),
    ("archive_not_utf8", _archive_not_utf8, "sources", "src-91d5c4534369", "archive_path", {"source_archive_is_text"}),
    ("excerpt_of_unreadable_archive", _archive_not_utf8, "quotes", "q-91d5c4534369-001140", "source_id", {"source_text_readable"}),
    ("archive_with_nul", _archive_with_nul, "sources", "src-995ae8d5aca7", "archive_path", {"source_archive_is_text"}),
    ("status_before_established", lambda r: edit(r, "pairings", GD_MA, status_as_of="1980"), "pairings", GD_MA, "status_as_of",
     {"status_not_before_established"}),
    ("archived_before_published", lambda r: edit(r, "sources", "src-995ae8d5aca7", archived_on="2017-01-01"), "sources",
     "src-995ae8d5aca7", "archived_on", {"archived_not_before_published"}),
    ("archived_in_future", lambda r: edit(r, "sources", "src-995ae8d5aca7", archived_on="2999-01-01"), "sources", "src-995ae8d5aca7",
     "archived_on", {"date_not_in_future"}),
    ("day_stated_from_a_year", lambda r: edit(r, "pairings", GD_MA, established="1983-05-14"), "pairings", GD_MA, "established",
     {"established_precision_evidenced"}),
    ("province_pairing_with_city_kind", lambda r: edit(r, "pairings", GD_MA, kind="sister_city"), "pairings", GD_MA, "kind",
     {"kind_matches_level"}),
    ("city_pairing_with_province_kind", lambda r: edit(r, "pairings", BAODING_CHARLOTTE, kind="friendship_province_state"), "pairings",
     BAODING_CHARLOTTE, "kind", {"kind_matches_level"}),
    ("claim_part_of_itself", lambda r: _part_of(r, "cl-995ae8d5aca7-01", "cl-995ae8d5aca7-01"), "claims", "cl-995ae8d5aca7-01",
     "part_of_claim_id", {"claim_not_part_of_itself"}),
    ("claims_in_a_cycle", lambda r: _part_of(r, "cl-3c092b274a69-01", "cl-3c092b274a69-02"), "claims", "cl-3c092b274a69-01",
     "part_of_claim_id", {"claim_not_part_of_itself"}),
]

INVISIBLE_CASES = [("zero_width_space", "\u200b"), ("bom_inside_cell", "\ufeff"), ("bidi_override", "\u202e"),
                   ("nul", "\x00"), ("escape", "\x1b"), ("soft_hyphen", "\u00ad")]


def _run(pkg_copy: Path, corrupt) -> list:
    corrupt(pkg_copy)
    report = validate(pkg_copy, FAST)
    assert not report.ok
    return report.failures


@pytest.mark.parametrize("case_id, corrupt, table, key, column, rules", CASES, ids=[c[0] for c in CASES])
def test_corruption_is_caught_and_named(pkg_copy, case_id, corrupt, table, key, column, rules):
    failures = _run(pkg_copy, corrupt)
    file, row = f"data/{table}.csv", row_of(pkg_copy, table, key)
    hits = [f for f in failures if (f.file, f.row, f.column) == (file, row, column) and f.rule in rules]
    shown = "\n".join(f.line() for f in failures)
    assert hits, f"{case_id}: expected {file} row {row} column {column} rule in {rules}; got:\n{shown}"
    assert all(len(h.message) > 40 for h in hits)


@pytest.mark.parametrize("name, char", INVISIBLE_CASES, ids=[c[0] for c in INVISIBLE_CASES])
def test_invisible_character_in_a_cell_is_named(pkg_copy, name, char):
    failures = _run(pkg_copy, lambda r: edit(r, "officials", "off-zhang-qiyue", role_title="Consul" + char + " General"))
    row = row_of(pkg_copy, "officials", "off-zhang-qiyue")
    hits = [f for f in failures if (f.file, f.row, f.column, f.rule) ==
            ("data/officials.csv", row, "role_title", "no_invisible_characters")]
    assert hits, "\n".join(f.line() for f in failures)
    assert repr(char)[1:-1] in hits[0].line()  # the report shows the character escaped


def test_an_unreadable_archive_no_longer_passes_its_excerpts_silently(pkg_copy):
    failures = _run(pkg_copy, _archive_not_utf8)
    quote_rows = {f.row for f in failures if f.file == "data/quotes.csv" and f.rule == "source_text_readable"}
    of_source = {row_of(pkg_copy, "quotes", q["quote_id"]) for q in read_rows(pkg_copy / "data/quotes.csv")
                 if q["source_id"] == "src-91d5c4534369"}
    assert quote_rows == of_source and len(of_source) == 6  # every quote of that source is reported


def test_a_one_sided_official_page_names_its_publisher():
    """The real package: Cupertino's own list names only the Chinese cities and passes by its publisher."""
    from sisterties.checks.context import Context
    from sisterties.checks.frames import read_table_path
    from sisterties.checks.rules.support import pairing_names_both_places
    from sisterties.metadata.descriptor import Package, bundled_root

    pkg = Package(bundled_root())
    frames = {n: read_table_path(pkg.path(n)) for n in pkg.tables}
    df = frames["pairings"]
    ok = pairing_names_both_places(Context(pkg, frames), df)
    assert bool(ok[df["pairing_id"].eq("CN-GD-jiangmen~US-CA-cupertino")].all())
    assert "Cupertino" not in df.loc[df["pairing_id"].eq("CN-GD-jiangmen~US-CA-cupertino"), "evidence"].iloc[0]


def test_invisible_class_is_the_unicode_categories():
    """models.INVISIBLE holds exactly the characters of categories Cc (but line feed), Cf, Co, Zl, Zp."""
    wanted = {"Cc", "Cf", "Co", "Zl", "Zp"}
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        expected = unicodedata.category(ch) in wanted and ch != "\n"
        assert (INVISIBLE.match(ch) is not None) == expected, hex(cp)


def test_support_suite_covers_every_class():
    assert len({c[0] for c in CASES}) + len(INVISIBLE_CASES) >= 30
