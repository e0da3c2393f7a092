"""A minimal Markdown renderer for the codebook: headings, paragraphs, lists, fenced code,
pipe tables, and inline code, bold and links. HTML comments are dropped; all text is escaped.

>>> render("# Title\\n\\nSome `code` and **bold**.")
'<h1 id="title">Title</h1>\\n<p>Some <code>code</code> and <strong>bold</strong>.</p>'
>>> print(render("| a | b |\\n|---|---|\\n| x \\\\| y | <z> |"))
<div class="table-scroll"><table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>
<tr><td>x | y</td><td>&lt;z&gt;</td></tr>
</tbody></table></div>
>>> slug("Codebook — SisterTies: x")
'codebook-sisterties-x'
"""
from __future__ import annotations

import re
from html import escape

CELL_SPLIT = re.compile(r"(?<!\\)\|")


def slug(text: str) -> str:
    """Heading id: lowercase words joined by hyphens."""
    return re.sub(r"[^a-z0-9_]+", "-", text.lower()).strip("-")


def inline(text: str) -> str:
    """Escape text; render `code`, **bold** and [links](url)."""
    out = []
    for i, part in enumerate(re.split(r"`([^`]*)`", text)):
        if i % 2:
            out.append(f"<code>{escape(part)}</code>")
            continue
        part = escape(part)
        part = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", part)
        part = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r'<a href="\2">\1</a>', part)
        out.append(part)
    return "".join(out)


def _cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return [c.strip().replace("\\|", "|") for c in CELL_SPLIT.split(line)]


def _table(lines: list[str]) -> str:
    head, rows = _cells(lines[0]), [_cells(x) for x in lines[1:] if not re.fullmatch(r"\|?[\s:|-]+\|?", x.strip())]
    out = ['<div class="table-scroll"><table><thead><tr>' + "".join(f"<th>{inline(c)}</th>" for c in head) + "</tr></thead><tbody>"]
    out += ["<tr>" + "".join(f"<td>{inline(c)}</td>" for c in r) + "</tr>" for r in rows]
    out.append("</tbody></table></div>")
    return "\n".join(out)


def render(md: str) -> str:
    """HTML for a Markdown text."""
    md = re.sub(r"<!--.*?-->", "", md, flags=re.S)
    lines, blocks, i = md.split("\n"), [], 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif line.startswith("```"):
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            blocks.append("<pre><code>" + escape("\n".join(lines[i + 1:j])) + "</code></pre>")
            i = j + 1
        elif m := re.match(r"^(#{1,6})\s+(.*)$", line):
            level, text = len(m.group(1)), m.group(2).strip()
            blocks.append(f'<h{level} id="{slug(text)}">{inline(text)}</h{level}>')
            i += 1
        elif line.lstrip().startswith("|"):
            j = i
            while j < len(lines) and lines[j].lstrip().startswith("|"):
                j += 1
            blocks.append(_table(lines[i:j]))
            i = j
        elif re.match(r"^\s*[-*]\s+", line):
            items = []
            while i < len(lines) and re.match(r"^\s*[-*]\s+", lines[i]):
                items.append(re.sub(r"^\s*[-*]\s+", "", lines[i]))
                i += 1
                while i < len(lines) and lines[i].startswith("  ") and lines[i].strip() and not re.match(r"^\s*[-*]\s+", lines[i]):
                    items[-1] += " " + lines[i].strip()
                    i += 1
            blocks.append("<ul>" + "".join(f"<li>{inline(t)}</li>" for t in items) + "</ul>")
        else:
            para = []
            while i < len(lines) and lines[i].strip() and not re.match(r"^(#{1,6}\s|```|\s*\||\s*[-*]\s+)", lines[i]):
                para.append(lines[i].strip())
                i += 1
            blocks.append(f"<p>{inline(' '.join(para))}</p>")
    return "\n".join(blocks)
