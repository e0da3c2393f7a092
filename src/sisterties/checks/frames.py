"""Read the tables as text columns: only an empty cell is missing, nothing is coerced.

>>> import io
>>> df = read_table_text("code,name\\n007,NA\\n")
>>> df.loc[0, "code"], df.loc[0, "name"]
('007', 'NA')
"""
from __future__ import annotations

import io

import pandas as pd


def read_table_text(text: str) -> pd.DataFrame:
    """Parse CSV text into string columns; a literal ``NA`` stays a value, ``007`` keeps its zeros."""
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


def read_table_path(path) -> pd.DataFrame:
    """The same as :func:`read_table_text`, reading the file with the multithreaded pyarrow parser."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8", engine="pyarrow")


def csv_row(index) -> int:
    """The CSV row number of a DataFrame index (the header is row 1)."""
    return int(index) + 2
