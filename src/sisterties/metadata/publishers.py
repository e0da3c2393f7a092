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
from collections.abc import Iterable, Mapping

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


def supporting_sources(pairings: Iterable[Mapping], citations: Iterable[Mapping], events: Iterable[Mapping]) -> dict[str, set[str]]:
    """pairing_id -> the source_ids that support the pair."""
    out: dict[str, set[str]] = {}
    for p in pairings:
        out.setdefault(p["pairing_id"], set()).add(p["source_id"])
    for c in citations:
        if c.get("table_name") == "pairings" and c.get("row_id") in out:
            out[c["row_id"]].add(c["source_id"])
    for e in events:
        if e.get("event") != "required_to_end" and e.get("pairing_id") in out:
            out[e["pairing_id"]].add(e["source_id"])
    return out


def independent_sources(pairings: Iterable[Mapping], citations: Iterable[Mapping], events: Iterable[Mapping],
                        sources: Iterable[Mapping]) -> dict[str, int]:
    """pairing_id -> number of distinct original publishers among its supporting sources.

    >>> src = [{"source_id": "s1", "publisher": "Xinhua (mirror)", "original_publisher": None},
    ...        {"source_id": "s2", "publisher": "People's Daily Online (Xinhua)", "original_publisher": "Xinhua"},
    ...        {"source_id": "s3", "publisher": "City of Dallas", "original_publisher": None}]
    >>> cites = [{"table_name": "pairings", "row_id": "A~B", "source_id": "s2"}]
    >>> events = [{"pairing_id": "A~B", "event": "in_use", "source_id": "s3"}]
    >>> independent_sources([{"pairing_id": "A~B", "source_id": "s1"}], cites, events, src)
    {'A~B': 2}
    """
    keys = {s["source_id"]: publisher_key(s.get("publisher"), s.get("original_publisher")) for s in sources}
    return {pid: len({keys.get(sid, sid) for sid in sids}) for pid, sids in supporting_sources(pairings, citations, events).items()}
