"""The loader against hosts that misbehave, all on 127.0.0.1: two processes at once, a trickle, an
endless response, a truncated or malformed registered archive, a cache that cannot be written.
Every failure is a ReleaseError that says what to do, and the cache is left without temp files."""
from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from helpers import copy_package, read_rows

from sisterties.loader.fetch import Release, ReleaseError, fetch
from sisterties.loader.unpack import release_folder
from sisterties.metadata.descriptor import Package
from sisterties.release.build import build_archive

pytestmark = pytest.mark.network


class _Handler(http.server.BaseHTTPRequestHandler):
    """Paths: /slow/..., /trickle/..., /endless/..., /announce/..., /plain/...; the rest of the path names a served file."""

    files: dict[str, bytes] = {}
    requests: list[str] = []

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        type(self).requests.append(self.path)
        mode, _, rest = self.path.lstrip("/").partition("/")
        body = self.files.get(rest)
        if body is None and mode != "endless":
            self.send_error(404)
            return
        try:
            if mode == "endless":  # no length, zeros until the client hangs up (at most 200 MB)
                self.send_response(200)
                self.end_headers()
                for _ in range(200 * 16):
                    self.wfile.write(b"\0" * 65536)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body) * (1000 if mode == "announce" else 1)))
            self.end_headers()
            if mode == "trickle":  # one byte every 50 ms, for at most a minute
                for i in range(min(len(body), 1200)):
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                    time.sleep(0.05)
                return
            if mode == "slow":  # eight pieces 0.15 s apart, so that two clients overlap
                step = len(body) // 8 + 1
                for i in range(0, len(body), step):
                    self.wfile.write(body[i:i + step])
                    self.wfile.flush()
                    time.sleep(0.15)
                return
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def server():
    handler = type("Handler", (_Handler,), {"files": {}, "requests": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield handler, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A release 0.0.9 of the package (one claim fewer), as an archive."""
    tmp = tmp_path_factory.mktemp("release")
    old = copy_package(tmp / "old")
    d = json.loads((old / "datapackage.json").read_text(encoding="utf-8"))
    d["version"] = "0.0.9"
    (old / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return build_archive(old, tmp / "served", untracked_ok=True)


def _serve(handler, version: str, body: bytes) -> dict[str, Release]:
    handler.files[f"v{version}/sisterties-data-{version}.zip"] = body
    import hashlib
    return {version: Release(version, hashlib.sha256(body).hexdigest(), len(body))}


def _leftovers(cache: Path) -> list[str]:
    """Anything in the cache that is neither a verified archive nor an unpacked release folder."""
    if not cache.exists():
        return []
    return sorted(p.name for p in cache.iterdir()
                  if not (p.name.endswith(".zip") and p.is_file()) and not (p.is_dir() and (p / "datapackage.json").is_file()))


@pytest.fixture
def env(tmp_path, monkeypatch, server):
    handler, url = server
    cache = tmp_path / "cache"
    monkeypatch.setenv("SISTERTIES_CACHE_DIR", str(cache))
    monkeypatch.setenv("SISTERTIES_RELEASE_URL", url + "/plain")
    return {"handler": handler, "url": url, "cache": cache}


CHILD = r"""
import json, sys
from sisterties.loader.fetch import Release
from sisterties.loader.unpack import release_folder
from sisterties.loader.api import read_table
from sisterties.metadata.descriptor import Package
r = json.loads(sys.argv[1])
folder = release_folder("0.0.9", {"0.0.9": Release(**r)})
print(json.dumps({"folder": str(folder), "claims": len(read_table(Package(folder), "claims"))}))
"""


def test_two_processes_loading_one_release_at_once_both_succeed(env, archive):
    registry = _serve(env["handler"], "0.0.9", archive.read_bytes())
    child_env = dict(os.environ, SISTERTIES_RELEASE_URL=env["url"] + "/slow")
    arg = json.dumps(registry["0.0.9"].__dict__)
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, arg], env=child_env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    outs = [json.loads(out) for out, _ in results]
    assert outs[0] == outs[1]
    assert outs[0]["claims"] == len(read_rows(Path(outs[0]["folder"]) / "data" / "claims.csv"))
    assert len([r for r in env["handler"].requests if r.startswith("/slow/")]) == 2  # both really downloaded, at once
    assert _leftovers(env["cache"]) == []
    assert sorted(p.name for p in env["cache"].iterdir()) == ["sisterties-data-0.0.9-" + registry["0.0.9"].sha256[:12],
                                                               "sisterties-data-0.0.9.zip"]


def test_a_cached_release_is_unpacked_once_and_used_offline(env, archive, monkeypatch):
    registry = _serve(env["handler"], "0.0.9", archive.read_bytes())
    first = release_folder("0.0.9", registry)
    monkeypatch.setenv("SISTERTIES_RELEASE_URL", "http://127.0.0.1:9")  # nothing listens there
    assert release_folder("0.0.9", registry) == first
    assert Package(first).version == "0.0.9"
    assert len(env["handler"].requests) == 1


def test_a_trickling_host_is_stopped_at_the_deadline(env, archive, monkeypatch):
    registry = _serve(env["handler"], "0.0.9", archive.read_bytes())
    monkeypatch.setenv("SISTERTIES_RELEASE_URL", env["url"] + "/trickle")
    monkeypatch.setenv("SISTERTIES_DOWNLOAD_DEADLINE", "1.5")
    t0 = time.monotonic()
    with pytest.raises(ReleaseError, match="deadline passed.*SISTERTIES_DOWNLOAD_DEADLINE"):
        fetch("0.0.9", registry)
    assert time.monotonic() - t0 < 6
    assert list(env["cache"].iterdir()) == []


def test_an_endless_response_is_cut_off_at_the_registered_size(env, archive, monkeypatch):
    registry = _serve(env["handler"], "0.0.9", archive.read_bytes())
    monkeypatch.setenv("SISTERTIES_RELEASE_URL", env["url"] + "/endless")
    with pytest.raises(ReleaseError, match=f"more than the registered {registry['0.0.9'].size:,} bytes; nothing was kept"):
        fetch("0.0.9", registry)
    assert list(env["cache"].iterdir()) == []


def test_an_announced_oversize_response_is_refused_before_reading(env, archive, monkeypatch):
    registry = _serve(env["handler"], "0.0.9", archive.read_bytes())
    monkeypatch.setenv("SISTERTIES_RELEASE_URL", env["url"] + "/announce")
    with pytest.raises(ReleaseError, match="the host announced"):
        fetch("0.0.9", registry)
    assert list(env["cache"].iterdir()) == []


def test_a_tampered_archive_is_refused_and_a_bad_cached_copy_is_not_kept(env, archive):
    body = archive.read_bytes()
    registry = _serve(env["handler"], "0.0.9", body)
    env["handler"].files["v0.0.9/sisterties-data-0.0.9.zip"] = body[:-8] + b"tampered"  # same size, other bytes
    env["cache"].mkdir()
    (env["cache"] / "sisterties-data-0.0.9.zip").write_bytes(b"corrupted earlier")
    with pytest.raises(ReleaseError, match="changed or corrupted, so it was deleted"):
        fetch("0.0.9", registry)
    assert list(env["cache"].iterdir()) == []


def test_a_truncated_registered_archive_is_a_clear_error(env, archive):
    registry = _serve(env["handler"], "0.0.9", archive.read_bytes()[:-200])
    with pytest.raises(ReleaseError, match="not a readable zip file.*registry entry itself is wrong"):
        release_folder("0.0.9", registry)
    assert _leftovers(env["cache"]) == [] and not list(env["cache"].glob("*.zip"))


def _zip_with(tmp_path: Path, archive: Path, edit) -> bytes:
    """A copy of ``archive`` whose datapackage.json (or member list) ``edit`` changed."""
    target = tmp_path / "edited.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "datapackage.json":
                d = json.loads(data)
                name, data = edit(d)
                data = json.dumps(d).encode() if data is None else data
                info.filename = name or info.filename
            dst.writestr(info.filename, data)
    return target.read_bytes()


def _path_outside(d):
    d["resources"][0]["path"] = "../../outside.csv"
    return None, None


def _schema_outside(d):
    d["resources"][1]["schema"] = "/etc/hostname"
    return None, None


def _unsafe_name(d):
    return "../datapackage.json", None


@pytest.mark.parametrize("edit, message", [(_path_outside, "names path '../../outside.csv', which is outside"),
                                           (_schema_outside, "names schema '/etc/hostname', which is outside"),
                                           (_unsafe_name, "unsafe member name")],
                         ids=["resource-path-outside", "schema-path-outside", "member-name-outside"])
def test_an_archive_that_points_outside_itself_is_refused(env, archive, tmp_path, edit, message):
    registry = _serve(env["handler"], "0.0.9", _zip_with(tmp_path, archive, edit))
    with pytest.raises(ReleaseError, match=message):
        release_folder("0.0.9", registry)
    assert _leftovers(env["cache"]) == []


def test_a_cache_that_cannot_be_written_is_a_clear_error(env, archive, tmp_path, monkeypatch):
    registry = _serve(env["handler"], "0.0.9", archive.read_bytes())
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SISTERTIES_CACHE_DIR", str(blocker / "cache"))
    with pytest.raises(ReleaseError, match="cannot use the cache folder .* set SISTERTIES_CACHE_DIR"):
        release_folder("0.0.9", registry)


def test_missing_and_unreachable_releases_say_what_to_do(env, archive, monkeypatch):
    registry = _serve(env["handler"], "0.0.9", archive.read_bytes())
    with pytest.raises(ReleaseError, match="not a known release"):
        fetch("9.9.9", registry)
    monkeypatch.setenv("SISTERTIES_RELEASE_URL", env["url"] + "/plain/missing")
    with pytest.raises(ReleaseError, match="HTTP 404.*set SISTERTIES_RELEASE_URL to a mirror"):
        fetch("0.0.9", registry)
    monkeypatch.setenv("SISTERTIES_RELEASE_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("SISTERTIES_DOWNLOAD_DEADLINE", "2")
    with pytest.raises(ReleaseError, match="could not download .* no verified copy is cached"):
        fetch("0.0.9", registry)
    assert list(env["cache"].iterdir()) == []


def test_registry_entries_keep_size_and_ignore_other_keys(tmp_path):
    from sisterties.loader.fetch import load_registry

    path = tmp_path / "registry.json"
    path.write_text(json.dumps({"releases": [{"version": "0.1.0", "date": "2026-12-01", "archive": "x.zip",
                                              "sha256": "a" * 64, "size": 1234, "doi": None}]}))
    assert load_registry(path) == {"0.1.0": Release("0.1.0", "a" * 64, 1234)}
    path.write_text(json.dumps({"releases": [{"version": "0.1.0", "sha256": "short"}]}))
    with pytest.raises(ReleaseError, match="cannot be read .* reinstall sisterties"):
        load_registry(path)

