"""The second coverage pass is reproducible: replaying its research files and decisions rebuilds the tables.

curation/passes/2026-11-23b/replay.sh starts from the commit before the pass, in a scratch git worktree, runs the
pass's six steps and compares the four tables it writes with those of the commit that ended the pass. A change to
the research files, the decisions or the import script that would give other rows fails here.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PASS_DIR = ROOT / "curation" / "passes" / "2026-11-23b"
BEFORE, AFTER = "236af51", "3bdab49"  # the commit before the pass, and the last commit of its data


def _has_commits(*revs: str) -> bool:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return False
    return all(subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{rev}^{{commit}}"],
                              capture_output=True).returncode == 0 for rev in revs)


@pytest.mark.skipif(not _has_commits(BEFORE, AFTER), reason="needs the git history of the pass (not a shallow or exported copy)")
def test_replay_rebuilds_the_tables_of_the_pass(tmp_path: Path) -> None:
    pytest.importorskip("zhconv")
    env = dict(os.environ, PYTHON=sys.executable, LOG_DIR=str(tmp_path / "log"))
    done = subprocess.run(["sh", str(PASS_DIR / "replay.sh"), AFTER], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.split("\n")[:4] == [f"{t}: identical" for t in ("sources", "jurisdictions", "pairings", "citations")]
    decisions = (tmp_path / "log" / "decisions-step1.csv").read_text(encoding="utf-8")
    assert "Shanxi|Tennessee" in decisions  # a pair left out, with its reason, is in the step's log
