"""The corruption suite for events, laws and the columns derived from them (issue #10).

As in ``test_corruptions.py``: one corruption at a time on a scratch copy, and validation must
fail naming the file, the CSV row (header = row 1) and the rule. Rows are found by their keys,
not by position, so adding events does not break the cases.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import read_rows, write_rows

from sisterties.checks.run import validate

FAST = ("files", "frictionless", "pandera")
TODAY = dt.date(2026, 12, 5)
TERMINATED = "CN-HB-xiangyang~US-IN-carmel-terminated-01"
IN_USE = "CN-GD~US-MA-in_use-01"
LAW_EVENT = "CN-GZ-guiyang~US-TX-fort-worth-required_to_end-01"
ESTABLISHED = "CN-JS-nanjing~US-MO-st-louis-established-01"


def _edit(root: Path, table: str, key: str, value: str, **cells) -> int:
    """Set cells of the row whose ``key`` column is ``value``; return its CSV row number."""
    path = root / "data" / f"{table}.csv"
    rows = read_rows(path)
    index = next(i for i, r in enumerate(rows) if r[key] == value)
    rows[index].update(cells)
    write_rows(path, rows)
    return index + 2


def _row(root: Path, table: str, key: str, value: str) -> int:
    return next(i for i, r in enumerate(read_rows(root / "data" / f"{table}.csv")) if r[key] == value) + 2


def _cell(root: Path, table: str, key: str, value: str, column: str) -> str:
    return next(r[column] for r in read_rows(root / "data" / f"{table}.csv") if r[key] == value)


def _hits(report, file: str, row: int | None, rules: set[str]):
    return [f for f in report.failures if f.file == file and f.rule in rules and (row is None or f.row == row)]


def _assert_caught(report, file, row, rules):
    assert not report.ok
    hits = _hits(report, file, row, rules)
    assert hits, f"expected {file} row {row} rule in {rules}; got:\n" + report.text()
    assert all(h.message for h in hits)


def test_event_dated_after_today(pkg_copy):
    row = _edit(pkg_copy, "pairing_events", "event_id", IN_USE, date="2027-01-02")
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/pairing_events.csv", row, {"date_not_after_today"})


def test_event_for_a_missing_pairing(pkg_copy):
    row = _edit(pkg_copy, "pairing_events", "event_id", TERMINATED, pairing_id="CN-HB-xiangfan~US-IN-carmel")
    report = validate(pkg_copy, FAST, as_of=TODAY)
    _assert_caught(report, "data/pairing_events.csv", row, {"foreign_key", "foreign-key"})


def test_status_that_disagrees_with_the_events(pkg_copy):
    pid = "CN-HB-xiangyang~US-IN-carmel"
    row = _edit(pkg_copy, "pairings", "pairing_id", pid, status="active")
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/pairings.csv", row, {"status_from_events"})


def test_status_as_of_that_disagrees_with_the_events(pkg_copy):
    pid = "CN-HB-xiangyang~US-IN-carmel"
    row = _edit(pkg_copy, "pairings", "pairing_id", pid, status_as_of="2024-03")
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/pairings.csv", row, {"status_from_events"})


def test_removing_the_deciding_event_changes_the_status(pkg_copy):
    path = pkg_copy / "data" / "pairing_events.csv"
    write_rows(path, [r for r in read_rows(path) if r["event_id"] != TERMINATED])
    row = _row(pkg_copy, "pairings", "pairing_id", "CN-HB-xiangyang~US-IN-carmel")
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/pairings.csv", row, {"status_from_events"})


def test_required_to_end_without_a_law(pkg_copy):
    row = _edit(pkg_copy, "pairing_events", "event_id", LAW_EVENT, law_id="")
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/pairing_events.csv", row, {"event_law"})


def test_law_on_an_event_that_is_not_required_to_end(pkg_copy):
    row = _edit(pkg_copy, "pairing_events", "event_id", IN_USE, law_id="US-TX-hb-128-2025")
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/pairing_events.csv", row, {"event_law"})


def test_independent_sources_overstated(pkg_copy):
    pid = "CN-GD~US-MA"
    n = int(_cell(pkg_copy, "pairings", "pairing_id", pid, "independent_sources"))
    row = _edit(pkg_copy, "pairings", "pairing_id", pid, independent_sources=str(n + 1))
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/pairings.csv", row, {"independent_sources"})


def test_a_mirror_counts_once(pkg_copy):
    """Without its original_publisher, China Daily's copy of a Xinhua report counts as a second publisher beside Xinhua."""
    pid = "CN-BJ~US-DC"
    _edit(pkg_copy, "sources", "source_id", "src-d3127d36aa24", original_publisher="")
    row = _row(pkg_copy, "pairings", "pairing_id", pid)
    report = validate(pkg_copy, FAST, as_of=TODAY)
    _assert_caught(report, "data/pairings.csv", row, {"independent_sources"})


def test_established_disagreeing_with_its_event(pkg_copy):
    pid = ESTABLISHED.rsplit("-established-", 1)[0]
    year = _cell(pkg_copy, "pairing_events", "event_id", ESTABLISHED, "date")
    _edit(pkg_copy, "pairing_events", "event_id", ESTABLISHED, date=str(int(year[:4]) + 1) + year[4:])
    row = _row(pkg_copy, "pairings", "pairing_id", pid)
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/pairings.csv", row, {"established_event"})


