"""Migration of issue #10: the package's status facts become dated events, the laws it already
cites become rows, and the derived pairing columns are recomputed.

What it writes (everything from what ``data/`` already holds, plus the decisions below):

1. ``data/laws.csv``: :data:`LAWS` (Texas HB 128, Indiana HEA 1120), each value from a source the
   package already lists; their further sources go to ``citations`` (:data:`LAW_CITATIONS`).
2. ``data/pairing_events.csv``:
   - one ``established`` event per pairing with an ``established`` value (date, basis and note
     copied; the source is the pairing's own when its evidence names the year, else the first
     citation with fact ``established`` whose evidence names it, else the first such citation,
     else the pairing's source); :data:`TERMS` adds a stated term;
   - one event per citation with fact ``status``: its note's "Gives X as of D" becomes an
     ``in_use`` (active, under review), ``terminated`` or ``suspended`` event dated D, unless
     :data:`OVERRIDES` gives the event the source actually reports (a renewal, a signing, an
     upgrade, a downgrade, a resumption) with its reason. An ``in_use`` without a date is left out
     (the rule needs dated use) and logged; one dated after its source's publication is dated by
     the publication. Reports of the same event (same pairing and event, dates one within the
     other, and for ``in_use`` the same date) become one row, the most precise one's source first,
     the others as citations (fact ``exists``) of the event;
   - one ``required_to_end`` event per Texas city pairing of kind sister_city, for HB 128 (the
     law, as its source states, bans Texas sister-city programs with Chinese places; friendship
     city ties and the state-level Yunnan–Texas tie are not said to be covered). Indiana's HEA
     1120 puts none: no source says it requires existing ties to end.
3. ``data/sources.csv``: ``original_publisher`` from ``original_publishers.csv`` (republications,
   mirrors and editions, each with its reason) and three spellings of the same publisher made
   one (:data:`SPELLINGS`).
4. ``data/pairings.csv``: ``status_note`` of a pairing that becomes ``required_to_end`` says so;
   then ``sisterties derive`` recomputes status, status_as_of, independent_sources and
   strongest_source_kind as of ``--as-of``.

Deterministic and re-runnable: rows it manages (events, laws, and citations of those two tables)
are rebuilt from scratch on each run, so running it twice gives the same bytes
(``tests/test_events_migration.py``). It rebuilds the event table from the status citations, so it
is meant for the commit it was written for: when the tables hold events or laws it did not make
(later imports), it refuses to run unless given ``--force``.

Usage: python curation/passes/2026-12-05-events/migrate.py [--root PATH] [--as-of YYYY-MM-DD] [--force]
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from sisterties.curate.table_csv import read_table as read
from sisterties.curate.table_csv import write_table as write

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]

# --- laws: only values the cited sources state --------------------------------------------------

HB128_SCOPE = ("House Bill 128 from state Rep. Angelia Orr, R-Itasca, will ban Texas sister city programs involving \"foreign adversary\" "
               "nations—China, Iran, North Korea, Russia or any country designated by the governor as a threat to critical infrastructure.")
LAWS = [
    {"law_id": "US-IN-hea-1120-2024", "jurisdiction_id": "US-IN", "instrument": "state_law", "bill_number": "HEA 1120", "title": "",
     "status": "in_force", "introduced": "", "signed": "", "effective": "2024-07-01", "existing_ties_deadline": "",
     "dates_note": "The NexGen USA (2024-03-18, src-0db8a9d3eac3) reports that the provision goes into effect on July 1; the year is that "
                   "of its publication. No source in the package states the day it was signed.",
     "requires": "A provision bans cities from entering into cooperative agreements, sister-city agreements among them, with local "
                 "governments of 'foreign adversary' countries, China among them. The ban is not explicitly retroactive, so sources are "
                 "unsure whether existing ties must end, and it does not apply to the state's own agreement with Zhejiang.",
     "source_id": "src-f4a05cebbb57",
     "evidence": "House Enrolled Act 1120, which generally deals with state and local administration, includes a provision that effectively "
                 "bans the agreements, although the ban is not explicitly retroactive.",
     "note": "Puts no required_to_end event on Indiana pairings: no source says it requires existing ties to end. Carmel ended its tie "
             "with Xiangyang after it passed (announced 2024-03-27); Columbus kept its own."},
    {"law_id": "US-TX-hb-128-2025", "jurisdiction_id": "US-TX", "instrument": "state_law", "bill_number": "HB 128", "title": "",
     "status": "in_force", "introduced": "", "signed": "2025-06-20", "effective": "2025-09", "existing_ties_deadline": "2025-10-01",
     "dates_note": "Community Impact (2025-06-24, src-0dbcd330d974) gives the signing as June 20, the effect as September and the deadline "
                   "for Austin's withdrawal as Oct. 1, without years; the year is that of its publication. KERA News (2025-05-29) has the "
                   "bill on the governor's desk then and Fort Worth's deadline as October; the Dallas report has it signed in June.",
     "requires": "Bans Texas sister-city programs with places in China (and Iran, North Korea, Russia or a country the governor designates); "
                 "a city must withdraw from an existing agreement by the deadline (stated for Austin and Fort Worth).",
     "source_id": "src-0dbcd330d974", "evidence": HB128_SCOPE,
     "note": "KERA News (src-9712ec250ec9) reports a provision added in mid-May under which the ban expires in January 2027 unless lawmakers "
             "renew it (a citation with fact exists)."},
]
LAW_CITATIONS = [  # law_id, fact, source_id, evidence, note
    ("US-IN-hea-1120-2024", "effective", "src-0db8a9d3eac3",
     "The Indiana Capital Chronicle said that the provision goes into effect on July 1, but notes there is some uncertainty about whether "
     "the ban is retroactive to affect existing agreements — and it does not apply to a state-level agreement with the Chinese province of Zhejiang.",
     "Gives the effective day (July 1; 2024 from the publication date) and the doubt about existing agreements."),
    ("US-IN-hea-1120-2024", "exists", "src-f4a05cebbb57",
     "Columbus will maintain its sister-city relationship with Xiangyang, China despite state legislation passed last session that bans any "
     "future such agreements.", "The ban concerns future agreements."),
    ("US-IN-hea-1120-2024", "exists", "src-9751d537baa0",
     "And it doesn’t affect Indiana’s own sister-state agreement with Chinese province Zhejiang.", "The state's own tie is not affected."),
    ("US-TX-hb-128-2025", "signed", "src-0dbcd330d974",
     "While Texas formally encourages sister city initiatives, a new law signed by Gov. Greg Abbott on June 20 will require Austin to "
     "withdraw from its longtime partnership with Xishuangbanna, China, this fall.", "Gives the signing day (June 20; 2025 from the publication date)."),
    ("US-TX-hb-128-2025", "effective", "src-0dbcd330d974",
     "Under HB 128, which goes into effect in September, the city will have to back out of its Xishuangbanna agreement by Oct. 1.",
     "Gives the month it takes effect (September 2025)."),
    ("US-TX-hb-128-2025", "deadline", "src-0dbcd330d974",
     "Under HB 128, which goes into effect in September, the city will have to back out of its Xishuangbanna agreement by Oct. 1.",
     "Gives the deadline for existing ties (Oct. 1, 2025)."),
    ("US-TX-hb-128-2025", "signed", "src-eb4c8e6a5d4a",
     "The Dallas City Council on Wednesday approved ending the city’s connections with Tianjin, China, and Saratov, Russia, after Gov. Greg "
     "Abbott signed House Bill 128 into law in June.", "Signed in June (2025)."),
    ("US-TX-hb-128-2025", "deadline", "src-9712ec250ec9",
     "Fort Worth will have until October to dissolve its relationship with Guiyang, China — a city of about 6 million people and one of "
     "Fort Worth’s nine sister cities since 2011.", "Fort Worth's deadline: October (2025)."),
    ("US-TX-hb-128-2025", "exists", "src-9712ec250ec9",
     "In a provision lawmakers added to the bill in mid-May, the ban would expire in January 2027 at the start of the next legislative "
     "session, when lawmakers would have the chance to renew it.", "The ban's expiry as the bill stood in May 2025."),
]
# Which pairings a law puts a required_to_end event on: (law_id, predicate on a pairings row, reason).
LAW_SCOPE = [  # (law_id, predicate on a pairings row, the event's date_note, its note)
    ("US-TX-hb-128-2025", lambda p: p["us_jurisdiction_id"].startswith("US-TX-") and p["kind"] == "sister_city",
     "The day HB 128 was signed: June 20 in Community Impact (src-0dbcd330d974), the year from its publication date (2025-06-24).",
     "HB 128 bans Texas cities' sister-city programs with Chinese places and requires existing agreements to end by 2025-10-01 "
     "(laws.existing_ties_deadline); it applies to this Texas city's sister-city tie by its scope as the law's source states it."),
]

# --- status citations that report something more specific than use ------------------------------
# citation_id -> list of (event, date or None, date_basis or None, date_note, term_end)
OVERRIDES = {
    "cit-5891e4179f7f-02": [("renewed", "2012", "inferred", "The source is undated; the research dates the signing to 2012 from 'past 28 years' "
                                                             "since the 1984 establishment.", "")],
    "cit-9aca372e311e-04": [("renewed", "2009", "stated", "", "")],
    "cit-f38336ee1fd0-01": [("signed", "2014-03-26", "inferred", "The research dates the signing to the welcome reception of the 2014 "
                                                                  "conference; the source gives the year.", "")],
    "cit-f38336ee1fd0-02": [("signed", "2014-03-26", "inferred", "The research dates the signing to the welcome reception of the 2014 "
                                                                  "conference; the source gives the year.", "")],
    "cit-f38336ee1fd0-03": [("signed", "2014-03-26", "inferred", "The research dates the signing to the welcome reception of the 2014 "
                                                                  "conference; the source gives the year.", "")],
    "cit-f6962c231b6c-02": [("renewed", "2018", "stated", "", "")],
    "cit-160a8883ea0c-02": [("renewed", "2019-09", "inferred", "'Last week' in a report of 2019-09-30.", "")],
    "cit-83eef3908b6f-02": [("renewed", "2015", "inferred", "Reported as done on 2015-05-14; the day of the signing is not given.", "")],
    "cit-a17ba74955bb-02": [("renewed", "2009-09", "inferred", "The release says 'today'; the research dates it to the governor's trade mission "
                                                               "of 13–22 September 2009 (the copy is undated).", "")],
    "cit-11344977f991-01": [("renewed", "2010-09", "inferred", "The caption places the signing in September; the year is the source's (2010).", "")],
    "cit-4ac0aa45886a-02": [("renewed", "2024-05-21", "inferred", "'Yesterday' in a release of 2024-05-22.", "")],
    "cit-e1512582fb41-01": [("resumed", "2021-03", "inferred", "Reported as done in March 2021 (2021-03-12 and 2021-03-18); the letter's day is "
                                                               "not given. The research notes the tie had drifted apart before.", "")],
    "cit-7ac7a0cc0efa-01": [("resumed", "2021-03", "inferred", "Reported as done in March 2021 (2021-03-12 and 2021-03-18); the letter's day is "
                                                               "not given. The research notes the tie had drifted apart before.", "")],
    "cit-8c0a335c9d1d-02": [("renewed", None, None, "The copy does not date the signing of the reconfirmation; the research places it at the "
                                                    "4th China–US Governors Forum without a date.", "")],
    "cit-c1f3512da812-02": [("signed", None, None, "The source is undated ('a new agreement Monday morning'); the research places it after 2008.", "")],
    "cit-e34046e5e93c-01": [("signed", "2023-10-31", "inferred", "'On Tuesday' in reports of 2023-10-31 and 2023-11-01. The Chinese reports "
                                                                 "call it the establishment; the Carmel side the ratification of the 2012 "
                                                                 "agreement.", "")],
    "cit-fe107b650e9e-01": [("signed", "2023-10-31", "inferred", "'On Tuesday' in reports of 2023-10-31 and 2023-11-01.", "")],
    "cit-9751d537baa0-01": [("signed", "2023", "inferred", "During the mayor's 2023 China tour.", "")],
    "cit-3e0b2ac650ff-01": [("renewed", "2025", "inferred", "The council memo of 2025-09-11 reports the renewal as done; its day is not given.", "2027"),
                            ("in_use", "2025-09-11", "stated", "", "")],
    "cit-3e0b2ac650ff-03": [("renewed", "2025", "inferred", "The council memo of 2025-09-11 reports the renewal as done; its day is not given.", "2027"),
                            ("in_use", "2025-09-11", "stated", "", "")],
    "cit-54ae7ae3211a-03": [("upgraded", "2024-11-14", "stated", "", "")],
    "cit-0baae2ba7de5-01": [("upgraded", "2024-11-14", "stated", "", "")],
    "cit-ec31e5954612-01": [("downgraded", "2025", "inferred", "Reported on 2025-08-02 (Capital Cities, from the Arkansas Democrat-Gazette) as "
                                                               "decided by the city board on a Tuesday; the research places the vote in late "
                                                               "July 2025. The tie continues as a friendship city.", "")],
    "cit-1e816ddc6de7-01": [("downgraded", "2025", "inferred", "The source is of 2025; the day is not given.", "")],
    "cit-09c1a2712217-02": [("downgraded", "2025", "inferred", "'On Tuesday' in an undated report; the research places the vote in late July 2025.", "")],
    "cit-0c2b08364104-02": [("suspended", "2016", "stated", "Inactive since 2016 ('became inactive in 2016'), not a formal suspension; in "
                                                            "December 2024 the council considered reactivating it.", "")],
    "cit-24ee6ba05ca4-02": [("terminated", "2024-03-27", "inferred", "Announced in the report of 2024-03-27 ('is ending'); the day the city "
                                                                     "ended it is not given.", "")],
    "cit-eb4c8e6a5d4a-02": [("terminated", "2025", "inferred", "The council voted 'on Wednesday', after HB 128 was signed in June (2025); the "
                                                               "undated copy does not give the day.", "")],
    "cit-9ae86d310719-02": [("terminated", None, None, "No source dates the end: the page is an undated search-result summary.", "")],
    "cit-4c1f2f60bc00-03": [("signed", "2021-09", "inferred", "'September of this year' in an undated report of the 40th anniversary of the "
                                                              "1981 tie: 2021. A memorandum for the anniversary.", "")],
}
# pairing_id -> (term_end of its established event, the evidence that states it)
TERMS = {
    "CN-ZJ-tongxiang~US-CA-cupertino": "2025",
    "CN-HB-xianning~US-CA-cupertino": "2025",
}
TERM_EVIDENCE = "In 2023, the City approved the following Friendship City relationships, set to expire in 2025:"
SPELLINGS = {  # source_id -> publisher as the same publisher is written elsewhere
    "src-abc8f9cf3058": "US-China Peoples Friendship Association, Minnesota Chapter",
    "src-ff91e478b676": "US-China Peoples Friendship Association, Minnesota Chapter",
    "src-52a5dac611b4": "Q107.5 (myq1075.com)",
}
GIVES = re.compile(r"^Gives (active|terminated|suspended|under review)(?: as of ([0-9-]+)| \(([0-9-]+)\))?\.")
STATUS_EVENT = {"active": "in_use", "under review": "in_use", "terminated": "terminated", "suspended": "suspended"}
MANAGED_CITATION_TABLES = ("pairing_events", "laws")


def compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def research_note(note: str) -> str:
    return note.split("Research note:", 1)[1].strip() if "Research note:" in note else ""


def established_events(pairings, cites_by_row) -> list[dict]:
    out = []
    for p in pairings:
        if not p["established"]:
            continue
        year = p["established"][:4]
        est = [c for c in cites_by_row.get(p["pairing_id"], []) if c["fact"] == "established"]
        if year in p["evidence"]:
            src = p
        else:
            src = next((c for c in est if year in c["evidence"]), est[0] if est else p)
        term = TERMS.get(p["pairing_id"], "")
        if term:
            src = next(c for c in est if TERM_EVIDENCE in c["evidence"])
        out.append({"pairing_id": p["pairing_id"], "event": "established", "date": p["established"], "date_basis": p["established_basis"],
                    "date_note": p["established_note"], "term_end": term, "law_id": "", "source_id": src["source_id"],
                    "evidence": src["evidence"], "evidence_start": src["evidence_start"], "evidence_end": src["evidence_end"],
                    "note": "", "_cite": src.get("citation_id", ""), "_extra": []})
    return out


def curated_day(pairing: dict, source_id: str, as_of: str | None) -> str | None:
    """The pairing's own status_as_of when its status_note names this source and it is a more precise form of ``as_of``."""
    own = pairing["status_as_of"]
    if as_of and own and source_id in pairing["status_note"] and own.startswith(as_of) and len(own) > len(as_of):
        return own
    return as_of


