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
from release_repo import clean, git, has_git_tree, make_repo, note_unreleased_change

from sisterties.cli import main
from sisterties.metadata.citation import cite
from sisterties.metadata.descriptor import Package
from sisterties.metadata.hashing import sha256_of
from sisterties.release import changelog, citation_files, registry
from sisterties.release.assets import AssetError, gather
from sisterties.release.build import build_archive

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not has_git_tree(), reason="needs this work tree's git repository and the git command")]

DATE = "2026-12-05"
# The tests cut V: the first release (0.1.0) while this work tree registers none, else the minor after its latest.
LAST = registry.latest(registry.read(ROOT / registry.REGISTRY))
V = "0.1.0" if LAST is None else registry.dev_version(LAST.version).removesuffix(registry.DEV_SUFFIX)
MAJ, MIN, PAT = registry.parse_number(V)
PATCH, MINOR, MAJOR, DEV = f"{MAJ}.{MIN}.{PAT + 1}", f"{MAJ}.{MIN + 1}.0", f"{MAJ + 1}.0.0", registry.dev_version(V)


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    """A repository in which `sisterties release V` ran once."""
    repo = make_repo(tmp_path_factory.mktemp("released") / "repo")
    if LAST is not None:
        note_unreleased_change(repo)
    assert main(["release", V, "--path", str(repo), "--date", DATE]) == 0
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
    log = git(released, "log", "--format=%s", "-2").splitlines()
    assert log == [f"Start {DEV}, the development version after {V}", f"Release {V}"]
    assert clean(released)
    entry = registry.latest(registry.read(released / registry.REGISTRY))
    archive = released / "releases" / "archives" / f"sisterties-data-{V}.zip"
    assert (entry.version, entry.date, entry.archive, entry.doi) == (V, DATE, archive.name, None)
    assert entry.sha256 == sha256_of(archive) and entry.size == archive.stat().st_size
    assert f"releases/archives/sisterties-data-{V}.zip" in git(released, "ls-files", "releases")
    # the tagged commit holds version V and rebuilds to exactly the registered bytes
    tagged = released.parent / "tagged"
    git(released, "worktree", "add", "--quiet", "--detach", str(tagged), "HEAD~1")
    assert json.loads((tagged / "datapackage.json").read_text())["version"] == V
    assert sha256_of(build_archive(tagged, released.parent / "rebuilt")) == entry.sha256
    with zipfile.ZipFile(archive) as zf:
        assert json.loads(zf.read("datapackage.json"))["version"] == V
        assert f"## {V} — {DATE}" in zf.read("CHANGELOG.md").decode()
        assert f"Version {V}." in zf.read("docs/codebook.md").decode()
    # after the release: the next development version, an empty unreleased section
    assert json.loads((released / "datapackage.json").read_text())["version"] == DEV
    assert f"Version {DEV}." in (released / "docs" / "codebook.md").read_text()
    text = (released / "CHANGELOG.md").read_text()
    assert text.index(f"## Unreleased\n\n## {V} — {DATE}") > 0
    section = changelog.section(text, V)
    assert [h for h in text.splitlines() if h.startswith("## ") and "unreleased" in h.lower()] == ["## Unreleased"]
    pairings = len(read_rows(released / "data" / "pairings.csv"))
    if LAST is None:
        assert "Rows in 0.1.0, the first release" in section and f"| pairings | {pairings} | 0 | 0 |" in section
    else:
        assert f"Data changes {LAST.version} → {V}" in section


def test_citation_files_name_the_release(released):
    cff = (released / "CITATION.cff").read_text()
    assert f'version: "{V}"' in cff and f'date-released: "{DATE}"' in cff
    assert f'url: "https://github.com/sisterties/sisterties/releases/tag/v{V}"' in cff
    assert cff == citation_files.expected(released)["CITATION.cff"]
    zenodo = json.loads((released / ".zenodo.json").read_text())
    schema = json.loads((ROOT / "tests" / "zenodo_schema.json").read_text())
    jsonschema.validate(zenodo, schema)
    assert (zenodo["version"], zenodo["publication_date"], zenodo["license"]) == (V, DATE, "CC-BY-4.0")
    assert main(["release", "--check", "--path", str(released)]) == 0


