"""Independent support: how many distinct original publishers support a pairing.

A source counts under its ``original_publisher`` when it is a republication or mirror that names
one, else under its ``publisher``. Two names are the same publisher when they agree after
dropping parenthesised remarks (the package writes a copy's site or channel there, e.g.
"City of Dubuque (weblink.cityofdubuque.org)"), case and punctuation. A pairing's supporting
sources are its ``source_id``, the sources of its citations and the sources of its events other
than ``required_to_end`` (whose source speaks of a law, not of the pair).

>>> publisher_key("China Daily (mirror on cnwinenews.com)", None) == publisher_key("China  daily", "")
True
>>> publisher_key("anhuinews.com (Xinhua)", "Xinhua")
'xinhua'
"""
from __future__ import annotations

import re
from collections.abc import Iterable

REMARK = re.compile(r"\([^()]*\)")
NOT_WORD = re.compile(r"[\W_]+")


def publisher_key(publisher: str | None, original_publisher: str | None) -> str:
    """The name under which a source counts: original publisher else publisher, normalised."""
    name = original_publisher if isinstance(original_publisher, str) and original_publisher.strip() else publisher
    name = name if isinstance(name, str) else ""
    previous = None
    while previous != name:  # nested remarks, innermost first
        previous, name = name, REMARK.sub(" ", name)
    return NOT_WORD.sub(" ", name).strip().casefold()


def supporting_sources(pairings: Iterable[tuple[str, str]], citations: Iterable[tuple[str, str, str]],
                       events: Iterable[tuple[str, str, str]]) -> dict[str, set[str]]:
    """pairing_id -> the source_ids that support the pair.

    ``pairings``: (pairing_id, source_id); ``citations``: (table_name, row_id, source_id);
    ``events``: (pairing_id, event, source_id).
    """
    out: dict[str, set[str]] = {}
    for pid, sid in pairings:
        out.setdefault(pid, set()).add(sid)
    for table, rid, sid in citations:
        if table == "pairings" and rid in out:
            out[rid].add(sid)
    for pid, event, sid in events:
        if event != "required_to_end" and pid in out:
            out[pid].add(sid)
    return out


def independent_sources(pairings: Iterable[tuple[str, str]], citations: Iterable[tuple[str, str, str]],
                        events: Iterable[tuple[str, str, str]], sources: Iterable[tuple[str, str, str | None]]) -> dict[str, int]:
    """pairing_id -> number of distinct original publishers among its supporting sources.

    ``sources``: (source_id, publisher, original_publisher); the others as in :func:`supporting_sources`.

    >>> src = [("s1", "Xinhua (mirror)", None), ("s2", "People's Daily Online (Xinhua)", "Xinhua"), ("s3", "City of Dallas", None)]
    >>> independent_sources([("A~B", "s1")], [("pairings", "A~B", "s2")], [("A~B", "in_use", "s3")], src)
    {'A~B': 2}
    """
    keys = {sid: publisher_key(publisher, original) for sid, publisher, original in sources}
    return {pid: len({keys.get(sid, sid) for sid in sids}) for pid, sids in supporting_sources(pairings, citations, events).items()}
