"""`sisterties sources check` against a real HTTP server on 127.0.0.1.

The server plays every case a live check meets: a page holding the excerpts (split over
elements, with other white space), a page that changed, a 404 whose copy is in the Wayback
Machine stand-in, a redirect, a slow server (timeout), and a GB2312 page that declares its
charset only in a <meta> tag.
"""
from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest
from helpers import read_rows, write_rows

from sisterties.checks.run import validate
from sisterties.curate.pages import Fetcher
from sisterties.curate.source_check import UnknownSource, check_sources
from sisterties.metadata.descriptor import Package
from sisterties.release.site.excerpts import excerpts_by_source
from sisterties.release.site.rows import all_rows

pytestmark = pytest.mark.network

CASES = {"ok": "src-264ef4b0d1d5", "changed": "src-a1a7b35195b3", "gone": "src-b9903a68fcb1",
         "moved": "src-8ac5a3a6a063", "slow": "src-95a3e23308a1", "gbk": "src-54041a3fdbef"}


def _excerpts(root: Path) -> dict[str, list[str]]:
    pkg = Package(root)
    found = excerpts_by_source(pkg, all_rows(pkg))
    return {sid: [e.text for e in found[sid] if e.text] for sid in CASES.values()}


def _page(texts: list[str]) -> str:
    """Each excerpt with its first word in <b> and its spaces doubled or broken across lines."""
    parts = []
    for text in texts:
        first, _, rest = text.partition(" ")
        parts.append(f"<p><b>{html.escape(first)}</b> {html.escape(rest).replace(' ', '  ', 1).replace(' ', chr(10), 1)}</p>")
    return "<html><head><title>t</title></head><body><nav>Home | News</nav>" + "".join(parts) + "</body></html>"


class Site:
    def __init__(self, excerpts: dict[str, list[str]]):
        self.excerpts, self.agents = excerpts, []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                site.agents.append(self.headers.get("User-Agent", ""))
                path = self.path
                if path.startswith("/wayback/available"):
                    gone = "/gone" in unquote(path)
                    answer = {"archived_snapshots": {"closest": {"available": True, "status": "200", "timestamp": "20200101000000",
                                                                 "url": f"{site.base}/web/20200101000000/{site.base}/gone"}}} if gone else {"archived_snapshots": {}}
                    return self._send(200, json.dumps(answer).encode(), "application/json")
                if path.startswith("/web/20200101000000id_/"):
                    return self._send(200, _page(site.excerpts[CASES["gone"]]).encode())
                if path == "/ok":
                    return self._send(200, _page(site.excerpts[CASES["ok"]]).encode())
                if path == "/changed":
                    return self._send(200, b"<html><body><p>This page was rewritten.</p></body></html>")
                if path == "/gone":
                    return self._send(404, b"not found")
                if path == "/moved":
                    return self._send(301, b"", Location=f"{site.base}/moved-here")
                if path == "/moved-here":
                    return self._send(200, _page(site.excerpts[CASES["moved"]]).encode())
                if path == "/slow":
                    time.sleep(2)
                    return self._send(200, _page(site.excerpts[CASES["slow"]]).encode())
                if path == "/gbk":
                    body = ('<html><head><meta charset="gb2312"></head><body>' + _page(site.excerpts[CASES["gbk"]]) + "</body></html>")
                    return self._send(200, body.encode("gb18030"), "text/html")
                return self._send(404, b"")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def served(pkg_copy, monkeypatch):
    site = Site(_excerpts(pkg_copy))
    path = pkg_copy / "data" / "sources.csv"
    rows = read_rows(path)
    for row in rows:
        for route, sid in CASES.items():
            if row["source_id"] == sid:
                row["url"] = f"{site.base}/{route}"
    write_rows(path, rows)
    monkeypatch.setenv("SISTERTIES_WAYBACK_API", f"{site.base}/wayback/available")
    yield pkg_copy, site
    site.server.shutdown()


def _by_id(report):
    return {s["source_id"]: s for s in report["sources"]}


def _checks(source):
    return {c["where"]: c for c in source["checks"]}


