"""Fetch a released version's archive by number, verify it, cache it (after pooch).

- URL: ``{base}/v{version}/sisterties-data-{version}.zip``; ``base`` defaults to
  :data:`DEFAULT_BASE_URL` and is overridden by ``SISTERTIES_RELEASE_URL``.
- The SHA-256 of every released archive is in the registry shipped with the package; an
  archive whose hash differs is deleted and refused.
- Archives are cached in ``SISTERTIES_CACHE_DIR`` or the user cache folder; a cached, verified
  archive is used without the network.

>>> release_url("0.1.0", base="http://127.0.0.1:8000")
'http://127.0.0.1:8000/v0.1.0/sisterties-data-0.1.0.zip'
"""
from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

from ..metadata.hashing import sha256_of

DEFAULT_BASE_URL = "https://github.com/sisterties/sisterties/releases/download"
REGISTRY = "registry.json"


class ReleaseError(RuntimeError):
    """A version cannot be had: unknown, unreachable with nothing cached, or tampered with."""


def release_url(version: str, base: str | None = None) -> str:
    base = (base or os.environ.get("SISTERTIES_RELEASE_URL") or DEFAULT_BASE_URL).rstrip("/")
    return f"{base}/v{version}/sisterties-data-{version}.zip"


def cache_dir() -> Path:
    """``SISTERTIES_CACHE_DIR``, else the platform's user cache folder plus ``sisterties``."""
    if os.environ.get("SISTERTIES_CACHE_DIR"):
        return Path(os.environ["SISTERTIES_CACHE_DIR"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "sisterties"


def load_registry(path: Path) -> dict[str, str]:
    """version -> SHA-256 of its release archive."""
    if not path.is_file():
        return {}
    return {r["version"]: r["sha256"] for r in json.loads(path.read_text(encoding="utf-8"))["releases"]}


def fetch(version: str, registry: dict[str, str]) -> Path:
    """Path of the verified archive of ``version``, downloading it on first use."""
    if version not in registry:
        known = ", ".join(sorted(registry)) or "none"
        raise ReleaseError(f"sisterties data version {version} is not a known release (known: {known}). "
                           "Upgrade the sisterties package to see newer releases.")
    expected = registry[version]
    target = cache_dir() / f"sisterties-data-{version}.zip"
    if target.is_file() and sha256_of(target) == expected:
        return target
    url = release_url(version)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    try:
        with urllib.request.urlopen(url, timeout=60) as response, partial.open("wb") as out:
            while chunk := response.read(1 << 20):
                out.write(chunk)
    except (urllib.error.URLError, OSError) as err:
        partial.unlink(missing_ok=True)
        raise ReleaseError(f"could not download {url} ({err}) and no verified copy is cached in {target.parent}. "
                           "Connect to the network once, or set SISTERTIES_RELEASE_URL to a mirror, "
                           "or copy the archive into SISTERTIES_CACHE_DIR.") from err
    actual = sha256_of(partial)
    if actual != expected:
        partial.unlink(missing_ok=True)
        target.unlink(missing_ok=True)
        raise ReleaseError(f"the archive downloaded from {url} has SHA-256 {actual}, not the registered {expected}: "
                           "it was changed or corrupted, so it was deleted. Check SISTERTIES_RELEASE_URL.")
    partial.replace(target)
    return target
