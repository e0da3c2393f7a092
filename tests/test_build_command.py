"""`sisterties build` (what `nox -s build` runs): every release file, checksums, and a wheel whose
registry lists the archive built in the same run."""
from __future__ import annotations

import json
import zipfile

import pytest
from helpers import ROOT
from packaging.version import Version

from sisterties.cli import main
from sisterties.metadata.descriptor import Package
from sisterties.metadata.hashing import sha256_of

pytestmark = pytest.mark.slow


def test_build_writes_every_release_file(tmp_path):
    out = tmp_path / "dist"
    assert main(["build", str(ROOT), "--out", str(out), "--docs", str(tmp_path / "build" / "data-docs")]) == 0
    version = Package(ROOT).version
    dist_version = str(Version(version))  # wheel and sdist names are PEP 440-normalised (0.2.0-dev -> 0.2.0.dev0)
    archive = out / f"sisterties-data-{version}.zip"
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    for expected in (archive.name, f"sisterties-{version}.xlsx", f"sisterties-{version}.sqlite",
                     f"sisterties-{version}-parquet/pairings.parquet", f"sisterties-{dist_version}-py3-none-any.whl",
                     f"sisterties-{dist_version}.tar.gz", "SHA256SUMS"):
        assert expected in names, expected
    sums = dict(line.split("  ")[::-1] for line in (out / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == names - {"SHA256SUMS"}
    assert all(sha256_of(out / name) == digest for name, digest in sums.items())
    wheel = zipfile.ZipFile(out / f"sisterties-{dist_version}-py3-none-any.whl")
    registry = json.loads(wheel.read("sisterties/_data/registry.json"))
    # the wheel ships the repository's registry: this version only if `sisterties release` registered it
    assert registry == json.loads((ROOT / "releases" / "registry.json").read_text())
    listed = {r["version"]: r["sha256"] for r in registry["releases"]}
    assert listed.get(version, sha256_of(archive)) == sha256_of(archive)
    assert "sisterties/_data/data/pairings.csv" in wheel.namelist()
    assert (tmp_path / "build" / "data-docs" / "index.html").is_file()
