"""What the cross-table rules look things up in: the tables, the archived texts, the gazetteer.

Each archived text is read once and shared by every rule that needs it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..metadata.descriptor import Package
from ..metadata.status import validation_date
from .naming import split_aliases, variants

# Control characters that a text file does not hold (tab, line feed, form feed and carriage return are allowed).
BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class Context:
    pkg: Package
    frames: dict[str, pd.DataFrame]
    as_of: dt.date = field(default_factory=validation_date)  # "today" for the rules that depend on it
    memo: dict = field(default_factory=dict)  # results that two rules share, computed once

    @cached_property
    def sources(self) -> pd.DataFrame:
        df = self.frames.get("sources")
        return df if df is not None else pd.DataFrame(columns=self.pkg.table("sources").field_names)

    @cached_property
    def archive_files(self) -> dict[str, Path | None]:
        """source_id -> archived file inside sources/, or None when the path escapes or is missing."""
        out: dict[str, Path | None] = {}
        base = (self.pkg.root / "sources").resolve()
        archived = self.sources[self.sources["archived"].eq("true")]
        for sid, rel in zip(archived["source_id"], archived["archive_path"], strict=False):
            if not isinstance(rel, str):
                out[sid] = None
                continue
            path = (self.pkg.root / rel).resolve()
            out[sid] = path if path.is_file() and base in path.parents else None
        return out

    @cached_property
    def archive_bytes(self) -> dict[str, bytes]:
        return {sid: p.read_bytes() for sid, p in self.archive_files.items() if p is not None}

    @cached_property
    def archive_sha256(self) -> dict[str, str]:
        return {sid: hashlib.sha256(b).hexdigest() for sid, b in self.archive_bytes.items()}

    @cached_property
    def archive_text_problems(self) -> dict[str, str]:
        """source_id -> why its archived file is not UTF-8 text; checked before any rule reads a text."""
        out = {}
        for sid, raw in self.archive_bytes.items():
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                out[sid] = f"byte {err.start} is not UTF-8 ({err.reason})"
                continue
            bad = BINARY_CONTROLS.search(text)
            if bad:
                out[sid] = f"character {bad.start()} is the control character U+{ord(bad.group()):04X}"
        return out

    @cached_property
    def archived_texts(self) -> dict[str, str]:
        """source_id -> decoded text of each archived source that is UTF-8 text (see archive_text_problems)."""
        bad = self.archive_text_problems
        return {sid: raw.decode("utf-8") for sid, raw in self.archive_bytes.items() if sid not in bad}

    @cached_property
    def unreadable_sources(self) -> set[str]:
        """Archived sources whose text no rule can read: file missing, outside sources/, or not UTF-8 text."""
        return {sid for sid, path in self.archive_files.items() if path is None} | set(self.archive_text_problems)

    @cached_property
    def published(self) -> dict[str, str]:
        s = self.sources.dropna(subset=["published"])
        return dict(zip(s["source_id"], s["published"], strict=False))

    @cached_property
    def jurisdictions(self) -> pd.DataFrame:
        df = self.frames.get("jurisdictions")
        return df.set_index("jurisdiction_id", drop=False) if df is not None else pd.DataFrame()

    @cached_property
    def gazetteer(self) -> dict[str, dict[str, tuple]]:
        """Records of the archived reference extracts: 'cities' by GeoNames id (latitude, longitude, Chinese
        names, admin1 code, name), 'subdivisions' by ISO code (Chinese name, GeoNames id, name)."""
        cities: dict[str, tuple] = {}
        subs: dict[str, tuple] = {}
        refs = self.sources[self.sources["kind"].eq("reference_dataset")]
        for sid in refs["source_id"]:
            text = self.archived_texts.get(sid)
            if not text:
                continue
            lines = text.splitlines()
            header = lines[0].split("\t")
            if header[0] == "geonames_id":
                for line in lines[1:]:
                    gid, name, _cc, a1, lat, lon, _pop, cjk = line.split("\t")
                    cities[gid] = (float(lat), float(lon), set(filter(None, cjk.split("|"))), a1, name)
            elif header[0] == "iso_3166_2":
                for line in lines[1:]:
                    code, name, _type, zh, gid = line.split("\t")
                    subs[code] = (zh, gid, name)
        return {"cities": cities, "subdivisions": subs}

    @cached_property
    def place_other_names(self) -> dict[str, tuple[str, ...]]:
        """jurisdiction_id -> folded names and variants, for the places that have more than one plain
        English name (a native name, aliases, or a name_en outside ASCII); the others are named by
        name_en alone, folded where it is needed (this keeps memory flat on large tables)."""
        j = self.frames.get("jurisdictions")
        if j is None:
            return {}
        column = lambda c: j[c] if c in j else pd.Series(None, index=j.index, dtype=object)  # noqa: E731
        en, native, aliases = column("name_en"), column("name_native"), column("aliases")
        plain = en.notna() & native.isna() & aliases.isna() & en.str.fullmatch(r"[\x00-\x7f]*").fillna(False).astype(bool)
        rest = j[~plain]
        out = {}
        cols = (rest["jurisdiction_id"].tolist(), en[~plain].tolist(), native[~plain].tolist(), aliases[~plain].tolist())
        for jid, name, nat, als in zip(*cols, strict=True):
            names = [n for n in (name, nat) if isinstance(n, str)] + split_aliases(als)
            out[jid] = tuple(dict.fromkeys(v for n in names for v in variants(n)))
        return out
