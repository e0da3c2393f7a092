"""Source rows for the pages facts cite, and citations of further sources for a row's facts.

A page known by its URL becomes a ``sources`` row with id ``src-`` + 12 hex of the URL's
SHA-256, ``archived = false`` (its excerpts carry no offsets). Its title, publisher, kind and
date come from all the facts of the run that cite the URL: the most frequent value wins (ties:
the longer text; for kinds, the stronger), and a date only when every fact's date is a prefix
of the most precise one.

>>> research_note_text("date from URL; Wuhan is the capital of Hubei")
'Research note: Wuhan is the capital of Hubei.'
"""
from __future__ import annotations

import re
from collections import Counter

from .facts import Fact, clean, is_partial_date, source_id_of_url
from .state import Run

NOT_ARCHIVED = "Not archived: its evidence cannot be checked against a text."
UNTITLED = "The title is not shown in the stored copy: 'untitled page' is a placeholder, not the source's title."
JUNK = re.compile(r"date from URL|dated by URL|^no title|title not|mirror", re.I)  # research notes not worth keeping
URL_DATED = re.compile(r"date[^;]*URL|URL[^;]*date|from (the )?URL", re.I)


def has_cjk(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def research_note_text(note: str) -> str:
    parts = [x.strip() for x in re.split(r";\s*", note or "") if x.strip() and not JUNK.search(x)]
    return ("Research note: " + "; ".join(parts).rstrip(".") + ".") if parts else ""


def research_note(f: Fact) -> str:
    return research_note_text(f.note)


def use_source(run: Run, url: str) -> str:
    """The source id of a page, adding its row on first use."""
    sid = source_id_of_url(url)
    if sid in run.src:
        return sid
    facts = run.by_url[url]
    titles = Counter(clean(f["source_title"]) for f in facts if clean(f["source_title"]))
    pubs = Counter(clean(f["source_publisher"]) for f in facts if clean(f["source_publisher"]))
    kinds = Counter(f["source_kind"] for f in facts if f["source_kind"])
    kind = sorted(kinds.items(), key=lambda kv: (-kv[1], run.kind_order.index(kv[0])))[0][0]
    publisher = sorted(pubs.items(), key=lambda kv: (-kv[1], -len(kv[0])))[0][0] if pubs else ""
    notes = [NOT_ARCHIVED]
    if titles:
        title = sorted(titles.items(), key=lambda kv: (-kv[1], -len(kv[0])))[0][0]
    else:
        title = f"{publisher or 'Unknown publisher'} (untitled page)"
        notes.append(UNTITLED)
    dates = sorted({f["source_published"] for f in facts if is_partial_date(f["source_published"])}, key=len)
    published = dates[-1] if dates and all(dates[-1].startswith(d) for d in dates) else ""
    basis, pnote = "", ""
    if published:
        url_dated = any(URL_DATED.search(f.note) for f in facts)
        basis = "inferred" if url_dated else "stated"
        pnote = "Taken from the date in the page's URL." if url_dated else ""
    text = " ".join(f.excerpt for f in facts)
    language = "zh" if has_cjk(text) > len(re.findall(r"[A-Za-z]", text)) else "en"
    row = {"source_id": sid, "kind": kind, "title": title, "publisher": publisher, "original_publisher": "",
           "author": "", "published": published,
           "published_precision": {4: "year", 7: "month", 10: "day"}[len(published)] if published else "",
           "published_basis": basis, "published_note": pnote, "url": url, "language": language,
           "archived": "false", "archive_path": "", "sha256": "", "archived_on": "",
           "obtained_from": run.decisions.obtained_from, "note": " ".join(notes)}
    run.src[sid] = row
    run.rows["sources"].append(row)
    return sid


def cite(run: Run, table: str, row_id: str, fact: str, f: Fact, note: str = "") -> dict | None:
    """Cite the fact's page for ``fact`` of a row (a new ``citations`` row), unless that row already rests on it."""
    sid = use_source(run, f.url)
    if table == "pairings" and fact == "exists" and run.pair[row_id]["source_id"] == sid:
        run.log.left(f, f"its page is already the source of {row_id}")
        return None
    for c in run.rows["citations"]:
        if c["table_name"] == table and c["row_id"] == row_id and c["fact"] == fact and c["source_id"] == sid:
            run.log.left(f, f"{row_id} already cites its page for '{fact}' ({c['citation_id']})")
            return None
    hexid = sid[4:]
    run.seq[hexid] += 1
    c = {"citation_id": f"cit-{hexid}-{run.seq[hexid]:02d}", "table_name": table, "row_id": row_id, "fact": fact,
         "source_id": sid, "evidence": f.excerpt, "evidence_start": "", "evidence_end": "",
         "note": " ".join(x for x in (note, research_note(f)) if x)}
    run.rows["citations"].append(c)
    run.log.used(f, f"citation {c['citation_id']} ({table} {row_id}, {fact})")
    return c
