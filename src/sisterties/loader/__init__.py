"""Layer 4 — the loader: read a package version into DataFrames with schema-given types.

Imports pandas (or polars) and the standard library only.
"""
