"""Provenance: excerpts and quotes equal the archived text at their offsets; archived files are
present, inside ``sources/`` and unchanged; ids derive from what they identify."""
from __future__ import annotations

import pandas as pd

from ..context import Context
from ..vector import isin
from .registry import rule

CHUNK = 100_000
EVIDENCE_TABLES = ("jurisdictions", "pairings", "officials", "quotes", "claims", "citations", "pairing_events", "laws")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _slice_matches(ctx: Context, df: pd.DataFrame, text_col: str, start_col: str, end_col: str) -> pd.Series:
    """True where text[start:end] of the row's archived source equals the cell (whitespace-normalised).

    Each archived text is decoded once (in the context); offsets are checked by slicing, never by searching.
    """
    texts = ctx.archived_texts
    out: list[bool] = []
    for first in range(0, len(df), CHUNK):  # bounded memory: Python objects for one chunk at a time
        part = df.iloc[first:first + CHUNK]
        columns = (part["source_id"].tolist(), part[text_col].tolist(), part[start_col].tolist(), part[end_col].tolist())
        for sid, cell, start, end in zip(*columns, strict=True):
            source = texts.get(sid)
            if source is None:
                out.append(True)  # not archived, or missing: other rules report it
                continue
            a, b = _int(start), _int(end)
            if not isinstance(cell, str) or a is None or b is None or not (0 <= a <= b <= len(source)):
                out.append(False)
                continue
            piece = source[a:b]
            out.append(piece == cell or _norm(piece) == _norm(cell))
    return pd.Series(out, index=df.index, dtype=bool)


def _archived(ctx: Context, df: pd.DataFrame) -> pd.Series:
    archived = set(ctx.sources.loc[ctx.sources["archived"].eq("true"), "source_id"])
    return isin(df["source_id"], archived)


# --- provenance --------------------------------------------------------------------------------

def _register_evidence_rules(table: str) -> None:
    @rule(table, "evidence", "evidence_in_source",
          "The evidence is not the text at evidence_start:evidence_end of the archived source "
          "(compared after whitespace normalisation): fix the excerpt or its offsets.")
    def evidence_in_source(ctx, df):
        return _slice_matches(ctx, df, "evidence", "evidence_start", "evidence_end")

    @rule(table, "evidence_start", "evidence_offsets",
          "Offsets are required when the source is archived and must be empty when it is not.")
    def evidence_offsets(ctx, df):
        has = df["evidence_start"].notna() & df["evidence_end"].notna()
        none = df["evidence_start"].isna() & df["evidence_end"].isna()
        return (_archived(ctx, df) & has) | (~_archived(ctx, df) & none)


for _t in EVIDENCE_TABLES:
    _register_evidence_rules(_t)


@rule("quotes", "text", "quote_in_source",
      "The quotation is not the text at start:end of the archived source: it must be verbatim (whitespace aside) and the offsets must point at it.")
def quote_in_source(ctx, df):
    return _slice_matches(ctx, df, "text", "start", "end")


@rule("quotes", "quote_id", "quote_id_composed", "quote_id must be 'q-', the source's 12 hex digits and the 6-digit start offset.")
def quote_id_composed(ctx, df):
    expected = "q-" + df["source_id"].str.slice(4) + "-" + df["start"].str.zfill(6)
    return df["quote_id"].eq(expected).fillna(False)


@rule("quotes", "speaker_id", "quote_speaker",
      "A statement or fragment needs its speaker (speaker_id) and an attribution of explicit or continuation; only a theme has neither.")
def quote_speaker(ctx, df):
    theme = df["quote_kind"].eq("theme")
    return (theme & df["speaker_id"].isna() & df["attribution"].eq("none")) | (
        ~theme & df["speaker_id"].notna() & df["attribution"].isin(["explicit", "continuation"]))


@rule("sources", "archive_path", "source_archive_fields",
      "An archived source needs archive_path, sha256 and archived_on; a source that is not archived has none of them.")
def source_archive_fields(ctx, df):
    fields = df[["archive_path", "sha256", "archived_on"]].notna()
    return (df["archived"].eq("true") & fields.all(axis=1)) | (df["archived"].eq("false") & ~fields.any(axis=1))


@rule("sources", "archive_path", "source_file_present",
      "The archived file is missing, or its path leads outside sources/.")
def source_file_present(ctx, df):
    files = ctx.archive_files
    return ~df["archived"].eq("true") | df["source_id"].map(lambda s: files.get(s) is not None).astype(bool)


@rule("sources", "sha256", "source_sha256",
      "The SHA-256 of the archived file differs from the one recorded: the archived text was changed.")
def source_sha256(ctx, df):
    actual = df["source_id"].map(ctx.archive_sha256)
    return actual.isna() | actual.eq(df["sha256"]).fillna(False)


@rule("sources", "source_id", "source_id_from_hash",
      "An archived source's id must be 'src-' and the first 12 hex digits of its sha256.")
def source_id_from_hash(ctx, df):
    return ~df["archived"].eq("true") | df["sha256"].isna() | df["source_id"].eq("src-" + df["sha256"].str.slice(0, 12)).fillna(False)


def strongest_source_kinds(ctx: Context, table: str, df: pd.DataFrame) -> pd.Series:
    """Per row: the strongest kind among the row's source and the sources of its citations."""
    kinds = dict(zip(ctx.sources["source_id"], ctx.sources["kind"], strict=True))
    strength = ctx.pkg.table("pairings").field("strongest_source_kind").enum  # the schema orders the kinds
    rank = {k: i for i, k in enumerate(strength)}
    best: dict[str, int] = {}
    cites = ctx.frames.get("citations")
    if cites is not None:
        own = cites[cites["table_name"].eq(table)]
        for rid, sid in zip(own["row_id"].tolist(), own["source_id"].tolist(), strict=True):
            r = rank.get(kinds.get(sid), len(rank))
            best[rid] = min(best.get(rid, r), r)
    pk = ctx.pkg.table(table).primary_key[0]
    out = []
    for rid, sid in zip(df[pk].tolist(), df["source_id"].tolist(), strict=True):
        r = min(rank.get(kinds.get(sid), len(rank)), best.get(rid, len(rank)))
        out.append(strength[r] if r < len(rank) else None)
    return pd.Series(out, index=df.index, dtype=object)


@rule("pairings", "strongest_source_kind", "strongest_source_kind",
      "strongest_source_kind must be the strongest kind among the pairing's source and its citations "
      "(official_register > official_statement > news_article > encyclopedia_list): a pairing resting only on an "
      "encyclopedia list must say so.")
def strongest_source_kind(ctx, df):
    return df["strongest_source_kind"].astype(object).eq(strongest_source_kinds(ctx, "pairings", df)).fillna(False).astype(bool)