def own_source_events(pairings: list[dict], citations: list[dict]) -> list[dict]:
    """An in_use event from the pairing's own source, for a dated status that no status citation gives."""
    cited = {c["row_id"] for c in citations if c["table_name"] == "pairings" and c["fact"] == "status"}
    out = []
    for p in pairings:
        if p["status"] in ("active", "in_use") and p["status_as_of"] and p["pairing_id"] not in cited:
            out.append({"pairing_id": p["pairing_id"], "event": "in_use", "date": p["status_as_of"], "date_basis": "stated", "date_note": "",
                        "term_end": "", "law_id": "", "source_id": p["source_id"], "evidence": p["evidence"],
                        "evidence_start": p["evidence_start"], "evidence_end": p["evidence_end"],
                        "note": f"From the pairing's own source: {p['status_note']}", "_cite": "", "_extra": []})
    return out


def status_events(citations, sources, pairings, log) -> list[dict]:
    out = []
    for c in citations:
        if c["table_name"] != "pairings" or c["fact"] != "status":
            continue
        m = GIVES.match(c["note"])
        if not m and c["citation_id"] not in OVERRIDES:
            log.append(f"{c['citation_id']}: note not understood, left out: {c['note'][:80]}")
            continue
        published = sources[c["source_id"]]["published"] or None
        if c["citation_id"] in OVERRIDES:
            specs = OVERRIDES[c["citation_id"]]
        else:
            value, as_of = m.group(1), m.group(2) or m.group(3)
            as_of = curated_day(pairings[c["row_id"]], c["source_id"], as_of)
            specs = [(STATUS_EVENT[value], as_of, None, "", "")]
        for event, date, basis, date_note, term in specs:
            if event == "in_use" and not date:
                log.append(f"{c['citation_id']}: {c['row_id']}: use without a date, left out (the status rule needs dated use)")
                continue
            if basis is None and date:
                basis, date_note, date = in_use_basis(date, sources[c["source_id"]], research_note(c["note"]))
            out.append({"pairing_id": c["row_id"], "event": event, "date": date or "", "date_basis": basis or "",
                        "date_note": date_note, "term_end": term, "law_id": "", "source_id": c["source_id"], "evidence": c["evidence"],
                        "evidence_start": c["evidence_start"], "evidence_end": c["evidence_end"],
                        "note": f"From status citation {c['citation_id']}." + (f" Research note: {research_note(c['note'])}" if research_note(c["note"]) else ""),
                        "_cite": c["citation_id"], "_extra": [], "_published": published or ""})
    return out


