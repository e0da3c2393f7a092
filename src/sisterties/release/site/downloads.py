"""Files published beside the site in a release folder (names from the version): the data
archive, the wheel, the sdist, the other formats (Excel, SQLite, Parquet per table) and
SHA256SUMS; and the Great Expectations Data Docs.

>>> [name for name, _ in release_files("1.2.3", ["pairings"])][:2]
['sisterties-data-1.2.3.zip', 'sisterties-1.2.3-py3-none-any.whl']
>>> release_files("1.2.3", ["pairings"])[-2][0]
'sisterties-1.2.3-parquet/pairings.parquet'
"""
from __future__ import annotations

import shutil
from pathlib import Path

from ..build import archive_name


def release_files(version: str, tables: list[str]) -> list[tuple[str, str]]:
    """(path relative to the release folder, what it is) for each file of a release."""
    return [
        (archive_name(version), "the data package: tables (CSV), Table Schemas, archived sources, codebook, README, CITATION.cff"),
        (f"sisterties-{version}-py3-none-any.whl", f"the Python package with this version's data bundled (pip install sisterties-{version}-py3-none-any.whl)"),
        (f"sisterties-{version}.tar.gz", "the source distribution"),
        (f"sisterties-{version}.xlsx", "Excel workbook, one sheet per table"),
        (f"sisterties-{version}.sqlite", "SQLite database with primary and foreign keys"),
        *[(f"sisterties-{version}-parquet/{t}.parquet", f"Parquet, table {t}") for t in tables],
        ("SHA256SUMS", "SHA-256 checksums of the files above (sha256sum -c SHA256SUMS)"),
    ]


def copy_release_files(dist: Path | None, out: Path, version: str, tables: list[str]) -> dict[str, bool]:
    """Copy this version's release files from ``dist`` into ``out``; relative path -> whether it is there."""
    present = {}
    for name, _ in release_files(version, tables):
        src = dist / name if dist else None
        if src is not None and src.is_file():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, out / name)
        present[name] = (out / name).is_file()
    return present


def copy_data_docs(docs: Path | None, out: Path) -> bool:
    """Copy the Data Docs folder to ``out/data-docs`` when it has an index.html; True if copied."""
    if docs is None or not (docs / "index.html").is_file():
        return False
    shutil.copytree(docs, out / "data-docs", dirs_exist_ok=True)
    return True
