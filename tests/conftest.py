"""Shared fixtures: a scratch copy of the package folder to corrupt or modify."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import copy_package

# The status rule depends on "today" (deadlines and terms pass with time): the tests validate the
# package as of the day its statuses were last derived, so they do not change with the calendar.
# `nox -s validate` uses the real date and fails when a status has gone stale.
os.environ.setdefault("SISTERTIES_AS_OF", "2026-12-05")


@pytest.fixture
def pkg_copy(tmp_path: Path) -> Path:
    return copy_package(tmp_path / "pkg")


@pytest.fixture(scope="session")
def release_wheel(tmp_path_factory) -> dict:
    """The wheel, built once per session from the work tree. Its registry also knows a release 0.0.9 (the
    package with one claim fewer, served from ``served/``) and a 0.0.8 whose served archive was tampered with."""
    import json
    import os
    import subprocess
    import sys

    from helpers import ROOT, read_rows, write_rows

    from sisterties.release.build import build_archive

    tmp = tmp_path_factory.mktemp("wheel")
    old = copy_package(tmp / "old")
    rows = read_rows(old / "data" / "claims.csv")
    write_rows(old / "data" / "claims.csv", rows[:-1])
    d = json.loads((old / "datapackage.json").read_text())
    d["version"] = "0.0.9"
    (old / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False))
    served = tmp / "served"
    archive = build_archive(old, served / "v0.0.9", untracked_ok=True)
    tampered = served / "v0.0.8" / "sisterties-data-0.0.8.zip"
    tampered.parent.mkdir(parents=True)
    body = archive.read_bytes()
    tampered.write_bytes(body[:-8] + b"tampered")
    import hashlib
    digest, size = hashlib.sha256(body).hexdigest(), len(body)
    registry = tmp / "registry.json"
    registry.write_text(json.dumps({"releases": [
        {"version": "0.0.8", "date": "2026-01-01", "sha256": digest, "size": size, "doi": None},
        {"version": "0.0.9", "date": "2026-02-01", "sha256": digest, "size": size, "doi": None}]}))
    env = dict(os.environ, SISTERTIES_REGISTRY=str(registry))
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp / "dist"), str(ROOT)],
                   check=True, env=env, capture_output=True)
    return {"wheel": next((tmp / "dist").glob("sisterties-*.whl")), "served": served, "tmp": tmp, "rows": len(rows) - 1}


@pytest.fixture(scope="session")
def wheel_venv(release_wheel, tmp_path_factory):
    """``wheel_venv(extra)``: the python of a fresh venv holding the session's wheel with that one extra ("" for
    none), made once per session; ``wheel_venv.prepare(extras)`` makes several at once (two at a time)."""
    import subprocess
    import venv
    from concurrent.futures import ThreadPoolExecutor

    from helpers import ROOT

    made: dict[str, Path] = {}

    def make(extra: str) -> Path:
        if extra not in made:
            folder = tmp_path_factory.mktemp(f"venv-{extra or 'base'}")
            venv.create(folder, with_pip=True)
            py = folder / "bin" / "python"
            spec = f"{release_wheel['wheel']}[{extra}]" if extra else str(release_wheel["wheel"])
            # the project's pins (constraints.txt) keep the run reproducible; pip's cache keeps it fast
            done = subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-compile", "-c",
                                   str(ROOT / "constraints.txt"), spec], capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"pip install {spec} failed:\n{done.stderr[-3000:]}")
            made[extra] = py
        return made[extra]

    def prepare(extras) -> None:
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(make, [e for e in extras if e not in made]))

    make.prepare = prepare
    return make