def in_use_basis(date: str, source: dict, research: str) -> tuple[str, str, str]:
    """(basis, note, date) for a date from the research: the source's own date (the more precise of the two) is stated;
    a research date after the source's publication gives way to it; a source date that is itself inferred stays inferred."""
    published = source["published"] or None
    own = (f"The source's own date, itself inferred ({source['published_note']})" if source["published_basis"] == "inferred"
           else "")
    if published and compatible(date, published):
        chosen = max(date, published, key=len)
        return ("inferred", own, chosen) if own and chosen == published else ("stated", "", chosen)
    if published and date > published:
        return ("inferred" if own else "stated"), (own or f"The research dated this {date}; the source shows it on its own date."), published
    return "inferred", f"Dated by the research from the source's text{f' (the source is dated {published})' if published else ' (the source is undated)'}" + \
        (f": {research}" if research else "."), date


def merge(events: list[dict]) -> list[dict]:
    """Reports of the same event become one row (the most precise date's source first)."""
    order = sorted(events, key=lambda e: (-len(e["date"]), -len(e.get("_published", "")), e["_cite"]))
    groups: list[dict] = []
    for e in order:
        for g in groups:
            same = g["pairing_id"] == e["pairing_id"] and g["event"] == e["event"] and g["event"] != "established"
            if same and (g["date"] == e["date"] if e["event"] == "in_use" else compatible(g["date"] or None, e["date"] or None)):
                g["_extra"].append(e)
                break
        else:
            groups.append(e)
    return groups


