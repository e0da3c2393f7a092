"""The state of one importer run: the tables in memory, their indexes, the decisions and the log."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from ...metadata.descriptor import Package
from .decisions import Decisions
from .facts import Fact
from .gazetteer import CITIES, SUBDIVISIONS, Gazetteer
from .ledger import Ledger
from .refusal import Refused
from .tables import Tables


class Run:
    def __init__(self, pkg: Package, facts: list[Fact], decisions: Decisions):
        self.pkg, self.facts, self.decisions = pkg, facts, decisions
        self.tables = Tables(pkg)
        self.rows = self.tables.rows
        self.src = {r["source_id"]: r for r in self.rows["sources"]}
        self.jur = {r["jurisdiction_id"]: r for r in self.rows["jurisdictions"]}
        self.pair = {r["pairing_id"]: r for r in self.rows["pairings"]}
        self.original_pairs = set(self.pair)
        self.seq: Counter = Counter()  # last citation number per source hex
        for r in self.rows["citations"]:
            m = re.fullmatch(r"cit-([0-9a-f]{12})-([0-9]+)", r["citation_id"])
            self.seq[m.group(1)] = max(self.seq[m.group(1)], int(m.group(2)))
        self.by_url: dict[str, list[Fact]] = defaultdict(list)
        for f in facts:
            self.by_url[f.url].append(f)
        # source kinds, strongest first: the order of the schema's enum
        self.kind_order = pkg.table("pairings").field("strongest_source_kind").enum
        self.gaz = Gazetteer(pkg.root)
        self.reference_sid = self._reference_sources()
        self.log = Ledger(facts)
        self.admin1: dict[str, str] = {}  # GeoNames admin1 -> Chinese province (places.admin1_map)
        self.added: dict[str, str] = {}  # pairing id -> the pair key it was added from, in this run
        self.touched: set[str] = set()
        self.new_year_cites: set[str] = set()
        self.problems: list[str] = []

    def _reference_sources(self) -> dict[str, str]:
        by_path = {r["archive_path"]: r["source_id"] for r in self.rows["sources"]}
        missing = [p for p in (SUBDIVISIONS, CITIES) if p not in by_path]
        if missing:
            raise Refused([f"{self.pkg.path('sources')}: no sources row archives {p}, which places are located by" for p in missing])
        return {"subdivisions": by_path[SUBDIVISIONS], "cities": by_path[CITIES]}

    def snapshot(self):
        """What a failed new pair must undo: rows it appended, ids it made, citation numbers, log marks."""
        return ({t: len(self.rows[t]) for t in ("sources", "jurisdictions", "citations")}, Counter(self.seq),
                set(self.jur), set(self.src), self.log.snapshot())

    def restore(self, snap) -> None:
        marks, seq, jur_keys, src_keys, log = snap
        for t, n in marks.items():
            del self.rows[t][n:]
        self.seq = seq
        for k in set(self.jur) - jur_keys:
            del self.jur[k]
        for k in set(self.src) - src_keys:
            del self.src[k]
        self.log.restore(log)
