"""Fetch a released version's archive by number, verify it and cache it (with pooch).

- URL: ``{base}/v{version}/sisterties-data-{version}.zip``; ``base`` defaults to
  :data:`DEFAULT_BASE_URL` and is overridden by ``SISTERTIES_RELEASE_URL``.
- The registry shipped with the package (``releases/registry.json``) gives, per version, the
  SHA-256 and the size in bytes of its archive (other keys are ignored).
- pooch (pinned) downloads into a temporary file of its own in the cache folder, checks the
  SHA-256 and renames the file into place, so two processes fetching at once both succeed and a
  reader never sees half a file; an archive whose hash differs is deleted and refused.
- The downloader given to pooch stops at an overall deadline (``SISTERTIES_DOWNLOAD_DEADLINE``
  seconds, default 300, retries included) and at the registered size (a host that sends more
  is cut off before anything reaches the cache); it retries a failed connection twice.
- Archives are cached in ``SISTERTIES_CACHE_DIR`` or the user cache folder; a cached, verified
  archive is used without the network.
- Every failure is a :class:`ReleaseError` whose message says what to do.

>>> release_url("0.1.0", base="http://127.0.0.1:8000")
'http://127.0.0.1:8000/v0.1.0/sisterties-data-0.1.0.zip'
>>> Release.from_entry({"version": "0.1.0", "sha256": "ab" * 32, "size": 10, "doi": None}).size
10
"""
from __future__ import annotations

import http.client
import json
import logging
import os
import re
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ..metadata.hashing import sha256_of

DEFAULT_BASE_URL = "https://github.com/sisterties/sisterties/releases/download"
REGISTRY = "registry.json"
DEADLINE_SECONDS = 300.0
READ_TIMEOUT = 30.0
RETRIES = 2
DEFAULT_MAX_BYTES = 1 << 30  # for a registry entry without a size


class ReleaseError(RuntimeError):
    """A version cannot be had: unknown, unreachable with nothing cached, too slow, too big, or tampered with."""


@dataclass(frozen=True)
class Release:
    """One released version as the registry records it."""

    version: str
    sha256: str
    size: int | None = None

    @classmethod
    def from_entry(cls, entry: dict) -> Release:
        version, sha, size = entry.get("version"), entry.get("sha256"), entry.get("size")
        if not isinstance(version, str) or not isinstance(sha, str) or not re.fullmatch(r"[0-9a-f]{64}", sha):
            raise ValueError(f"entry {entry!r} needs a version and a 64-hex sha256")
        if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size < 0):
            raise ValueError(f"entry for {version} has a size that is not a whole number of bytes")
        return cls(version, sha, size)


def archive_name(version: str) -> str:
    return f"sisterties-data-{version}.zip"


def release_url(version: str, base: str | None = None) -> str:
    base = (base or os.environ.get("SISTERTIES_RELEASE_URL") or DEFAULT_BASE_URL).rstrip("/")
    return f"{base}/v{version}/{archive_name(version)}"


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


def load_registry(path: Path) -> dict[str, Release]:
    """version -> :class:`Release` (SHA-256 and size of its archive)."""
    if not path.is_file():
        return {}
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["releases"]
        releases = [Release.from_entry(e) for e in entries]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise ReleaseError(f"the release registry {path} cannot be read ({err}): reinstall sisterties") from None
    return {r.version: r for r in releases}


def _deadline_seconds() -> float:
    raw = os.environ.get("SISTERTIES_DOWNLOAD_DEADLINE", "")
    try:
        return float(raw) if raw else DEADLINE_SECONDS
    except ValueError:
        raise ReleaseError(f"SISTERTIES_DOWNLOAD_DEADLINE={raw!r} is not a number of seconds") from None


class _Stopped(Exception):
    """The download went past its deadline or its size cap (not retried; not a ValueError, so pooch passes it on)."""


class _Unreachable(Exception):
    """Every attempt to connect or read failed."""


