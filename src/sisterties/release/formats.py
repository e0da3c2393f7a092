"""The formats people open the data in, all generated from the validated CSVs and the schemas.

- an Excel workbook (one sheet per table; text cells are written as text, so a cell that begins
  with ``=`` can never run as a formula; Chinese text intact);
- a SQLite database with the same tables, primary keys and foreign keys (ready for Datasette);
- Parquet files with the schema's types (partial dates stay text).

>>> from sisterties.metadata.descriptor import Package
>>> sqlite_type(Package.bundled().table("quotes").field("start"))
'INTEGER'
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path

from ..metadata.descriptor import Field, Package

SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


def sqlite_type(f: Field) -> str:
    return SQL_TYPES.get(f.type, "TEXT")


def _rows(pkg: Package, table: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(pkg.path(table).read_text(encoding="utf-8"))))


def typed(value: str, f: Field):
    """A CSV cell as the schema's type; an empty cell is None."""
    if value == "":
        return None
    if f.type == "integer":
        return int(value)
    if f.type == "number":
        return float(value)
    if f.type == "boolean":
        return value == "true"
    if f.type == "date":
        return dt.date.fromisoformat(value)
    return value


def write_sqlite(pkg: Package, target: Path) -> Path:
    target.unlink(missing_ok=True)
    con = sqlite3.connect(target)
    con.execute("PRAGMA foreign_keys = ON")
    order = _dependency_order(pkg)
    for name in order:
        t = pkg.table(name)
        cols = [f'"{f.name}" {sqlite_type(f)}{" NOT NULL" if f.required else ""}' for f in t.fields]
        cols.append(f"PRIMARY KEY ({', '.join(t.primary_key)})")
        for field, ref, ref_field in t.foreign_keys:
            cols.append(f'FOREIGN KEY ("{field}") REFERENCES "{ref}" ("{ref_field}") DEFERRABLE INITIALLY DEFERRED')
        con.execute(f'CREATE TABLE "{name}" ({", ".join(cols)})')
    with con:
        for name in order:
            t = pkg.table(name)
            marks = ", ".join("?" for _ in t.fields)
            rows = [[_sql_value(typed(r[f.name], f)) for f in t.fields] for r in _rows(pkg, name)]
            con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
    problems = con.execute("PRAGMA foreign_key_check").fetchall()
    con.close()
    if problems:
        raise ValueError(f"foreign key violations in the SQLite database: {problems[:5]}")
    return target


def _sql_value(v):
    return v.isoformat() if isinstance(v, dt.date) else int(v) if isinstance(v, bool) else v


def _dependency_order(pkg: Package) -> list[str]:
    done: list[str] = []
    pending = list(pkg.tables)
    while pending:
        for name in pending:
            deps = {ref for _, ref, _ in pkg.table(name).foreign_keys if ref != name}
            if deps <= set(done):
                done.append(name)
                pending.remove(name)
                break
        else:
            done.extend(pending)
            break
    return done


def write_xlsx(pkg: Package, target: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, t in pkg.tables.items():
        ws = wb.create_sheet(title=name[:31])
        ws.append(t.field_names)
        for r_index, row in enumerate(_rows(pkg, name), start=2):
            for c_index, f in enumerate(t.fields, start=1):
                value = typed(row[f.name], f)
                cell = ws.cell(row=r_index, column=c_index, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text: never a formula
        ws.freeze_panes = "A2"
    wb.properties.title = pkg.descriptor.get("title")
    wb.properties.created = dt.datetime(1980, 1, 1)
    wb.properties.modified = dt.datetime(1980, 1, 1)
    wb.save(target)
    return target


def write_parquet(pkg: Package, folder: Path) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(), "date": pa.date32()}
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, t in pkg.tables.items():
        rows = _rows(pkg, name)
        columns = {f.name: pa.array([typed(r[f.name], f) for r in rows], type=arrow.get(f.type, pa.string())) for f in t.fields}
        schema = pa.schema([pa.field(f.name, arrow.get(f.type, pa.string()), nullable=not f.required) for f in t.fields])
        target = folder / f"{name}.parquet"
        pq.write_table(pa.table(columns, schema=schema), target)
        out.append(target)
    return out


def write_all(pkg: Package, out_dir: Path) -> list[Path]:
    """Workbook, database and Parquet folder for ``pkg`` into ``out_dir``; returns the files."""
    version = pkg.version
    out_dir.mkdir(parents=True, exist_ok=True)
    files = [write_xlsx(pkg, out_dir / f"sisterties-{version}.xlsx"), write_sqlite(pkg, out_dir / f"sisterties-{version}.sqlite")]
    return files + write_parquet(pkg, out_dir / f"sisterties-{version}-parquet")
