"""The second coverage pass is reproducible: replaying its research files and decisions rebuilds the tables.

curation/passes/2026-11-23b/replay.sh re-runs the pass's import steps through `sisterties curate apply` in scratch git
worktrees, starting from the commits they started from, and compares the four tables they write with the commits that
recorded them. A change to the research files, the decisions (decisions.toml) or the importer that would give other
rows fails here.
"""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PASS_DIR = ROOT / "curation" / "passes" / "2026-11-23b"
COMMITS = ("236af51", "3bdab49", "ba5ac03", "c1b8fc0")  # where the replayed segments start and what they must equal


def _has_commits(*revs: str) -> bool:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return False
    return all(subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{rev}^{{commit}}"],
                              capture_output=True).returncode == 0 for rev in revs)


@pytest.mark.skipif(not _has_commits(*COMMITS), reason="needs the git history of the pass (not a shallow or exported copy)")
def test_replay_rebuilds_the_tables_of_the_pass(tmp_path: Path) -> None:
    pytest.importorskip("zhconv")
    env = dict(os.environ, PYTHON=sys.executable, LOG_DIR=str(tmp_path / "log"))
    done = subprocess.run(["sh", str(PASS_DIR / "replay.sh")], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    tables = ("sources", "jurisdictions", "pairings", "citations")
    assert done.stdout.split("\n")[:8] == [f"{seg} {t}: identical" for seg in ("steps1-6", "step7") for t in tables]
    pairs = (tmp_path / "log" / "step1" / "pairs-not-added.csv").read_text(encoding="utf-8")
    assert "Shanxi|Tennessee" in pairs  # a pair left out, with its reason, is in the step's log
    for step in range(1, 8):  # every fact read has an outcome, and every fact left out says why
        rows = list(csv.DictReader(open(tmp_path / "log" / f"step{step}" / "facts.csv", encoding="utf-8")))
        assert rows and all(r["outcome"] in ("used", "left_out") and r["detail"] and r["detail"] != "no rule used it" for r in rows)