class _Downloader:
    """A pooch downloader with an overall deadline and a size cap, reading with ``read1`` so a trickle cannot hold it."""

    def __init__(self, max_bytes: int, deadline: float):
        self.max_bytes = max_bytes
        self.deadline = deadline

    def __call__(self, url: str, output_file, pooch) -> None:
        last: Exception | None = None
        for attempt in range(RETRIES + 1):
            try:
                self._once(url, output_file)
                return
            except urllib.error.HTTPError as err:
                if 400 <= err.code < 500:
                    raise _Unreachable(f"HTTP {err.code} {err.reason}") from None
                last = err
            except (OSError, http.client.HTTPException) as err:
                last = err
            wait = 1.0 + attempt
            if attempt == RETRIES or time.monotonic() + wait >= self.deadline:
                break  # no time left for another try: report why this one failed
            time.sleep(wait)
        raise _Unreachable(str(getattr(last, "reason", None) or last))

    def _once(self, url: str, output_file) -> None:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise _Stopped("the download deadline passed")
        request = urllib.request.Request(url, headers={"User-Agent": "sisterties"})
        with urllib.request.urlopen(request, timeout=min(READ_TIMEOUT, remaining)) as response, open(output_file, "wb") as out:
            announced = response.headers.get("Content-Length", "")
            if announced.isdigit() and int(announced) > self.max_bytes:
                raise _Stopped(f"the host announced {int(announced):,} bytes, more than the registered {self.max_bytes:,}")
            received = 0
            while chunk := response.read1(1 << 16):
                received += len(chunk)
                if received > self.max_bytes:
                    raise _Stopped(f"the host sent more than the registered {self.max_bytes:,} bytes")
                if time.monotonic() > self.deadline:
                    raise _Stopped("the download deadline passed")
                out.write(chunk)


def fetch(version: str, registry: dict[str, Release]) -> Path:
    """Path of the verified archive of ``version`` in the cache, downloading it on first use."""
    import pooch

    if version not in registry:
        known = ", ".join(sorted(registry)) or "none"
        raise ReleaseError(f"sisterties data version {version} is not a known release (known: {known}). "
                           "Upgrade the sisterties package to see newer releases.")
    release = registry[version]
    folder = cache_dir()
    name = archive_name(version)
    target = folder / name
    try:
        if target.is_file():
            if sha256_of(target) == release.sha256:
                return target
            target.unlink(missing_ok=True)  # a cached copy that fails its hash is never kept
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _cache_error(folder, err) from None
    url = release_url(version)
    limit = _deadline_seconds()
    downloader = _Downloader(release.size if release.size is not None else DEFAULT_MAX_BYTES, time.monotonic() + limit)
    pooch.get_logger().setLevel(logging.WARNING)
    fetcher = pooch.create(path=folder, base_url=url[: -len(name)], registry={name: f"sha256:{release.sha256}"},
                           retry_if_failed=0)
    try:
        return Path(fetcher.fetch(name, downloader=downloader))
    except _Stopped as err:
        raise ReleaseError(f"stopped downloading {url}: {err}; nothing was kept. Check SISTERTIES_RELEASE_URL"
                           f"{'' if 'bytes' in str(err) else f', or allow more than {limit:g} s with SISTERTIES_DOWNLOAD_DEADLINE'}."
                           ) from None
    except _Unreachable as err:
        raise ReleaseError(f"could not download {url} ({err}) and no verified copy is cached in {folder}. "
                           "Connect to the network once, or set SISTERTIES_RELEASE_URL to a mirror, "
                           "or copy the archive into SISTERTIES_CACHE_DIR.") from None
    except ValueError as err:  # pooch: the downloaded file's hash differs from the registered one
        raise ReleaseError(f"the archive downloaded from {url} does not have the registered SHA-256 {release.sha256}: "
                           f"it was changed or corrupted, so it was deleted ({str(err).split(':')[0]}). "
                           "Check SISTERTIES_RELEASE_URL.") from None
    except OSError as err:
        raise _cache_error(folder, err) from None


def _cache_error(folder: Path, err: OSError) -> ReleaseError:
    return ReleaseError(f"cannot use the cache folder {folder} ({err.strerror or err}): set SISTERTIES_CACHE_DIR "
                        "to a folder you can write to")
