"""Fetch a web page politely and turn it into plain text (for ``sisterties sources check``).

- One :class:`Fetcher` per run: a ``requests`` session with retries on connection errors and on
  429/5xx answers, a timeout per request, a minimum delay between two requests to one host, and
  an honest User-Agent that names the project.
- Bytes are decoded by the charset the server declares, else the page's ``<meta charset>``, else
  the best guess of ``charset_normalizer``; HTML becomes text with ``inscriptis``, which keeps
  inline elements inside their line and puts block elements on lines of their own.
- :func:`wayback_snapshot` asks the Internet Archive's availability API for the closest copy
  (``SISTERTIES_WAYBACK_API`` overrides its address, for tests and mirrors).

>>> html_to_text(b"<html><body><p>Sister <b>ci</b>ties</p><p>since 1987</p></body></html>", "text/html")
'Sister cities\\nsince 1987'
>>> decode(b'<meta charset="gb2312"><p>\\xd3\\xd1\\xba\\xc3\\xb3\\xc7\\xca\\xd0</p>', "text/html").endswith("<p>友好城市</p>")
True
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

WAYBACK_API = "https://archive.org/wayback/available"
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:]+)""", re.IGNORECASE)
MAX_BYTES = 20 * 1024 * 1024  # a page larger than this is not read whole


@dataclass(frozen=True)
class Page:
    """What one request gave: the final URL, the HTTP status (None when no answer), the text, an error."""

    url: str
    status: int | None
    text: str
    error: str = ""


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset=([\w\-:]+)", content_type or "", re.IGNORECASE)
    return match.group(1) if match else None


def decode(body: bytes, content_type: str) -> str:
    """The page's text as str: declared charset, else ``<meta charset>``, else a detected one."""
    meta = META_CHARSET.search(body[:4096])
    for name in (_charset(content_type), meta.group(1).decode("ascii") if meta else None):
        if name:
            try:
                return body.decode(name)
            except (LookupError, UnicodeDecodeError):
                continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes
        best = from_bytes(body).best()
        return str(best) if best is not None else body.decode("utf-8", errors="replace")


def html_to_text(body: bytes, content_type: str) -> str:
    """Plain text of an HTML (or plain-text) page."""
    text = decode(body, content_type)
    if "html" not in (content_type or "").lower() and not text.lstrip().startswith("<"):
        return text
    from inscriptis import get_text
    return "\n".join(line.strip() for line in get_text(text).splitlines() if line.strip())


class Fetcher:
    """GET pages with retries, a timeout and a per-host delay (``delay`` seconds between requests)."""

    def __init__(self, user_agent: str, timeout: float = 20.0, retries: int = 2, delay: float = 1.0):
        import requests
        from requests.adapters import HTTPAdapter
        from urllib3.util.retry import Retry

        self.timeout, self.delay, self._last = timeout, delay, {}
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent
        retry = Retry(total=retries, connect=retries, read=retries, status=retries, backoff_factor=0.5,
                      status_forcelist=(429, 500, 502, 503, 504), allowed_methods=("GET",), raise_on_status=False)
        for scheme in ("http://", "https://"):
            self.session.mount(scheme, HTTPAdapter(max_retries=retry))

    def _wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        pause = self._last.get(host, 0.0) + self.delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self._last[host] = time.monotonic()

    def get(self, url: str) -> Page:
        """The page at ``url`` as text (``status`` None and ``error`` set when there was no answer)."""
        import requests

        self._wait(url)
        try:
            with self.session.get(url, timeout=self.timeout, stream=True, allow_redirects=True) as response:
                body = response.raw.read(MAX_BYTES + 1, decode_content=True)
                if len(body) > MAX_BYTES:
                    return Page(response.url, response.status_code, "", f"page larger than {MAX_BYTES} bytes; not read")
                text = html_to_text(body, response.headers.get("Content-Type", "")) if response.ok else ""
                return Page(response.url, response.status_code, text)
        except requests.RequestException as err:
            return Page(url, None, "", f"{type(err).__name__}: {err}")

    def json(self, url: str, params: dict[str, str]) -> dict | None:
        """A JSON answer, or None when there is none."""
        import requests

        self._wait(url)
        try:
            response = self.session.get(url, params=params, timeout=self.timeout)
            return response.json() if response.ok else None
        except (requests.RequestException, ValueError):
            return None


def wayback_snapshot(fetcher: Fetcher, url: str, timestamp: str = "") -> str | None:
    """URL of the Wayback Machine's closest copy of ``url`` (None when it has none)."""
    api = os.environ.get("SISTERTIES_WAYBACK_API", WAYBACK_API)
    params = {"url": url} | ({"timestamp": timestamp} if timestamp else {})
    answer = fetcher.json(api, params) or {}
    closest = (answer.get("archived_snapshots") or {}).get("closest") or {}
    if closest.get("available") and str(closest.get("status", "200")).startswith("2") and closest.get("url"):
        return raw_snapshot(closest["url"])
    return None


def raw_snapshot(url: str) -> str:
    """The snapshot's original bytes, without the Wayback Machine's banner (its ``id_`` form).

    >>> raw_snapshot("http://web.archive.org/web/20200102030405/http://example.org/a")
    'http://web.archive.org/web/20200102030405id_/http://example.org/a'
    """
    return re.sub(r"/web/(\d{1,14})/", r"/web/\1id_/", url, count=1)
