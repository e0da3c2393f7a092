"""The loader: types from the schema, NA kept, leading zeros kept, partial dates honest."""
from __future__ import annotations

import pandas as pd
import pytest
from helpers import ROOT, read_rows, write_rows

import sisterties
from sisterties.loader.api import read_table
from sisterties.metadata.descriptor import Package


@pytest.mark.parametrize("table", sisterties.list_tables())
def test_every_table_loads_with_schema_types(table):
    df = sisterties.load(table)
    csv_rows = read_rows(ROOT / "data" / f"{table}.csv")
    assert len(df) == len(csv_rows)
    t = Package(ROOT).table(table)
    for f in t.fields:
        dtype = df[f.name].dtype
        if f.enum:
            assert isinstance(dtype, pd.CategoricalDtype) and list(dtype.categories) == f.enum
        elif f.type == "integer":
            assert dtype == "Int64"
        elif f.type == "number":
            assert dtype == "Float64"
        elif f.type == "boolean":
            assert dtype == "boolean"
        elif f.type == "date":
            assert pd.api.types.is_datetime64_any_dtype(dtype)
        else:
            assert dtype == "string", (f.name, dtype)
        if f.partial_date:
            assert pd.api.types.is_datetime64_any_dtype(df[f"{f.name}_earliest"])


def test_literal_na_and_leading_zeros_survive(pkg_copy):
    rows = read_rows(pkg_copy / "data" / "jurisdictions.csv")
    rows[0]["geonames_id"] = "007"
    rows[1]["note"] = "NA"
    write_rows(pkg_copy / "data" / "jurisdictions.csv", rows)
    for backend in ("pandas", "polars"):
        df = read_table(Package(pkg_copy), "jurisdictions", backend)
        get = (lambda c, i, df=df: df[c][i]) if backend == "polars" else (lambda c, i, df=df: df.loc[i, c])
        assert get("geonames_id", 0) == "007"
        assert get("note", 1) == "NA"


def test_partial_dates_keep_their_precision():
    src = sisterties.load("sources").set_index("source_id")
    row = src.loc["src-91d5c4534369"]
    assert row["published"] == "2023-11"
    assert str(row["published_earliest"].date()) == "2023-11-01"
    assert str(row["published_latest"].date()) == "2023-11-30"


def test_with_sources_joins_title_and_url():
    df = sisterties.with_sources(sisterties.load("pairings"))
    assert df.loc[0, "source_title"] == "Guangdong ties to Massachusetts bolstered in Boston"
    assert df.loc[0, "source_url"].startswith("http://global.chinadaily.com.cn/")


def test_describe_is_generated_from_the_schema():
    d = sisterties.describe("quotes")
    assert list(d["name"]) == Package(ROOT).table("quotes").field_names
    assert d.set_index("name").loc["quote_date", "type"] == "partial date"


def test_cite_names_the_version_and_matches_citation_cff():
    v = sisterties.__version__
    assert f"Version {v}" in sisterties.cite("apa")
    assert f"version = {{{v}}}" in sisterties.cite("bibtex")
    from sisterties.release.citation_files import expected
    # CITATION.cff names the latest release (or, before the first, this unreleased version)
    assert (ROOT / "CITATION.cff").read_text(encoding="utf-8") == expected(ROOT)["CITATION.cff"]


def test_version_is_kept_once():
    import json
    assert sisterties.__version__ == json.loads((ROOT / "datapackage.json").read_text())["version"]
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject and sisterties.__version__ not in pyproject


def test_unknown_table_is_a_clear_error():
    with pytest.raises(KeyError, match="the tables are"):
        sisterties.load("cities")
