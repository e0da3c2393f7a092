"""Propose candidate rows from an archived text, for a curator to review (``sisterties extract``).

Nothing is written to ``data/``: candidates go to a review file. Four kinds of candidate:

- quotations: spans inside double quotes (straight or curly; a paragraph that ends inside a
  quote continues it), each with its most likely speaker: a name or title next to a speech
  verb in the same paragraph ("…," Ouyang said / said Ouyang / Zhang said that "…"), and for
  "he said" / "she added" the person last named before the quote;
- places: names of known jurisdictions and of gazetteer places found in the text;
- years within 150 characters of "sister" or "friendship";
- aggregate counts: a number followed within a few words by pairs, states or cities.

>>> text = 'Intro.\\n\\n"We agree," Ann Lee said. "And more."\\n\\nShe smiled. "Yes," she added.\\n'
>>> [(q["text"], q["speaker"]) for q in quotations(text, {"off-ann-lee": "Ann Lee"})]
[('We agree,', 'off-ann-lee'), ('And more.', 'off-ann-lee'), ('Yes,', 'off-ann-lee')]
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from ..metadata.descriptor import Package

OPEN, CLOSE = '"“', '"”'
VERBS = r"(?:said|says|added|noted|stressed|told|stated|remarked|explained|continued|according to)"
PRONOUN = re.compile(r"\b(he|she|they)\s+" + VERBS, re.I)
YEAR = re.compile(r"\b(19[4-9]\d|20[0-4]\d)\b")
COUNT = re.compile(r"\b(\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten)\b(?:\s+\w+){0,4}?\s+(pairs|states|cities|provinces)\b", re.I)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quoted span; end excludes the closing mark."""
    spans, start = [], None
    for i, ch in enumerate(text):
        if start is None and ch in OPEN:
            start = i + 1
        elif start is not None and ch in CLOSE:
            spans.append((start, i))
            start = None
        elif start is not None and ch == "\n" and text[i + 1:i + 2] == "\n":
            spans.append((start, i))  # the paragraph ends inside the quote: it continues below
            start = None
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n\n", 0, pos)
    b = text.find("\n\n", pos)
    return (0 if a < 0 else a + 2), (len(text) if b < 0 else b)


def _mentions(text: str, people: dict[str, str]) -> list[tuple[int, str]]:
    """(position, official_id) of every mention of a person's full name or surname."""
    out = []
    for oid, name in people.items():
        parts = name.split()
        for token in {name, parts[0], parts[-1]}:
            if len(token) < 3:
                continue
            out += [(m.start(), oid) for m in re.finditer(r"\b" + re.escape(token) + r"\b", text)]
    return sorted(out)


def _speaker(text: str, start: int, end: int, people: dict[str, str], mentions, roles: dict[str, str]) -> tuple[str, str]:
    """(official_id or '', how) for the quote at start:end."""
    p0, p1 = _paragraph(text, start)
    around = text[p0:p1]
    outside = around[: start - 1 - p0] + " " * (end + 1 - start + 1) + around[end + 1 - p0:]
    named = [(pos + p0, oid) for pos, oid in _mentions(outside, people)]
    verb = re.search(VERBS, outside)
    if named and verb:
        pos_verb = verb.start() + p0
        pos, oid = min(named, key=lambda m: abs(m[0] - pos_verb))
        return oid, "name next to a speech verb"
    for oid, role in roles.items():
        title = re.search(r"\bthe (\w+)\s+" + VERBS, outside)
        if title and title.group(1).lower() in role.lower():
            return oid, f"'the {title.group(1)}' matches the role {role!r}"
    if PRONOUN.search(outside) or not verb:
        before = [m for m in mentions if m[0] < start]
        if before:
            return before[-1][1], "the person last named before the quote"
    return "", "no speaker found"


def quotations(text: str, people: dict[str, str], roles: dict[str, str] | None = None) -> list[dict]:
    mentions = _mentions(text, people)
    out = []
    for a, b in quote_spans(text):
        inner = text[a:b]
        lead = len(inner) - len(inner.lstrip())
        a2, b2 = a + lead, a + len(inner.rstrip())
        speaker, how = _speaker(text, a, b, people, mentions, roles or {})
        out.append({"kind": "quote", "start": a2, "end": b2, "text": text[a2:b2], "speaker": speaker, "why": how})
    return out


def places(text: str, names: dict[str, str]) -> list[dict]:
    out = []
    for jid, name in names.items():
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            out.append({"kind": "place", "start": m.start(), "end": m.end(), "text": name, "jurisdiction_id": jid})
    return sorted(out, key=lambda c: c["start"])


def years(text: str) -> list[dict]:
    out = []
    for m in YEAR.finditer(text):
        window = text[max(0, m.start() - 150): m.end() + 150].lower()
        if "sister" in window or "friendship" in window:
            out.append({"kind": "year", "start": m.start(), "end": m.end(), "text": m.group(1)})
    return out


def counts(text: str) -> list[dict]:
    return [{"kind": "count", "start": m.start(), "end": m.end(), "text": m.group(0), "value": m.group(1)} for m in COUNT.finditer(text)]


def _read(pkg: Package, table: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(pkg.path(table).read_text(encoding="utf-8"))))


def extract(pkg: Package, source_id: str) -> dict:
    """All candidates for one archived source."""
    src = next((s for s in _read(pkg, "sources") if s["source_id"] == source_id), None)
    if src is None or src["archived"] != "true":
        raise ValueError(f"{source_id} is not an archived source of this package")
    text = (pkg.root / src["archive_path"]).read_text(encoding="utf-8")
    officials = _read(pkg, "officials")
    people = {o["official_id"]: o["name_en"] for o in officials}
    roles = {o["official_id"]: o["role_title"] for o in officials}
    names = {j["jurisdiction_id"]: j["name_en"] for j in _read(pkg, "jurisdictions")}
    return {"source_id": source_id, "candidates": quotations(text, people, roles) + places(text, names) + years(text) + counts(text)}


def evaluate(pkg: Package, source_id: str) -> dict[str, float]:
    """Precision and recall of quotation spans and speakers against the curated quotes rows."""
    found = [c for c in extract(pkg, source_id)["candidates"] if c["kind"] == "quote"]
    curated = [q for q in _read(pkg, "quotes") if q["source_id"] == source_id]
    gold = {(int(q["start"]), int(q["end"])): q["speaker_id"] for q in curated}
    spans = {(c["start"], c["end"]): c["speaker"] for c in found}
    hit = set(gold) & set(spans)
    right = sum(1 for k in hit if (gold[k] or "") == spans[k])
    return {"quotes_curated": len(gold), "quotes_proposed": len(spans),
            "span_precision": round(len(hit) / len(spans), 3) if spans else 0.0,
            "span_recall": round(len(hit) / len(gold), 3) if gold else 0.0,
            "speaker_accuracy_on_matched": round(right / len(hit), 3) if hit else 0.0}


def write_review(pkg: Package, source_id: str, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{source_id}.review.json"
    target.write_text(json.dumps(extract(pkg, source_id), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target