def law_events(pairings, laws_by_id) -> list[dict]:
    out = []
    for law_id, applies, date_note, reason in LAW_SCOPE:
        law = laws_by_id[law_id]
        for p in pairings:
            if applies(p):
                out.append({"pairing_id": p["pairing_id"], "event": "required_to_end", "date": law["signed"], "date_basis": "inferred",
                            "date_note": date_note, "term_end": "", "law_id": law_id, "source_id": law["source_id"], "evidence": law["evidence"],
                            "evidence_start": "", "evidence_end": "", "note": reason, "_cite": "", "_extra": []})
    return out


class WouldDropRows(Exception):
    pass


def refuse_to_drop(data: Path, event_ids: set[str], law_ids: set[str]) -> None:
    """Stop before writing when the tables hold events or laws this migration did not make (later imports)."""
    for table, key, made in (("pairing_events", "event_id", event_ids), ("laws", "law_id", law_ids)):
        path = data / f"{table}.csv"
        if path.is_file():
            extra = sorted({r[key] for r in read(path)[1]} - made)
            if extra:
                raise WouldDropRows(f"{table}.csv holds {len(extra)} row(s) this migration did not make (e.g. {extra[0]}); it would drop "
                                    "them. It is meant for the commit it was written for; pass --force to rebuild anyway.")


