"""The migration of issue #10 (curation/passes/2026-12-05-events/migrate.py) is deterministic,
re-runnable, leaves a valid package, and refuses to drop rows it did not make."""
from __future__ import annotations

import datetime as dt
import importlib.util
import io
import shutil
import subprocess
import tarfile

import pytest
from helpers import ROOT, read_rows, write_rows

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


MIGRATED = "6ec6aba"  # the last commit of the migration's branch: the package exactly as the migration left it


def _has_commit(rev: str) -> bool:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return False
    return subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{rev}^{{commit}}"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _has_commit(MIGRATED), reason="needs the git history of the migration (not a shallow or exported copy)")
def test_migration_replays_to_the_tables_it_wrote(tmp_path):
    """Re-run on the package as the migration left it (later passes added events and laws of their own), the
    migration is deterministic: two runs give the tables of that commit, byte for byte."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", MIGRATED, "datapackage.json", "data", "schemas", "sources",
                              "expectations"], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tmp_path, filter="data")
    recorded = _snapshot(tmp_path)
    migrate = _module().migrate
    migrate(tmp_path, AS_OF, force=True)
    assert _snapshot(tmp_path) == recorded
    log = migrate(tmp_path, AS_OF, force=True)
    assert _snapshot(tmp_path) == recorded
    assert not [line for line in log if line.startswith("derived:")], "a second run must find nothing to change"


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
