"""Every format holds the same rows and values as the CSVs."""
from __future__ import annotations

import sqlite3

import pytest
from helpers import ROOT, read_rows, write_rows

from sisterties.metadata.descriptor import Package
from sisterties.release.formats import typed, write_parquet, write_sqlite, write_xlsx

PKG = Package(ROOT)


def _expected(table):
    t = PKG.table(table)
    return [[typed(r[f.name], f) for f in t.fields] for r in read_rows(ROOT / "data" / f"{table}.csv")]


def test_sqlite_holds_the_same_rows_with_keys(tmp_path):
    db = write_sqlite(PKG, tmp_path / "s.sqlite")
    con = sqlite3.connect(db)
    for table, t in PKG.tables.items():
        got = con.execute(f'SELECT * FROM "{table}"').fetchall()
        want = [[v.isoformat() if hasattr(v, "isoformat") else int(v) if isinstance(v, bool) else v for v in row] for row in _expected(table)]
        assert [list(r) for r in got] == want, table
        sql = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        assert "PRIMARY KEY" in sql
        for field, ref, _ in t.foreign_keys:
            assert f'FOREIGN KEY ("{field}") REFERENCES "{ref}"' in sql


def test_sqlite_refuses_an_orphan(tmp_path, pkg_copy):
    rows = read_rows(pkg_copy / "data" / "quotes.csv")
    rows[1]["speaker_id"] = "off-nobody"
    write_rows(pkg_copy / "data" / "quotes.csv", rows)
    with pytest.raises((ValueError, sqlite3.IntegrityError)):
        write_sqlite(Package(pkg_copy), tmp_path / "bad.sqlite")


def test_xlsx_holds_the_same_rows_and_no_formulas(tmp_path, pkg_copy):
    rows = read_rows(pkg_copy / "data" / "claims.csv")
    rows[0]["note"] = "=1+1 is text here"
    write_rows(pkg_copy / "data" / "claims.csv", rows)
    from openpyxl import load_workbook

    book = load_workbook(write_xlsx(Package(pkg_copy), tmp_path / "s.xlsx"))
    pkg = Package(pkg_copy)
    for table, t in pkg.tables.items():
        sheet = list(book[table].iter_rows(values_only=True))
        assert list(sheet[0]) == t.field_names
        want = [[typed(r[f.name], f) for f in t.fields] for r in read_rows(pkg_copy / "data" / f"{table}.csv")]
        got = [[v.date() if hasattr(v, "date") and t.fields[i].type == "date" else v for i, v in enumerate(row)] for row in sheet[1:]]
        assert got == want, table
    cell = book["claims"]["A2"].parent.cell(row=2, column=pkg.table("claims").field_names.index("note") + 1)
    assert cell.data_type == "s" and cell.value == "=1+1 is text here"
    assert book["jurisdictions"].cell(row=4, column=3).value == "广东省"


def test_parquet_has_schema_types_and_same_values(tmp_path):
    import pyarrow.parquet as pq

    for path in write_parquet(PKG, tmp_path):
        table = path.stem
        got = pq.read_table(path)
        assert got.column_names == PKG.table(table).field_names
        assert [list(r.values()) for r in got.to_pylist()] == _expected(table)
    assert str(pq.read_table(tmp_path / "quotes.parquet").schema.field("start").type) == "int64"
