"""Command line: ``sisterties validate | build | cite | info | diff | codebook | site``.

Each subcommand is a short function; the heavy imports happen inside it.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from .metadata.descriptor import DESCRIPTOR, Package, bundled_root


def _package_root(path: str | None) -> Path:
    if path:
        return Path(path)
    return Path.cwd() if (Path.cwd() / DESCRIPTOR).is_file() else bundled_root()


def cmd_validate(args) -> int:
    from .checks.run import ALL_STAGES, FAST_STAGES, validate

    stages = FAST_STAGES if args.fast else tuple(args.stages.split(",")) if args.stages else ALL_STAGES
    report = validate(_package_root(args.path), stages, Path(args.docs) if args.docs else None)
    print(report.to_json() if args.json else report.text())
    return 0 if report.ok else 1


def cmd_info(args) -> int:
    pkg = Package(_package_root(args.path))
    print(f"sisterties data {pkg.version} at {pkg.root}")
    for name in pkg.table_names:
        path = pkg.path(name)
        rows = sum(1 for _ in csv.reader(io.StringIO(path.read_text(encoding="utf-8")))) - 1 if path.is_file() else "missing"
        print(f"  {name:<14} {rows} rows")
    return 0


def cmd_cite(args) -> int:
    from .loader.api import cite

    print(cite(args.format, args.version), end="" if args.format == "cff" else "\n")
    return 0


def cmd_codebook(args) -> int:
    from .release.codebook import codebook

    root = _package_root(args.path)
    text = codebook(Package(root))
    target = root / "docs" / "codebook.md"
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            print(f"{target} is out of date with the schemas: run `sisterties codebook`.")
            return 1
        print(f"{target} is in sync with the schemas.")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


def _resolve(spec: str) -> Package:
    if Path(spec).is_dir():
        return Package(spec)
    from .loader.api import _package_for
    return _package_for(spec)


def cmd_diff(args) -> int:
    from .release.diff import diff_packages, summary, unretired_removals
    from .release.versioning import breaking_changes, major

    old, new = _resolve(args.old), _resolve(args.new)
    d = diff_packages(old, new)
    print(summary(d, old.version, new.version))
    problems = [f"{t}: {c}" for t in new.tables if t in old.tables
                for c in breaking_changes(old.table(t).schema, new.table(t).schema)]
    removed_tables = [t for t in old.tables if t not in new.tables]
    problems += [f"{t}: table removed" for t in removed_tables]
    status = 0
    if problems and major(new.version) <= major(old.version):
        print("\nIncompatible schema changes without a new major version:\n  " + "\n  ".join(problems))
        status = 1
    missing = unretired_removals(d, new)
    if missing:
        print("\nRemoved ids not recorded in retired_ids:\n  " + "\n  ".join(missing))
        status = 1
    return status


def cmd_build(args) -> int:
    from .checks.run import validate
    from .metadata.hashing import sha256_of
    from .release.build import build_archive, registry_with, write_checksums
    from .release.citation_files import out_of_date
    from .release.codebook import codebook

    root = _package_root(args.path)
    out = Path(args.out)
    pkg = Package(root)
    problems = []
    if (root / "docs" / "codebook.md").read_text(encoding="utf-8") != codebook(pkg):
        problems.append("docs/codebook.md is out of date: run `sisterties codebook`.")
    problems += out_of_date(root)
    report = validate(root, docs_dir=Path(args.docs))
    print(report.text())
    if problems or not report.ok:
        print("\n".join(problems))
        print("build refused: the package does not validate.")
        return 1
    archive = build_archive(root, out)
    registry = registry_with(root / "releases" / "registry.json", pkg.version, sha256_of(archive),
                             Path(args.docs).parent / "registry.json")
    print(f"wrote {archive} ({sha256_of(archive)})")
    from .release.formats import write_all
    for path in write_all(pkg, out):
        print(f"wrote {path}")
    if not args.data_only:
        env = dict(os.environ, SISTERTIES_REGISTRY=str(registry.resolve()))
        subprocess.run([sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(root)],
                       check=True, env=env)
    write_checksums(out)
    print(f"wrote {out / 'SHA256SUMS'}")
    return 0


def cmd_release(args) -> int:
    from .release.command import run

    return run(Path(args.path or "."), args.version, date=args.date, doi=args.doi, check_only=args.check, sync=args.sync)


def cmd_coverage(args) -> int:
    from .release.coverage import coverage_report, strongest_kinds

    pkg = Package(_package_root(args.path))
    if args.pairs:
        print("pairing_id,strongest_source_kind")
        for pid, kind in sorted(strongest_kinds(pkg).items()):
            print(f"{pid},{kind}")
        return 0
    print(coverage_report(pkg))
    return 0


def cmd_sources_add(args) -> int:
    from .curate.sources_add import DuplicateSource, add_source

    try:
        sid = add_source(_package_root(args.path), Path(args.file), url=args.url, title=args.title,
                         publisher=args.publisher, published=args.published or "", kind=args.kind,
                         language=args.language, author=args.author or "")
    except DuplicateSource as err:
        print(f"refused: {err}")
        return 1
    print(f"archived as {sid}; now add rows that cite it, then run `sisterties validate --fast`.")
    return 0


def cmd_extract(args) -> int:
    from .curate.extract import evaluate, write_review

    pkg = Package(_package_root(args.path))
    if args.evaluate:
        print(json.dumps(evaluate(pkg, args.source_id), indent=1))
        return 0
    target = write_review(pkg, args.source_id, Path(args.out))
    print(f"wrote {target}: candidates for review; nothing was added to data/.")
    return 0


def cmd_site(args) -> int:
    from .release.site import build_site

    out = Path(args.out)
    pages = build_site(_package_root(args.path), out, dist=Path(args.dist) if args.dist else None,
                       docs=Path(args.docs) if args.docs else None)
    print(f"wrote {len(pages)} pages to {out}; open {out / 'index.html'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sisterties", description="SisterTies data package tools.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="validate a package folder (default: this folder or the installed data)")
    p.add_argument("path", nargs="?")
    p.add_argument("--fast", action="store_true", help="files and pandera stages only (no frictionless, no Great Expectations)")
    p.add_argument("--stages", help="comma-separated: files,frictionless,pandera,expectations")
    p.add_argument("--docs", help="write the Great Expectations Data Docs to this folder")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("info", help="version, tables and row counts")
    p.add_argument("path", nargs="?")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("cite", help="print a citation of the installed or a named version")
    p.add_argument("--format", choices=["bibtex", "apa", "cff"], default="apa")
    p.add_argument("--version", help="a released version, e.g. 0.1.0")
    p.set_defaults(func=cmd_cite)

    p = sub.add_parser("codebook", help="write (or --check) docs/codebook.md from the schemas")
    p.add_argument("path", nargs="?")
    p.add_argument("--check", action="store_true")
    p.set_defaults(func=cmd_codebook)

    p = sub.add_parser("diff", help="rows added, removed and changed between two folders or versions")
    p.add_argument("old")
    p.add_argument("new")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("build", help="validate, then write the release archive, SHA256SUMS, wheel and sdist")
    p.add_argument("path", nargs="?")
    p.add_argument("--out", default="dist")
    p.add_argument("--docs", default="build/data-docs")
    p.add_argument("--data-only", action="store_true", help="skip the wheel and sdist")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("release", help="release X.Y.Z: check the number, update CHANGELOG, version, registry and citation files; commit")
    p.add_argument("version", nargs="?", help="the release number, MAJOR.MINOR.PATCH")
    p.add_argument("--path", help="the repository (default: this folder)")
    p.add_argument("--date", help="release date, YYYY-MM-DD (default: today)")
    p.add_argument("--doi", help="record the DOI Zenodo minted for this released version")
    p.add_argument("--check", action="store_true", help="check the registry, its archives and CITATION.cff/.zenodo.json")
    p.add_argument("--sync", action="store_true", help="regenerate CITATION.cff and .zenodo.json")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("coverage", help="pairs in the package against the totals that sources state")
    p.add_argument("path", nargs="?")
    p.add_argument("--pairs", action="store_true", help="list each pairing with the strongest kind of source it rests on (CSV)")
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("sources", help="manage archived sources")
    ssub = p.add_subparsers(dest="sources_command", required=True)
    a = ssub.add_parser("add", help="archive a text under sources/ and write its sources row")
    a.add_argument("file")
    a.add_argument("--url", required=True)
    a.add_argument("--title", required=True)
    a.add_argument("--publisher", required=True)
    a.add_argument("--published", help="YYYY, YYYY-MM or YYYY-MM-DD as the source states it")
    a.add_argument("--kind", default="news_article",
                   choices=["official_register", "official_statement", "news_article", "encyclopedia_list", "reference_dataset"])
    a.add_argument("--language", default="en")
    a.add_argument("--author")
    a.add_argument("--path", help="package folder (default: this folder)")
    a.set_defaults(func=cmd_sources_add)

    p = sub.add_parser("extract", help="propose candidate rows from an archived source into a review file")
    p.add_argument("source_id")
    p.add_argument("--path", help="package folder (default: this folder)")
    p.add_argument("--out", default="review")
    p.add_argument("--evaluate", action="store_true", help="precision and recall against the curated quotes of that source")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("site", help="write the static release site: home page, map, timeline, tables, sources, codebook")
    p.add_argument("path", nargs="?")
    p.add_argument("--out", default="build/site")
    p.add_argument("--dist", default="dist", help="copy this version's release files from here into the site, when built")
    p.add_argument("--docs", default="build/data-docs", help="copy these Great Expectations Data Docs into the site, when present")
    p.set_defaults(func=cmd_site)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
