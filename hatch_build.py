"""Hatch build hook: the package folder goes into the wheel as ``sisterties/_data`` and into the sdist as is.

Both take ``datapackage.json``, ``data/``, ``schemas/``, ``sources/`` and ``expectations/`` from
what git tracks, refusing symlinks (``src/sisterties/release/tracked.py``, loaded by its path).
An sdist has no git: its wheel takes the files the sdist holds. Outside git and an sdist the
build is refused unless ``SISTERTIES_BUILD_UNTRACKED=1`` (set by ``sisterties build --allow-dirty``).
``SISTERTIES_REGISTRY`` may name a registry file that also lists the archive just built.
An editable install bundles nothing: the loader reads the repository itself.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PARTS = ("datapackage.json", "data", "schemas", "sources", "expectations")


def _tracked_module(root: Path):
    spec = importlib.util.spec_from_file_location("_sisterties_tracked", root / "src" / "sisterties" / "release" / "tracked.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version, build_data):
        if self.target_name not in ("wheel", "sdist") or version == "editable":
            return
        root = Path(self.root)
        untracked_ok = os.environ.get("SISTERTIES_BUILD_UNTRACKED") == "1"
        files = _tracked_module(root).release_files(root, PARTS, untracked_ok=untracked_ok)
        prefix = "sisterties/_data/" if self.target_name == "wheel" else ""
        for rel in files:
            build_data["force_include"][str(root / rel)] = prefix + rel
        if self.target_name == "wheel":
            registry = os.environ.get("SISTERTIES_REGISTRY") or str(root / "releases" / "registry.json")
            build_data["force_include"][registry] = "sisterties/_data/registry.json"
