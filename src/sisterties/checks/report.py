"""Failures and the report a curator reads, root causes first.

- The first line names the folder validated.
- A stage that could not read a table never says ``ok``: the checks it could not run are
  summarised in one line per unreadable table (:class:`NotRun`), and the run is INVALID.
- Failures that later stages find on a row the files stage already found malformed (wrong
  number of cells) are follow-ons: one line per row and stage, each failure kept in ``--json``.

>>> f = Failure("pandera", "data/quotes.csv", 3, "text", "quote_in_source", "The quote is not in the source.")
>>> f.line()
'data/quotes.csv, row 3, column text: [quote_in_source] The quote is not in the source.'
>>> NotRun("pandera", "data/pairings.csv", "row_width at row 101", ("pairings: 40 checks", "citations: citation_target"), 41).line()
'41 check(s) not run because data/pairings.csv could not be read (row_width at row 101): pairings: 40 checks; citations: citation_target'
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, order=True)
class Failure:
    """One broken rule. ``row`` counts lines of the CSV file: the header is row 1."""

    layer: str
    file: str
    row: int | None
    column: str | None
    rule: str
    message: str
    value: str | None = None

    def line(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        shown = f" (value: {self.value!r})" if self.value not in (None, "") else ""
        return f"{', '.join(where)}: [{self.rule}] {self.message}{shown}"


@dataclass(frozen=True)
class NotRun:
    """Checks of one stage that did not run because a table could not be read (``because``)."""

    stage: str
    because: str
    reason: str
    checks: tuple[str, ...]
    count: int

    def line(self) -> str:
        return (f"{self.count} check(s) not run because {self.because} could not be read ({self.reason}): "
                + "; ".join(self.checks))


ROW_ROOT_CAUSES = {"row_width"}  # a files-stage failure that makes every later finding on its row a follow-on


@dataclass
class Report:
    """What a validation run found, stage by stage."""

    failures: list[Failure] = field(default_factory=list)
    stages_run: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    folder: str = ""
    version: str = ""
    not_run: list[NotRun] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.not_run

    def extend(self, stage: str, failures: list[Failure], seconds: float, not_run: list[NotRun] = ()) -> None:
        self.stages_run.append(stage)
        self.seconds[stage] = round(seconds, 3)
        self.failures.extend(failures)
        self.not_run.extend(not_run)

    def _split(self) -> tuple[list[Failure], dict[tuple[str, str, int], list[Failure]]]:
        """Root failures, and follow-ons grouped by (stage, file, row) of a row the files stage found malformed."""
        bad_rows = {(f.file, f.row) for f in self.failures if f.layer == "files" and f.rule in ROW_ROOT_CAUSES}
        roots, follow = [], {}
        for f in self.failures:
            if f.layer != "files" and (f.file, f.row) in bad_rows:
                follow.setdefault((f.layer, f.file, f.row), []).append(f)
            else:
                roots.append(f)
        order = {s: i for i, s in enumerate(self.stages_run)}
        roots.sort(key=lambda f: (order.get(f.layer, len(order)), f.file, f.row is None, f.row or 0, f.column or "", f.rule))
        return roots, follow

    def stage_line(self, stage: str) -> str:
        n = sum(1 for f in self.failures if f.layer == stage)
        unchecked = sorted({nr.because for nr in self.not_run if nr.stage == stage})
        parts = [f"{n} failure(s)"] if n or unchecked else ["ok"]
        if unchecked:
            parts.append(f"did not check {', '.join(unchecked)}")
        return f"{stage:<13} {'; '.join(parts)}  ({self.seconds[stage]:.2f} s)"

    def summary(self) -> str:
        if self.ok:
            return "VALID"
        roots, follow = self._split()
        parts = [f"{len(roots)} failure(s)"]
        if follow:
            parts.append(f"{sum(len(v) for v in follow.values())} follow-on failure(s) on malformed rows")
        if self.not_run:
            parts.append(f"{sum(nr.count for nr in self.not_run)} check(s) not run")
        return "INVALID: " + ", ".join(parts)

    def text(self) -> str:
        lines = [f"validating {self.folder}" + (f" (sisterties data {self.version})" if self.version else "")] if self.folder else []
        lines += [self.stage_line(stage) for stage in self.stages_run]
        roots, follow = self._split()
        lines += [f"  [{f.layer}] {f.line()}" for f in roots]
        for (stage, file, row), found in follow.items():
            rules = ", ".join(sorted({f.rule for f in found}))
            lines.append(f"  [{stage}] {file}, row {row}: {len(found)} follow-on failure(s) ({rules}) on a row with the wrong "
                         "number of cells; fix that first (--json lists each)")
        lines += [f"  [{nr.stage}] {nr.line()}" for nr in self.not_run]
        lines.extend(f"note: {n}" for n in self.notes)
        lines.append(self.summary())
        return "\n".join(lines)

    def to_json(self) -> str:
        roots, follow = self._split()
        return json.dumps(
            {"folder": self.folder, "version": self.version, "valid": self.ok, "summary": self.summary(),
             "stages": self.stages_run, "seconds": self.seconds, "notes": self.notes,
             "failures": [asdict(f) for f in roots],
             "follow_on": [{"stage": stage, "file": file, "row": row, "because": "row_width",
                            "failures": [asdict(f) for f in found]} for (stage, file, row), found in follow.items()],
             "not_run": [asdict(nr) | {"checks": list(nr.checks)} for nr in self.not_run]},
            ensure_ascii=False, indent=2,
        )
