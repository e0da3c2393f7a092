"""As a user would: build the wheel, install it in a fresh venv without the validators, load
every table offline, fetch an older release over HTTP from 127.0.0.1, verify and cache it."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from helpers import ROOT, read_rows
from release_repo import Server

from sisterties.metadata.citation import cite

pytestmark = [pytest.mark.slow, pytest.mark.network]

USER_SCRIPT = r'''
import json, sys, sisterties
root = sys.argv[1]
mods = set(sys.modules)
out = {"version": sisterties.__version__, "heavy": sorted(m for m in ("frictionless", "pandera", "great_expectations") if m in mods)}
out["rows"] = {t: len(sisterties.load(t)) for t in sisterties.list_tables()}
df = sisterties.load("jurisdictions")
out["dtypes"] = {c: str(df[c].dtype) for c in ("jurisdiction_id", "geonames_id", "evidence_start", "country", "latitude")}
old = sisterties.load("claims", version="0.0.9")
out["old_claims"] = len(old)
out["old_cite"] = sisterties.cite("apa", version="0.0.9")
print(json.dumps(out))
'''


@pytest.fixture(scope="module")
def installed(release_wheel, wheel_venv):
    """A fresh venv with the session's wheel and no extra; its registry knows 0.0.9 (and a tampered 0.0.8)."""
    tmp = release_wheel["tmp"]
    return {"py": wheel_venv(""), "served": release_wheel["served"], "cache": tmp / "cache", "tmp": tmp,
            "rows": release_wheel["rows"]}


def _run(installed, code, *args, url="http://127.0.0.1:9", check=True):
    env = dict(os.environ, SISTERTIES_RELEASE_URL=url, SISTERTIES_CACHE_DIR=str(installed["cache"]))
    env.pop("PYTHONPATH", None)
    return subprocess.run([str(installed["py"]), "-c", code, *args], capture_output=True, text=True,
                          env=env, cwd=installed["tmp"], check=check)


def test_wheel_loads_offline_and_fetches_an_old_release_over_http(installed):
    with Server(installed["served"]) as server:
        result = _run(installed, USER_SCRIPT, str(ROOT), url=server.url)
    out = json.loads(result.stdout)
    assert out["heavy"] == []
    for table, n in out["rows"].items():
        assert n == len(read_rows(ROOT / "data" / f"{table}.csv")), table
    assert out["dtypes"] == {"jurisdiction_id": "string", "geonames_id": "string", "evidence_start": "Int64",
                             "country": "category", "latitude": "Float64"}
    assert out["old_claims"] == installed["rows"]
    assert "Version 0.0.9" in out["old_cite"]
    # the server is gone: the cached, verified archive still loads
    again = _run(installed, "import sisterties; print(len(sisterties.load('claims', version='0.0.9')))")
    assert int(again.stdout) == installed["rows"]


def test_tampered_archive_is_refused_and_deleted(installed):
    with Server(installed["served"]) as server:
        result = _run(installed, "import sisterties; sisterties.load('claims', version='0.0.8')", url=server.url, check=False)
    assert result.returncode != 0
    assert "was changed or corrupted, so it was deleted" in result.stderr
    assert not list(installed["cache"].glob("*0.0.8*"))


def test_unknown_version_and_no_network_are_clear_errors(installed):
    unknown = _run(installed, "import sisterties; sisterties.load('claims', version='9.9.9')", check=False)
    assert "not a known release" in unknown.stderr
    for f in installed["cache"].glob("*0.0.9*"):
        shutil.rmtree(f) if f.is_dir() else f.unlink()
    offline = _run(installed, "import sisterties; sisterties.load('claims', version='0.0.9')", check=False)
    assert "no verified copy is cached" in offline.stderr


def test_cli_in_the_installed_wheel(installed):
    bindir = installed["py"].parent
    out = subprocess.run([str(bindir / "sisterties"), "info", "--installed"], capture_output=True, text=True, check=True).stdout
    assert "pairings" in out
    cff = subprocess.run([str(bindir / "sisterties"), "cite", "--format", "cff"], capture_output=True, text=True, check=True).stdout
    # this wheel's registry (0.0.8, 0.0.9) does not list its own version: it cites itself as unreleased
    assert cff == cite(json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8")), "cff")
