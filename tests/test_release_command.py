"""`sisterties release` end to end in throwaway git repositories made from this work tree:
the two commits it makes, what they hold, the DOI step, and each refusal (nothing written)."""
from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import jsonschema
import pytest
from helpers import ROOT, read_rows, write_rows
from release_repo import clean, git, has_git_tree, make_repo

from sisterties.cli import main
from sisterties.metadata.citation import cite
from sisterties.metadata.descriptor import Package
from sisterties.metadata.hashing import sha256_of
from sisterties.release import citation_files, registry
from sisterties.release.assets import AssetError, gather
from sisterties.release.build import build_archive

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not has_git_tree(), reason="needs this work tree's git repository and the git command")]

DATE = "2026-12-05"


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    """A repository in which `sisterties release 0.1.0` ran once (the first release)."""
    repo = make_repo(tmp_path_factory.mktemp("released") / "repo")
    assert registry.read(repo / registry.REGISTRY) == [], "this work tree already registers a release: the fixture cuts the first one"
    assert main(["release", "0.1.0", "--path", str(repo), "--date", DATE]) == 0
    return repo


@pytest.fixture
def repo(released, tmp_path) -> Path:
    """A private copy of the released repository, to change and refuse in."""
    return Path(shutil.copytree(released, tmp_path / "repo", symlinks=True))


