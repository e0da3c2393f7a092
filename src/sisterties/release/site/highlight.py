"""Mark spans of an archived text in HTML, each span at its character offsets.

Spans are Python slices of the decoded text (code points). Spans may nest or cross: each span
is one ``<mark>`` holding its whole text where it can; a span that crosses the end of an earlier
one is split there, and its pieces share ``data-hl`` (the first piece carries the id). An empty
``<a class="back">`` (its arrow is CSS generated content, so it adds no text) links each span back
to its row.

>>> mark("hello world", [Span(0, 5, "a", ""), Span(2, 4, "b", "")])
'<mark id="a" class="hl ev" data-hl="a">he<mark id="b" class="hl ev" data-hl="b">ll</mark>o</mark> world'
>>> mark("hi", [Span(0, 2, "a", "#row-1")])
'<mark id="a" class="hl ev" data-hl="a">hi<a class="back" href="#row-1" aria-label="back to the row"></a></mark>'
>>> crossed = mark("abcdef", [Span(0, 3, "x", ""), Span(2, 5, "y", "")])
>>> crossed
'<mark id="x" class="hl ev" data-hl="x">ab<mark id="y" class="hl ev" data-hl="y">c</mark></mark><mark class="hl ev cont" data-hl="y">de</mark>f'
>>> mark("<&>", [Span(0, 3, "q", "", kind="quote")])
'<mark id="q" class="hl quote" data-hl="q">&lt;&amp;&gt;</mark>'
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Span:
    """A stretch ``text[start:end]`` to mark, its element id, and the link back to its row."""

    start: int
    end: int
    element_id: str
    back_href: str
    kind: str = "ev"
    title: str = ""


def usable(span: Span, length: int) -> bool:
    """True when the offsets fall inside a text of ``length`` code points, in order."""
    return 0 <= span.start <= span.end <= length


def _open(span: Span, first: bool) -> str:
    ident = f' id="{escape(span.element_id)}"' if first else ""
    title = f' title="{escape(span.title)}"' if span.title else ""
    return f'<mark{ident} class="hl {span.kind}{"" if first else " cont"}" data-hl="{escape(span.element_id)}"{title}>'


def _close(span: Span, piece_end: int) -> str:
    back = ""
    if span.back_href and piece_end == span.end:
        title = f' title="back to {escape(span.title)}"' if span.title else ""
        back = f'<a class="back" href="{escape(span.back_href)}"{title} aria-label="back to the row"></a>'
    return back + "</mark>"


def mark(text: str, spans: list[Span]) -> str:
    """HTML of ``text`` (escaped) with every usable span marked."""
    heap = [(s.start, -s.end, i, s.start, s, True) for i, s in enumerate(spans) if usable(s, len(text))]
    heapq.heapify(heap)
    seq = len(spans)
    out: list[str] = []
    pos = 0
    stack: list[tuple[Span, int]] = []  # open pieces: the span and where this piece ends

    def emit(to: int) -> None:
        nonlocal pos
        if to > pos:
            out.append(escape(text[pos:to], quote=False))
            pos = to

    while heap:
        start, neg_end, _, _, span, first = heapq.heappop(heap)
        end = -neg_end
        while stack and stack[-1][1] <= start:
            open_span, piece_end = stack.pop()
            emit(piece_end)
            out.append(_close(open_span, piece_end))
        if stack and end > stack[-1][1]:
            cut = stack[-1][1]
            seq += 1
            heapq.heappush(heap, (cut, -end, seq, cut, span, False))
            end = cut
        emit(start)
        out.append(_open(span, first))
        stack.append((span, end))
    while stack:
        open_span, piece_end = stack.pop()
        emit(piece_end)
        out.append(_close(open_span, piece_end))
    emit(len(text))
    return "".join(out)
