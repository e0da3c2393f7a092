"""Sessions: validate (all three validators), tests, lint, build (the release files), release_files (what the
release workflow publishes), release (cut a release), bench, site (the release site).

Every session installs from ``constraints.txt``, so the validators' versions are pinned in one
place. Locally, ``nox -R -s tests`` reuses the environments.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import nox

nox.options.sessions = ["validate", "tests", "lint"]
nox.options.reuse_existing_virtualenvs = True
PYTHON = "3.11"
CONSTRAINTS = ("-c", "constraints.txt")


def _install(session: nox.Session, *extras_and_tools: str) -> None:
    session.install(*CONSTRAINTS, "-e", ".[validate,polars,curate,build]", *extras_and_tools)


@nox.session(python=PYTHON)
def validate(session: nox.Session) -> None:
    """Run frictionless, pandera and Great Expectations on the package; write Data Docs to build/."""
    _install(session)
    session.run("sisterties", "validate", ".", "--docs", "build/data-docs")


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """The test suite, doctests included (builds a wheel and a fresh venv, serves releases on 127.0.0.1)."""
    _install(session, "pytest", "build", "pyarrow")
    session.run("pytest", "-q", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff, the codebook and CITATION.cff in sync, CITATION.cff valid under CFF 1.2.0, the release registry, the workflows (zizmor)."""
    _install(session, "ruff", "click", "requests", "ruamel.yaml", "jsonschema", "pykwalify", "zizmor")
    session.install("--no-deps", "cffconvert==2.0.0")
    session.run("ruff", "check", "src", "tests", "noxfile.py", "curation", "benchmarks")
    session.run("sisterties", "codebook", ".", "--check")
    session.run("cffconvert", "--validate", "-i", "CITATION.cff")
    # registered archives committed with their registered bytes; CITATION.cff and .zenodo.json generated from them
    session.run("sisterties", "release", "--check")
    # GitHub workflows: offline audits with the strictest persona; any finding fails the lint
    session.run("zizmor", "--offline", "--persona", "auditor", "--no-progress", ".github/workflows")


@nox.session(python=PYTHON)
def build(session: nox.Session) -> None:
    """Validate everything, then write dist/ afresh: data archive, wheel, sdist, SHA256SUMS (`-- --allow-dirty` for a dirty tree)."""
    _install(session, "build")
    shutil.rmtree("dist", ignore_errors=True)  # SHA256SUMS lists exactly what this build writes
    session.run("sisterties", "build", ".", "--out", "dist", "--docs", "build/data-docs", *session.posargs)


@nox.session(python=PYTHON)
def release_files(session: nox.Session) -> None:
    """The release workflow's build step, also run by CI: `sisterties build`, then the GitHub Release's files in build/release/.

    build/release/assets/ (data archive, CSVs, datapackage.json, xlsx, SQLite, Parquet, codebook, wheel, sdist,
    SHA256SUMS), build/release/pypi/ (wheel, sdist) and build/release/notes.md. On a tag, pass it:
    `nox -s release_files -- --tag v0.1.0` (the version must then be registered).
    """
    _install(session, "build")
    session.run("sisterties", "build", ".", "--out", "dist", "--docs", "build/data-docs")
    session.run("python", "-m", "sisterties.release.assets", ".", "dist", "build/release", *session.posargs)


@nox.session(python=PYTHON, name="release")
def release_version(session: nox.Session) -> None:
    """Cut a release: `nox -s release -- 0.1.0` runs `sisterties release 0.1.0` (commits; prints the tag and push commands)."""
    if not session.posargs:
        session.error("name the version: nox -s release -- X.Y.Z")
    _install(session)
    session.run("sisterties", "release", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Validation and loading speed against baselines measured in the same run (build/bench.json)."""
    _install(session, "pyarrow")
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session(python=PYTHON)
def site(session: nox.Session) -> None:
    """The release site (build/site), then its browser tests in headless Chromium; screenshots to build/site-shots/ and docs/img/."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.is_file():
        session.error(f"{chromium} is missing: install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)")
    _install(session, "pytest", "playwright")
    session.run("sisterties", "site", ".", "--out", "build/site", "--dist", "dist", "--docs", "build/data-docs")
    session.run("pytest", "-q", "-m", "site", "tests/test_site.py", env={"SISTERTIES_SITE_REQUIRE_BROWSER": "1"})
    Path("docs/img").mkdir(parents=True, exist_ok=True)
    for name in ("map.png", "timeline.png"):
        shutil.copyfile(Path("build/site-shots") / name, Path("docs/img") / name)
    session.log("site in build/site/index.html; screenshots in build/site-shots/, map and timeline copied to docs/img/")
