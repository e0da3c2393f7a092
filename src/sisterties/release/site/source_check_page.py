"""The page ``source-check.html``: the counts of how each excerpt is verified, and the last
``sisterties sources check`` report (``build/source-check.json``) when the package folder has one.

>>> from sisterties.metadata.descriptor import Package
>>> "sources check" in source_check_body(Package.bundled(), None)
True
"""
from __future__ import annotations

from html import escape

from ...metadata.descriptor import Package
from .ids import page_name
from .verification import verification_sentence


def _row(source: dict) -> str:
    cells = []
    for check in source["checks"]:
        found = sum(e["found"] for e in check["excerpts"])
        status = check["http_status"] if check["http_status"] is not None else "no answer"
        cells.append(f"{escape(check['where'])}: {found} of {len(check['excerpts'])} found"
                     + (f" (HTTP {escape(str(status))})" if check["where"] != "archived" else "")
                     + (f" — {escape(check['error'])}" if check["error"] else ""))
    sid = escape(source["source_id"])
    return (f'<tr data-seen="{escape(source["seen_in"])}"><td><a href="sources/{escape(page_name(source["source_id"]))}.html">{sid}</a></td>'
            f'<td>{escape(source["seen_in"] or "—")}</td><td>{"<br>".join(cells) or "not checked"}</td></tr>')


def source_check_body(pkg: Package, report: dict | None) -> str:
    """The body of source-check.html for the package and the report (None when there is none)."""
    out = ["<h1>Source check</h1>", f'<p id="verification">{escape(verification_sentence(pkg))}</p>']
    if report is None:
        out.append('<p id="no-report">No report of <code>sisterties sources check</code> was found in this package folder '
                   "(it writes <code>build/source-check.json</code>); the counts above come from the data.</p>")
        return "\n".join(out)
    s = report["summary"]
    out.append(f'<p id="report-summary">Report of {escape(report["checked_on"])} (version {escape(report["package_version"])}, '
               f'{"online" if report["online"] else "offline: archived texts only"}{", with the Wayback Machine" if report["wayback"] else ""}): '
               f'{s["sources"]} sources, {s["excerpts"]} excerpts; seen live {s["sources_seen_live"]}, in the Wayback Machine '
               f'{s["sources_seen_wayback"]}, not seen {s["sources_not_seen"]}.</p>')
    out.append('<table id="source-check" class="rows"><thead><tr><th>source</th><th>seen in</th><th>checks</th></tr></thead><tbody>')
    out += [_row(source) for source in report["sources"]]
    out.append("</tbody></table>")
    return "\n".join(out)
