"""``sisterties curate apply``: research facts plus a curator's decisions become rows of the package.

Modules, each with one job: ``facts`` (read and check the fact files), ``decisions`` (read and
check the curator's TOML decisions), ``state`` (the run in memory), ``sources`` (source rows and
citations), ``gazetteer`` and ``places`` (jurisdictions), ``kinds`` (one handler per kind of fact,
registered in ``KINDS``), ``events`` (the ``event`` kind), ``pairings`` (find, add, year, status),
``ledger`` (the log), ``tables`` (read and write), ``importer`` (the run from start to end).
The formats are documented in docs/curation-facts.md.
"""
from .importer import apply
from .refusal import Refused

__all__ = ["apply", "Refused"]
