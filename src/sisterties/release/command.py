"""What ``sisterties release`` says and does in each of its modes; returns the exit code.

- ``sisterties release X.Y.Z [--date YYYY-MM-DD]``: check, validate, make the release commits
  (see :mod:`.cut`), print the tag and push commands.
- ``sisterties release X.Y.Z --doi 10.5281/zenodo.N``: record the DOI Zenodo minted.
- ``sisterties release --check``: the registry's archives are committed with their registered
  bytes and CITATION.cff / .zenodo.json say what the registry and descriptor give (for lint).
- ``sisterties release --sync``: regenerate CITATION.cff and .zenodo.json.
"""
from __future__ import annotations

import sys
from pathlib import Path

from . import citation_files, registry
from .cut import ReleaseRefused, cut, plan, record_doi
from .git import GitError


def check(root: Path) -> list[str]:
    """Problems with the registry, its committed archives and the citation files."""
    try:
        releases = registry.read(root / registry.REGISTRY)
        for r in releases:
            registry.verified_archive(root, r)
            if r.date is None or r.size is None:
                return [f"{registry.REGISTRY}: release {r.version} lacks its date or size (register releases with `sisterties release`)."]
        return citation_files.out_of_date(root)
    except registry.RegistryError as err:
        return [str(err)]


def _validate(root: Path) -> bool:
    from ..checks.run import validate

    print(f"validating {root} (files, frictionless, pandera, Great Expectations) …", flush=True)
    report = validate(root)
    print(report.text())
    return report.ok


def run(root: Path, version: str | None, date: str | None = None, doi: str | None = None,
        check_only: bool = False, sync: bool = False) -> int:
    root = Path(root).resolve()
    if check_only:
        problems = check(root)
        for p in problems:
            print(p)
        if not problems:
            n = len(registry.read(root / registry.REGISTRY))
            print(f"{registry.REGISTRY}: {n} release(s), each archive committed with its registered SHA-256; "
                  "CITATION.cff and .zenodo.json are up to date.")
        return 1 if problems else 0
    try:
        if sync:
            for path in citation_files.write(root, citation_files.expected(root)):
                print(f"wrote {path}")
            return 0
        if not version:
            raise ReleaseRefused("name the version to release, e.g. `sisterties release 0.1.0`.")
        if doi:
            commit = record_doi(root, version, doi)
            print(f"recorded DOI {doi} for {version} in {registry.REGISTRY} and CITATION.cff (commit {commit[:12]}); push it.")
            return 0
        p = plan(root, version, date)
        if not _validate(root):
            raise ReleaseRefused("the package does not validate (see above): fix it, commit, then release.")
        outcome = cut(root, p)
    except (ReleaseRefused, registry.RegistryError, GitError) as err:
        print(f"sisterties release: refused: {err}", file=sys.stderr)
        return 1
    r = outcome.release
    print(f"\nReleased {r.version} ({r.date}): {registry.ARCHIVES / r.archive}, {r.size} bytes, SHA-256 {r.sha256}.")
    for note in outcome.notes:
        print(f"  {note}")
    print(f"  commit {outcome.release_commit[:12]} \"Release {r.version}\": the commit to tag")
    print(f"  commit {outcome.dev_commit[:12]} \"Start {outcome.dev_version}\": the package is now at {outcome.dev_version}")
    print("\nTo publish it (the release workflow then builds the GitHub Release and the PyPI upload; Zenodo mints the DOI):")
    for line in outcome.commands():
        print(f"  {line}")
    print(f"Once Zenodo has minted the DOI: sisterties release {r.version} --doi 10.5281/zenodo.<number>")
    return 0