def _refused(capsys, *argv: str) -> str:
    assert main(["release", *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("sisterties release: refused: ") and err.count("\n") == 1, err
    return err


def _commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", message)


def _note_change(repo: Path, text: str) -> None:
    path = repo / "CHANGELOG.md"
    path.write_text(path.read_text(encoding="utf-8").replace("## Unreleased\n\n", f"## Unreleased\n\n{text}\n\n", 1), encoding="utf-8")


def test_first_release_commits_the_bookkeeping(released):
    log = git(released, "log", "--format=%s", "-3").splitlines()
    assert log == ["Start 0.2.0-dev, the development version after 0.1.0", "Release 0.1.0", "work tree under test"]
    assert clean(released)
    [entry] = registry.read(released / registry.REGISTRY)
    archive = released / "releases" / "archives" / "sisterties-data-0.1.0.zip"
    assert (entry.version, entry.date, entry.archive, entry.doi) == ("0.1.0", DATE, archive.name, None)
    assert entry.sha256 == sha256_of(archive) and entry.size == archive.stat().st_size
    assert "releases/archives/sisterties-data-0.1.0.zip" in git(released, "ls-files", "releases")
    # the tagged commit holds version 0.1.0 and rebuilds to exactly the registered bytes
    tagged = released.parent / "tagged"
    git(released, "worktree", "add", "--quiet", "--detach", str(tagged), "HEAD~1")
    assert json.loads((tagged / "datapackage.json").read_text())["version"] == "0.1.0"
    assert sha256_of(build_archive(tagged, released.parent / "rebuilt")) == entry.sha256
    with zipfile.ZipFile(archive) as zf:
        assert json.loads(zf.read("datapackage.json"))["version"] == "0.1.0"
        assert "## 0.1.0 — 2026-12-05" in zf.read("CHANGELOG.md").decode()
        assert "Version 0.1.0." in zf.read("docs/codebook.md").decode()
    # after the release: the next development version, an empty unreleased section
    assert json.loads((released / "datapackage.json").read_text())["version"] == "0.2.0-dev"
    assert "Version 0.2.0-dev." in (released / "docs" / "codebook.md").read_text()
    changelog = (released / "CHANGELOG.md").read_text()
    assert changelog.index("## Unreleased\n\n## 0.1.0 — 2026-12-05") > 0
    assert "unreleased" not in changelog.split("## 0.1.0")[1].lower()
    assert "Rows in 0.1.0, the first release" in changelog.split("## 0.1.0")[1]
    pairings = len(read_rows(released / "data" / "pairings.csv"))
    assert f"| pairings | {pairings} | 0 | 0 |" in changelog


def test_citation_files_name_the_release(released):
    cff = (released / "CITATION.cff").read_text()
    assert 'version: "0.1.0"' in cff and f'date-released: "{DATE}"' in cff
    assert 'url: "https://github.com/sisterties/sisterties/releases/tag/v0.1.0"' in cff
    assert cff == citation_files.expected(released)["CITATION.cff"]
    zenodo = json.loads((released / ".zenodo.json").read_text())
    schema = json.loads((ROOT / "tests" / "zenodo_schema.json").read_text())
    jsonschema.validate(zenodo, schema)
    assert (zenodo["version"], zenodo["publication_date"], zenodo["license"]) == ("0.1.0", DATE, "CC-BY-4.0")
    assert main(["release", "--check", "--path", str(released)]) == 0


def test_zenodo_schema_refuses_a_bad_shape():
    schema = json.loads((ROOT / "tests" / "zenodo_schema.json").read_text())
    good = citation_files.zenodo_metadata(json.loads((ROOT / "datapackage.json").read_text()) | {"version": "1.0.0"},
                                          {"date": DATE})
    jsonschema.validate(good, schema)
    for broken in ({**good, "upload_type": "data"}, {**good, "creators": []}, {**good, "licence": "CC-BY-4.0"},
                   {**good, "related_identifiers": [{"identifier": "x", "relation": "supplements"}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)


def test_doi_is_recorded_and_cited(repo, capsys):
    _refused(capsys, "0.1.0", "--doi", "https://doi.org/10.5281/zenodo.1", "--path", str(repo))
    _refused(capsys, "0.3.0", "--doi", "10.5281/zenodo.1", "--path", str(repo))
    assert main(["release", "0.1.0", "--doi", "10.5281/zenodo.4242", "--path", str(repo)]) == 0
    assert clean(repo) and git(repo, "log", "-1", "--format=%s").startswith("Record the DOI of 0.1.0")
    [entry] = registry.read(repo / registry.REGISTRY)
    assert entry.doi == "10.5281/zenodo.4242"
    cff = (repo / "CITATION.cff").read_text()
    assert 'doi: "10.5281/zenodo.4242"' in cff and 'url: "https://doi.org/10.5281/zenodo.4242"' in cff
    descriptor = registry.released_descriptor(repo, entry)
    assert cite(descriptor, "apa", entry.citation_facts()).endswith("[Data set]. https://doi.org/10.5281/zenodo.4242")
    assert "doi = {10.5281/zenodo.4242}" in cite(descriptor, "bibtex", entry.citation_facts())
    assert main(["release", "--check", "--path", str(repo)]) == 0


def test_refuses_a_dirty_tree_a_bad_number_and_no_git(repo, pkg_copy, capsys):
    head = git(repo, "rev-parse", "HEAD")
    (repo / "data" / "notes.txt").write_text("scratch")
    assert "uncommitted changes" in _refused(capsys, "0.2.0", "--path", str(repo))
    (repo / "data" / "notes.txt").unlink()
    for bad in ("0.2", "v0.2.0", "0.2.0-dev", "01.2.0"):
        assert "is not a release number" in _refused(capsys, bad, "--path", str(repo))
    assert "not a date" in _refused(capsys, "0.2.0", "--date", "5 Dec 2026", "--path", str(repo))
    assert "not the top folder of a git work tree" in _refused(capsys, "0.2.0", "--path", str(pkg_copy))
    assert git(repo, "rev-parse", "HEAD") == head and clean(repo)


def test_refuses_a_number_not_above_the_last_or_already_released(repo, capsys):
    assert "not above the last release, 0.1.0" in _refused(capsys, "0.0.9", "--path", str(repo))
    assert "already released" in _refused(capsys, "0.1.0", "--path", str(repo))
    assert "unreleased section is empty" in _refused(capsys, "0.1.1", "--path", str(repo))


def test_refuses_a_number_that_breaks_the_versioning_rule(repo, capsys):
    rows = read_rows(repo / "data" / "officials.csv")
    write_rows(repo / "data" / "officials.csv", rows + [{**rows[-1], "official_id": "off-test-person"}])
    _note_change(repo, "One more official.")
    _commit_all(repo, "a new row")
    err = _refused(capsys, "0.1.1", "--path", str(repo))
    assert "breaks the versioning rule" in err and "need a minor release (officials: 1 rows added)" in err and "0.2.0, 1.0.0" in err
    git(repo, "tag", "v0.2.0")
    assert "tag v0.2.0 already exists" in _refused(capsys, "0.2.0", "--path", str(repo))
    schema_path = repo / "schemas" / "claims.schema.json"
    schema = json.loads(schema_path.read_text())
    schema["fields"][2]["type"] = "integer"
    schema_path.write_text(json.dumps(schema, indent=2))
    _commit_all(repo, "a breaking schema change")
    err = _refused(capsys, "0.3.0", "--path", str(repo))
    assert "need a major release" in err and "type number → integer" in err and "one of 1.0.0" in err


def test_refuses_a_removed_row_without_retired_id(repo, capsys):
    rows = read_rows(repo / "data" / "claims.csv")
    write_rows(repo / "data" / "claims.csv", rows[:-1])
    _note_change(repo, "A claim removed.")
    _commit_all(repo, "a removed row")
    assert f"not recorded in retired_ids: claims:{rows[-1]['claim_id']}" in _refused(capsys, "0.1.1", "--path", str(repo))


def test_refuses_a_package_that_does_not_validate(repo, capsys):
    rows = read_rows(repo / "data" / "claims.csv")
    rows[-1]["value"] = "many"
    write_rows(repo / "data" / "claims.csv", rows)
    _note_change(repo, "A broken value.")
    _commit_all(repo, "an invalid value")
    head = git(repo, "rev-parse", "HEAD")
    assert "does not validate" in _refused(capsys, "0.1.1", "--path", str(repo))
    assert git(repo, "rev-parse", "HEAD") == head and clean(repo)


def test_a_failed_commit_puts_everything_back(repo, capsys):
    rows = read_rows(repo / "data" / "claims.csv")
    rows[-1]["note"] = (rows[-1]["note"] + " Checked again.").strip()
    write_rows(repo / "data" / "claims.csv", rows)
    _note_change(repo, "A note corrected.")
    _commit_all(repo, "a correction")
    head = git(repo, "rev-parse", "HEAD")
    git(repo, "config", "commit.gpgsign", "true")
    git(repo, "config", "gpg.program", "false")  # every commit now fails
    assert main(["release", "0.1.1", "--path", str(repo)]) == 1
    assert "git commit" in capsys.readouterr().err
    assert git(repo, "rev-parse", "HEAD") == head and clean(repo)
    assert not (repo / "releases" / "archives" / "sisterties-data-0.1.1.zip").exists()
    assert [r.version for r in registry.read(repo / registry.REGISTRY)] == ["0.1.0"]


def test_a_patch_release_after_a_correction(repo, capsys):
    rows = read_rows(repo / "data" / "claims.csv")
    rows[-1]["note"] = (rows[-1]["note"] + " Checked again.").strip()
    write_rows(repo / "data" / "claims.csv", rows)
    _note_change(repo, "A note corrected.")
    _commit_all(repo, "a correction")
    assert "one of 0.1.1, 0.2.0, 1.0.0" in _refused(capsys, "0.1.3", "--path", str(repo))  # skips a number
    assert main(["release", "0.1.1", "--path", str(repo), "--date", "2026-12-06"]) == 0
    out = capsys.readouterr().out
    assert "git tag -a v0.1.1" in out and "need a patch release" in out
    assert [r.version for r in registry.read(repo / registry.REGISTRY)] == ["0.1.0", "0.1.1"]
    changelog = (repo / "CHANGELOG.md").read_text()
    section = changelog.split("## 0.1.1 — 2026-12-06")[1].split("## 0.1.0")[0]
    assert "A note corrected." in section and "Data changes 0.1.0 → 0.1.1" in section
    assert "| claims | 0 | 0 | 1 |" in section and f"- claims `{rows[-1]['claim_id']}`: note" in section
    assert 'version: "0.1.1"' in (repo / "CITATION.cff").read_text()
    assert json.loads((repo / "datapackage.json").read_text())["version"] == "0.2.0-dev"
    assert main(["release", "--check", "--path", str(repo)]) == 0


def _dist_of(tree: Path, dist: Path) -> Path:
    """What `sisterties build` writes, without the validation and with stand-ins for the wheel and sdist."""
    from sisterties.release.formats import write_all

    pkg = Package(tree)
    build_archive(tree, dist)
    write_all(pkg, dist)
    (dist / f"sisterties-{pkg.version}-py3-none-any.whl").write_bytes(b"wheel")
    (dist / f"sisterties-{pkg.version}.tar.gz").write_bytes(b"sdist")
    return dist


def test_release_assets_of_a_tag_use_the_registered_archive(released, tmp_path):
    tree = tmp_path / "tag"
    git(released, "worktree", "add", "--quiet", "--detach", str(tree), "HEAD~1")
    dist = _dist_of(tree, tmp_path / "dist")
    with pytest.raises(AssetError, match="does not name the package's version 0.1.0"):
        gather(tree, dist, tmp_path / "out", tag="v0.1.1")
    files = {p.name for p in gather(tree, dist, tmp_path / "out", tag="v0.1.0")}
    tables = Package(tree).table_names
    assert {"sisterties-data-0.1.0.zip", "datapackage.json", "codebook.md", "sisterties-0.1.0.xlsx", "sisterties-0.1.0.sqlite",
            "sisterties-0.1.0-py3-none-any.whl", "sisterties-0.1.0.tar.gz", "SHA256SUMS"} | {f"{t}.csv" for t in tables} \
        | {f"{t}.parquet" for t in tables} == files
    assets = tmp_path / "out" / "assets"
    [entry] = registry.read(released / registry.REGISTRY)
    assert sha256_of(assets / "sisterties-data-0.1.0.zip") == entry.sha256
    check = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=assets, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == len(files) - 1, check.stdout + check.stderr
    assert sorted(p.name for p in (tmp_path / "out" / "pypi").iterdir()) == ["sisterties-0.1.0-py3-none-any.whl", "sisterties-0.1.0.tar.gz"]
    assert (tmp_path / "out" / "notes.md").read_text().startswith("First version: the tables")
    # a tagged tree whose data differ from the released archive is refused
    rows = read_rows(tree / "data" / "claims.csv")
    write_rows(tree / "data" / "claims.csv", rows[:-1])
    build_archive(tree, dist)
    with pytest.raises(AssetError, match="does not hold the same files"):
        gather(tree, dist, tmp_path / "out", tag="v0.1.0")


def test_release_assets_of_an_unregistered_tag_are_refused(repo, tmp_path):
    dist = _dist_of(repo, tmp_path / "dist")  # the development version 0.2.0-dev
    assert {p.name for p in gather(repo, dist, tmp_path / "out")} >= {"sisterties-data-0.2.0-dev.zip", "SHA256SUMS"}
    with pytest.raises(AssetError, match="is not in releases/registry.json"):
        gather(repo, dist, tmp_path / "out", tag="v0.2.0-dev")
