"""Benchmark: validation and loading against baselines measured in the same run.

For each size: ``frictionless validate`` (the reference), ``sisterties validate`` (its own
engine: files + pandera + expectations, and each stage alone, and ``--fast``) and the I/O floor
(reading the same CSVs with pyarrow). Wall time is the median of 3 fresh processes; peak memory
is the child's max RSS. Also the cold time of ``import sisterties; load("pairings")`` against
``import pandas; read_csv`` of the same file. Prints a table; writes ``build/bench.json``.

Usage: python benchmarks/run.py [--sizes 10000,100000,1000000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
MEASURE = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""
IO_FLOOR = r"""
import sys, pathlib, pyarrow.csv as pc
for p in sorted(pathlib.Path(sys.argv[1], "data").glob("*.csv")):
    pc.read_csv(p, convert_options=pc.ConvertOptions(strings_can_be_null=False))
"""


def measure(cmd: list[str], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True).stdout.split()
        runs.append((float(out[0]), float(out[1])))
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def tools(pkg: Path) -> dict[str, list[str]]:
    sis = [str(BIN / "sisterties"), "validate", str(pkg)]
    return {
        "frictionless": [str(BIN / "frictionless"), "validate", str(pkg / "datapackage.json")],
        "sisterties": sis + ["--stages", "files,pandera,expectations"],
        "sisterties:fast": sis + ["--fast"],
        "sisterties:files": sis + ["--stages", "files"],
        "sisterties:pandera": sis + ["--stages", "files,pandera"],
        "sisterties:expectations": sis + ["--stages", "files,expectations"],
        "io-floor": [sys.executable, "-c", IO_FLOOR, str(pkg)],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", default="build/bench")
    args = ap.parse_args()
    records = []
    for rows in [int(s) for s in args.sizes.split(",")]:
        pkg = generate(rows, Path(args.work) / f"pkg-{rows}")
        for tool, cmd in tools(pkg).items():
            seconds, peak = measure(cmd, args.repeat)
            records.append({"rows": rows, "tool": tool, "seconds": round(seconds, 3), "peak_mb": round(peak, 1)})
            print(f"{rows:>9} {tool:<34} {seconds:8.2f} s {rows / seconds:>12,.0f} rows/s {peak:8.0f} MB", flush=True)
    # the real, current package: cold validate and cold load
    for tool, cmd in {"sisterties:current": [str(BIN / "sisterties"), "validate", str(ROOT), "--stages", "files,pandera,expectations"],
                      "sisterties:current-fast": [str(BIN / "sisterties"), "validate", str(ROOT), "--fast"],
                      "frictionless:current": [str(BIN / "frictionless"), "validate", str(ROOT / "datapackage.json")],
                      "load:sisterties": [sys.executable, "-c", "import sisterties; sisterties.load('pairings')"],
                      "load:pandas-baseline": [sys.executable, "-c", f"import pandas; pandas.read_csv({str(ROOT / 'data' / 'pairings.csv')!r})"]}.items():
        seconds, peak = measure(cmd, max(args.repeat, 5))
        records.append({"rows": 0, "tool": tool, "seconds": round(seconds, 3), "peak_mb": round(peak, 1)})
        print(f"{'current':>9} {tool:<34} {seconds:8.2f} s {'':>12}        {peak:8.0f} MB", flush=True)
    by = {(r["rows"], r["tool"]): r["seconds"] for r in records}
    print("\nratios (same run):")
    for rows in sorted({r["rows"] for r in records if r["rows"]}):
        print(f"  {rows:>9} rows: sisterties/frictionless = {by[rows, 'sisterties'] / by[rows, 'frictionless']:.2f}; "
              f"sisterties/io-floor = {by[rows, 'sisterties'] / by[rows, 'io-floor']:.1f}")
    print(f"  cold load: sisterties/pandas = {by[0, 'load:sisterties'] / by[0, 'load:pandas-baseline']:.2f}")
    out = ROOT / "build" / "bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(records, indent=2) + "\n")
    print(f"wrote {out} on {os.cpu_count()} cores")


if __name__ == "__main__":
    t0 = time.perf_counter()
    main()
    print(f"benchmark took {time.perf_counter() - t0:.0f} s")
