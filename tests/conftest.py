"""Shared fixtures: a scratch copy of the package folder to corrupt or modify."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import copy_package

# The status rule depends on "today" (deadlines and terms pass with time): the tests validate the
# package as of the day its statuses were last derived, so they do not change with the calendar.
# `nox -s validate` uses the real date and fails when a status has gone stale.
os.environ.setdefault("SISTERTIES_AS_OF", "2026-12-05")


@pytest.fixture
def pkg_copy(tmp_path: Path) -> Path:
    return copy_package(tmp_path / "pkg")
