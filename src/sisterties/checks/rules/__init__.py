"""Cross-table and provenance rules that a Table Schema cannot state.

Importing this package registers every rule; :func:`rule_checks` turns the rules of a table
into pandera dataframe-level checks.

>>> len({r.table for r in RULES}) >= 6
True
"""
from . import (  # noqa: F401  (importing a module registers its rules)
    archives,
    chronology,
    citations,
    consistency,
    dates,
    events,
    excerpts,
    identity,
    places,
    provenance,
    retired,
    seen,
    speakers,
    support,
)
from .registry import RULES, Rule, rule, rule_checks, rule_message

__all__ = ["RULES", "Rule", "rule", "rule_checks", "rule_message"]
