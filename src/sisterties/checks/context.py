"""What the cross-table rules look things up in: the tables, the archived texts, the gazetteer.

Each archived text is read once and shared by every rule that needs it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..metadata.descriptor import Package
from ..metadata.status import validation_date


@dataclass
class Context:
    pkg: Package
    frames: dict[str, pd.DataFrame]
    as_of: dt.date = field(default_factory=validation_date)  # "today" for the rules that depend on it

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
    def archived_texts(self) -> dict[str, str]:
        """source_id -> decoded text of each readable archived source."""
        out = {}
        for sid, raw in self.archive_bytes.items():
            try:
                out[sid] = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
        return out

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
        """Records of the archived reference extracts: 'cities' by GeoNames id, 'subdivisions' by ISO code."""
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
                    gid, _name, _cc, _a1, lat, lon, _pop, cjk = line.split("\t")
                    cities[gid] = (float(lat), float(lon), set(filter(None, cjk.split("|"))), _a1)
            elif header[0] == "iso_3166_2":
                for line in lines[1:]:
                    code, _name, _type, zh, gid = line.split("\t")
                    subs[code] = (zh, gid)
        return {"cities": cities, "subdivisions": subs}
