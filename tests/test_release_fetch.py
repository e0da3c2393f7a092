"""A newer (development) wheel loads a registered release: fetched over HTTP from 127.0.0.1,
verified against the registry the repository ships (not a test-only one), cached.

`test_this_repository...` does it with this work tree's own registry and committed archives; it
is skipped only while no release is registered. `test_a_throwaway_release...` cuts a release in
a throwaway repository first, so the same path is exercised before the first real release."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT
from packaging.version import Version
from release_repo import Server, has_git_tree, make_repo, note_unreleased_change

from sisterties.cli import main
from sisterties.metadata.hashing import sha256_of
from sisterties.release import registry

pytestmark = [pytest.mark.slow, pytest.mark.network]

SCRIPT = r'''
import json, sys, sisterties
from sisterties.loader.fetch import cache_dir
version = sys.argv[1]
df = sisterties.load("pairings", version=version)
print(json.dumps({"installed": sisterties.__version__, "release_version": sisterties.package(version)["version"],
                  "pairings": len(df), "cite": sisterties.cite("apa", version=version),
                  "cached": sorted(p.name for p in cache_dir().iterdir())}))
'''


def _rows_in_archive(archive: Path, table: str) -> int:
    with zipfile.ZipFile(archive) as zf:
        return len(zf.read(f"data/{table}.csv").decode("utf-8").splitlines()) - 1


def _newer_wheel_fetches(repo: Path, tmp: Path) -> None:
    """Build the wheel of ``repo`` (a development version), install it in a fresh venv, load the
    latest registered release over HTTP, then again with the server gone (from the cache)."""
    release = registry.latest(registry.read(repo / registry.REGISTRY))
    archive = registry.verified_archive(repo, release)
    served = tmp / "served" / f"v{release.version}"
    served.mkdir(parents=True)
    shutil.copyfile(archive, served / archive.name)
    env = {k: v for k, v in os.environ.items() if k not in ("SISTERTIES_REGISTRY", "PYTHONPATH")}
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp / "dist"), str(repo)],
                   check=True, env=env, capture_output=True)
    wheel = next((tmp / "dist").glob("sisterties-*.whl"))
    with zipfile.ZipFile(wheel) as zf:  # the wheel ships the repository's registry as it is
        assert json.loads(zf.read("sisterties/_data/registry.json")) == json.loads((repo / registry.REGISTRY).read_text())
    venv.create(tmp / "venv", with_pip=True)
    py = tmp / "venv" / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    env |= {"SISTERTIES_CACHE_DIR": str(tmp / "cache")}
    with Server(tmp / "served") as server:
        done = subprocess.run([str(py), "-c", SCRIPT, release.version], capture_output=True, text=True, cwd=tmp,
                              env=env | {"SISTERTIES_RELEASE_URL": server.url})
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert Version(out["installed"]) > Version(release.version)
    assert out["release_version"] == release.version
    assert out["pairings"] == _rows_in_archive(archive, "pairings")
    # the verified archive, and the folder it was unpacked into once (named by version and hash)
    assert out["cached"] == sorted([archive.name, f"{archive.stem}-{release.sha256[:12]}"])
    assert sha256_of(tmp / "cache" / archive.name) == release.sha256
    assert f"(Version {release.version}) [Data set]" in out["cite"]
    assert out["cite"].endswith(f"https://doi.org/{release.doi}" if release.doi else f"/releases/tag/v{release.version}")
    again = subprocess.run([str(py), "-c", SCRIPT, release.version], capture_output=True, text=True, cwd=tmp,
                           env=env | {"SISTERTIES_RELEASE_URL": "http://127.0.0.1:9"})
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["pairings"] == out["pairings"]


def test_this_repository_serves_its_latest_release_to_a_newer_wheel(tmp_path):
    releases = registry.read(ROOT / registry.REGISTRY)
    if not releases:
        pytest.skip("releases/registry.json lists no release yet: the first one is cut with `sisterties release X.Y.Z` "
                    "(test_a_throwaway_release_is_fetched_by_the_next_development_wheel covers the path meanwhile)")
    installed = json.loads((ROOT / "datapackage.json").read_text())["version"]
    if Version(installed) <= Version(registry.latest(releases).version):
        pytest.skip(f"this work tree is at {installed}, the latest release itself (a tag's checkout): no newer wheel to build")
    _newer_wheel_fetches(ROOT, tmp_path)


@pytest.mark.skipif(not has_git_tree(), reason="needs this work tree's git repository and the git command")
def test_a_throwaway_release_is_fetched_by_the_next_development_wheel(tmp_path):
    repo = make_repo(tmp_path / "repo")
    last = registry.latest(registry.read(repo / registry.REGISTRY))
    number = registry.dev_version(last.version).removesuffix(registry.DEV_SUFFIX) if last else "0.1.0"
    if last:  # a real release exists: note a change so that the next one has something to say
        note_unreleased_change(repo)
    assert main(["release", number, "--path", str(repo)]) == 0
    _newer_wheel_fetches(repo, tmp_path / "fetch")
