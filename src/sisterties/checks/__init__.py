"""Layer 2 — checks: everything that decides whether a package folder is valid.

Stages, in the order they run: ``files`` (bytes and headers), ``frictionless`` (the reference
conformance check), ``pandera`` (schema-derived column rules, cross-table and provenance rules)
and ``expectations`` (Great Expectations suites and the Data Docs report).
"""
