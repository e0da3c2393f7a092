"""SisterTies: China–US sister provinces/states and sister cities, officials, quotes and sources.

>>> import sisterties
>>> "pairings" in sisterties.list_tables()
True
>>> sisterties.load("jurisdictions").set_index("jurisdiction_id").loc["CN-GD", "name_native"]
'广东省'
"""
from __future__ import annotations

from .loader.api import cite, describe, list_tables, load, package, with_sources
from .metadata.descriptor import Package as _Package

__all__ = ["load", "list_tables", "describe", "package", "with_sources", "cite", "__version__"]
__version__ = _Package.bundled().version
