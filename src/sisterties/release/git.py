"""The few git operations a release needs, through the ``git`` command (no library)."""
from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path


class GitError(RuntimeError):
    pass


def run(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    except FileNotFoundError as err:
        raise GitError("the git command is not installed") from err
    if done.returncode != 0:
        raise GitError(f"git {' '.join(args)} failed: {(done.stderr or done.stdout).strip()}")
    return done.stdout


def toplevel(root: Path) -> Path | None:
    """The top folder of the work tree holding ``root``, or None outside a work tree."""
    try:
        return Path(run(root, "rev-parse", "--show-toplevel").strip()).resolve()
    except GitError:
        return None


def changes(root: Path) -> list[str]:
    """``git status --porcelain`` lines: modified, staged and untracked (not ignored) files."""
    return [line for line in run(root, "status", "--porcelain", "--untracked-files=all").splitlines() if line.strip()]


def head(root: Path) -> str:
    return run(root, "rev-parse", "HEAD").strip()


def branch(root: Path) -> str:
    name = run(root, "rev-parse", "--abbrev-ref", "HEAD").strip()
    return name if name != "HEAD" else "<your-branch>"


def tag_exists(root: Path, tag: str) -> bool:
    return bool(run(root, "tag", "--list", tag).strip())


def add(root: Path, *paths: str) -> None:
    run(root, "add", "--", *paths)


def commit(root: Path, message: str) -> str:
    run(root, "commit", "--quiet", "--no-verify", "-m", message)
    return head(root)


def reset_hard(root: Path, rev: str) -> None:
    run(root, "reset", "--quiet", "--hard", rev)


def export_index(root: Path, dest: Path) -> Path:
    """Write the files as staged (exactly what the next commit holds) below ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    run(root, "checkout-index", "--all", "--force", f"--prefix={dest.resolve()}/")
    return dest


def export_commit(root: Path, rev: str, dest: Path) -> Path:
    """Write the tree of commit ``rev`` below ``dest``."""
    data = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", rev], capture_output=True, check=True).stdout
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    return dest
