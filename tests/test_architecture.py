"""The tree reads in the direction data flows: metadata → checks → release → loader → curate → cli.

No module imports from a layer to its right, so there are no cycles between layers.
"""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "sisterties"
ORDER = ["metadata", "checks", "release", "loader", "curate"]


def _layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in ORDER:
        return ORDER.index(parts[1])
    return len(ORDER)  # the package root, __main__ and cli sit on top


def _imports(path: Path) -> set[str]:
    module = "sisterties." + ".".join(path.relative_to(SRC).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module.removesuffix(".__init__")
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                out.add(".".join(base + ([node.module] if node.module else [])))
            elif node.module and node.module.startswith("sisterties"):
                out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("sisterties"))
    return out


def test_no_module_imports_upward():
    violations = []
    for path in SRC.rglob("*.py"):
        own = "sisterties." + ".".join(path.relative_to(SRC).with_suffix("").parts)
        for target in _imports(path):
            if _layer(target) > _layer(own):
                violations.append(f"{own} imports {target}")
    assert violations == []


def test_loader_does_not_import_validators():
    for path in (SRC / "loader").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for heavy in ("frictionless", "pandera", "great_expectations"):
            assert f"import {heavy}" not in text, (path, heavy)