def migrate(root: Path, as_of: dt.date | None = None, force: bool = False) -> list[str]:
    log: list[str] = []
    data = root / "data"
    p_head, pairings = read(data / "pairings.csv")
    c_head, citations = read(data / "citations.csv")
    s_head, sources = read(data / "sources.csv")
    citations = [c for c in citations if c["table_name"] not in MANAGED_CITATION_TABLES]
    by_source = {s["source_id"]: s for s in sources}

    # sources: original publishers and spellings
    originals = {r["source_id"]: r["original_publisher"] for r in read(HERE / "original_publishers.csv")[1]}
    for s in sources:
        if s["source_id"] in originals:
            s["original_publisher"] = originals[s["source_id"]]
        if s["source_id"] in SPELLINGS:
            s["publisher"] = SPELLINGS[s["source_id"]]

    # laws
    laws_by_id = {law["law_id"]: law for law in LAWS}
    law_rows = [dict(law, evidence_start="", evidence_end="") for law in sorted(LAWS, key=lambda r: r["law_id"])]
    l_head = read_header(root, "laws")
    # events
    cites_by_row: dict[str, list[dict]] = {}
    for c in citations:
        if c["table_name"] == "pairings":
            cites_by_row.setdefault(c["row_id"], []).append(c)
    by_pairing = {p["pairing_id"]: p for p in pairings}
    events = (established_events(pairings, cites_by_row) + own_source_events(pairings, citations)
              + merge(status_events(citations, by_source, by_pairing, log)) + law_events(pairings, laws_by_id))
    position = {p["pairing_id"]: i for i, p in enumerate(pairings)}
    events.sort(key=lambda e: (position[e["pairing_id"]], e["date"] == "", e["date"], e["event"], e["source_id"]))
    seq: dict[tuple[str, str], int] = {}
    for e in events:
        key = (e["pairing_id"], e["event"])
        seq[key] = seq.get(key, 0) + 1
        e["event_id"] = f"{e['pairing_id']}-{e['event']}-{seq[key]:02d}"
    e_head = read_header(root, "pairing_events")

    # citations of events (further reports) and of laws
    used: dict[str, int] = {}
    for c in citations:
        hexid, n = c["citation_id"][4:16], int(c["citation_id"][17:])
        used[hexid] = max(used.get(hexid, 0), n)

    def cite(table: str, row_id: str, fact: str, source_id: str, evidence: str, start: str, end: str, note: str) -> dict:
        hexid = source_id[4:]
        used[hexid] = used.get(hexid, 0) + 1
        return {"citation_id": f"cit-{hexid}-{used[hexid]:02d}", "table_name": table, "row_id": row_id, "fact": fact, "source_id": source_id,
                "evidence": evidence, "evidence_start": start, "evidence_end": end, "note": note}

    new_cites = []
    for law_id, fact, sid, evidence, note in LAW_CITATIONS:
        new_cites.append(cite("laws", law_id, fact, sid, evidence, "", "", note))
    for e in events:
        for x in sorted(e["_extra"], key=lambda x: x["_cite"]):
            new_cites.append(cite("pairing_events", e["event_id"], "exists", x["source_id"], x["evidence"], x["evidence_start"],
                                  x["evidence_end"], f"Also reports this event (status citation {x['_cite']}, dated {x['date'] or 'undated'})."))
    citations += new_cites

    # status notes of pairings that a law now makes required_to_end
    for law_id, applies, _, _ in LAW_SCOPE:
        law = laws_by_id[law_id]
        for p in pairings:
            if applies(p) and law["bill_number"] not in p["status_note"]:
                extra = (f"{law['bill_number']} required Texas cities to end such ties by {law['existing_ties_deadline']}; no source seen shows "
                         "what the city did after that date.")
                p["status_note"] = f"{p['status_note']} {extra}".strip()

    if not force:
        refuse_to_drop(data, {e["event_id"] for e in events}, {law["law_id"] for law in LAWS})
    write(data / "sources.csv", s_head, sources)
    write(data / "laws.csv", l_head, law_rows)
    write(data / "pairing_events.csv", e_head, [{k: e[k] for k in e_head} for e in events])
    write(data / "citations.csv", c_head, citations)
    p_head = read_header(root, "pairings")  # adds independent_sources (filled by derive below)
    write(data / "pairings.csv", p_head, [{k: p.get(k, "") for k in p_head} for p in pairings])

    sys.path.insert(0, str(REPO / "src"))
    from sisterties.curate.derive import derive

    for change in derive(root, as_of):
        log.append(f"derived: {change}")
    return log


def read_header(root: Path, table: str) -> list[str]:
    import json

    schema = json.loads((root / "schemas" / f"{table}.schema.json").read_text(encoding="utf-8"))
    return [f["name"] for f in schema["fields"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--root", default=str(REPO), help="package folder (default: this repository)")
    parser.add_argument("--as-of", help="validation date YYYY-MM-DD for the derived status (default: today)")
    parser.add_argument("--force", action="store_true", help="rebuild even if events or laws made by later imports would be dropped")
    args = parser.parse_args(argv)
    as_of = dt.date.fromisoformat(args.as_of) if args.as_of else None
    try:
        lines = migrate(Path(args.root), as_of, args.force)
    except WouldDropRows as err:
        print(f"refused: {err}", file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
