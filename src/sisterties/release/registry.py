"""The release registry, ``releases/registry.json``: every released version, its date and its archive's bytes.

One entry per release, sorted by version::

    {"releases": [{"version": "0.1.0", "date": "2026-12-05", "archive": "sisterties-data-0.1.0.zip",
                   "sha256": "<64 hex>", "size": 123456, "doi": null}]}

``doi`` is filled once Zenodo mints it. The archive itself is committed under
``releases/archives/``; the registry is the truth for its SHA-256, and a wheel ships the
registry so that the loader can verify a downloaded release.

>>> parse_number("0.10.2")
(0, 10, 2)
>>> is_release_number("0.2.0-dev"), is_release_number("01.2.0"), is_release_number("1.2.0")
(False, False, True)
>>> dev_version("0.1.3")
'0.2.0-dev'
"""
from __future__ import annotations

import json
import re
import zipfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from ..metadata.hashing import sha256_of

REGISTRY = Path("releases") / "registry.json"
ARCHIVES = Path("releases") / "archives"
_NUMBER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
DEV_SUFFIX = "-dev"


class RegistryError(RuntimeError):
    """The registry or a registered archive is not what it should be."""


def parse_number(version: str) -> tuple[int, int, int]:
    """``MAJOR.MINOR.PATCH`` as three integers; anything else (a dev version, leading zeros) is refused."""
    m = _NUMBER.fullmatch(version)
    if not m:
        raise ValueError(f"{version!r} is not a release number: write MAJOR.MINOR.PATCH, digits only, e.g. 0.1.0")
    return int(m[1]), int(m[2]), int(m[3])


def is_release_number(version: str) -> bool:
    return _NUMBER.fullmatch(version) is not None


def dev_version(released: str) -> str:
    """The development version after ``released``: the next minor with ``-dev``.

    ``0.2.0-dev`` is a Semantic Versioning pre-release (what the Data Package spec asks for) and
    a valid PEP 440 version (pip and hatch normalise it to ``0.2.0.dev0``); both order it after
    0.1.x and before 0.2.0. It is only a name for the working copy: the next release may be a
    patch, a minor or a major, as the versioning rule decides.
    """
    major, minor, _ = parse_number(released)
    return f"{major}.{minor + 1}.0{DEV_SUFFIX}"


@dataclass(frozen=True)
class Release:
    version: str
    date: str | None
    archive: str
    sha256: str
    size: int | None = None
    doi: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Release:
        return cls(version=d["version"], date=d.get("date"), archive=d.get("archive") or f"sisterties-data-{d['version']}.zip",
                   sha256=d["sha256"], size=d.get("size"), doi=d.get("doi"))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def citation_facts(self) -> dict[str, Any]:
        """What a citation needs beyond the descriptor (see :func:`sisterties.metadata.citation.cite`)."""
        return {"date": self.date, "doi": self.doi}


def read(path: Path) -> list[Release]:
    """The releases listed in ``path``, sorted by version (none when the file is missing)."""
    path = Path(path)
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        releases = [Release.from_dict(r) for r in data["releases"]]
        return sorted(releases, key=lambda r: parse_number(r.version))
    except (ValueError, KeyError, TypeError) as err:
        raise RegistryError(f"{path} is not a valid release registry ({err}).") from err


def write(path: Path, releases: list[Release]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = sorted(releases, key=lambda r: parse_number(r.version))
    path.write_text(json.dumps({"releases": [r.to_dict() for r in ordered]}, indent=2) + "\n", encoding="utf-8")
    return path


def find(releases: list[Release], version: str) -> Release | None:
    return next((r for r in releases if r.version == version), None)


def latest(releases: list[Release]) -> Release | None:
    return max(releases, key=lambda r: parse_number(r.version), default=None)


def with_release(releases: list[Release], release: Release) -> list[Release]:
    """``releases`` plus ``release``; a version already registered with other bytes is refused."""
    known = find(releases, release.version)
    if known and known.sha256 != release.sha256:
        raise RegistryError(f"version {release.version} is already registered with archive SHA-256 {known.sha256}; "
                            f"these files give {release.sha256}. A released version never changes: choose a new number.")
    return [r for r in releases if r.version != release.version] + [release]


def with_doi(releases: list[Release], version: str, doi: str) -> list[Release]:
    if find(releases, version) is None:
        raise RegistryError(f"version {version} is not registered, so it cannot have a DOI.")
    return [replace(r, doi=doi) if r.version == version else r for r in releases]


def archive_path(root: Path, release: Release) -> Path:
    return Path(root) / ARCHIVES / release.archive


def verified_archive(root: Path, release: Release) -> Path:
    """The committed archive of ``release``, after checking its SHA-256 (and size) against the registry."""
    path = archive_path(root, release)
    if not path.is_file():
        raise RegistryError(f"{path} is missing: the archive of release {release.version} must be committed under {ARCHIVES}.")
    actual = sha256_of(path)
    if actual != release.sha256 or (release.size is not None and path.stat().st_size != release.size):
        raise RegistryError(f"{path} has SHA-256 {actual} and {path.stat().st_size} bytes, but the registry gives "
                            f"{release.sha256} and {release.size}: the committed archive was changed.")
    return path


def released_descriptor(root: Path, release: Release) -> dict[str, Any]:
    """The ``datapackage.json`` inside the verified archive of ``release``."""
    with zipfile.ZipFile(verified_archive(root, release)) as zf:
        return json.loads(zf.read("datapackage.json").decode("utf-8"))
