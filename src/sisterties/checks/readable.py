"""The frames the rules may look at, and what they could not look at.

A table that the files stage could not read has no frame. A rule that asks for it gets
:class:`TableUnavailable` instead of a missing frame (which would fail every row that points at
the table); the rule is then recorded as not run, and the report names the table as the cause.

>>> frames = ReadableFrames({"a": 1}, unreadable={"b"})
>>> frames.get("a"), frames.get("c")
(1, None)
>>> frames.get("b")
Traceback (most recent call last):
...
sisterties.checks.readable.TableUnavailable: b
"""
from __future__ import annotations


class TableUnavailable(LookupError):
    """A rule asked for a table that could not be read."""

    def __init__(self, table: str):
        super().__init__(table)
        self.table = table


class ReadableFrames(dict):
    """The parsed tables; asking for an unreadable one raises :class:`TableUnavailable`."""

    def __init__(self, frames: dict, unreadable: set[str]):
        super().__init__(frames)
        self.unreadable = set(unreadable)
        self.skipped: list[tuple[str, str, str]] = []  # (table checked, rule id, table it needed)

    def get(self, key, default=None):
        if key in self.unreadable:
            raise TableUnavailable(key)
        return super().get(key, default)

    def __getitem__(self, key):
        if key in self.unreadable:
            raise TableUnavailable(key)
        return super().__getitem__(key)

    def note_skipped(self, table: str, rule_id: str, needed: str) -> None:
        if (table, rule_id, needed) not in self.skipped:
            self.skipped.append((table, rule_id, needed))
