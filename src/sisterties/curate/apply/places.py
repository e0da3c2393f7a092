"""Find or add the jurisdiction of one side of a new pair.

Rules (docs/curation-facts.md): a province or state by its name in the ISO extract; a place
below by its province/state, taken from the pair's ``location`` facts (a sentence tying the
place to it) or, failing those, from the GeoNames extract when the name has exactly one record
in the country; then an existing jurisdiction of that name and parent, or a new one with its
GeoNames record when exactly one record of the name lies in that province/state (none: flagged
unresolved; several: flagged ambiguous). A US county is never matched to a city record.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from .facts import Fact
from .gazetteer import CITIES_REFERENCE, CN_NAME_EN, LEVEL_OF_TYPE, SUBDIVISIONS_REFERENCE, base_name, native_name, slug
from .sources import cite, use_source
from .state import Run

FIRST_CN = {"province", "autonomous_region", "municipality"}


def admin1_map(run: Run) -> dict[str, str]:
    """GeoNames admin1 code -> Chinese province id, learnt from the package's well-located Chinese places."""
    support = defaultdict(set)
    for r in run.rows["jurisdictions"]:
        if r["country"] != "CN" or not r["geonames_id"] or r["resolution"] != "resolved" or r["iso_3166_2"]:
            continue
        if re.search(r"give no province|doubtful or weak|Located by the GeoNames extract", r["note"]):
            continue
        support[run.gaz.by_id[r["geonames_id"]]["admin1"]].add(r["parent_id"])
    return {a: next(iter(s)) for a, s in support.items() if len(s) == 1}


def ensure_first(run: Run, code: str) -> str:
    """The province or state ``code``, added from the ISO extract if the package lacks it."""
    if code in run.jur:
        return code
    sub = run.gaz.subs[code]
    ex, start, end = run.gaz.line(run.gaz.subs_path, code)
    cn = code.startswith("CN")
    row = {"jurisdiction_id": code,
           "name_en": CN_NAME_EN.get(code, re.sub(r" (Sheng|Shi)$", "", sub["name"])) if cn else sub["name"],
           "name_native": sub["name_zh_cn"] if cn else "",
           "name_native_reference": f"{SUBDIVISIONS_REFERENCE} (ISO 3166-2, zh_CN)" if cn and sub["name_zh_cn"] else "",
           "country": code[:2], "level": LEVEL_OF_TYPE[sub["type"]], "parent_id": code[:2], "iso_3166_2": code,
           "geonames_id": "" if cn else sub["geonames_id"], "wikidata_id": "", "latitude": "", "longitude": "",
           "reference": SUBDIVISIONS_REFERENCE if cn else f"{SUBDIVISIONS_REFERENCE}; {CITIES_REFERENCE}",
           "resolution": "resolved", "source_id": run.reference_sid["subdivisions"], "evidence": ex,
           "evidence_start": str(start), "evidence_end": str(end), "note": "The evidence is its line in the ISO 3166-2 extract."}
    run.jur[code] = row
    run.rows["jurisdictions"].append(row)
    return code


def records(run: Run, country: str, name: str, parent: str | None = None) -> list[dict]:
    """GeoNames records of the name in the country, and in the province/state ``parent`` if given."""
    out = run.gaz.named(country, name)
    if parent:
        if country == "US":
            out = [c for c in out if "US-" + c["admin1"] == parent]
        else:
            out = [c for c in out if run.admin1.get(c["admin1"]) == parent]
    return out


def existing(run: Run, country: str, name: str, parent: str, level: str) -> list[dict]:
    return [j for j in run.jur.values() if j["country"] == country and j["parent_id"] == parent
            and base_name(j["name_en"]) == base_name(name)
            and (country == "CN" or (level == "county") == (j["level"] == "county"))]