def test_established_without_its_event(pkg_copy):
    path = pkg_copy / "data" / "pairing_events.csv"
    write_rows(path, [r for r in read_rows(path) if r["event_id"] != ESTABLISHED])
    row = _row(pkg_copy, "pairings", "pairing_id", ESTABLISHED.rsplit("-established-", 1)[0])
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/pairings.csv", row, {"established_event"})


def test_event_id_not_composed(pkg_copy):
    row = _edit(pkg_copy, "pairing_events", "event_id", TERMINATED, event_id="CN-HB-xiangyang~US-IN-carmel-lapsed-01")
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/pairing_events.csv", row, {"event_id_composed"})


def test_in_use_without_a_date(pkg_copy):
    row = _edit(pkg_copy, "pairing_events", "event_id", IN_USE, date="", date_basis="")
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/pairing_events.csv", row, {"event_date_present"})


def test_term_end_on_an_event_that_is_not_an_agreement(pkg_copy):
    row = _edit(pkg_copy, "pairing_events", "event_id", IN_USE, term_end="2030")
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/pairing_events.csv", row, {"term_end_of_agreement"})


def test_event_before_the_establishment(pkg_copy):
    row = _edit(pkg_copy, "pairing_events", "event_id", IN_USE, date="1980")
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/pairing_events.csv", row, {"event_not_before_established"})


def test_disputed_date_without_its_dissent(pkg_copy):
    row = _edit(pkg_copy, "pairing_events", "event_id", IN_USE, date_basis="disputed", date_note="")
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/pairing_events.csv", row, {"date_precision_basis"})


def test_law_id_not_composed(pkg_copy):
    row = _edit(pkg_copy, "laws", "law_id", "US-TX-hb-128-2025", bill_number="HB 129")
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/laws.csv", row, {"law_id_composed"})


def test_law_in_force_before_it_takes_effect(pkg_copy):
    row = _edit(pkg_copy, "laws", "law_id", "US-TX-hb-128-2025", effective="2027-09")
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/laws.csv", row, {"law_in_force"})


def test_law_signed_after_today(pkg_copy):
    row = _edit(pkg_copy, "laws", "law_id", "US-TX-hb-128-2025", signed="2027-01-05")
    _assert_caught(validate(pkg_copy, FAST, as_of=TODAY), "data/laws.csv", row, {"date_not_after_today"})


def test_a_passing_term_makes_a_status_stale(pkg_copy):
    """Cupertino's friendship ties are renewed to 2027: validated as of 2028, their 'active' status is stale."""
    report = validate(pkg_copy, FAST, as_of=dt.date(2028, 1, 1))
    for pid in ("CN-ZJ-tongxiang~US-CA-cupertino", "CN-HB-xianning~US-CA-cupertino"):
        _assert_caught(report, "data/pairings.csv", _row(pkg_copy, "pairings", "pairing_id", pid), {"status_from_events"})


def test_before_the_deadline_a_law_does_not_end_a_tie(pkg_copy):
    """As of 2025-09-01, before HB 128's deadline, Fort Worth's tie was active: the stored required_to_end no longer holds."""
    report = validate(pkg_copy, FAST, as_of=dt.date(2025, 9, 1))
    _assert_caught(report, "data/pairings.csv", _row(pkg_copy, "pairings", "pairing_id", "CN-GZ-guiyang~US-TX-fort-worth"),
                   {"status_from_events"})


@pytest.mark.parametrize("argv", [["validate", "--fast", "--as-of", "5 Dec 2026"], ["derive", "--check", "--as-of", "2026-13-01"]])
def test_bad_validation_date_is_one_line_on_stderr(pkg_copy, capsys, argv):
    from sisterties.cli import main

    argv = [argv[0], str(pkg_copy), *argv[1:]]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "YYYY-MM-DD" in err[0]


def test_derive_repairs_what_validation_reports(pkg_copy, capsys):
    from sisterties.cli import main

    assert main(["derive", str(pkg_copy), "--check", "--as-of", "2026-12-05"]) == 0
    _edit(pkg_copy, "pairings", "pairing_id", "CN-HB-xiangyang~US-IN-carmel", status="active", independent_sources="1")
    assert main(["derive", str(pkg_copy), "--check", "--as-of", "2026-12-05"]) == 1
    out = capsys.readouterr().out
    assert "CN-HB-xiangyang~US-IN-carmel: status active → terminated" in out
    assert main(["derive", str(pkg_copy), "--as-of", "2026-12-05"]) == 0
    assert validate(pkg_copy, FAST, as_of=TODAY).ok


def test_derive_adds_a_missing_established_event(pkg_copy, capsys):
    from sisterties.cli import main

    path = pkg_copy / "data" / "pairing_events.csv"
    original = path.read_bytes()
    write_rows(path, [r for r in read_rows(path) if r["event_id"] != ESTABLISHED])
    assert not validate(pkg_copy, FAST, as_of=TODAY).ok
    assert main(["derive", str(pkg_copy), "--add-established", "--as-of", "2026-12-05"]) == 0
    assert f"added {ESTABLISHED}" in capsys.readouterr().out
    assert validate(pkg_copy, FAST, as_of=TODAY).ok
    assert {r["event_id"] for r in read_rows(path)} == {r["event_id"] for r in read_rows_bytes(original)}


def read_rows_bytes(raw: bytes) -> list[dict[str, str]]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
