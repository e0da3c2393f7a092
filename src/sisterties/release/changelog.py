"""CHANGELOG.md's bookkeeping at a release: the unreleased section becomes the version's.

The unreleased section is the first ``## `` heading that contains the word "unreleased"
(``## Unreleased``, or ``## 0.1.0 — unreleased`` as written before the first release).

>>> text = "# Changelog\\n\\nIntro.\\n\\n## Unreleased\\n\\nNew rows.\\n\\n## 0.1.0 — 2026-12-05\\n\\nFirst.\\n"
>>> unreleased_body(text)
'New rows.'
>>> released = release_section(text, "0.2.0", "2027-01-02", "| t | 1 |")
>>> print(released)
# Changelog
<BLANKLINE>
Intro.
<BLANKLINE>
## 0.2.0 — 2027-01-02
<BLANKLINE>
New rows.
<BLANKLINE>
| t | 1 |
<BLANKLINE>
## 0.1.0 — 2026-12-05
<BLANKLINE>
First.
<BLANKLINE>
>>> section(released, "0.1.0")
'First.'
>>> open_unreleased(released).count("## Unreleased")
1
"""
from __future__ import annotations

import re

_HEADING = re.compile(r"^## (.*)$", re.MULTILINE)
UNRELEASED_HEADING = "## Unreleased"


class ChangelogError(ValueError):
    pass


def _sections(text: str) -> list[tuple[str, int, int, int]]:
    """(heading text, start of the heading line, start of the body, end of the section) per ``## `` heading."""
    heads = list(_HEADING.finditer(text))
    return [(m[1].strip(), m.start(), m.end(), heads[i + 1].start() if i + 1 < len(heads) else len(text))
            for i, m in enumerate(heads)]


def _unreleased(text: str) -> tuple[str, int, int, int]:
    for sec in _sections(text):
        if "unreleased" in sec[0].lower():
            return sec
    raise ChangelogError("CHANGELOG.md has no unreleased section (a '## Unreleased' heading) to release.")


def unreleased_body(text: str) -> str:
    """The text of the unreleased section, stripped."""
    _, _, body, end = _unreleased(text)
    return text[body:end].strip()


def release_section(text: str, version: str, date: str, changes_table: str) -> str:
    """``text`` with the unreleased section retitled ``## <version> — <date>`` and ``changes_table`` at its end."""
    _, head, body, end = _unreleased(text)
    content = text[body:end].strip()
    if not content:
        raise ChangelogError("CHANGELOG.md's unreleased section is empty: say what this release changes first.")
    rest = text[end:]
    return f"{text[:head]}## {version} — {date}\n\n{content}\n\n{changes_table.strip()}\n" + (f"\n{rest}" if rest else "")


def open_unreleased(text: str) -> str:
    """``text`` with an empty ``## Unreleased`` section above the first version's section."""
    sections = _sections(text)
    if any("unreleased" in s[0].lower() for s in sections):
        return text
    at = sections[0][1] if sections else len(text)
    return f"{text[:at]}{UNRELEASED_HEADING}\n\n{text[at:]}"


def section(text: str, version: str) -> str:
    """The body of the section of ``version`` (for the release notes)."""
    for heading, _, body, end in _sections(text):
        if heading.split(" ")[0] == version:
            return text[body:end].strip()
    raise ChangelogError(f"CHANGELOG.md has no section for {version}.")
