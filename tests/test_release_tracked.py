"""A release ships only what git tracks: an untracked file, a dotfile or a symlink under sources/
never reaches the archive, the wheel or the sdist; `build` refuses a dirty tree unless told, and
SHA256SUMS lists exactly the files it wrote."""
from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from helpers import git_commit, git_copy

from sisterties.cli import main
from sisterties.release.build import archive_members, build_archive
from sisterties.release.tracked import ReleaseFilesError

STRAYS = ("sources/untracked.txt", "sources/.DS_Store", "sources/outside-link.txt", "data/notes.csv")


def _add_strays(root: Path, outside: Path) -> None:
    outside.write_text("a file outside the repository\n", encoding="utf-8")
    (root / "sources" / "untracked.txt").write_text("not committed\n", encoding="utf-8")
    (root / "sources" / ".DS_Store").write_bytes(b"\0\1")
    (root / "sources" / "outside-link.txt").symlink_to(outside)
    (root / "data" / "notes.csv").write_text("a,b\n", encoding="utf-8")


@pytest.fixture
def repo(tmp_path) -> Path:
    return git_copy(tmp_path / "repo")


def test_the_archive_takes_only_tracked_files(repo, tmp_path):
    clean = {p.as_posix() for p in archive_members(repo)}
    _add_strays(repo, tmp_path / "outside.txt")
    assert {p.as_posix() for p in archive_members(repo)} == clean
    names = zipfile.ZipFile(build_archive(repo, tmp_path / "out")).namelist()
    assert "sources/src-995ae8d5aca7.txt" in names and "data/pairings.csv" in names
    assert not set(STRAYS) & set(names)


def test_a_tracked_symlink_is_refused(repo, tmp_path):
    (tmp_path / "outside.txt").write_text("outside\n", encoding="utf-8")
    (repo / "sources" / "link.txt").symlink_to(tmp_path / "outside.txt")
    git_commit(repo, "a symlink")
    with pytest.raises(ReleaseFilesError, match="sources/link.txt is a symlink tracked by git"):
        build_archive(repo, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_tracked_file_replaced_by_a_symlink_is_refused(repo, tmp_path):
    target = repo / "sources" / "src-995ae8d5aca7.txt"
    (tmp_path / "copy.txt").write_bytes(target.read_bytes())
    target.unlink()
    target.symlink_to(tmp_path / "copy.txt")
    with pytest.raises(ReleaseFilesError, match="is a symlink or lies behind one"):
        build_archive(repo, tmp_path / "out")


def test_a_symlinked_folder_is_refused_outside_git_too(tmp_path):
    from helpers import copy_package

    pkg = copy_package(tmp_path / "pkg")
    (tmp_path / "elsewhere").mkdir()
    (pkg / "sources" / "more").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ReleaseFilesError, match="sources/more is a symlink"):
        build_archive(pkg, tmp_path / "out", untracked_ok=True)
    with pytest.raises(ReleaseFilesError, match="not a git work tree"):
        build_archive(pkg, tmp_path / "out2")


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sisterties", *args], cwd=cwd, capture_output=True, text=True, timeout=900)


def test_build_refuses_a_dirty_tree_and_a_used_output_folder(repo, tmp_path):
    _add_strays(repo, tmp_path / "outside.txt")
    out = tmp_path / "dist"
    dirty = _cli("build", str(repo), "--out", str(out), "--data-only", cwd=tmp_path)
    assert dirty.returncode == 2 and len(dirty.stderr.splitlines()) == 1
    assert "uncommitted change(s)" in dirty.stderr and "--allow-dirty" in dirty.stderr
    assert not out.exists()
    out.mkdir()
    (out / "old-release.zip").write_bytes(b"stale")
    used = _cli("build", str(repo), "--out", str(out), "--data-only", "--allow-dirty", cwd=tmp_path)
    assert used.returncode == 2 and "is not empty" in used.stderr and "Traceback" not in used.stderr


@pytest.mark.slow
def test_build_allow_dirty_says_so_and_checksums_list_what_it_wrote(repo, tmp_path):
    _add_strays(repo, tmp_path / "outside.txt")
    out = tmp_path / "dist"
    result = _cli("build", str(repo), "--out", str(out), "--data-only", "--allow-dirty", "--docs", str(tmp_path / "b" / "docs"),
                  cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("note: --allow-dirty: built from a work tree with") and lines[-1] == lines[0]
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    sums = dict(line.split("  ")[::-1] for line in (out / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == written
    archive = zipfile.ZipFile(next(out.glob("sisterties-data-*.zip"))).namelist()
    assert not set(STRAYS) & set(archive)


@pytest.mark.slow
def test_wheel_and_sdist_take_only_tracked_files(repo, tmp_path):
    _add_strays(repo, tmp_path / "outside.txt")
    out = tmp_path / "dist"
    env = {k: v for k, v in os.environ.items() if k not in ("SISTERTIES_REGISTRY", "SISTERTIES_BUILD_UNTRACKED")}
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(repo)],
                   check=True, capture_output=True, env=env)
    wheel = zipfile.ZipFile(next(out.glob("*.whl"))).namelist()
    sdist = [n.split("/", 1)[1] for n in tarfile.open(next(out.glob("*.tar.gz"))).getnames() if "/" in n]
    assert "sisterties/_data/sources/src-995ae8d5aca7.txt" in wheel and "sources/src-995ae8d5aca7.txt" in sdist
    for stray in STRAYS:
        assert f"sisterties/_data/{stray}" not in wheel and stray not in sdist, stray
    # the wheel built from the sdist (no git there) holds the same data files
    unpacked = tmp_path / "sdist"
    tarfile.open(next(out.glob("*.tar.gz"))).extractall(unpacked, filter="data")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist2"), str(next(unpacked.iterdir()))],
                   check=True, capture_output=True, env=env)
    again = zipfile.ZipFile(next((tmp_path / "dist2").glob("*.whl"))).namelist()
    assert sorted(n for n in again if "/_data/" in n) == sorted(n for n in wheel if "/_data/" in n)


@pytest.mark.slow
def test_a_tracked_symlink_stops_the_wheel(repo, tmp_path):
    (tmp_path / "outside.txt").write_text("outside\n", encoding="utf-8")
    (repo / "sources" / "link.txt").symlink_to(tmp_path / "outside.txt")
    git_commit(repo, "a symlink")
    result = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(repo)],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "sources/link.txt is a symlink tracked by git" in result.stdout + result.stderr
    assert not list((tmp_path / "dist").glob("*.whl"))


def test_main_build_outside_git_needs_allow_dirty(tmp_path, capsys):
    from helpers import copy_package

    pkg = copy_package(tmp_path / "pkg")
    assert main(["build", str(pkg), "--out", str(tmp_path / "dist"), "--data-only"]) == 2
    assert "not a git work tree" in capsys.readouterr().err
