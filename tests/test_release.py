"""Release building: reproducible archives, the registry, diffs and the versioning rule."""
from __future__ import annotations

import json
import zipfile

import pytest
from helpers import ROOT, read_rows, write_rows

from sisterties.cli import main
from sisterties.metadata.hashing import sha256_of
from sisterties.release.build import ReleaseBuildError, build_archive, registry_with, write_checksums


def test_archive_is_byte_reproducible(tmp_path):
    a = build_archive(ROOT, tmp_path / "a")
    b = build_archive(ROOT, tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()
    names = zipfile.ZipFile(a).namelist()
    assert names == sorted(names)
    for needed in ("datapackage.json", "data/pairings.csv", "schemas/quotes.schema.json", "docs/codebook.md",
                   "CITATION.cff", "LICENSE", "README.md", "sources/src-995ae8d5aca7.txt"):
        assert needed in names
    assert {i.date_time for i in zipfile.ZipFile(a).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_checksums_file_matches_sha256sum_format(tmp_path):
    archive = build_archive(ROOT, tmp_path)
    sums = write_checksums(tmp_path).read_text()
    assert sums == f"{sha256_of(archive)}  {archive.name}\n"


def test_registry_refuses_a_changed_release(tmp_path):
    released = tmp_path / "registry.json"
    released.write_text(json.dumps({"releases": [{"version": "0.1.0", "sha256": "a" * 64}]}))
    with pytest.raises(ReleaseBuildError, match="bump the version"):
        registry_with(released, "0.1.0", "b" * 64, tmp_path / "out.json")
    out = registry_with(released, "0.2.0", "b" * 64, tmp_path / "out.json")
    # only `sisterties release` registers a version: a build of an unregistered one adds nothing
    assert [r["version"] for r in json.loads(out.read_text())["releases"]] == ["0.1.0"]


def _set_version(root, version):
    d = json.loads((root / "datapackage.json").read_text())
    d["version"] = version
    (root / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False, indent=2) + "\n")


def test_diff_reports_rows_and_fields(pkg_copy, capsys):
    rows = read_rows(pkg_copy / "data" / "claims.csv")
    rows[0]["value"] = "50"
    removed = rows.pop()
    write_rows(pkg_copy / "data" / "claims.csv", rows)
    _set_version(pkg_copy, "0.1.1")
    status = main(["diff", str(ROOT), str(pkg_copy)])
    out = capsys.readouterr().out
    assert "| claims | 0 | 1 | 1 |" in out
    assert "value" in out
    assert status == 1 and f"claims:{removed['claim_id']}" in out  # removal not recorded as retired
    write_rows(pkg_copy / "data" / "retired_ids.csv",
               [{"retired_id": removed["claim_id"], "table_name": "claims", "retired_in": "0.1.1",
                 "reason": "test", "replaced_by": ""}],
               ["retired_id", "table_name", "retired_in", "reason", "replaced_by"])
    assert main(["diff", str(ROOT), str(pkg_copy)]) == 0


def test_incompatible_schema_change_needs_a_major_version(pkg_copy, capsys):
    path = pkg_copy / "schemas" / "claims.schema.json"
    schema = json.loads(path.read_text())
    schema["fields"][2]["type"] = "integer"  # value: number -> integer
    path.write_text(json.dumps(schema, indent=2))
    _set_version(pkg_copy, "0.2.0")
    assert main(["diff", str(ROOT), str(pkg_copy)]) == 1
    assert "without a new major version" in capsys.readouterr().out
    _set_version(pkg_copy, "1.0.0")
    assert main(["diff", str(ROOT), str(pkg_copy)]) == 0


def test_codebook_is_in_sync():
    assert main(["codebook", str(ROOT), "--check"]) == 0
