"""A quotation is given to the person its source names beside it.

A speaker is *named* where a word of their ``name_en`` (as written, whole word, case-sensitive:
"Ouyang", "Polito", "Li") or their whole ``name_native`` occurs. For an archived source, the
speaker must be named within :data:`WINDOW` characters before the quotation's start or after its
end (about two paragraphs: long enough for "she said" after a paragraph that names her), and the
quote's evidence (its attribution) must lie in that window too; for a source that is not
archived, the evidence itself must name the speaker. Evidence that names another official of the
table and not the speaker gives the quote to someone else.

>>> named_in("said Ouyang. ", ("Ouyang", "Weimin"))
True
>>> named_in("the ouyang family", ("Ouyang",))
False
"""
from __future__ import annotations

import re

import pandas as pd

from ..context import Context
from ..naming import contains_name
from .provenance import _int
from .registry import rule

WINDOW = 500
TOKEN = re.compile(r"\w+(?:-\w+)*")


def name_words(name_en, name_native) -> tuple[str, ...]:
    """The words by which a person can be named: each word of name_en (hyphens kept), and name_native."""
    words = [w.strip(".,") for w in name_en.split()] if isinstance(name_en, str) else []
    return tuple(w for w in [*words, name_native] if isinstance(w, str) and w)


def named_in(text: str, words) -> bool:
    return any(contains_name(text, w) for w in words)


def _speakers(ctx: Context) -> dict[str, tuple[str, ...]]:
    o = ctx.frames.get("officials")
    if o is None:
        return {}
    return {oid: name_words(en, native) for oid, en, native in
            zip(o["official_id"].tolist(), o["name_en"].tolist(), o["name_native"].tolist(), strict=True)}


def _windows(ctx: Context, df: pd.DataFrame):
    """Per row: (archived text or None, quote start, quote end)."""
    texts = ctx.archived_texts
    for sid, a, b in zip(df["source_id"].tolist(), df["start"].tolist(), df["end"].tolist(), strict=True):
        yield texts.get(sid), _int(a), _int(b)


@rule("quotes", "speaker_id", "quote_speaker_named",
      f"The source does not name the speaker (a word of the official's name_en, or name_native) within {WINDOW} "
      "characters of the quotation (or, for a source that is not archived, in the quote's evidence): the quote may be "
      "given to the wrong person. Check who said it and fix speaker_id.")
def quote_speaker_named(ctx, df):
    speakers = _speakers(ctx)
    out = []
    rows = zip(df["speaker_id"].tolist(), df["evidence"].tolist(), _windows(ctx, df), strict=True)
    for speaker, evidence, (text, a, b) in rows:
        words = speakers.get(speaker)
        if not isinstance(speaker, str) or not words:
            out.append(True)  # no speaker (a theme), or an unknown one: other rules report it
        elif text is None:
            out.append(isinstance(evidence, str) and named_in(evidence, words))
        elif a is None or b is None:
            out.append(True)  # bad offsets: quote_in_source reports them
        else:
            out.append(named_in(text[max(0, a - WINDOW):a], words) or named_in(text[b:b + WINDOW], words))
    return pd.Series(out, index=df.index, dtype=bool)


@rule("quotes", "evidence_start", "quote_evidence_near",
      f"The quote's evidence (its attribution) lies more than {WINDOW} characters from the quotation in the archived "
      "source: it attributes another passage. Point evidence_start/evidence_end at the words that attribute this quote.")
def quote_evidence_near(ctx, df):
    out = []
    rows = zip(df["evidence_start"].tolist(), df["evidence_end"].tolist(), _windows(ctx, df), strict=True)
    for es, ee, (text, a, b) in rows:
        es, ee = _int(es), _int(ee)
        if text is None or None in (a, b, es, ee):
            out.append(True)
        else:
            out.append(es <= b + WINDOW and ee >= a - WINDOW)
    return pd.Series(out, index=df.index, dtype=bool)


@rule("quotes", "evidence", "quote_evidence_names_other",
      "The quote's evidence names another official of the table and not the speaker: the quote is given to someone "
      "the evidence does not name. Fix speaker_id, or cite the words that attribute the quote.")
def quote_evidence_names_other(ctx, df):
    speakers = _speakers(ctx)
    owners: dict[str, set[str]] = {}  # a Latin name word -> the officials it can name
    natives: list[tuple[str, str]] = []
    for oid, words in speakers.items():
        for w in words:
            if TOKEN.fullmatch(w) and w.isascii():
                owners.setdefault(w, set()).add(oid)
            else:
                natives.append((w, oid))
    out = []
    for speaker, evidence in zip(df["speaker_id"].tolist(), df["evidence"].tolist(), strict=True):
        if not isinstance(speaker, str) or not isinstance(evidence, str) or speaker not in speakers:
            out.append(True)
            continue
        hits = [owners[t] for t in TOKEN.findall(evidence) if t in owners]
        named = set().union(*hits)
        named |= {oid for w, oid in natives if contains_name(evidence, w)}
        out.append(not (named - {speaker}) or speaker in named)
    return pd.Series(out, index=df.index, dtype=bool)