def test_every_live_case(served):
    root, site = served
    fetcher = Fetcher("sisterties-test", timeout=0.5, retries=0, delay=0)
    report = check_sources(root, online=True, wayback=True, only=list(CASES.values()), fetcher=fetcher)
    got = _by_id(report)
    assert got[CASES["ok"]]["seen_in"] == "live"
    assert _checks(got[CASES["ok"]])["live"]["http_status"] == 200
    changed = _checks(got[CASES["changed"]])
    assert changed["live"]["http_status"] == 200 and not any(e["found"] for e in changed["live"]["excerpts"])
    assert changed["wayback"]["error"] == "no snapshot" and got[CASES["changed"]]["seen_in"] == ""
    gone = _checks(got[CASES["gone"]])
    assert gone["live"]["http_status"] == 404
    assert got[CASES["gone"]]["seen_in"] == "wayback" and "id_/" in gone["wayback"]["url"]
    moved = _checks(got[CASES["moved"]])["live"]
    assert got[CASES["moved"]]["seen_in"] == "live" and moved["url"].endswith("/moved-here")
    slow = _checks(got[CASES["slow"]])["live"]
    assert slow["http_status"] is None and "Timeout" in slow["error"]
    assert got[CASES["gbk"]]["seen_in"] == "live"
    assert report["summary"]["sources_seen_live"] == 3 and report["summary"]["sources_seen_wayback"] == 1
    assert report["summary"]["sources_not_seen"] == 2


def test_archived_sources_are_checked_offline(pkg_copy):
    report = check_sources(pkg_copy)
    archived = [s for s in report["sources"] if s["archived"]]
    assert archived and all(_checks(s)["archived"]["excerpts"] and all(e["found"] for e in _checks(s)["archived"]["excerpts"])
                            for s in archived)
    assert all(s["checks"] == [] for s in report["sources"] if not s["archived"])


def test_an_edited_excerpt_is_not_found(pkg_copy):
    path = pkg_copy / "data" / "pairings.csv"
    rows = read_rows(path)
    first = next(r for r in rows if r["source_id"] == "src-995ae8d5aca7")
    first["evidence"] = first["evidence"].replace("35th", "36th")
    write_rows(path, rows)
    checks = _checks(check_sources(pkg_copy, only=["src-995ae8d5aca7"])["sources"][0])
    assert [e["found"] for e in checks["archived"]["excerpts"] if e["table"] == "pairings"] == [False]


def test_unknown_source_is_refused(pkg_copy):
    with pytest.raises(UnknownSource, match="src-000000000000"):
        check_sources(pkg_copy, only=["src-000000000000"])


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "sisterties", *args], capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})), timeout=120)


def test_command_writes_report_and_last_seen(served):
    root, site = served
    done = _cli("sources", "check", str(root), "--online", "--wayback", "--update", "--timeout", "0.5", "--delay", "0",
                "--only", CASES["ok"], CASES["gone"], CASES["changed"])
    assert done.returncode == 1, done.stderr  # one source was not seen anywhere
    assert "Traceback" not in done.stderr
    report = json.loads((root / "build" / "source-check.json").read_text(encoding="utf-8"))
    assert {s["source_id"] for s in report["sources"]} == {CASES["ok"], CASES["gone"], CASES["changed"]}
    rows = {r["source_id"]: r for r in read_rows(root / "data" / "sources.csv")}
    assert (rows[CASES["ok"]]["last_seen_where"], rows[CASES["gone"]]["last_seen_where"]) == ("live", "wayback")
    assert rows[CASES["changed"]]["last_seen"] == "" and rows[CASES["ok"]]["last_seen"] == report["checked_on"]
    assert any(a.startswith("sisterties-source-check/") for a in site.agents)
    assert validate(root, ("files", "frictionless", "pandera")).ok


def test_command_unknown_source_is_one_line(pkg_copy):
    done = _cli("sources", "check", str(pkg_copy), "--only", "src-000000000000")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and "src-000000000000" in done.stderr


def test_last_seen_rules(pkg_copy):
    path = pkg_copy / "data" / "sources.csv"
    rows = read_rows(path)
    rows[5]["last_seen"] = "2999-01-01"
    rows[5]["last_seen_where"] = "live"
    rows[7]["last_seen"] = "2020-01-01"
    write_rows(path, rows)
    report = validate(pkg_copy, ("files", "pandera"))
    failures = {(f.file, f.row, f.rule) for f in report.failures}
    assert ("data/sources.csv", 7, "last_seen_not_future") in failures
    assert ("data/sources.csv", 9, "last_seen_pair") in failures


def test_site_shows_the_report(pkg_copy, tmp_path):
    from sisterties.curate.source_check import write_report
    from sisterties.release.site import build_site

    write_report(pkg_copy, check_sources(pkg_copy, only=["src-995ae8d5aca7"]))
    build_site(pkg_copy, tmp_path / "site")
    page = (tmp_path / "site" / "source-check.html").read_text(encoding="utf-8")
    assert 'id="report-summary"' in page and "src-995ae8d5aca7" in page and 'data-seen=""' in page
    assert "source-check.html" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_readme_states_the_counts_of_the_data():
    from helpers import ROOT

    from sisterties.release.site.verification import verification_sentence

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert verification_sentence(Package(ROOT)) in readme
