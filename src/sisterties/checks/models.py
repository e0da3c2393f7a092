"""Pandera models derived from the Table Schemas: one Column per field, no hand-copied lists.

Every field gets the checks its schema states (type, required, unique, pattern, enum, range,
length) plus the package's text hygiene rules (no outer whitespace, Unicode NFC, no spreadsheet
formula, no invisible or control character but a line feed). Foreign keys become ``isin`` checks against the referenced column.

>>> from sisterties.metadata.descriptor import Package
>>> schema = column_schema(Package.bundled().table("pairings"))
>>> sorted(schema.columns)[:3]
['cn_jurisdiction_id', 'established', 'established_basis']
"""
from __future__ import annotations

import re
import unicodedata

import pandas as pd
import pandera.pandas as pa

from ..metadata.descriptor import Field, Table
from .vector import ascii_only, isin

FORMULA_START = re.compile(r"^[=+\-@]")
# Invisible and control characters (Unicode 14 categories Cc but line feed, Cf, Co, Zl, Zp): zero-width and
# bidirectional marks, a byte-order mark inside a cell, NUL, escape, … tests/test_corruptions_support.py checks
# these ranges against unicodedata.
INVISIBLE_RANGES = (
    (0x0000, 0x0009), (0x000B, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C),
    (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F),
    (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xE000, 0xF8FF), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD),
)
INVISIBLE = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in INVISIBLE_RANGES) + "]")
INVISIBLE_RE2 = "[" + "".join(f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in INVISIBLE_RANGES) + "]"  # pyarrow's syntax
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")

# rule id -> sentence a curator reads; {field} and {detail} are filled in.
MESSAGES = {
    "required": "A value is required in this column.",
    "unique": "This value appears more than once; it must be unique.",
    "type_integer": "Expected a whole number (digits only).",
    "type_number": "Expected a number.",
    "type_boolean": "Expected true or false.",
    "type_date": "Expected a real calendar date written YYYY-MM-DD.",
    "partial_date": "Expected a real date written YYYY, YYYY-MM or YYYY-MM-DD.",
    "pattern": "The value does not match the pattern {detail}.",
    "enum": "The value is not one of the allowed values: {detail}.",
    "minimum": "The value is below the minimum {detail}.",
    "maximum": "The value is above the maximum {detail}.",
    "minLength": "The text has fewer than {detail} characters, the minimum the schema sets.",
    "maxLength": "The text has more than {detail} characters, the maximum the schema sets.",
    "foreign_key": "No row of {detail} has this value: the reference points nowhere.",
    "no_outer_whitespace": "The value begins or ends with white space; remove it.",
    "unicode_nfc": "The text is not in Unicode NFC form; normalise it (e.g. unicodedata.normalize('NFC', text)).",
    "formula_injection": "The value begins with =, +, - or @ and is not a number: a spreadsheet would run it as a formula.",
    "no_invisible_characters": "The text holds an invisible or control character (zero-width space, byte-order mark, "
                               "bidirectional override, NUL, escape, …), shown escaped in the value: delete it.",
}


def column_schema(table: Table, parents: dict[str, pd.Series] | None = None) -> pa.DataFrameSchema:
    """A pandera schema with one Column per field of ``table``; ``parents`` holds FK targets by field."""
    parents = parents or {}
    columns = {f.name: _column(f, parents.get(f.name)) for f in table.fields}
    return pa.DataFrameSchema(columns, strict=False, ordered=False, name=table.name)


def _column(field: Field, parent: pd.Series | None) -> pa.Column:
    checks = _type_checks(field) + _constraint_checks(field) + _hygiene_checks()
    if parent is not None:
        checks.append(_check(lambda s, a=parent: isin(s, a), "foreign_key", field))
    return pa.Column(
        None, nullable=not field.required, unique=bool(field.constraints.get("unique")),
        checks=checks, required=True, name=field.name,
    )


def _check(fn, rule: str, field: Field, detail: str = "") -> pa.Check:
    return pa.Check(fn, name=f"{rule}|{field.name}|{detail}", ignore_na=True)


def _type_checks(f: Field) -> list[pa.Check]:
    if f.type == "integer":
        return [_check(lambda s: s.str.fullmatch(r"[+-]?\d+"), "type_integer", f)]
    if f.type == "number":
        return [_check(lambda s: s.str.fullmatch(NUMBER.pattern), "type_number", f)]
    if f.type == "boolean":
        values = f.raw.get("trueValues", ["true"]) + f.raw.get("falseValues", ["false"])
        return [_check(lambda s, v=values: s.isin(v), "type_boolean", f)]
    if f.type == "date":
        return [_check(lambda s, fmt=f.date_format: pd.to_datetime(s, format=fmt, errors="coerce").notna(), "type_date", f)]
    if f.partial_date:
        return [_check(_partial_date_ok, "partial_date", f)]
    return []


def _partial_date_ok(s: pd.Series) -> pd.Series:
    padded = s.where(s.str.len() != 4, s + "-01-01").where(s.str.len() != 7, s + "-01")
    return pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce").notna() & s.str.len().isin([4, 7, 10])


def _constraint_checks(f: Field) -> list[pa.Check]:
    c = f.constraints
    out = []
    if f.pattern:
        out.append(_check(lambda s, p=f.pattern: s.str.fullmatch(p), "pattern", f, f.pattern))
    if f.enum:
        out.append(_check(lambda s, e=frozenset(f.enum): isin(s, e), "enum", f, ", ".join(f.enum)))
    for bound, op in (("minimum", "ge"), ("maximum", "le")):
        if bound in c:
            out.append(_check(
                lambda s, b=c[bound], op=op: getattr(pd.to_numeric(s, errors="coerce"), op)(b) | pd.to_numeric(s, errors="coerce").isna(),
                bound, f, str(c[bound])))
    if "minLength" in c:
        out.append(_check(lambda s, n=c["minLength"]: s.str.len().ge(n), "minLength", f, str(c["minLength"])))
    if "maxLength" in c:
        out.append(_check(lambda s, n=c["maxLength"]: s.str.len().le(n), "maxLength", f, str(c["maxLength"])))
    return out


def _hygiene_checks() -> list[pa.Check]:
    dummy = Field("*", "string", "", {}, {})
    return [
        _check(lambda s: s.str.strip().eq(s), "no_outer_whitespace", dummy),
        _check(_nfc_ok, "unicode_nfc", dummy),
        _check(lambda s: ~s.str.match(FORMULA_START.pattern) | s.str.fullmatch(NUMBER.pattern), "formula_injection", dummy),
        _check(_visible_ok, "no_invisible_characters", dummy),
    ]


def _visible_ok(s: pd.Series) -> pd.Series:
    """False where a cell holds a character of INVISIBLE_RANGES (pyarrow's vectorised regular expressions)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(s.array) if hasattr(s.array, "__arrow_array__") else pa.array(s.astype(object).tolist(), type=pa.string())
    found = pc.fill_null(pc.match_substring_regex(arr, INVISIBLE_RE2), False)
    return pd.Series(~found.to_numpy(zero_copy_only=False), index=s.index)


def _nfc_ok(s: pd.Series) -> pd.Series:
    out = pd.Series(True, index=s.index)
    rest = s[~ascii_only(s)]
    if len(rest):
        out.loc[rest.index] = [unicodedata.is_normalized("NFC", v) for v in rest.tolist()]
    return out
