"""Every misuse of the command line answers with one line on stderr and its documented exit code
(0 done, 1 data invalid, 2 usage or environment), never a traceback; refusals write nothing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

from sisterties.curate.sources_add import MAX_BYTES


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SISTERTIES_DEBUG"}
    return subprocess.run([sys.executable, "-m", "sisterties", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def _snapshot(pkg: Path) -> dict[str, bytes]:
    return {p.relative_to(pkg).as_posix(): p.read_bytes() for p in sorted(pkg.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> dict[str, Path]:
    """A scratch folder with an empty folder, a text file, a binary file, a too-large file and a package copy."""
    from helpers import copy_package

    tmp = tmp_path_factory.mktemp("misuse")
    (tmp / "empty").mkdir()
    (tmp / "notes.txt").write_text("Sister cities: a short text.\n", encoding="utf-8")
    (tmp / "image.bin").write_bytes(bytes(range(256)) * 4)
    (tmp / "big.txt").write_bytes(b"a" * (MAX_BYTES + 1))
    (tmp / "latin1.txt").write_bytes("Caf\xe9 in Z\xfcrich\n".encode("latin-1"))
    pkg = copy_package(tmp / "pkg")
    broken = copy_package(tmp / "broken")
    (broken / "datapackage.json").write_text('{"name": "sisterties", "resources": [', encoding="utf-8")
    latin = copy_package(tmp / "latin")
    (latin / "data" / "claims.csv").write_bytes((latin / "data" / "claims.csv").read_bytes() + "caf\xe9\n".encode("latin-1"))
    return {"tmp": tmp, "pkg": pkg, "broken": broken, "latin": latin}


ADD = ("--url", "https://example.org/a", "--title", "A text", "--publisher", "Example")

# (id, arguments with {tmp} {pkg} {broken} {latin} {root} filled in, exit code, words the one line must contain)
CASES = [
    ("validate-missing-folder", ["validate", "{tmp}/nope"], 2, "no such folder"),
    ("validate-empty-folder", ["validate", "{tmp}/empty"], 2, "no datapackage.json in"),
    ("validate-file-as-path", ["validate", "{tmp}/notes.txt"], 2, "is a file"),
    ("validate-no-package-here", ["validate"], 2, "--installed"),
    ("validate-fast-no-package-here", ["validate", "--fast"], 2, "no datapackage.json in"),
    ("validate-unknown-stage", ["validate", "{root}", "--stages", "pandas"], 2, "unknown stage(s) pandas"),
    ("validate-path-and-installed", ["validate", "{root}", "--installed"], 2, "not both"),
    ("info-no-package-here", ["info"], 2, "no datapackage.json in"),
    ("info-broken-descriptor", ["info", "{broken}"], 1, "is not valid JSON"),
    ("info-table-not-utf8", ["info", "{latin}"], 1, "is not UTF-8 text"),
    ("codebook-no-package-here", ["codebook"], 2, "no datapackage.json in"),
    ("codebook-write-installed", ["codebook", "--installed"], 2, "never written to"),
    ("coverage-missing-folder", ["coverage", "{tmp}/nope"], 2, "no such folder"),
    ("cite-unknown-version", ["cite", "--version", "9.9.9"], 2, "not a known release"),
    ("cite-unknown-format", ["cite", "--format", "mla"], 2, "invalid choice"),
    ("diff-mistyped-folder", ["diff", "{root}", "{tmp}/pgk"], 2, "neither a package folder nor a version"),
    ("diff-unknown-version", ["diff", "0.0.1", "{root}"], 2, "not a known release"),
    ("extract-unknown-id", ["extract", "src-000000000000", "--path", "{root}"], 2, "is not a source of"),
    ("extract-unarchived-source", ["extract", "src-3afe335fb714", "--path", "{root}"], 2, "is not an archived source"),
    ("sources-add-folder", ["sources", "add", "{tmp}/empty", *ADD, "--path", "{pkg}"], 2, "is a folder"),
    ("sources-add-bad-date", ["sources", "add", "{tmp}/notes.txt", *ADD, "--published", "May 2018", "--path", "{pkg}"], 2,
     "not a date written YYYY"),
    ("sources-add-impossible-date", ["sources", "add", "{tmp}/notes.txt", *ADD, "--published", "2018-02-30", "--path", "{pkg}"], 2,
     "not a real date"),
    ("sources-add-binary", ["sources", "add", "{tmp}/image.bin", *ADD, "--path", "{pkg}"], 2, "not a binary file"),
    ("sources-add-latin1", ["sources", "add", "{tmp}/latin1.txt", *ADD, "--path", "{pkg}"], 2, "is not UTF-8 text"),
    ("sources-add-too-large", ["sources", "add", "{tmp}/big.txt", *ADD, "--path", "{pkg}"], 2, "more than the limit"),
    ("sources-add-device", ["sources", "add", "/dev/zero", *ADD, "--path", "{pkg}"], 2, "not a regular file"),
    ("sources-add-missing-file", ["sources", "add", "{tmp}/nope.txt", *ADD, "--path", "{pkg}"], 2, "No such file"),
    ("sources-add-no-package-here", ["sources", "add", "{tmp}/notes.txt", *ADD], 2, "no datapackage.json in"),
    ("sources-add-empty-title", ["sources", "add", "{tmp}/notes.txt", "--url", "u", "--title", " ", "--publisher", "p",
                                 "--path", "{pkg}"], 2, "--title is empty"),
    ("build-not-a-git-tree", ["build", "{pkg}", "--out", "{tmp}/dist"], 2, "not a git work tree"),
    ("build-out-is-a-file", ["build", "{pkg}", "--out", "{tmp}/notes.txt", "--allow-dirty"], 2, "is a file"),
    ("unknown-option", ["validate", "--bogus"], 2, "unrecognized arguments: --bogus"),
    ("no-command", [], 2, "required: command"),
]


@pytest.mark.parametrize("case_id, args, code, words", CASES, ids=[c[0] for c in CASES])
def test_misuse_answers_with_one_line_and_its_exit_code(place, case_id, args, code, words):
    fill = {"tmp": place["tmp"], "pkg": place["pkg"], "broken": place["broken"], "latin": place["latin"], "root": ROOT}
    before = _snapshot(place["pkg"])
    result = _cli(*[a.format(**fill) for a in args], cwd=place["tmp"])
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("sisterties: ") and words in lines[0], lines[0]
    assert result.returncode == code, (result.returncode, lines[0])
    assert _snapshot(place["pkg"]) == before, "a refused command changed the package"
    assert not (place["tmp"] / "dist").exists()


def test_version_and_help(place):
    version = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]
    result = _cli("--version", cwd=place["tmp"])
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, f"sisterties {version}", "")
    assert "Exit codes" in _cli("--help", cwd=place["tmp"]).stdout


def test_validate_of_a_broken_descriptor_is_an_invalid_report(place):
    result = _cli("validate", str(place["broken"]), "--fast", cwd=place["tmp"])
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"validating {place['broken'].resolve()}"
    assert "[descriptor]" in result.stdout and "is not valid JSON" in result.stdout and lines[-1].startswith("INVALID")


def test_validate_names_the_folder_first_and_needs_installed_for_the_installed_copy(place):
    result = _cli("validate", "--fast", cwd=ROOT)
    assert result.returncode == 0 and result.stdout.splitlines()[0].startswith(f"validating {ROOT}")
    installed = _cli("validate", "--fast", "--installed", cwd=place["tmp"])
    assert installed.returncode == 0 and installed.stdout.splitlines()[-1] == "VALID"


def test_a_closed_pipe_ends_the_command_quietly(place):
    proc = subprocess.Popen([sys.executable, "-m", "sisterties", "coverage", str(ROOT), "--pairs"], cwd=place["tmp"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader goes away before anything is written, as `| head` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert err == ""


def test_sources_add_refusals_leave_nothing_behind_and_a_good_text_is_archived(place, tmp_path):
    from helpers import copy_package, read_rows

    pkg = copy_package(tmp_path / "pkg")
    before = _snapshot(pkg)
    bad = _cli("sources", "add", str(place["tmp"] / "notes.txt"), *ADD, "--published", "May 2018", "--path", str(pkg), cwd=tmp_path)
    assert bad.returncode == 2 and _snapshot(pkg) == before  # refused before the copy: no orphan under sources/
    good = _cli("sources", "add", str(place["tmp"] / "notes.txt"), *ADD, "--published", "2018-05", "--path", str(pkg), cwd=tmp_path)
    assert good.returncode == 0, good.stderr
    added = set(_snapshot(pkg)) - set(before)
    assert len(added) == 1 and next(iter(added)).startswith("sources/src-")
    assert read_rows(pkg / "data" / "sources.csv")[-1]["published_precision"] == "month"
    again = _cli("sources", "add", str(place["tmp"] / "notes.txt"), *ADD, "--path", str(pkg), cwd=tmp_path)
    assert again.returncode == 2 and "already archived" in again.stderr and len(again.stderr.splitlines()) == 1