def test_zenodo_schema_refuses_a_bad_shape():
    schema = json.loads((ROOT / "tests" / "zenodo_schema.json").read_text())
    good = citation_files.zenodo_metadata(json.loads((ROOT / "datapackage.json").read_text()) | {"version": "1.0.0"},
                                          {"date": DATE})
    jsonschema.validate(good, schema)
    if (ROOT / ".zenodo.json").is_file():  # the repository's own, once a release is registered
        jsonschema.validate(json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8")), schema)
    for broken in ({**good, "upload_type": "data"}, {**good, "creators": []}, {**good, "licence": "CC-BY-4.0"},
                   {**good, "related_identifiers": [{"identifier": "x", "relation": "supplements"}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)


def test_doi_is_recorded_and_cited(repo, capsys):
    _refused(capsys, V, "--doi", "https://doi.org/10.5281/zenodo.1", "--path", str(repo))
    _refused(capsys, MAJOR, "--doi", "10.5281/zenodo.1", "--path", str(repo))
    assert main(["release", V, "--doi", "10.5281/zenodo.4242", "--path", str(repo)]) == 0
    assert clean(repo) and git(repo, "log", "-1", "--format=%s").startswith(f"Record the DOI of {V}")
    entry = registry.latest(registry.read(repo / registry.REGISTRY))
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
    assert "uncommitted changes" in _refused(capsys, MINOR, "--path", str(repo))
    (repo / "data" / "notes.txt").unlink()
    for bad in ("0.2", f"v{MINOR}", DEV, "01.2.0"):
        assert "is not a release number" in _refused(capsys, bad, "--path", str(repo))
    assert "not a date" in _refused(capsys, MINOR, "--date", "5 Dec 2026", "--path", str(repo))
    assert "not the top folder of a git work tree" in _refused(capsys, MINOR, "--path", str(pkg_copy))
    assert git(repo, "rev-parse", "HEAD") == head and clean(repo)


def test_refuses_a_number_not_above_the_last_or_already_released(repo, capsys):
    assert f"not above the last release, {V}" in _refused(capsys, "0.0.1", "--path", str(repo))
    assert "already released" in _refused(capsys, V, "--path", str(repo))
    assert "unreleased section is empty" in _refused(capsys, PATCH, "--path", str(repo))


def test_refuses_a_number_that_breaks_the_versioning_rule(repo, capsys):
    rows = read_rows(repo / "data" / "officials.csv")
    write_rows(repo / "data" / "officials.csv", rows + [{**rows[-1], "official_id": "off-test-person"}])
    _note_change(repo, "One more official.")
    _commit_all(repo, "a new row")
    err = _refused(capsys, PATCH, "--path", str(repo))
    assert "breaks the versioning rule" in err and "need a minor release (officials: 1 rows added)" in err and f"{MINOR}, {MAJOR}" in err
    git(repo, "tag", f"v{MINOR}")
    assert f"tag v{MINOR} already exists" in _refused(capsys, MINOR, "--path", str(repo))
    schema_path = repo / "schemas" / "claims.schema.json"
    schema = json.loads(schema_path.read_text())
    schema["fields"][2]["type"] = "integer"
    schema_path.write_text(json.dumps(schema, indent=2))
    _commit_all(repo, "a breaking schema change")
    err = _refused(capsys, f"{MAJ}.{MIN + 2}.0", "--path", str(repo))
    assert "need a major release" in err and "type number → integer" in err and f"one of {MAJOR}" in err


def test_refuses_a_removed_row_without_retired_id(repo, capsys):
    rows = read_rows(repo / "data" / "claims.csv")
    write_rows(repo / "data" / "claims.csv", rows[:-1])
    _note_change(repo, "A claim removed.")
    _commit_all(repo, "a removed row")
    assert f"not recorded in retired_ids: claims:{rows[-1]['claim_id']}" in _refused(capsys, PATCH, "--path", str(repo))


def test_refuses_a_package_that_does_not_validate(repo, capsys):
    rows = read_rows(repo / "data" / "claims.csv")
    rows[-1]["value"] = "many"
    write_rows(repo / "data" / "claims.csv", rows)
    _note_change(repo, "A broken value.")
    _commit_all(repo, "an invalid value")
    head = git(repo, "rev-parse", "HEAD")
    assert "does not validate" in _refused(capsys, PATCH, "--path", str(repo))
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
    before = registry.read(repo / registry.REGISTRY)
    assert main(["release", PATCH, "--path", str(repo)]) == 1
    assert "git commit" in capsys.readouterr().err
    assert git(repo, "rev-parse", "HEAD") == head and clean(repo)
    assert not (repo / "releases" / "archives" / f"sisterties-data-{PATCH}.zip").exists()
    assert registry.read(repo / registry.REGISTRY) == before


def test_a_patch_release_after_a_correction(repo, capsys):
    rows = read_rows(repo / "data" / "claims.csv")
    rows[-1]["note"] = (rows[-1]["note"] + " Checked again.").strip()
    write_rows(repo / "data" / "claims.csv", rows)
    _note_change(repo, "A note corrected.")
    _commit_all(repo, "a correction")
    assert f"one of {PATCH}, {MINOR}, {MAJOR}" in _refused(capsys, f"{MAJ}.{MIN}.{PAT + 3}", "--path", str(repo))  # skips a number
    assert main(["release", PATCH, "--path", str(repo), "--date", "2026-12-06"]) == 0
    out = capsys.readouterr().out
    assert f"git tag -a v{PATCH}" in out and "need a patch release" in out
    assert [r.version for r in registry.read(repo / registry.REGISTRY)][-2:] == [V, PATCH]
    section = changelog.section((repo / "CHANGELOG.md").read_text(), PATCH)
    assert "A note corrected." in section and f"Data changes {V} → {PATCH}" in section
    assert "| claims | 0 | 0 | 1 |" in section and f"- claims `{rows[-1]['claim_id']}`: note" in section
    assert f'version: "{PATCH}"' in (repo / "CITATION.cff").read_text()
    assert json.loads((repo / "datapackage.json").read_text())["version"] == DEV
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
    with pytest.raises(AssetError, match=f"does not name the package's version {V}"):
        gather(tree, dist, tmp_path / "out", tag=f"v{PATCH}")
    files = {p.name for p in gather(tree, dist, tmp_path / "out", tag=f"v{V}")}
    tables = Package(tree).table_names
    assert {f"sisterties-data-{V}.zip", "datapackage.json", "codebook.md", f"sisterties-{V}.xlsx", f"sisterties-{V}.sqlite",
            f"sisterties-{V}-py3-none-any.whl", f"sisterties-{V}.tar.gz", "SHA256SUMS"} | {f"{t}.csv" for t in tables} \
        | {f"{t}.parquet" for t in tables} == files
    assets = tmp_path / "out" / "assets"
    entry = registry.latest(registry.read(released / registry.REGISTRY))
    assert sha256_of(assets / f"sisterties-data-{V}.zip") == entry.sha256
    check = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=assets, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == len(files) - 1, check.stdout + check.stderr
    assert sorted(p.name for p in (tmp_path / "out" / "pypi").iterdir()) == [f"sisterties-{V}-py3-none-any.whl", f"sisterties-{V}.tar.gz"]
    notes = (tmp_path / "out" / "notes.md").read_text()
    assert notes.startswith(changelog.section((tree / "CHANGELOG.md").read_text(), V)) and "Get the data" in notes
    # a tagged tree whose data differ from the released archive is refused
    rows = read_rows(tree / "data" / "claims.csv")
    write_rows(tree / "data" / "claims.csv", rows[:-1])
    build_archive(tree, dist)
    with pytest.raises(AssetError, match="does not hold the same files"):
        gather(tree, dist, tmp_path / "out", tag=f"v{V}")


def test_release_assets_of_an_unregistered_tag_are_refused(repo, tmp_path):
    dist = _dist_of(repo, tmp_path / "dist")  # the development version
    assert {p.name for p in gather(repo, dist, tmp_path / "out")} >= {f"sisterties-data-{DEV}.zip", "SHA256SUMS"}
    with pytest.raises(AssetError, match="is not in releases/registry.json"):
        gather(repo, dist, tmp_path / "out", tag=f"v{DEV}")


def test_readme_cites_0_1_0_as_the_release_command_makes_it(released):
    """README's BibTeX and APA examples are what `sisterties cite` gives for 0.1.0 released on 2026-12-05."""
    real = registry.find(registry.read(ROOT / registry.REGISTRY), "0.1.0")
    repo, entry = (ROOT, real) if real else (released, registry.find(registry.read(released / registry.REGISTRY), "0.1.0"))
    if entry is None:
        pytest.skip("0.1.0 is neither registered here nor the release these tests cut")
    assert entry.date == DATE, "README's examples give 0.1.0's release date as 2026-12-05"
    descriptor = registry.released_descriptor(repo, entry)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    facts = {"date": entry.date, "doi": None}  # README shows the citation before Zenodo mints the DOI
    assert f"```bibtex\n{cite(descriptor, 'bibtex', facts)}\n```" in readme
    assert f"\nAPA: {cite(descriptor, 'apa', facts)}\n" in readme
