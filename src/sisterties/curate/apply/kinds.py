"""What each kind of fact does to a pairing: one small function per kind, registered in ``KINDS``.

Every fact of a pair is handed to its kind's ``apply`` once the pair's pairing is known (an
existing one, or one the run has just added from the pair's ``pair`` facts). ``check``, if given,
refuses a malformed value before anything runs. To support a new kind of fact, write its
``apply`` (and ``check``) and add one line to ``KINDS``.

A handler records what became of its fact in the run's log (``run.log.used`` / ``run.log.left``).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ...metadata.descriptor import Package
from .events import add_event, check_event
from .facts import Fact, is_partial_date
from .sources import cite
from .state import Run

MEMO = re.compile(r"memorand|MOU|letter of intent|intent|意向|备忘|備忘", re.I)
STATUSES = ("active", "suspended", "terminated")


@dataclass(frozen=True)
class Kind:
    apply: Callable[[Run, str, Fact], None]
    check: Callable[[Fact, Package], str | None] | None = None


def pair(run: Run, pid: str, f: Fact) -> None:
    """The tie exists: cite the page for the pairing's existence."""
    cite(run, "pairings", pid, "exists", f)


def year(run: Run, pid: str, f: Fact) -> None:
    """The year of the formal tie: cited; the pairing's year is then set from all its year citations."""
    if MEMO.search(f.note) and f.id not in run.decisions.memo_year:
        run.log.left(f, "year of a memorandum or letter of intent, not of the tie: " + f.note)
    elif f.value[:4] not in f.excerpt:
        run.log.left(f, f"the excerpt does not show the year {f.value[:4]}")
    elif cite(run, "pairings", pid, "established", f, f"Gives {f.value}."):
        run.new_year_cites.add(pid)


def check_year(f: Fact, pkg: Package) -> str | None:
    return None if is_partial_date(f.value) else f"year value {f.value!r} is not YYYY, YYYY-MM or YYYY-MM-DD"


AS_EVENT = {"active": "in_use", "suspended": "suspended", "terminated": "terminated"}


def status(run: Run, pid: str, f: Fact) -> None:
    """A dated statement that the tie is active, suspended or terminated.

    In a package with ``pairing_events`` (where the status is derived from events) a dated
    statement becomes its event (active: ``in_use``); otherwise it is cited and the status is set
    afterwards.
    """
    if run.tables.has("pairing_events") and f.date:
        add_event(run, pid, replace(f, cells=f.cells | {"fact": "event", "value": AS_EVENT[f.value]}))
        return
    cite(run, "pairings", pid, "status", f, f"Gives {f.value}" + (f" ({f.date})." if f.date else "."))


def check_status(f: Fact, pkg: Package) -> str | None:
    if f.value not in STATUSES:
        return f"status value {f.value!r} is not one of {', '.join(STATUSES)}"
    if f.date and not is_partial_date(f.date):
        return f"value_date {f.date!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    return None


def location(run: Run, pid: str, f: Fact) -> None:
    """Used when a new place is located (see places.py); here only what is left over is logged."""
    if not run.log.settled(f):
        side = f.value
        if not f["cn_parent" if side == "cn" else "us_state"]:
            run.log.left(f, "it names no province or state")
        elif pid in run.added:
            run.log.left(f, f"the {side} place of {pid} needed no location fact (a province or state, or a place already in the package)")
        else:
            run.log.left(f, f"{pid} was already in the package: its places are not located again")


def check_location(f: Fact, pkg: Package) -> str | None:
    return None if f.value in ("cn", "us") else f"location value {f.value!r} is not cn or us"


def doubt(run: Run, pid: str, f: Fact) -> None:
    """``contra`` and ``not_formal``: they keep a new pair out (see pairings.py); on a pairing they are for a curator."""
    if not run.log.settled(f):
        run.log.left(f, f"{f.kind} evidence on {pid}: listed in changes.txt for a curator")


KINDS: dict[str, Kind] = {
    "pair": Kind(pair),
    "year": Kind(year, check_year),
    "status": Kind(status, check_status),
    "location": Kind(location, check_location),
    "not_formal": Kind(doubt),
    "contra": Kind(doubt),
    "same_name": Kind(doubt),
    "event": Kind(add_event, check_event),
}
