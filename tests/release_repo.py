"""A throwaway git repository holding this work tree's files, for tests that cut releases.

It copies what ``git ls-files`` lists (tracked files plus untracked ones that are not ignored),
so uncommitted work is tested too, and commits it as one commit with a local identity.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from pathlib import Path

from helpers import ROOT


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def has_git_tree() -> bool:
    try:
        return git(ROOT, "rev-parse", "--show-toplevel").strip() == str(ROOT)
    except (subprocess.CalledProcessError, FileNotFoundError):
        return False


def make_repo(target: Path) -> Path:
    """``target`` as a fresh git repository with the files of this work tree in one commit."""
    files = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    for rel in filter(None, files):
        src = ROOT / rel
        if src.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / rel)
    git(target, "init", "--quiet", "--initial-branch=main")
    git(target, "config", "user.name", "Release Test")
    git(target, "config", "user.email", "release-test@sisterties.invalid")
    git(target, "config", "commit.gpgsign", "false")
    git(target, "add", "--all")
    git(target, "commit", "--quiet", "-m", "work tree under test")
    return target


def note_unreleased_change(repo: Path, text: str = "Nothing new.") -> None:
    """Give CHANGELOG.md an unreleased section with something in it (a tag's checkout has none), and commit."""
    from sisterties.release import changelog

    path = repo / "CHANGELOG.md"
    opened = changelog.open_unreleased(path.read_text(encoding="utf-8"))
    if not changelog.unreleased_body(opened):
        opened = opened.replace(f"{changelog.UNRELEASED_HEADING}\n\n", f"{changelog.UNRELEASED_HEADING}\n\n{text}\n\n", 1)
    path.write_text(opened, encoding="utf-8")
    git(repo, "add", "CHANGELOG.md")
    if git(repo, "status", "--porcelain").strip():
        git(repo, "commit", "--quiet", "-m", "a change to release")


def clean(repo: Path) -> bool:
    return git(repo, "status", "--porcelain", "--untracked-files=all").strip() == ""


class Server:
    """A static file server on 127.0.0.1 (a free port) for ``folder``."""

    def __init__(self, folder: Path):
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
        handler.log_message = lambda *a, **k: None
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
