"""Build a release: a byte-reproducible data archive, its checksum file and the version registry.

The archive holds the package folder (descriptor, tables, schemas, archived sources, expectation
suites) plus README, codebook, CITATION.cff, CHANGELOG and LICENSE, taken from what git tracks
(:mod:`.tracked`: no untracked file, no dotfile, no symlink). Entries are sorted, dated
1980-01-01, with mode 0644, so two builds of one commit give identical bytes.
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

from ..metadata.descriptor import Package
from ..metadata.hashing import sha256_of
from .tracked import release_files

PACKAGE_PARTS = ("datapackage.json", "data", "schemas", "sources", "expectations")
DOCS = ("README.md", "CHANGELOG.md", "CITATION.cff", "LICENSE", "docs/codebook.md")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class ReleaseBuildError(RuntimeError):
    pass


def archive_name(version: str) -> str:
    return f"sisterties-data-{version}.zip"


def archive_members(root: Path, untracked_ok: bool = False) -> list[Path]:
    """Files of the archive, relative to ``root``, sorted: what git tracks (see :mod:`.tracked`)."""
    return [Path(rel) for rel in release_files(root, PACKAGE_PARTS + DOCS, untracked_ok=untracked_ok)]


def build_archive(root: Path, out_dir: Path, untracked_ok: bool = False) -> Path:
    """Write ``sisterties-data-<version>.zip`` into ``out_dir``; return its path.

    ``untracked_ok`` lets a folder outside git be archived (every regular file but dotfiles)."""
    pkg = Package(root)
    members = archive_members(root, untracked_ok)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / archive_name(pkg.version)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for rel in members:
            info = zipfile.ZipInfo(rel.as_posix(), date_time=FIXED_TIME)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            zf.writestr(info, (root / rel).read_bytes(), compresslevel=9)
    return target


def prepare_out_dir(out: Path) -> None:
    """``out`` must be a new or empty folder, so that SHA256SUMS lists exactly what the build writes."""
    if out.exists() and not out.is_dir():
        raise ReleaseBuildError(f"{out} is a file: --out needs a folder")
    if out.is_dir() and any(out.iterdir()):
        raise ReleaseBuildError(f"{out} is not empty: SHA256SUMS must list only what this build writes, so empty it "
                                "(e.g. rm -r {out}) or choose another --out".replace("{out}", str(out)))
    out.mkdir(parents=True, exist_ok=True)


def write_checksums(out_dir: Path, files: list[Path] | None = None) -> Path:
    """``SHA256SUMS`` for ``files`` (default: every file below ``out_dir``), relative paths, in sha256sum's format.

    ``sisterties build`` passes exactly the files it wrote, into a fresh or emptied ``out_dir``."""
    if files is None:
        files = [p for p in out_dir.rglob("*") if p.is_file() and p.name != "SHA256SUMS"]
    files = sorted(files, key=lambda p: p.as_posix())
    target = out_dir / "SHA256SUMS"
    target.write_text("".join(f"{sha256_of(p)}  {p.relative_to(out_dir).as_posix()}\n" for p in files), encoding="utf-8")
    return target


def registry_with(released: Path, version: str, sha256: str, out: Path) -> Path:
    """The released registry, to ship in the wheel; refuses to change the hash of a released version.

    Only ``sisterties release`` registers a version: a build of an unregistered one (the ``-dev``
    working copy, or a number not released yet) ships the registry as it is.
    """
    data = json.loads(released.read_text(encoding="utf-8")) if released.is_file() else {"releases": []}
    known = {r["version"]: r["sha256"] for r in data["releases"]}
    if version in known and known[version] != sha256:
        raise ReleaseBuildError(
            f"version {version} was already released with archive SHA-256 {known[version]}, but this build gives "
            f"{sha256}: the data changed, so bump the version in datapackage.json (released rows never change silently).")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return out
