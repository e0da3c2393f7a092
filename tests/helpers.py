"""Helpers for tests: copy the package folder, read and write CSV rows."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_PARTS = ("datapackage.json", "data", "schemas", "sources", "expectations", "releases",
                 "README.md", "CHANGELOG.md", "CITATION.cff", "LICENSE", "docs")


def copy_package(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PACKAGE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        elif src.is_file():
            shutil.copy2(src, target / part)
    return target


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_rows(path: Path, rows: list[dict[str, str]], fieldnames: list[str] | None = None) -> None:
    fieldnames = fieldnames or list(rows[0].keys())
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fieldnames, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


GIT_PARTS = ("datapackage.json", "data", "schemas", "sources", "expectations", "releases", "src", "pyproject.toml",
             "hatch_build.py", "README.md", "CHANGELOG.md", "CITATION.cff", "LICENSE", "docs/codebook.md", ".gitignore",
             ".zenodo.json")


def git_copy(target: Path) -> Path:
    """A fresh git repository holding, committed and clean, the work-tree content of the files that ROOT's git
    tracks among GIT_PARTS: enough to build the archive, the wheel and the sdist."""
    import subprocess

    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--", *GIT_PARTS], capture_output=True, check=True)
    for rel in filter(None, listed.stdout.decode().split("\0")):
        src = ROOT / rel
        if src.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / rel)
    git = ["git", "-C", str(target), "-c", "user.name=test", "-c", "user.email=test@sisterties.invalid"]
    subprocess.run(["git", "init", "-q", str(target)], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "copy"], check=True)
    return target


def git_commit(root: Path, message: str = "change") -> None:
    import subprocess

    git = ["git", "-C", str(root), "-c", "user.name=test", "-c", "user.email=test@sisterties.invalid"]
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", message], check=True)
