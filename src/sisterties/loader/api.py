"""The public loading functions: ``load``, ``list_tables``, ``describe``, ``package``, ``with_sources``.

>>> df = load("pairings")
>>> df.loc[0, "pairing_id"]
'CN-GD~US-MA'
>>> str(df["established_earliest"].iloc[0].date())
'1983-01-01'
"""
from __future__ import annotations

import importlib.util
import io
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from ..metadata.citation import cite as _cite
from ..metadata.descriptor import Package, bundled_root
from ..release import registry as _registry
from .fetch import REGISTRY, Release, load_registry
from .types import to_pandas_types, to_polars_types

BACKENDS = ("pandas", "polars")


def _bundled() -> Package:
    return Package(bundled_root())


def registry() -> dict[str, Release]:
    """Released versions known to this installation, with the SHA-256 and size of their archives."""
    root = bundled_root()
    candidates = [root / REGISTRY, root / "releases" / REGISTRY]
    return next((load_registry(p) for p in candidates if p.is_file()), {})


@lru_cache(maxsize=8)
def _package_for(version: str | None) -> Package:
    bundled = _bundled()
    if version is None or version == bundled.version:
        return bundled
    from .unpack import release_folder

    return Package(release_folder(version, registry()))


def package(version: str | None = None) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor of the installed (or the named) version."""
    return _package_for(version).descriptor


def list_tables(version: str | None = None) -> list[str]:
    return _package_for(version).table_names


def describe(table: str, version: str | None = None) -> pd.DataFrame:
    """A field table generated from the schema: name, type, required, constraints, description."""
    t = _package_for(version).table(table)
    rows = []
    for f in t.fields:
        constraints = {k: v for k, v in f.constraints.items() if k != "required"}
        rows.append({"name": f.name, "type": "partial date" if f.partial_date else f.type, "required": f.required,
                     "constraints": "; ".join(f"{k}={v}" for k, v in constraints.items()), "description": f.description})
    return pd.DataFrame(rows)


def load(table: str, version: str | None = None, backend: str = "pandas"):
    """One table as a DataFrame with the types its Table Schema gives (see :mod:`.types`)."""
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}, not {backend!r}")
    if backend == "polars":
        _need_polars()
    return read_table(_package_for(version), table, backend)


def _need_polars() -> None:
    if importlib.util.find_spec("polars") is None:
        raise ImportError("backend='polars' needs polars, which is not installed: pip install 'sisterties[polars]'",
                          name="polars")


def read_table(pkg: Package, table: str, backend: str = "pandas"):
    """Read ``table`` of any package folder with its schema's types."""
    t = pkg.table(table)
    raw = pkg.path(table).read_bytes()
    if backend == "polars":
        import polars as pl
        return to_polars_types(pl.read_csv(io.BytesIO(raw), infer_schema=False), t)
    df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    return to_pandas_types(df, t)


def with_sources(df, version: str | None = None):
    """``df`` (pandas or polars) joined to the title, publisher, published date and URL of each row's source."""
    columns = ["source_id", "title", "publisher", "published", "url", "archived"]
    renamed = {c: f"source_{c}" for c in columns if c != "source_id"}
    if "source_id" not in df.columns:
        raise ValueError("with_sources needs a frame with a source_id column (every table but sources has one)")
    if type(df).__module__.split(".")[0] == "polars":
        sources = load("sources", version, backend="polars").select(columns).rename(renamed)
        return df.join(sources, on="source_id", how="left", validate="m:1")
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"with_sources takes a pandas or polars DataFrame, not {type(df).__name__}")
    sources = load("sources", version)[columns].rename(columns=renamed)
    return df.merge(sources, on="source_id", how="left", validate="many_to_one")


def _registry_path() -> Path | None:
    root = bundled_root()
    return next((p for p in (root / REGISTRY, root / "releases" / REGISTRY) if p.is_file()), None)


def cite(style: str = "apa", version: str | None = None) -> str:
    """Citation of the installed (or the named) version: bibtex, apa or cff.

    A released version is cited with its release date and DOI (or, until Zenodo mints one, its
    release page) from the registry; an unreleased one (``X.Y.Z-dev``) says so.
    """
    descriptor = package(version)
    path = _registry_path()
    release = _registry.find(_registry.read(path), descriptor["version"]) if path else None
    return _cite(descriptor, style, release=release.citation_facts() if release else None)
