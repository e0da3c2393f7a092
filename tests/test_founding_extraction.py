"""The founding articles are extracted completely: every quoted span is a quote row, attributed
to the person who spoke, and every number-bearing figure is a claim."""
from __future__ import annotations

from helpers import ROOT, read_rows

ARTICLES = {"src-995ae8d5aca7": "sources/src-995ae8d5aca7.txt", "src-91d5c4534369": "sources/src-91d5c4534369.txt"}
BODY_START = {"src-995ae8d5aca7": "A combination photo", "src-91d5c4534369": "Once the door"}
BODY_END = {"src-995ae8d5aca7": "Global Edition", "src-91d5c4534369": "上一篇"}


def _quoted_spans(text: str):
    """Spans between straight double quotes; a paragraph ending inside a quote continues it."""
    spans, inside, start = [], False, 0
    for i, ch in enumerate(text):
        if ch == '"':
            if inside:
                spans.append((start, i))
            else:
                start = i + 1
            inside = not inside
        elif ch == "\n" and inside and text[i + 1:i + 3] == '\n"':
            spans.append((start, i))
            inside = False
    return spans


def test_every_quoted_span_in_the_article_bodies_is_a_quote_row():
    quotes = read_rows(ROOT / "data" / "quotes.csv")
    for sid, rel in ARTICLES.items():
        text = (ROOT / rel).read_text(encoding="utf-8")
        lo, hi = text.index(BODY_START[sid]), text.index(BODY_END[sid])
        covered = [(int(q["start"]), int(q["end"])) for q in quotes if q["source_id"] == sid]
        for a, b in _quoted_spans(text[lo:hi]):
            a, b = a + lo, b + lo
            inner = text[a:b].strip()
            assert any(s <= a + text[a:b].index(inner[:10]) < e for s, e in covered), f"{sid}: quote not extracted: {inner[:60]!r}"


def test_reported_words_of_xi_are_attributed_to_ouyang():
    quotes = read_rows(ROOT / "data" / "quotes.csv")
    (q,) = [q for q in quotes if q["text"].startswith("He specifically said")]
    assert q["speaker_id"] == "off-ouyang-weimin"
    assert not any(q["speaker_id"] == "off-xi-jinping" for q in quotes)


def test_every_figure_in_the_second_article_is_a_claim():
    claims = read_rows(ROOT / "data" / "claims.csv")
    text = (ROOT / "sources/src-91d5c4534369.txt").read_text(encoding="utf-8")
    evidence = " ".join(c["evidence"] for c in claims if c["source_id"] == "src-91d5c4534369")
    for figure in ("Nine out of 10", "200 representatives", "at least 10", "nearly 20", "22 U.S. states", "284 pairs",
                   "four U.S. states", "38 states"):
        assert figure in text and figure in evidence, figure


def test_the_founding_pairing_is_recorded_with_its_year():
    (pairing,) = [p for p in read_rows(ROOT / "data" / "pairings.csv") if p["pairing_id"] == "CN-GD~US-MA"]
    assert pairing["established"] == "1983" and pairing["established_basis"] == "stated"
    assert pairing["status"] == "active" and pairing["source_id"] == "src-995ae8d5aca7"
