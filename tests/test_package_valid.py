"""The package as committed passes every stage, and the report says so."""
from __future__ import annotations

from helpers import ROOT

from sisterties.checks.run import ALL_STAGES, validate


def test_committed_package_is_valid_in_every_stage(tmp_path):
    report = validate(ROOT, ALL_STAGES, docs_dir=tmp_path / "docs")
    assert report.failures == []
    assert report.stages_run == list(ALL_STAGES)
    assert (tmp_path / "docs" / "index.html").is_file()
    assert any("not verifiable" in n for n in report.notes)


def test_cli_validate_exit_status(pkg_copy, capsys):
    from sisterties.cli import main

    assert main(["validate", str(pkg_copy), "--fast"]) == 0
    (pkg_copy / "data" / "pairings.csv").write_text("broken\n", encoding="utf-8")
    assert main(["validate", str(pkg_copy), "--fast"]) == 1
    out = capsys.readouterr().out
    assert "data/pairings.csv" in out and "INVALID" in out
