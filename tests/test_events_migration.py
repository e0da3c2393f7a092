"""The migration of issue #10 (curation/passes/2026-12-05-events/migrate.py) is deterministic,
re-runnable, leaves a valid package, and refuses to drop rows it did not make."""
from __future__ import annotations

import datetime as dt
import importlib.util

import pytest
from helpers import ROOT, read_rows, write_rows

from sisterties.checks.run import validate

SCRIPT = ROOT / "curation" / "passes" / "2026-12-05-events" / "migrate.py"
TABLES = ("pairings", "pairing_events", "laws", "citations", "sources")
AS_OF = dt.date(2026, 12, 5)


def _module():
    spec = importlib.util.spec_from_file_location("migrate_events", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _snapshot(root):
    return {t: (root / "data" / f"{t}.csv").read_bytes() for t in TABLES}


def test_migration_is_deterministic_and_valid(pkg_copy):
    migrate = _module().migrate
    migrate(pkg_copy, AS_OF, force=True)
    first = _snapshot(pkg_copy)
    log = migrate(pkg_copy, AS_OF, force=True)
    assert _snapshot(pkg_copy) == first
    assert not [line for line in log if line.startswith("derived:")], "a second run must find nothing to change"
    report = validate(pkg_copy, ("files", "frictionless", "pandera"), as_of=AS_OF)
    assert report.ok, report.text()


def test_migration_refuses_to_drop_imported_events(pkg_copy):
    module = _module()
    path = pkg_copy / "data" / "pairing_events.csv"
    rows = read_rows(path)
    extra = dict(rows[0], event_id=rows[0]["pairing_id"] + "-in_use-99", event="in_use", date="2020", date_basis="stated", date_note="")
    write_rows(path, rows + [extra])
    before = _snapshot(pkg_copy)
    with pytest.raises(module.WouldDropRows):
        module.migrate(pkg_copy, AS_OF)
    assert _snapshot(pkg_copy) == before


def test_migrated_statuses_that_changed():
    """The statuses the migration changed (README and CHANGELOG list them): Texas sister-city ties past HB 128's deadline, Little Rock's downgrade."""
    pairings = {p["pairing_id"]: p for p in read_rows(ROOT / "data" / "pairings.csv")}
    required = sorted(pid for pid, p in pairings.items() if p["status"] == "required_to_end")
    assert required == sorted([
        "CN-GZ-guiyang~US-TX-fort-worth", "CN-JS-nanjing~US-TX-houston", "CN-GD-shenzhen~US-TX-houston", "CN-LN-dalian~US-TX-houston",
        "CN-SH~US-TX-houston", "CN-JS-wuxi~US-TX-san-antonio", "CN-YN-xishuangbanna~US-TX-austin"])
    assert all(pairings[pid]["status_as_of"] == "2025-10-01" for pid in required)
    assert pairings["CN-TJ~US-TX-dallas"]["status"] == "terminated"
    assert pairings["CN-JL-changchun~US-AR-little-rock"]["status"] == "active"
