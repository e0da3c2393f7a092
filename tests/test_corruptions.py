"""The corruption suite: one corruption at a time, and validation must name file, row and rule.

Each case edits a scratch copy of the package, runs the stages that should catch it and asserts
that a failure names the expected file, CSV row (header = row 1) and rule. The table at the end
of README ("Bad input") lists which stage catches which kind.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from helpers import read_rows, write_rows

from sisterties.checks.run import validate

FAST = ("files", "frictionless", "pandera")


def edit(root: Path, table: str, row: int, **cells):
    """Set cells of data row ``row`` (0-based data row; CSV row = row + 2)."""
    path = root / "data" / f"{table}.csv"
    rows = read_rows(path)
    rows[row].update(cells)
    write_rows(path, rows)


def cell(root: Path, table: str, row: int, column: str) -> str:
    return read_rows(root / "data" / f"{table}.csv")[row][column]


def replace_bytes(root: Path, table: str, old: bytes, new: bytes, count: int = 1):
    path = root / "data" / f"{table}.csv"
    raw = path.read_bytes()
    assert old in raw
    path.write_bytes(raw.replace(old, new, count))


def _dup_pk(r):
    rows = read_rows(r / "data/officials.csv")
    rows[1]["official_id"] = rows[0]["official_id"]
    write_rows(r / "data/officials.csv", rows)


def _swapped_pair(r):
    rows = read_rows(r / "data/pairings.csv")
    twin = dict(rows[0], pairing_id="US-MA~CN-GD", cn_jurisdiction_id="US-MA", us_jurisdiction_id="CN-GD")
    write_rows(r / "data/pairings.csv", rows[:1] + [twin] + rows[1:])


def _two_chinese(r):
    edit(r, "pairings", 0, us_jurisdiction_id="CN-HI", pairing_id="CN-GD~CN-HI")


def _city_level_with_provinces(r):
    edit(r, "pairings", 0, level="city")


def _quote_one_char(r):
    text = cell(r, "quotes", 3, "text")
    edit(r, "quotes", 3, text=text[:-2] + ("x" if text[-2] != "x" else "y") + text[-1])


def _offsets_off_by_one(r):
    start, end = int(cell(r, "quotes", 4, "start")), int(cell(r, "quotes", 4, "end"))
    edit(r, "quotes", 4, start=str(start + 1), end=str(end + 1), quote_id=cell(r, "quotes", 4, "quote_id")[:-6] + f"{start + 1:06d}")


def _evidence_not_in_source(r):
    edit(r, "officials", 0, evidence="Massachusetts Governor Karyn Polito")


def _edit_archive(r):
    p = r / "sources/src-995ae8d5aca7.txt"
    p.write_bytes(p.read_bytes().replace(b"35th anniversary", b"36th anniversary", 1))


def _missing_archive(r):
    (r / "sources/src-91d5c4534369.txt").unlink()


def _path_outside(r):
    edit(r, "sources", 0, archive_path="sources/../datapackage.json")


def _path_escape_symlink(r):
    (r / "sources" / "escape.txt").symlink_to(r / "datapackage.json")
    edit(r, "sources", 0, archive_path="sources/escape.txt")


def _bom(r):
    p = r / "data/claims.csv"
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())


def _crlf(r):
    p = r / "data/claims.csv"
    p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n"))


def _not_utf8(r):
    replace_bytes(r, "officials", b"Polito", "Polit\xe9".encode("latin-1"))


def _trailing_ws(r):
    edit(r, "officials", 2, role_title=cell(r, "officials", 2, "role_title") + " ")


def _non_nfc(r):
    decomposed = unicodedata.normalize("NFD", "é")
    edit(r, "officials", 3, note=f"Caf{decomposed} test")


def _formula(r):
    edit(r, "claims", 0, note="=HYPERLINK(\"http://example.invalid\")")


def _na_as_missing(r):
    # a required text cell holding the literal NA must stay a value: it is then a bad enum value
    edit(r, "jurisdictions", 0, country="NA")


def _missing_column(r):
    rows = read_rows(r / "data/claims.csv")
    fields = [f for f in rows[0] if f != "unit"]
    write_rows(r / "data/claims.csv", [{k: v for k, v in row.items() if k != "unit"} for row in rows], fields)


def _extra_column(r):
    rows = read_rows(r / "data/claims.csv")
    write_rows(r / "data/claims.csv", [dict(row, extra="x") for row in rows])


def _reordered(r):
    rows = read_rows(r / "data/claims.csv")
    fields = list(rows[0])
    fields[1], fields[2] = fields[2], fields[1]
    write_rows(r / "data/claims.csv", rows, fields)


def _empty_table(r):
    p = r / "data/quotes.csv"
    p.write_text(p.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")


def _truncated_row(r):
    p = r / "data/claims.csv"
    lines = p.read_text(encoding="utf-8").split("\n")
    lines[3] = ",".join(lines[3].split(",")[:5])
    p.write_text("\n".join(lines), encoding="utf-8")


CASES = [
    # id, corruption, file, CSV row (None: any), rules (any of), stages
    ("duplicate_primary_key", _dup_pk, "data/officials.csv", 3, {"unique", "primary-key"}, FAST),
    ("orphan_foreign_key", lambda r: edit(r, "quotes", 5, speaker_id="off-nobody"), "data/quotes.csv", 7, {"foreign_key", "foreign-key"}, FAST),
    ("orphan_source", lambda r: edit(r, "claims", 2, source_id="src-000000000000"), "data/claims.csv", 4, {"foreign_key", "foreign-key"}, FAST),
    ("bad_enum", lambda r: edit(r, "pairings", 0, status="dormant"), "data/pairings.csv", 2, {"enum", "constraint-error"}, FAST),
    ("impossible_date", lambda r: edit(r, "sources", 0, published="2018-02-30"), "data/sources.csv", 2, {"partial_date"}, FAST),
    ("bad_iso_date", lambda r: edit(r, "sources", 1, archived_on="2026-13-01"), "data/sources.csv", 3, {"type_date", "type-error"}, FAST),
    ("date_after_source", lambda r: edit(r, "quotes", 10, quote_date="2019-01-01"), "data/quotes.csv", 12, {"date_not_after_source"}, FAST),
    ("evidence_not_in_source", _evidence_not_in_source, "data/officials.csv", 2, {"evidence_in_source"}, FAST),
    ("quote_altered_one_char", _quote_one_char, "data/quotes.csv", 5, {"quote_in_source"}, FAST),
    ("offsets_off_by_one", _offsets_off_by_one, "data/quotes.csv", 6, {"quote_in_source"}, FAST),
    ("quote_id_not_composed", lambda r: edit(r, "quotes", 1, quote_id="q-91d5c4534369-999999"), "data/quotes.csv", 3, {"quote_id_composed"}, FAST),
    ("archived_source_edited", _edit_archive, "data/sources.csv", 2, {"source_sha256"}, FAST),
    ("missing_archived_file", _missing_archive, "data/sources.csv", 3, {"source_file_present"}, FAST),
    ("path_outside_sources", _path_outside, "data/sources.csv", 2, {"pattern", "constraint-error", "source_file_present"}, FAST),
    ("symlink_out_of_sources", _path_escape_symlink, "data/sources.csv", 2, {"source_file_present"}, FAST),
    ("bom", _bom, "data/claims.csv", 1, {"no_bom"}, FAST),
    ("crlf", _crlf, "data/claims.csv", 1, {"lf_line_ends"}, FAST),
    ("non_utf8", _not_utf8, "data/officials.csv", 2, {"utf8"}, FAST),
    ("trailing_whitespace", _trailing_ws, "data/officials.csv", 4, {"no_outer_whitespace"}, FAST),
    ("non_nfc", _non_nfc, "data/officials.csv", 5, {"unicode_nfc"}, FAST),
    ("formula_injection", _formula, "data/claims.csv", 2, {"formula_injection"}, FAST),
    ("na_read_as_missing", _na_as_missing, "data/jurisdictions.csv", 2, {"enum"}, FAST),
    ("missing_column", _missing_column, "data/claims.csv", 1, {"header_missing_column"}, FAST),
    ("extra_column", _extra_column, "data/claims.csv", 1, {"header_extra_column"}, FAST),
    ("reordered_columns", _reordered, "data/claims.csv", 1, {"header_order"}, FAST),
    ("empty_table", _empty_table, "data/quotes.csv", None, {"expect_table_row_count_to_be_between"}, ("files", "expectations")),
    ("truncated_row", _truncated_row, "data/claims.csv", 4, {"row_width"}, FAST),
    ("pairing_two_chinese_places", _two_chinese, "data/pairings.csv", 2, {"pairing_sides"}, FAST),
    ("same_pair_swapped", _swapped_pair, "data/pairings.csv", 3, {"pairing_once", "pairing_sides"}, FAST),
    ("level_mismatch", _city_level_with_provinces, "data/pairings.csv", 2, {"pairing_level"}, FAST),
    ("pairing_id_not_composed", lambda r: edit(r, "pairings", 0, pairing_id="CN-GD~US-MA-boston"), "data/pairings.csv", 2, {"pairing_id_composed"}, FAST),
    ("bad_id_pattern", lambda r: edit(r, "officials", 0, official_id="Karyn Polito"), "data/officials.csv", 2, {"pattern"}, FAST),
    ("required_missing", lambda r: edit(r, "claims", 0, evidence=""), "data/claims.csv", 2, {"required", "constraint-error"}, FAST),
    ("offsets_for_unarchived_source", lambda r: edit(r, "citations", 0, evidence_start="5", evidence_end="9"), "data/citations.csv", 2, {"evidence_offsets"}, FAST),
    ("inferred_date_without_reason", lambda r: edit(r, "sources", 1, published_note=""), "data/sources.csv", 3, {"published_precision_basis"}, FAST),
    ("precision_mismatch", lambda r: edit(r, "sources", 0, published_precision="month"), "data/sources.csv", 2, {"published_precision_basis"}, FAST),
    ("stated_year_without_evidence", lambda r: edit(r, "pairings", 0, established="1984"), "data/pairings.csv", 2, {"established_has_evidence"}, FAST),
    ("gazetteer_mismatch", lambda r: edit(r, "jurisdictions", 12, latitude="42.5"), "data/jurisdictions.csv", 14, {"jurisdiction_reference"}, FAST),
    ("citation_to_nothing", lambda r: edit(r, "citations", 3, row_id="off-nobody"), "data/citations.csv", 5, {"citation_target"}, FAST),
    ("theme_with_speaker", lambda r: edit(r, "quotes", 0, speaker_id="off-xie-feng"), "data/quotes.csv", 2, {"quote_speaker"}, FAST),
    ("negative_offset", lambda r: edit(r, "claims", 1, evidence_start="-3"), "data/claims.csv", 3, {"minimum", "constraint-error"}, FAST),
    ("strongest_kind_overstated", lambda r: edit(r, "pairings", 0, strongest_source_kind="official_register"), "data/pairings.csv", 2, {"strongest_source_kind"}, FAST),
    ("source_id_not_hash", lambda r: replace_bytes(r, "sources", b"src-995ae8d5aca7,news", b"src-995ae8d5aca8,news"), "data/sources.csv", 2, {"source_id_from_hash"}, FAST),
]


@pytest.mark.parametrize("case_id, corrupt, file, row, rules, stages", CASES, ids=[c[0] for c in CASES])
def test_corruption_is_caught_and_named(pkg_copy, case_id, corrupt, file, row, rules, stages):
    corrupt(pkg_copy)
    report = validate(pkg_copy, stages)
    assert not report.ok, f"{case_id} was not caught"
    hits = [f for f in report.failures if f.file == file and f.rule in rules and (row is None or f.row == row)]
    assert hits, f"{case_id}: expected {file} row {row} rule in {rules}; got:\n" + report.text()
    assert all(h.message for h in hits)


def test_suite_covers_at_least_thirty_kinds():
    assert len({c[0] for c in CASES}) >= 30
