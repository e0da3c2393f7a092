"""The run's log: what became of every fact, the pairs not added, and the changes made.

Written to the log folder (only when the run is not refused):

- ``facts.csv``: one row per fact read: ``fact,pair_key,kind,outcome,detail``; outcome ``used``
  (detail: the rows it is evidence for) or ``left_out`` (detail: why);
- ``pairs-not-added.csv``: ``pair_key,reason``, one row per new pair the run did not add;
- ``changes.txt``: one line per change (pairs added, years and statuses set, notes for a curator).
"""
from __future__ import annotations

import csv
from pathlib import Path

from .facts import Fact


class Ledger:
    def __init__(self, facts: list[Fact]):
        self.facts = facts
        self.uses: dict[str, list[str]] = {f.id: [] for f in facts}
        self.leaves: dict[str, list[str]] = {f.id: [] for f in facts}
        self.pairs: list[tuple[str, str]] = []
        self.changes: list[str] = []

    def used(self, f: Fact, what: str) -> None:
        self.uses[f.id].append(what)

    def left(self, f: Fact, why: str) -> None:
        self.leaves[f.id].append(why)

    def settled(self, f: Fact) -> bool:
        return bool(self.uses[f.id] or self.leaves[f.id])

    def snapshot(self):
        return {k: len(v) for k, v in self.uses.items()}, {k: len(v) for k, v in self.leaves.items()}

    def restore(self, snap) -> None:
        for marks, n in zip((self.uses, self.leaves), snap, strict=True):
            for k in marks:
                del marks[k][n[k]:]

    def outcome(self, f: Fact) -> tuple[str, str]:
        if self.uses[f.id]:
            return "used", "; ".join(dict.fromkeys(self.uses[f.id]))
        return "left_out", "; ".join(dict.fromkeys(self.leaves[f.id])) or "no rule used it"

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "facts.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["fact", "pair_key", "kind", "outcome", "detail"])
            w.writerows([f.id, f.key, f.kind, *self.outcome(f)] for f in self.facts)
        with open(folder / "pairs-not-added.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["pair_key", "reason"])
            w.writerows(self.pairs)
        (folder / "changes.txt").write_text("".join(line + "\n" for line in self.changes), encoding="utf-8")
