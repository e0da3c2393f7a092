"""The status rule: a pairing's ``status`` and ``status_as_of`` follow from its dated events.

This is the only place the rule is written; validation (``checks/rules/events.py``) and the
``sisterties derive`` command both call :func:`derive_status`.

The rule, for the events of one pairing and a validation date *today*:

1. **Order.** Events are compared by their partial dates (an interval from the first to the last
   day the date can mean). The latest event is the one with the latest first day; an event whose
   interval reaches that day cannot be put before it, so among those the one of highest
   :data:`PRECEDENCE` decides (a termination dated "2024" outranks a use dated 2024-05-01: nothing
   shows the use came after the end), then the more precise one. An undated event is known only to
   follow the establishment: it decides only when no other dated event exists.
   ``required_to_end`` events take no part in the order (see 4).
2. **Status of the deciding event.** signed, renewed, upgraded, downgraded, resumed, in_use →
   ``active``; suspended → ``suspended``; lapsed → ``lapsed``; terminated → ``terminated``;
   established (or no event at all) → ``unknown``: that a tie was set up says nothing about whether
   it is in use. ``active`` needs a date: an undated deciding event that would make the tie
   active gives ``unknown``. ``status_as_of`` is the date of the deciding event.
3. **Terms.** The term that governs is the ``term_end`` of the latest agreement event (established,
   signed, renewed, upgraded, downgraded, resumed; an agreement without a term_end ends any
   earlier term). When that term has run out before *today* (its last possible day is past) and no
   event is dated after it, an ``active`` or ``unknown`` tie is ``lapsed`` as of the term's end.
4. **Laws.** A ``required_to_end`` event carries the deadline of its law
   (``laws.existing_ties_deadline``). When the deadline has passed (its last possible day is
   before *today*) and no event is dated after it, an ``active``, ``suspended`` or ``unknown`` tie
   is ``required_to_end`` as of the deadline; a terminated or lapsed tie keeps that status. Before
   the deadline, or for a law without a deadline, the status is the one the other events give.

>>> import datetime as dt
>>> today = dt.date(2026, 12, 5)
>>> derive_status([Event("established", "1994")], today)
('unknown', None)
>>> derive_status([Event("established", "1994"), Event("in_use", "2019-12-07"), Event("in_use", "2019")], today)
('active', '2019-12-07')
>>> derive_status([Event("in_use", "2024-05-01"), Event("terminated", "2024")], today)
('terminated', '2024')
>>> derive_status([Event("established", "2023", term_end="2025")], today)
('lapsed', '2025')
>>> derive_status([Event("established", "2023", term_end="2025"), Event("renewed", "2025-09-11", term_end="2027")], today)
('active', '2025-09-11')
>>> law = Event("required_to_end", "2025-06-20", deadline="2025-10-01")
>>> derive_status([Event("in_use", "2025-05-29"), law], today)
('required_to_end', '2025-10-01')
>>> derive_status([Event("in_use", "2025-05-29"), law], dt.date(2025, 9, 1))
('active', '2025-05-29')
>>> derive_status([Event("in_use", "2025-05-29"), law, Event("in_use", "2025-11")], today)
('active', '2025-11')
>>> derive_status([Event("terminated", "2025"), law], today)
('terminated', '2025')
>>> derive_status([Event("established", "1988"), Event("terminated", None)], today)
('terminated', None)
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .dates import bounds

EVENTS = ("established", "signed", "renewed", "upgraded", "downgraded", "lapsed", "suspended", "resumed",
          "terminated", "required_to_end", "in_use")
# When two events cannot be ordered by their dates, the later in this list decides.
PRECEDENCE = ("established", "signed", "renewed", "upgraded", "downgraded", "in_use", "suspended", "lapsed",
              "terminated", "resumed")
EVENT_STATUS = {"signed": "active", "renewed": "active", "upgraded": "active", "downgraded": "active",
                "resumed": "active", "in_use": "active", "suspended": "suspended", "lapsed": "lapsed",
                "terminated": "terminated", "established": "unknown"}
AGREEMENTS = frozenset({"established", "signed", "renewed", "upgraded", "downgraded", "resumed"})
LAW_OVERRIDES = frozenset({"active", "suspended", "unknown"})
AS_OF_VARIABLE = "SISTERTIES_AS_OF"


@dataclass(frozen=True)
class Event:
    """One event of a pairing, as the rule needs it (``deadline``: the law's, for required_to_end)."""

    event: str
    date: str | None
    term_end: str | None = None
    deadline: str | None = None


def validation_date(value: str | None = None) -> dt.date:
    """*Today* for the rules: ``value`` or ``$SISTERTIES_AS_OF`` (YYYY-MM-DD), else the calendar date.

    >>> validation_date("2026-12-05")
    datetime.date(2026, 12, 5)
    >>> validation_date("5 Dec")
    Traceback (most recent call last):
    ...
    ValueError: the validation date must be written YYYY-MM-DD, not '5 Dec'
    """
    text = value if value is not None else os.environ.get(AS_OF_VARIABLE) or None
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else _bad(text)
    except ValueError:
        return _bad(text)


def _bad(text: str) -> dt.date:
    raise ValueError(f"the validation date must be written YYYY-MM-DD, not {text!r}")


@lru_cache(maxsize=4096)
def _bounds(date: str) -> tuple[dt.date, dt.date]:
    return bounds(date)


def _first(date: str) -> dt.date:
    return _bounds(date)[0]


def _last(date: str) -> dt.date:
    return _bounds(date)[1]


def order_key(e: Event) -> tuple:
    """Sort key of a dated event: first day, precedence, then the more precise date later."""
    return (_first(e.date), PRECEDENCE.index(e.event), -(_last(e.date) - _first(e.date)).days)


def deciding_event(events: Iterable[Event]) -> Event | None:
    """The event that decides the status (rule 1), among events other than required_to_end."""
    ordinary = [e for e in events if e.event != "required_to_end"]
    dated = [e for e in ordinary if e.date]
    if any(e.event != "established" for e in dated):
        latest_first = max(_first(e.date) for e in dated)
        open_ended = [e for e in dated if _last(e.date) >= latest_first]
        return max(open_ended, key=lambda e: (PRECEDENCE.index(e.event), _first(e.date), -(_last(e.date) - _first(e.date)).days))
    undated = [e for e in ordinary if not e.date]
    if undated:
        return max(undated, key=lambda e: PRECEDENCE.index(e.event))
    return max(dated, key=order_key) if dated else None


def governing_term(events: Iterable[Event]) -> str | None:
    """term_end of the latest agreement event (dated ones in order; undated ones count as earliest)."""
    agreements = [e for e in events if e.event in AGREEMENTS]
    if not agreements:
        return None
    undated = [e for e in agreements if not e.date]
    dated = sorted((e for e in agreements if e.date), key=order_key)
    return (undated + dated)[-1].term_end


def _after(events: Iterable[Event], day: dt.date) -> bool:
    return any(e.date and _first(e.date) > day for e in events if e.event != "required_to_end")


def derive_status(events: Iterable[Event], today: dt.date) -> tuple[str, str | None]:
    """(status, status_as_of) of a pairing with these events, as of ``today`` (see the module doc)."""
    events = list(events)
    decider = deciding_event(events)
    if decider is None:
        status, as_of = "unknown", None
    else:
        status, as_of = EVENT_STATUS[decider.event], decider.date
        if status == "active" and not decider.date:
            status = "unknown"
        if status == "unknown":
            as_of = None
    term = governing_term(events)
    if status in ("active", "unknown") and term and _last(term) < today and not _after(events, _last(term)):
        status, as_of = "lapsed", term
    if status in LAW_OVERRIDES:
        for law in sorted((e for e in events if e.event == "required_to_end" and e.deadline), key=lambda e: _last(e.deadline)):
            if _last(law.deadline) < today and not _after(events, _last(law.deadline)):
                return "required_to_end", law.deadline
    return status, as_of


def _text(value) -> str | None:
    return value if isinstance(value, str) and value != "" else None


def derive_statuses(pairing_ids: Iterable[str], events: Iterable[Mapping], laws: Iterable[Mapping],
                    today: dt.date) -> dict[str, tuple[str, str | None]]:
    """pairing_id -> (status, status_as_of) from rows of pairing_events and laws (empty cells: None or '').

    Events with an unknown event type, a malformed date or an unknown law are left out here; the
    table's own rules report them.

    >>> rows = [{"pairing_id": "A~B", "event": "in_use", "date": "2020", "term_end": None, "law_id": None}]
    >>> derive_statuses(["A~B", "C~D"], rows, [], dt.date(2026, 1, 1))
    {'A~B': ('active', '2020'), 'C~D': ('unknown', None)}
    """
    deadlines = {law["law_id"]: _text(law.get("existing_ties_deadline")) for law in laws}
    per: dict[str, list[Event]] = {}
    for row in events:
        kind, date, term = row.get("event"), _text(row.get("date")), _text(row.get("term_end"))
        if kind not in EVENTS or not all(_well_formed(d) for d in (date, term)):
            continue
        deadline = deadlines.get(_text(row.get("law_id"))) if kind == "required_to_end" else None
        if deadline is not None and not _well_formed(deadline):
            deadline = None
        per.setdefault(row.get("pairing_id"), []).append(Event(kind, date, term, deadline))
    return {pid: derive_status(per.get(pid, []), today) for pid in pairing_ids}


def _well_formed(date: str | None) -> bool:
    if date is None:
        return True
    try:
        _bounds(date)
        return len(date) in (4, 7, 10)
    except (ValueError, TypeError):
        return False
