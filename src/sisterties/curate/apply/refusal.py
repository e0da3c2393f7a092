"""Bad input: the importer refuses a run, one line per problem, and writes nothing."""
from __future__ import annotations


class Refused(Exception):
    """The run was refused; ``problems`` holds one line per problem, each naming its file and line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems
