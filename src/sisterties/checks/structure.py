"""Stage ``frictionless``: the reference check of structure, types, constraints and keys.

Runs the pinned ``frictionless`` on ``datapackage.json`` and turns each of its errors into a
:class:`Failure` (frictionless counts the header as row 1, as this package does).
"""
from __future__ import annotations

from ..metadata.descriptor import DESCRIPTOR, Package
from .report import Failure

LAYER = "frictionless"


def check_structure(pkg: Package) -> list[Failure]:
    """Validate the package with frictionless; one Failure per frictionless error."""
    import frictionless

    report = frictionless.validate(str(pkg.root / DESCRIPTOR))
    out = [Failure(LAYER, DESCRIPTOR, None, None, e.type, e.message) for e in report.errors]
    for task in report.tasks:
        path = task.place or task.name
        for err in task.errors:
            row = getattr(err, "row_number", None)
            column = getattr(err, "field_name", None)
            value = getattr(err, "cell", None)
            out.append(Failure(LAYER, _relative(pkg, path), row, column, err.type, err.message,
                               None if value is None else str(value)))
    return out


def _relative(pkg: Package, place: str) -> str:
    root = str(pkg.root.resolve()) + "/"
    return place[len(root):] if place.startswith(root) else place
