"""Which files of a package folder go into a release: the ones git tracks, and never a symlink.

The archive, the wheel and the sdist all take their data from :func:`release_files`, so an
untracked file, a dotfile left in ``sources/`` or the target of a symlink never reaches a user.

- In a git work tree: the files ``git ls-files`` lists under the given parts, read from the
  working tree. A tracked symlink, or a path that passes through one, is refused.
- In an unpacked sdist (a ``PKG-INFO`` beside ``datapackage.json``, no git): every regular file
  under the parts, since the sdist itself was made from tracked files; symlinks are refused.
- Elsewhere: refused, unless ``untracked_ok`` (``sisterties build --allow-dirty``, or
  ``SISTERTIES_BUILD_UNTRACKED=1`` for the wheel hook); then every regular file that is not a
  dotfile, still refusing symlinks.

Standard library only: ``hatch_build.py`` loads this file by its path.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "data").mkdir(); _ = (d / "data" / "a.csv").write_text("x\\n")
>>> _ = (d / "data" / ".hidden").write_text("x")
>>> release_files(d, ("data",), untracked_ok=True)
['data/a.csv']
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

SKIP_DIRS = {"__pycache__"}


class ReleaseFilesError(RuntimeError):
    """The release cannot be assembled from this folder: a symlink, or nothing says which files are tracked."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True)


def in_git_work_tree(root: Path) -> bool:
    """True when ``root`` lies inside a git work tree and git is installed."""
    try:
        result = _git(root, "rev-parse", "--is-inside-work-tree")
    except OSError:
        return False
    return result.returncode == 0 and result.stdout.strip() == b"true"


def uncommitted(root: Path) -> list[str]:
    """``git status --porcelain`` lines for ``root`` and below: modified, staged, deleted and untracked files."""
    result = _git(root, "status", "--porcelain", "--untracked-files=all", "--", ".")
    if result.returncode != 0:
        raise ReleaseFilesError(f"git status failed in {root}: {result.stderr.decode(errors='replace').strip()}")
    return [line for line in result.stdout.decode("utf-8", errors="replace").splitlines() if line.strip()]


def release_files(root: Path | str, parts: tuple[str, ...], untracked_ok: bool = False) -> list[str]:
    """Relative POSIX paths of the regular files under ``parts`` (files or folders) that belong in a release, sorted."""
    root = Path(root)
    if in_git_work_tree(root) and not (root / "PKG-INFO").is_file():
        files = _tracked(root, parts)
    elif (root / "PKG-INFO").is_file() or untracked_ok:
        files = _walk(root, parts)
    else:
        raise ReleaseFilesError(
            f"{root} is not a git work tree (or git is not installed), so nothing says which files belong to the release: "
            "build from a git checkout (or pass --allow-dirty to take every regular file that is not a dotfile)")
    for rel in files:
        _refuse_link(root, rel)
    return sorted(files)


def _tracked(root: Path, parts: tuple[str, ...]) -> list[str]:
    result = _git(root, "ls-files", "-s", "-z", "--", *parts)
    if result.returncode != 0:
        raise ReleaseFilesError(f"git ls-files failed in {root}: {result.stderr.decode(errors='replace').strip()}")
    out = []
    for entry in result.stdout.decode("utf-8").split("\0"):
        if not entry:
            continue
        meta, rel = entry.split("\t", 1)
        if meta.split()[0] == "120000":
            raise ReleaseFilesError(f"{rel} is a symlink tracked by git: a release takes regular files only; "
                                    "replace the link by the file itself")
        if (root / rel).exists() or (root / rel).is_symlink():  # a tracked file deleted in the work tree is left out
            out.append(rel)
    return out


def _walk(root: Path, parts: tuple[str, ...]) -> list[str]:
    out = []
    for part in parts:
        top = root / part
        if top.is_symlink():
            raise ReleaseFilesError(f"{part} is a symlink: a release takes regular files only")
        if top.is_file():
            out.append(part)
            continue
        for folder, dirs, names in os.walk(top):
            for d in list(dirs):
                if os.path.islink(os.path.join(folder, d)):
                    rel = Path(folder, d).relative_to(root).as_posix()
                    raise ReleaseFilesError(f"{rel} is a symlink: a release takes regular files only")
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
            out.extend(Path(folder, n).relative_to(root).as_posix() for n in names if not n.startswith("."))
    return out


def _refuse_link(root: Path, rel: str) -> None:
    """Refuse a file that is a symlink or reached through one (its real path must be the path itself)."""
    path = root / rel
    real = os.path.realpath(path)
    if path.is_symlink() or real != os.path.join(os.path.realpath(root), *rel.split("/")):
        raise ReleaseFilesError(f"{rel} is a symlink or lies behind one (it leads to {real}): "
                                "a release takes regular files only; replace the link by the file itself")
    if not path.is_file():
        raise ReleaseFilesError(f"{rel} is not a regular file")
