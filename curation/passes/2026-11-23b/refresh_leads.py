"""Refresh curation/leads/skipped-pairs-2026-11-23.csv after this pass.

Starts from the list as it stood before the pass (commit 236af51), drops the pairs the pass entered (the ADD lines of
log/STEP/changes.txt), and appends one row per pair the pass looked at and did not enter, with the reason
(log/STEP/pairs-not-added.csv). The logs are those `replay.sh` writes.
Run from anywhere: python curation/passes/2026-11-23b/refresh_leads.py
"""
import csv
import io
import re
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAIN = HERE.parents[2]
LEADS = "curation/leads/skipped-pairs-2026-11-23.csv"
PASS = "third pass (second session: news, official pages, US cities' own pages)"


def main() -> None:
    added = {"Wujiang (Suzhou)|Marlboro", "Xiamen – Siming|Sarasota"}
    for f in sorted((HERE / "log").glob("*/changes.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            m = re.match(r"ADD \S+ \((.+?)\) \[", line)
            if m:
                added.add(m.group(1))
    base = subprocess.run(["git", "-C", str(MAIN), "show", f"236af51:{LEADS}"], check=True, capture_output=True, text=True).stdout
    rows = list(csv.DictReader(io.StringIO(base)))
    keep = [r for r in rows if r["pair_key"] not in added]
    new: list[dict] = []
    for f in sorted((HERE / "log").glob("*/pairs-not-added.csv")):
        for d in csv.DictReader(open(f, encoding="utf-8")):
            key = d["pair_key"]
            if key in added or "~" in key or key in {n["pair_key"] for n in new}:
                continue
            reason = re.sub(r"^not added(, needs a curator)?: ", "", d["reason"])
            reason = reason.replace("cn: Chongming: GeoNames admin1  maps to no ISO code",
                                    "no source states Chongming's province, and the GeoNames extract's record maps to no province here")
            new.append({"pair_key": key, "reason": reason, "pass": PASS})
    with open(MAIN / LEADS, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["pair_key", "reason", "pass"], lineterminator="\n")
        w.writeheader()
        w.writerows(keep + new)
    print(f"dropped {len(rows) - len(keep)} now in the package; added {len(new)} decisions; total {len(keep) + len(new)}")


if __name__ == "__main__":
    main()
