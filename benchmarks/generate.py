"""Make a valid synthetic SisterTies package of a chosen size from the real one.

The pairings, jurisdictions and quotes tables are scaled to ``rows`` rows each (rows/2 Chinese
and rows/2 US places, each pairing a distinct combination of them, with its established event in
pairing_events); keys and foreign keys stay
consistent and every evidence excerpt and quote is verbatim in a synthetic archived text (one
text per 2,000 rows), so every rule still has real work to do.

Usage: python benchmarks/generate.py ROWS OUT_DIR
"""
from __future__ import annotations

import csv
import hashlib
import io
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PER_SOURCE = 2000


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = path.read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    return header, rows


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def _sentence(i: int, half: int) -> tuple[str, str, str]:
    cn, us = f"Cn{i % half}", f"Us{(i + i // half) % half}"
    quote = f"Our friendship number {i} will grow"
    return cn, us, f'{cn} city and {us} city signed a sister agreement. "{quote}," Mayor Polito said.\n'


def generate(rows: int, out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for part in ("datapackage.json", "data", "schemas", "sources", "expectations"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, out / part)
    tables = {p.stem: _read(p) for p in (out / "data").glob("*.csv")}
    jur_h, jur = tables["jurisdictions"]
    pair_h, pairs = tables["pairings"]
    q_h, quotes = tables["quotes"]
    ev_h, events = tables["pairing_events"]
    src_h, sources = tables["sources"]
    template_src = dict(sources[0])
    half = max(rows // 2, 1)
    for first in range(0, rows, PER_SOURCE):
        chunk = range(first, min(first + PER_SOURCE, rows))
        text, spans = "", []
        for i in chunk:
            cn, us, line = _sentence(i, half)
            spans.append((i, cn, us, len(text), line))
            text += line
        raw = text.encode("utf-8")
        sha = hashlib.sha256(raw).hexdigest()
        sid = f"src-{sha[:12]}"
        rel = f"sources/synthetic/{sid}.txt"
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(raw)
        sources.append(dict(template_src, source_id=sid, title=f"Synthetic source {first}", url="", author="",
                            archive_path=rel, sha256=sha, obtained_from="benchmarks/generate.py", note="Synthetic."))
        for i, cn, us, at, line in spans:
            cn_ev = f"{cn} city"
            us_ev = f"{us} city"
            agree = f"{cn} city and {us} city signed a sister agreement."
            quote = f"Our friendship number {i} will grow"
            q_at = at + line.index(quote)
            places = ((f"CN-GD-{cn.lower()}", cn, "CN-GD", "CN", "prefecture_city", cn_ev, 0),
                      (f"US-MA-{us.lower()}", us, "US-MA", "US", "city", us_ev, line.index(us_ev)))
            for jid, name, parent, country, level, ev, off in places if i < half else ():
                jur.append({k: "" for k in jur_h} | dict(
                    jurisdiction_id=jid, name_en=name, country=country, level=level, parent_id=parent,
                    resolution="resolved", source_id=sid, evidence=ev,
                    evidence_start=str(at + off), evidence_end=str(at + off + len(ev))))
            pairs.append({k: "" for k in pair_h} | dict(
                pairing_id=f"{places[0][0]}~{places[1][0]}", cn_jurisdiction_id=places[0][0], us_jurisdiction_id=places[1][0],
                level="city", kind="sister_city", established="1990", established_basis="inferred",
                established_note="Synthetic.", status="unknown", strongest_source_kind=template_src["kind"], independent_sources="1",
                source_id=sid, evidence=agree, evidence_start=str(at), evidence_end=str(at + len(agree))))
            events.append({k: "" for k in ev_h} | dict(
                event_id=f"{places[0][0]}~{places[1][0]}-established-01", pairing_id=f"{places[0][0]}~{places[1][0]}", event="established",
                date="1990", date_basis="inferred", date_note="Synthetic.", source_id=sid, evidence=agree,
                evidence_start=str(at), evidence_end=str(at + len(agree))))
            quotes.append({k: "" for k in q_h} | dict(
                quote_id=f"q-{sid[4:]}-{q_at:06d}", text=quote, quote_kind="statement", speaker_id="off-karyn-polito",
                attribution="explicit", start=str(q_at), end=str(q_at + len(quote)), source_id=sid,
                evidence="Mayor Polito said", evidence_start=str(at + line.index("Mayor Polito said")),
                evidence_end=str(at + line.index("Mayor Polito said") + len("Mayor Polito said"))))
    for name, (header, body) in tables.items():
        _write(out / "data" / f"{name}.csv", header, body)
    return out


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
