"""Hatch build hook: bundle the current package folder into the wheel as ``sisterties/_data``.

The data are copied from the repository when the wheel is built, never kept twice in git.
``SISTERTIES_REGISTRY`` may name a registry file that also lists the archive just built.
"""
from __future__ import annotations

import os
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PARTS = ("datapackage.json", "data", "schemas", "sources", "expectations")


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        for part in PARTS:
            build_data["force_include"][str(root / part)] = f"sisterties/_data/{part}"
        registry = os.environ.get("SISTERTIES_REGISTRY") or str(root / "releases" / "registry.json")
        build_data["force_include"][registry] = "sisterties/_data/registry.json"