def place(run: Run, side: str, key: str, facts: list[Fact]) -> tuple[str | None, str]:
    """(jurisdiction id, '') or (None, why it does not resolve)."""
    country = "CN" if side == "cn" else "US"
    what = "province" if side == "cn" else "state"
    override = run.decisions.place.get((key, side), {})
    names = Counter(f[f"{side}_name"] for f in facts if f[f"{side}_name"])
    name = override.get("name") or (names.most_common(1)[0][0] if names else "")
    levels = Counter(f[f"{side}_level"] for f in facts if f[f"{side}_level"])
    level = override.get("level") or (levels.most_common(1)[0][0] if levels else "")
    if not name or not level:
        return None, f"{side}: no name or level"
    if country == "CN" and level in FIRST_CN or country == "US" and level in ("state", "federal_district"):
        if country == "US" and level == "federal_district":
            return ensure_first(run, "US-DC"), ""
        code = run.gaz.first_level(country, name)
        if not code:
            return None, f"{side}: first-level name {name!r} not in the ISO extract"
        return ensure_first(run, code), ""
    pcol = "cn_parent" if side == "cn" else "us_state"
    locs = [f for f in facts if f.kind == "location" and f.value == side and f[pcol] and f.excerpt]
    if override.get("location_facts"):
        for f in locs:
            if f.id not in override["location_facts"]:
                run.log.left(f, "the curator's place decision locates the place by other facts")
        locs = [f for f in locs if f.id in override["location_facts"]]
    parents = {run.gaz.first_level(country, f[pcol]) for f in locs}
    if None in parents:
        return None, f"{side}: location fact names an unknown province/state ({[f[pcol] for f in locs]})"
    if len(parents) > 1:
        return None, f"{side}: location facts disagree ({sorted(parents)})"
    if len(parents) == 1:
        parent, located = parents.pop(), "source"
    else:
        recs = records(run, country, name)
        if level == "county" and country == "US":
            return None, f"{side}: {name} is a county and no source states its state"
        if len(recs) != 1:
            return None, f"{side}: no source states the {what} of {name}, and the GeoNames extract has {len(recs)} records of the name"
        rec = recs[0]
        parent = ("US-" + rec["admin1"]) if country == "US" else run.admin1.get(rec["admin1"])
        if not parent or parent not in run.gaz.subs:
            return None, f"{side}: {name}: GeoNames admin1 {rec['admin1']} maps to no ISO code"
        located = "geonames"
    ensure_first(run, parent)
    hits = existing(run, country, name, parent, level)
    if len(hits) == 1:
        for f in locs:
            run.log.left(f, f"the place is already in the package ({hits[0]['jurisdiction_id']})")
        return hits[0]["jurisdiction_id"], ""
    if len(hits) > 1:
        return None, f"{side}: several existing places named {name} in {parent}: {[h['jurisdiction_id'] for h in hits]}"
    return _new_place(run, country, name, level, parent, located, locs, override)


def _new_place(run: Run, country, name, level, parent, located, locs, override) -> tuple[str | None, str]:
    side = country.lower()
    recs = [] if (country == "US" and level == "county") else records(run, country, name, parent)
    suffix = {"district": "-district", "county": "-county"}.get(level, "")
    stem = slug(re.sub(r" (City|County|District)$", "", name)) if country == "CN" else slug(name)
    jid = f"{parent}-{stem}" + (suffix if country == "CN" and not stem.endswith(suffix.strip("-")) else "")
    if country == "US" and level == "county" and not jid.endswith("-county"):
        jid += "-county"
    if jid in run.jur:
        return None, f"{side}: id {jid} already used by another place"
    row = {"jurisdiction_id": jid, "name_en": name, "name_native": "", "name_native_reference": "",
           "country": country, "level": level, "parent_id": parent, "iso_3166_2": "", "geonames_id": "",
           "wikidata_id": "", "latitude": "", "longitude": "", "reference": "", "resolution": "",
           "source_id": "", "evidence": "", "evidence_start": "", "evidence_end": "", "note": ""}
    notes = []
    if len(recs) == 1:
        rec = recs[0]
        row.update(geonames_id=rec["geonames_id"], latitude=rec["latitude"], longitude=rec["longitude"],
                   reference=CITIES_REFERENCE, resolution="resolved")
        if country == "CN":
            nat = native_name(rec["cjk_names"])
            if len(nat) == 1:
                row.update(name_native=nat[0], name_native_reference=f"{CITIES_REFERENCE} (GeoNames alternate names)")
    elif not recs:
        row["resolution"] = "flagged_unresolved"
        what = "counties" if country == "US" and level == "county" else f"no place named {name} in {parent}"
        notes.append(f"Unresolved: the GeoNames extract ({CITIES_REFERENCE}) has {what if what == 'counties' else what}"
                     + (" only as cities, not counties" if what == "counties" else "") + ".")
    else:
        row["resolution"] = "flagged_ambiguous"
        notes.append(f"Ambiguous: the GeoNames extract has {len(recs)} places named {name} in {parent} "
                     f"({', '.join(c['geonames_id'] for c in recs)}).")
    if located == "source":
        loc = sorted(locs, key=lambda f: ("official" not in f["source_kind"], f.id))[0]
        row.update(source_id=use_source(run, loc.url), evidence=loc.excerpt)
        run.log.used(loc, f"evidence of jurisdiction {jid}")
        run.jur[jid] = row
        run.rows["jurisdictions"].append(row)
        for other in locs:
            if other is not loc:
                cite(run, "jurisdictions", jid, "location", other)
    else:
        ex, start, end = run.gaz.line(run.gaz.cities_path, row["geonames_id"])
        row.update(source_id=run.reference_sid["cities"], evidence=ex, evidence_start=str(start), evidence_end=str(end))
        notes.append(f"Located by the GeoNames extract: the only record of this name in "
                     f"{'China' if country == 'CN' else 'the United States'}; {'province' if country == 'CN' else 'state'} "
                     "from its admin1 code.")
        run.jur[jid] = row
        run.rows["jurisdictions"].append(row)
    if override.get("note"):
        notes.insert(0, override["note"])
    if country == "CN" and level in ("prefecture_city", "county_city"):
        notes.append("Its administrative level is the research's reading of its sources.")
    row["note"] = " ".join(notes)
    return jid, ""
