"""Shared fixtures: a scratch copy of the package folder to corrupt or modify."""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_package


@pytest.fixture
def pkg_copy(tmp_path: Path) -> Path:
    return copy_package(tmp_path / "pkg")
