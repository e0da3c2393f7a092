"""``event`` facts: dated events of a tie (established, in use, suspended, terminated, ...).

An event fact gives the event type in ``value`` and its date in ``value_date``. It becomes a row
of ``pairing_events`` only when the package has that table (a resource in datapackage.json);
otherwise the fact is left out with that reason. The row's columns are read from the table's
schema at run time, and only the columns the schema has are filled; a value the schema would
refuse (an event type outside its enum, a pattern the id does not match) refuses the run.

The date is ``stated`` when the excerpt shows its year; when it does not, but it is the date of
the page that reports the event (or that date's month or year), it is ``inferred`` with that
reasoning; otherwise the fact is left out.

>>> event_id("CN-HB-xiangyang~US-IN-carmel", "terminated", [{"event_id": "CN-HB-xiangyang~US-IN-carmel-terminated-01"}])
'CN-HB-xiangyang~US-IN-carmel-terminated-02'
"""
from __future__ import annotations

import re

from ...metadata.descriptor import Package
from .facts import Fact, is_partial_date
from .sources import research_note, use_source
from .state import Run

TABLE = "pairing_events"
BY_PAGE_DATE = "Dated by the publication date of the page that reports it (at the precision the research gives); the excerpt gives no date."


def event_id(pairing_id: str, event: str, rows: list[dict]) -> str:
    """``<pairing_id>-<event>-NN``, NN the next free two-digit number of that event of that pairing."""
    stem = f"{pairing_id}-{event}-"
    used = [int(r["event_id"][len(stem):]) for r in rows if r.get("event_id", "").startswith(stem) and r["event_id"][len(stem):].isdigit()]
    return f"{stem}{max(used, default=0) + 1:02d}"


def check_event(f: Fact, pkg: Package) -> str | None:
    if not f.value:
        return "an event fact needs the event type in value"
    if not is_partial_date(f.date):
        return f"value_date {f.date!r} is not YYYY, YYYY-MM or YYYY-MM-DD (an event needs its date)"
    if f["term_end"] and not is_partial_date(f["term_end"]):
        return f"term_end {f['term_end']!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    if TABLE in pkg.table_names:
        names = pkg.table(TABLE).field_names
        enum = pkg.table(TABLE).field("event").enum if "event" in names else None
        if enum and f.value not in enum:
            return f"event {f.value!r} is not one of the events of {TABLE}: {', '.join(enum)}"
    return None


def add_event(run: Run, pid: str, f: Fact) -> None:
    """A ``pairing_events`` row for the fact, filled in the columns the table's schema has."""
    if not run.tables.has(TABLE):
        run.log.left(f, f"the package has no {TABLE} table (add it to datapackage.json, then run again)")
        return
    rows = run.rows[TABLE]
    same = next((r for r in rows if (r.get("pairing_id"), r.get("event"), r.get("date")) == (pid, f.value, f.date)), None)
    if same:
        run.log.left(f, f"the event is already recorded ({same.get('event_id', '')})")
        return
    if f.date[:4] in f.excerpt:
        basis, note = "stated", ""
    elif f["source_published"].startswith(f.date):
        basis, note = "inferred", BY_PAGE_DATE
    else:
        run.log.left(f, f"the excerpt does not show the year {f.date[:4]}, and it is not the date of its page")
        return
    values = {"event_id": event_id(pid, f.value, rows), "pairing_id": pid, "event": f.value, "date": f.date,
              "date_basis": basis, "date_note": note, "term_end": f["term_end"], "law_id": f["law_id"],
              "source_id": use_source(run, f.url), "evidence": f.excerpt, "evidence_start": "", "evidence_end": "",
              "note": research_note(f)}
    table = run.pkg.table(TABLE)
    row = {name: values.get(name, "") for name in table.field_names}
    bad = [(n, v) for n, v in row.items() if v and (
        (table.field(n).enum and v not in table.field(n).enum) or (table.field(n).pattern and not re.fullmatch(table.field(n).pattern, v)))]
    if bad:
        run.problems += [f"{f.where}: the {TABLE} schema refuses {n} = {v!r} (update curate/apply/events.py to its rules)" for n, v in bad]
        return
    rows.append(row)
    run.log.used(f, f"{TABLE} row {values['event_id']}")
    run.log.changes.append(f"EVENT {pid}: {f.value} {f.date} ({values['event_id']})")
