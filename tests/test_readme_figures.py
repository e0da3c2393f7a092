"""README's figures are generated from the data: the coverage block equals `sisterties coverage`."""
from __future__ import annotations

import datetime as dt
import re

from helpers import ROOT

from sisterties.metadata.descriptor import Package
from sisterties.release.coverage import coverage_report


def test_readme_coverage_block_is_the_command_output(monkeypatch):
    monkeypatch.setenv("SISTERTIES_AS_OF", dt.date(2026, 12, 5).isoformat())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Coverage"):]
    block = re.search(r"```\n(.*?)\n```", section, flags=re.S).group(1)
    assert block == coverage_report(Package(ROOT)).split("\n\n")[0]
