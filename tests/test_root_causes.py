"""Root causes first: a table the files stage cannot read is never reported `ok` by a later stage;
the checks that needed it are summarised in one line each, in the text and in --json alike."""
from __future__ import annotations

import json

from helpers import read_rows

from sisterties.checks.run import validate
from sisterties.cli import main


def _extra_comma(pkg, row_index: int = 99) -> int:
    """Add one cell to one data row of pairings.csv; return its CSV row number."""
    path = pkg / "data" / "pairings.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[row_index + 1] = lines[row_index + 1].replace(",", ",,", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return row_index + 2


def test_one_extra_comma_gives_its_row_and_one_line_per_consequence(pkg_copy, capsys):
    row = _extra_comma(pkg_copy)
    report = validate(pkg_copy, ("files", "frictionless", "pandera"))
    assert not report.ok
    text = report.text().splitlines()
    assert text[0] == f"validating {pkg_copy.resolve()} (sisterties data {report.version})"
    assert any(f"data/pairings.csv, row {row}: [row_width]" in line for line in text)
    assert text[1].startswith("files ") and "failure(s)" in text[1]
    pandera = next(line for line in text if line.startswith("pandera "))
    assert "ok" not in pandera and "did not check data/pairings.csv" in pandera
    not_run = [line for line in text if "not run because data/pairings.csv could not be read" in line]
    assert len(not_run) == 1 and f"row_width at row {row}" in not_run[0] and "citations: citation_target" in not_run[0]
    assert "quotes.about_pairing_id: foreign key into pairings" in not_run[0]
    follow = [line for line in text if "follow-on failure(s) (" in line]
    assert len(follow) == 1 and follow[0].startswith(f"  [frictionless] data/pairings.csv, row {row}:")
    assert not any("[citation_target]" in line for line in text)  # no failure per citing row
    assert len(text) < 15
    assert text[-1].startswith("INVALID: 2 failure(s)")

    assert main(["validate", str(pkg_copy), "--stages", "files,frictionless,pandera", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["folder"] == str(pkg_copy.resolve()) and data["valid"] is False
    assert [f["rule"] for f in data["failures"]] == ["row_width", "csv_parse"]
    assert [(g["stage"], g["file"], g["row"]) for g in data["follow_on"]] == [("frictionless", "data/pairings.csv", row)]
    assert len(data["follow_on"][0]["failures"]) >= 1
    assert [(n["stage"], n["because"]) for n in data["not_run"]] == [("pandera", "data/pairings.csv")]
    assert data["not_run"][0]["count"] > 1 and "citations: citation_target" in data["not_run"][0]["checks"]
    assert data["summary"] == text[-1]


def test_a_stage_run_alone_on_an_unreadable_table_does_not_say_ok(pkg_copy, capsys):
    _extra_comma(pkg_copy)
    assert main(["validate", str(pkg_copy), "--stages", "pandera"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("pandera ") and "did not check data/pairings.csv" in out[1] and " ok" not in out[1]
    assert out[-1].startswith("INVALID")


def test_a_missing_table_lists_the_keys_and_rules_that_needed_it(pkg_copy):
    (pkg_copy / "data" / "jurisdictions.csv").unlink()
    report = validate(pkg_copy, ("files", "pandera", "expectations"))
    assert [f.rule for f in report.failures] == ["file_missing"]
    by_stage = {n.stage: n for n in report.not_run}
    pandera = by_stage["pandera"]
    assert pandera.because == "data/jurisdictions.csv" and pandera.reason == "file_missing"
    assert "pairings.cn_jurisdiction_id: foreign key into jurisdictions" in pandera.checks
    assert any(c.startswith("pairings: ") for c in pandera.checks[1:])  # the cross-table rules on pairings
    assert by_stage["expectations"].checks[0].startswith("jurisdictions: all ")
    assert not report.ok and "check(s) not run" in report.summary()


def test_a_valid_package_reports_ok_and_nothing_not_run(pkg_copy, capsys):
    assert main(["validate", str(pkg_copy), "--fast", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["valid"] is True and data["not_run"] == [] and data["follow_on"] == [] and data["failures"] == []
    assert data["summary"] == "VALID"
    assert len(read_rows(pkg_copy / "data" / "pairings.csv")) > 100
