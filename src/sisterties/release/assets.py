"""The files of a GitHub Release, gathered from a build (``sisterties build``) into one flat folder.

``python -m sisterties.release.assets ROOT DIST OUT [--tag vX.Y.Z]`` (run by ``nox -s
release_files``, which the release workflow and CI both run) writes:

- ``OUT/assets/``: the data archive, each table's CSV, ``datapackage.json``, the Excel workbook,
  the SQLite database, each table's Parquet file, ``codebook.md``, the wheel, the sdist, and
  ``SHA256SUMS`` over all of them (check with ``sha256sum -c SHA256SUMS``);
- ``OUT/pypi/``: the wheel and the sdist, for the package index;
- ``OUT/notes.md``: the version's CHANGELOG section, as the release's description.

For a registered version the data archive is the one committed under ``releases/archives/``
(the registry is the truth for its bytes), and the freshly built archive must hold exactly the
same files with the same contents. With ``--tag``, the tag must name the package's version and
that version must be registered (``sisterties release`` does both).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import zipfile
from pathlib import Path

from ..metadata.descriptor import DESCRIPTOR, Package
from . import changelog, registry
from .build import archive_name, write_checksums


class AssetError(RuntimeError):
    pass


def _contents(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _data_archive(root: Path, dist: Path, version: str, tag: str | None) -> Path:
    built = dist / archive_name(version)
    if not built.is_file():
        raise AssetError(f"{built} is missing: run `sisterties build` first.")
    release = registry.find(registry.read(root / registry.REGISTRY), version)
    if release is None:
        if tag:
            raise AssetError(f"{version} is not in {registry.REGISTRY}: cut releases with `sisterties release {version}` before tagging.")
        return built
    committed = registry.verified_archive(root, release)
    if _contents(committed) != _contents(built):
        raise AssetError(f"the archive built from this checkout ({built}) does not hold the same files as the registered "
                         f"{committed}: the tagged files differ from the released ones.")
    return committed


def gather(root: Path, dist: Path, out: Path, tag: str | None = None) -> list[Path]:
    """Write the release's assets, PyPI files and notes below ``out``; return the asset files."""
    root, dist, out = Path(root), Path(dist), Path(out)
    pkg = Package(root)
    version = pkg.version
    if tag is not None and tag != f"v{version}":
        raise AssetError(f"the tag {tag} does not name the package's version {version} (datapackage.json): tag v{version}.")
    wanted = {f"sisterties-{version}.xlsx": dist / f"sisterties-{version}.xlsx",
              f"sisterties-{version}.sqlite": dist / f"sisterties-{version}.sqlite",
              DESCRIPTOR: root / DESCRIPTOR, "codebook.md": root / "docs" / "codebook.md"}
    for name in pkg.table_names:
        wanted[f"{name}.csv"] = pkg.path(name)
        wanted[f"{name}.parquet"] = dist / f"sisterties-{version}-parquet" / f"{name}.parquet"
    python_files = sorted(dist.glob("sisterties-*.whl")) + sorted(dist.glob("sisterties-*.tar.gz"))
    if len(python_files) != 2:
        raise AssetError(f"expected one wheel and one sdist in {dist}, found {[p.name for p in python_files]}.")
    missing = [str(p) for p in wanted.values() if not p.is_file()]
    if missing:
        raise AssetError(f"missing build outputs: {', '.join(missing)}; run `sisterties build` first.")
    archive = _data_archive(root, dist, version, tag)
    if out.exists():
        shutil.rmtree(out)
    assets, pypi = out / "assets", out / "pypi"
    assets.mkdir(parents=True)
    pypi.mkdir()
    shutil.copyfile(archive, assets / archive_name(version))
    for name, src in wanted.items():
        shutil.copyfile(src, assets / name)
    for src in python_files:
        shutil.copyfile(src, assets / src.name)
        shutil.copyfile(src, pypi / src.name)
    write_checksums(assets)
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    try:
        notes = changelog.section(text, version)
    except changelog.ChangelogError:  # a development build: what is not released yet
        try:
            notes = changelog.unreleased_body(text)
        except changelog.ChangelogError:
            notes = ""
    (out / "notes.md").write_text(f"{notes}\n\nSee README.md, section \"Get the data\", for which file to take and how to check it.\n",
                                  encoding="utf-8")
    return sorted(assets.iterdir())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sisterties.release.assets", description=__doc__.splitlines()[0])
    parser.add_argument("root", help="the repository (the package folder)")
    parser.add_argument("dist", help="the output folder of `sisterties build`")
    parser.add_argument("out", help="where to write assets/, pypi/ and notes.md")
    parser.add_argument("--tag", help="the git tag being released, e.g. v0.1.0 (then the version must be registered)")
    args = parser.parse_args(argv)
    try:
        files = gather(Path(args.root), Path(args.dist), Path(args.out), args.tag)
    except (AssetError, registry.RegistryError) as err:
        print(f"release assets refused: {err}", file=sys.stderr)
        return 1
    for f in files:
        print(f"asset {f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
