"""Curation tools: sources add archives byte-for-byte and refuses duplicates; coverage reports."""
from __future__ import annotations

from helpers import ROOT, read_rows

from sisterties.checks.run import validate
from sisterties.cli import main
from sisterties.metadata.hashing import sha256_of


def test_sources_add_archives_and_refuses_the_same_text_twice(pkg_copy, tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_bytes("Sister cities 姊妹城市: a test article.\n".encode())
    args = ["sources", "add", str(article), "--url", "https://example.org/a", "--title", "A test",
            "--publisher", "Example", "--published", "2024-05", "--path", str(pkg_copy)]
    assert main(args) == 0
    sid = f"src-{sha256_of(article)[:12]}"
    row = next(r for r in read_rows(pkg_copy / "data" / "sources.csv") if r["source_id"] == sid)
    assert row["published_precision"] == "month" and row["archive_path"] == f"sources/{sid}.txt"
    assert (pkg_copy / row["archive_path"]).read_bytes() == article.read_bytes()
    assert validate(pkg_copy, ("files", "pandera")).ok
    assert main(args) == 2  # a refusal is a usage error: one line on stderr
    assert "already archived" in capsys.readouterr().err


def test_coverage_report_compares_with_stated_totals(capsys):
    assert main(["coverage", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "pairs in the package:" in out and "sister_pairs_total" in out


def test_extract_finds_every_curated_quote_and_its_speaker(tmp_path):
    from sisterties.curate.extract import evaluate, extract, write_review
    from sisterties.metadata.descriptor import Package

    pkg = Package(ROOT)
    first = evaluate(pkg, "src-995ae8d5aca7")
    assert first["span_recall"] == 1.0 and first["speaker_accuracy_on_matched"] == 1.0
    second = evaluate(pkg, "src-91d5c4534369")
    assert second["span_recall"] == 1.0
    xi = [c for c in extract(pkg, "src-995ae8d5aca7")["candidates"] if c["kind"] == "quote" and c["text"].startswith("He specifically")]
    assert xi[0]["speaker"] == "off-ouyang-weimin"
    review = write_review(pkg, "src-91d5c4534369", tmp_path)
    assert '"kind": "count"' in review.read_text(encoding="utf-8")


def test_extract_refuses_a_source_that_is_not_archived(capsys):
    import pytest

    from sisterties.curate.extract import extract
    from sisterties.metadata.descriptor import Package

    with pytest.raises(ValueError, match="not an archived source"):
        extract(Package(ROOT), "src-3afe335fb714")


def test_coverage_lists_the_strongest_source_kind_per_pairing(capsys):
    assert main(["coverage", str(ROOT), "--pairs"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "pairing_id,strongest_source_kind"
    kinds = dict(line.split(",") for line in lines[1:])
    assert kinds["CN-GD~US-MA"] == "news_article"
    assert len(kinds) == len(read_rows(ROOT / "data" / "pairings.csv"))
