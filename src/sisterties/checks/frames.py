"""Read the tables as text columns: only an empty cell is missing, nothing is coerced.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"; _ = p.write_text("code,name\\n007,NA\\n")
>>> df = read_table_path(p)
>>> df.loc[0, "code"], df.loc[0, "name"]
('007', 'NA')
"""
from __future__ import annotations

import pandas as pd


def read_table_path(path) -> pd.DataFrame:
    """Parse a CSV file into string columns with the multithreaded pyarrow parser: a literal ``NA``
    stays a value and ``007`` keeps its zeros."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8", engine="pyarrow")


def csv_row(index) -> int:
    """The CSV row number of a DataFrame index (the header is row 1)."""
    return int(index) + 2
