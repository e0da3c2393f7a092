"""Read a SisterTies package folder: its ``datapackage.json`` and Table Schemas.

A package folder is any directory holding ``datapackage.json`` (the repository, an unpacked
release, or the copy bundled in the wheel).

>>> pkg = Package.bundled()
>>> pkg.table("pairings").primary_key
['pairing_id']
>>> "quotes" in pkg.table_names
True
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

DESCRIPTOR = "datapackage.json"


@dataclass(frozen=True)
class Field:
    """One field of a Table Schema, with the few questions every layer asks of it."""

    name: str
    type: str
    description: str
    constraints: dict[str, Any]
    raw: dict[str, Any]

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def enum(self) -> list[str] | None:
        return self.constraints.get("enum")

    @property
    def pattern(self) -> str | None:
        return self.constraints.get("pattern")

    @property
    def partial_date(self) -> bool:
        """True for YYYY / YYYY-MM / YYYY-MM-DD strings whose precision must be kept."""
        return bool(self.raw.get("partialDate"))

    @property
    def future_allowed(self) -> bool:
        """True for a date that may lie after today (``futureAllowed``: a term's end, a law's deadline)."""
        return bool(self.raw.get("futureAllowed"))

    @property
    def date_format(self) -> str:
        fmt = self.raw.get("format", "default")
        return "%Y-%m-%d" if fmt in ("default", "any") else fmt


@dataclass(frozen=True)
class Table:
    """A resource of the package and its Table Schema."""

    name: str
    path: str
    description: str
    schema: dict[str, Any]

    @cached_property
    def fields(self) -> list[Field]:
        return [
            Field(f["name"], f.get("type", "string"), f.get("description", ""), f.get("constraints", {}), f)
            for f in self.schema["fields"]
        ]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def primary_key(self) -> list[str]:
        pk = self.schema.get("primaryKey", [])
        return [pk] if isinstance(pk, str) else list(pk)

    @property
    def foreign_keys(self) -> list[tuple[str, str, str]]:
        """(field, referenced table, referenced field); a self-reference names this table."""
        out = []
        for fk in self.schema.get("foreignKeys", []):
            ref = fk["reference"]
            fields = fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
            rfield = ref["fields"] if isinstance(ref["fields"], str) else ref["fields"][0]
            out.append((fields, ref.get("resource") or self.name, rfield))
        return out


class PackageError(ValueError):
    """A package folder whose descriptor or Table Schemas cannot be read."""


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackageError(f"{path} is missing") from None
    except UnicodeDecodeError as err:
        raise PackageError(f"{path} is not UTF-8 text ({err.reason} at byte {err.start})") from None
    except json.JSONDecodeError as err:
        raise PackageError(f"{path} is not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}") from None
    except OSError as err:
        raise PackageError(f"cannot read {path}: {err.strerror or err}") from None
    if not isinstance(data, dict):
        raise PackageError(f"{path} does not hold a JSON object")
    return data


class Package:
    """A package folder: descriptor, tables and schemas."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.descriptor: dict[str, Any] = _read_json(self.root / DESCRIPTOR)
        if not isinstance(self.descriptor.get("resources"), list):
            raise PackageError(f"{self.root / DESCRIPTOR} has no list of resources")

    @classmethod
    def bundled(cls) -> Package:
        """The package shipped with this installation (or the repository in a source checkout)."""
        return cls(bundled_root())

    @property
    def version(self) -> str:
        return self.descriptor["version"]

    @cached_property
    def tables(self) -> dict[str, Table]:
        out = {}
        for res in self.descriptor["resources"]:
            if not isinstance(res, dict) or not all(isinstance(res.get(k), (str, dict)) for k in ("name", "path", "schema")):
                raise PackageError(f"{self.root / DESCRIPTOR}: every resource needs a name, a path and a schema")
            schema = res["schema"]
            if isinstance(schema, str):
                schema = _read_json(self.root / schema)
            if not isinstance(schema.get("fields"), list):
                raise PackageError(f"the Table Schema of {res['name']} has no list of fields")
            out[res["name"]] = Table(res["name"], res["path"], res.get("description", ""), schema)
        return out

    @property
    def table_names(self) -> list[str]:
        return list(self.tables)

    def table(self, name: str) -> Table:
        try:
            return self.tables[name]
        except KeyError:
            raise KeyError(f"no table {name!r}; the tables are: {', '.join(self.tables)}") from None

    def path(self, table: str) -> Path:
        return self.root / self.table(table).path


def bundled_root() -> Path:
    """Folder of the bundled package: ``sisterties/_data`` in a wheel, the repository in a checkout."""
    data = resources.files("sisterties") / "_data"
    if data.joinpath(DESCRIPTOR).is_file():
        return Path(str(data))
    repo = Path(__file__).resolve().parents[3]
    if (repo / DESCRIPTOR).is_file():
        return repo
    raise FileNotFoundError("the bundled data package is missing from this installation of sisterties")
