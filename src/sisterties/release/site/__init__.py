"""The static release site (``sisterties site``): plain HTML pages that work from ``file://``.

Everything is generated from the package folder with the standard library: the map and the
timeline are SVG drawn here, the tables are searched and sorted by ``assets/site.js``, and no
page loads anything from the network. ``build.build_site`` writes the whole site.
"""
from __future__ import annotations

from .build import build_site

__all__ = ["build_site"]
