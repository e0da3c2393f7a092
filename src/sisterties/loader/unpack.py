"""A released version as a package folder: its verified archive unpacked once into the cache.

The folder is ``{cache}/sisterties-data-{version}-{12 hex of the archive's SHA-256}/``. It is
extracted into a temporary folder beside it and renamed into place, so two processes unpacking
at once both succeed (the second keeps the first one's folder) and no temporary folder is left.
Before the rename, the archive's member names and its ``datapackage.json`` are checked: every
resource and schema path must stay inside the folder.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from ..metadata.descriptor import DESCRIPTOR, Package, PackageError
from .fetch import Release, ReleaseError, cache_dir, fetch

REPORT = "report it to the sisterties maintainers"


def release_folder(version: str, registry: dict[str, Release]) -> Path:
    """The unpacked package folder of ``version``, downloading and unpacking it on first use."""
    if version not in registry:
        fetch(version, registry)  # raises: not a known release
    folder = cache_dir() / f"sisterties-data-{version}-{registry[version].sha256[:12]}"
    if (folder / DESCRIPTOR).is_file():
        return folder
    return _unpack(fetch(version, registry), folder, version)


def _unpack(archive: Path, folder: Path, version: str) -> Path:
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError as err:
        raise ReleaseError(f"cannot unpack version {version} into the cache folder {folder.parent} ({err.strerror}): "
                           "set SISTERTIES_CACHE_DIR to a folder you can write to") from None
    try:
        with zipfile.ZipFile(archive) as zf:
            for name in zf.namelist():
                p = PurePosixPath(name)
                if p.is_absolute() or ".." in p.parts or "\\" in name:
                    raise ReleaseError(f"the archive of version {version} holds the unsafe member name {name!r}; {REPORT}")
            zf.extractall(tmp)
        _check_package(tmp, version)
        try:
            os.rename(tmp, folder)
        except OSError:
            if not (folder / DESCRIPTOR).is_file():  # not another process that finished first
                raise
        return folder
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        archive.unlink(missing_ok=True)
        raise ReleaseError(f"the archive of version {version} matches its registered SHA-256 but is not a readable zip "
                           f"file ({err}), so the registry entry itself is wrong; {REPORT}") from None
    except OSError as err:
        raise ReleaseError(f"cannot unpack version {version} into {folder.parent} ({err.strerror or err}): "
                           "set SISTERTIES_CACHE_DIR to a folder you can write to, with free space") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _check_package(root: Path, version: str) -> None:
    """Every path the descriptor names stays inside ``root`` and exists; the version is the one asked for."""
    try:
        pkg = Package(root)
    except PackageError as err:
        raise ReleaseError(f"the archive of version {version} is malformed ({err}); {REPORT}") from None
    base = root.resolve()
    for res in pkg.descriptor["resources"]:
        for key in ("path", "schema"):
            rel = res.get(key) if isinstance(res, dict) else None
            if isinstance(rel, str) and not _inside(base, rel):
                raise ReleaseError(f"the archive of version {version} names {key} {rel!r}, which is outside the archive "
                                   f"or missing from it; {REPORT}")
    try:
        pkg.tables  # noqa: B018  (reads every schema)
    except PackageError as err:
        raise ReleaseError(f"the archive of version {version} is malformed ({err}); {REPORT}") from None
    if pkg.version != version:
        raise ReleaseError(f"the archive registered as version {version} says it is version {pkg.version}; {REPORT}")


def _inside(base: Path, rel: str) -> bool:
    target = (base / rel).resolve()
    return base in target.parents and target.is_file()
