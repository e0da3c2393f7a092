"""Failures and the report a curator reads.

>>> f = Failure("pandera", "data/quotes.csv", 3, "text", "quote_in_source", "The quote is not in the source.")
>>> f.line()
'data/quotes.csv, row 3, column text: [quote_in_source] The quote is not in the source.'
"""
from __future__ import annotations

import json
from collections import Counter
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


@dataclass
class Report:
    """What a validation run found, stage by stage."""

    failures: list[Failure] = field(default_factory=list)
    stages_run: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def extend(self, stage: str, failures: list[Failure], seconds: float) -> None:
        self.stages_run.append(stage)
        self.seconds[stage] = round(seconds, 3)
        self.failures.extend(failures)

    def text(self) -> str:
        lines = []
        by_layer = Counter(f.layer for f in self.failures)
        for stage in self.stages_run:
            n = by_layer.get(stage, 0)
            lines.append(f"{stage:<13} {'ok' if n == 0 else f'{n} failure(s)'}  ({self.seconds[stage]:.2f} s)")
        for f in sorted(self.failures, key=lambda f: (f.file, f.row or 0, f.column or "", f.rule)):
            lines.append(f"  [{f.layer}] {f.line()}")
        lines.extend(f"note: {n}" for n in self.notes)
        lines.append("VALID" if self.ok else f"INVALID: {len(self.failures)} failure(s)")
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps(
            {"valid": self.ok, "stages": self.stages_run, "seconds": self.seconds, "notes": self.notes,
             "failures": [asdict(f) for f in self.failures]},
            ensure_ascii=False, indent=2,
        )
