"""Command line: ``sisterties validate | derive | build | cite | info | diff | codebook | site``.

Each subcommand is a short function; the heavy imports happen inside it. Every failure is one
line on stderr with a documented exit code (see :mod:`.cli_support`).
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from .cli_support import Parser, UsageError, package_root, require, run
from .metadata.descriptor import Package


def _package_root(path: str | None, installed: bool = False, writes: bool = False) -> Path:
    return package_root(path, installed, writes)


def _as_of(args):
    """The validation date from --as-of or $SISTERTIES_AS_OF (None: today); a bad value is a one-line error."""
    from .metadata.status import validation_date

    try:
        return validation_date(args.as_of) if args.as_of or os.environ.get("SISTERTIES_AS_OF") else None
    except ValueError as err:
        raise UsageError(str(err)) from None


def cmd_validate(args) -> int:
    from .checks.run import ALL_STAGES, FAST_STAGES, missing_modules, validate

    stages = FAST_STAGES if args.fast else tuple(s.strip() for s in args.stages.split(",")) if args.stages else ALL_STAGES
    unknown = [s for s in stages if s not in ALL_STAGES]
    if unknown:
        raise UsageError(f"unknown stage(s) {', '.join(unknown)}: choose from {', '.join(ALL_STAGES)}")
    root = _package_root(args.path, args.installed)
    missing = missing_modules(stages)
    if missing:
        raise UsageError(f"sisterties validate needs the validators ({', '.join(missing)} not installed): "
                         "pip install 'sisterties[validate]'")
    report = validate(root, stages, Path(args.docs) if args.docs else None, _as_of(args))
    print(report.to_json() if args.json else report.text())
    return 0 if report.ok else 1


def cmd_info(args) -> int:
    pkg = Package(_package_root(args.path, args.installed))
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

    root = _package_root(args.path, args.installed, writes=not args.check)
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
    import re

    if re.fullmatch(r"\d+\.\d+\.\d+", spec) and not Path(spec).exists():
        from .loader.api import _package_for
        return _package_for(spec)
    if not Path(spec).is_dir():
        raise UsageError(f"{spec} is neither a package folder nor a version number like 0.1.0")
    return Package(_package_root(spec))


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
    from .release.build import build_archive, prepare_out_dir, registry_with, write_checksums
    from .release.citation_files import out_of_date
    from .release.codebook import codebook
    from .release.tracked import in_git_work_tree, uncommitted

    root = _package_root(args.path)
    out = Path(args.out)
    require(["frictionless", "pandera", "great_expectations", "pyarrow", "openpyxl"] + ([] if args.data_only else ["build"]),
            "sisterties build", "build")
    git = in_git_work_tree(root)
    changes = uncommitted(root) if git else []
    if not git and not args.allow_dirty:
        raise UsageError(f"{root} is not a git work tree, so nothing says which files belong to the release: build from "
                         "a git checkout, or pass --allow-dirty to take every regular file that is not a dotfile")
    if changes and not args.allow_dirty:
        raise UsageError(f"the work tree has {len(changes)} uncommitted change(s) (first: {changes[0].strip()}): "
                         "commit or stash them, or pass --allow-dirty")
    dirty = None
    if args.allow_dirty and (changes or not git):
        dirty = ("note: --allow-dirty: built from " + (f"a work tree with {len(changes)} uncommitted change(s); tracked files are "
                 "taken as they are in the work tree, untracked files are left out" if git else
                 "a folder outside git; every regular file that is not a dotfile is taken"))
        print(dirty)
    prepare_out_dir(out)
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
    archive = build_archive(root, out, untracked_ok=not git)
    registry = registry_with(root / "releases" / "registry.json", pkg.version, sha256_of(archive),
                             Path(args.docs).parent / "registry.json")
    print(f"wrote {archive} ({sha256_of(archive)})")
    written = [archive]
    from .release.formats import write_all
    for path in write_all(pkg, out):
        print(f"wrote {path}")
        written.append(path)
    if not args.data_only:
        env = dict(os.environ, SISTERTIES_REGISTRY=str(registry.resolve()))
        if not git:
            env["SISTERTIES_BUILD_UNTRACKED"] = "1"
        before = {p for p in out.iterdir() if p.is_file()}
        done = subprocess.run([sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(root)], env=env)
        if done.returncode != 0:
            raise UsageError(f"python -m build failed (exit {done.returncode}) while making the wheel and sdist: see its messages above")
        written += sorted(p for p in out.iterdir() if p.is_file() and p not in before)
    write_checksums(out, written)
    print(f"wrote {out / 'SHA256SUMS'} ({len(written)} files)")
    if dirty:
        print(dirty)
    return 0


def cmd_release(args) -> int:
    from .release.command import run

    return run(Path(args.path or "."), args.version, date=args.date, doi=args.doi, check_only=args.check, sync=args.sync)


def cmd_coverage(args) -> int:
    from .release.coverage import coverage_report, strongest_kinds

    pkg = Package(_package_root(args.path, args.installed))
    if args.pairs:
        print("pairing_id,strongest_source_kind")
        for pid, kind in sorted(strongest_kinds(pkg).items()):
            print(f"{pid},{kind}")
        return 0
    print(coverage_report(pkg))
    return 0


def cmd_derive(args) -> int:
    from .curate.derive import add_established_events, derive

    if args.add_established:
        for event_id in add_established_events(_package_root(args.path, writes=True)):
            print(f"added {event_id}")
    changes = derive(_package_root(args.path, writes=not args.check), _as_of(args), write=not args.check)
    for change in changes:
        print(change)
    if args.check:
        print(f"{len(changes)} derived value(s) differ from pairings.csv" if changes else "pairings.csv: derived columns up to date")
        return 1 if changes else 0
    print(f"updated {len(changes)} derived value(s) in pairings.csv" if changes else "pairings.csv: derived columns up to date")
    return 0


def cmd_sources_add(args) -> int:
    from .curate.sources_add import add_source

    sid = add_source(_package_root(args.path, writes=True), Path(args.file), url=args.url, title=args.title,
                     publisher=args.publisher, published=args.published or "", kind=args.kind,
                     language=args.language, author=args.author or "")
    print(f"archived as {sid}; now add rows that cite it, then run `sisterties validate --fast`.")
    return 0


def cmd_sources_check(args) -> int:
    from .curate.source_check import UnknownSource, check_sources, update_last_seen, write_report

    root = _package_root(args.path, writes=True)
    if args.online:
        require(["requests", "inscriptis"], "sisterties sources check --online", "curate")
    try:
        report = check_sources(root, online=args.online, wayback=args.wayback, only=args.only or None,
                               fetcher=_fetcher(root, args) if args.online else None)
    except UnknownSource as err:
        raise UsageError(str(err)) from None
    target = write_report(root, report)
    s = report["summary"]
    print(f"{s['sources']} sources, {s['excerpts']} excerpts: {s['excerpts_found_in_archived_text']} found in archived texts; "
          f"sources seen live {s['sources_seen_live']}, in the Wayback Machine {s['sources_seen_wayback']}, "
          f"not seen {s['sources_not_seen']}")
    for source in report["sources"]:
        for check in source["checks"]:
            missing = [e for e in check["excerpts"] if not e["found"]]
            if missing or check["error"]:
                status = check["http_status"] if check["http_status"] is not None else "no answer"
                print(f"  {source['source_id']} {check['where']} ({status}{': ' + check['error'] if check['error'] else ''}): "
                      f"{len(missing)} of {len(check['excerpts'])} excerpts not found")
    if args.update:
        print(f"last_seen written for {update_last_seen(root, report)} sources")
    print(f"wrote {target}")
    return 1 if s["sources_not_seen"] or any(not e["found"] for src in report["sources"] for c in src["checks"]
                                              if c["where"] == "archived" for e in c["excerpts"]) else 0


def _fetcher(root, args):
    from .curate.pages import Fetcher
    from .curate.source_check import user_agent

    return Fetcher(user_agent(Package(root)), timeout=args.timeout, delay=args.delay)


def cmd_extract(args) -> int:
    from .curate.extract import evaluate, write_review

    pkg = Package(_package_root(args.path, args.installed))
    source = next((r for r in csv.DictReader(io.StringIO(pkg.path("sources").read_text(encoding="utf-8")))
                   if r.get("source_id") == args.source_id), None)
    if source is None or source.get("archived") != "true":
        raise UsageError(f"{args.source_id} is not {'an archived' if source else 'a'} source of {pkg.root} "
                         "(extract needs a source whose text is archived under sources/)")
    if args.evaluate:
        print(json.dumps(evaluate(pkg, args.source_id), indent=1))
        return 0
    target = write_review(pkg, args.source_id, Path(args.out))
    print(f"wrote {target}: candidates for review; nothing was added to data/.")
    return 0


def cmd_curate_apply(args) -> int:
    from .curate.apply import Refused, apply

    root = _package_root(args.path, writes=True)
    log = Path(args.log) if args.log else Path(args.decisions).parent / "log"
    try:
        print(apply(root, [Path(f) for f in args.facts], Path(args.decisions), log, dry_run=args.dry_run))
    except Refused as err:
        print("\n".join(err.problems), file=sys.stderr)
        print(f"refused: {len(err.problems)} problem(s) above; nothing was written.", file=sys.stderr)
        return 1
    return 0


def cmd_site(args) -> int:
    from .release.site import build_site

    out = Path(args.out)
    pages = build_site(_package_root(args.path, args.installed), out, dist=Path(args.dist) if args.dist else None,
                       docs=Path(args.docs) if args.docs else None)
    print(f"wrote {len(pages)} pages to {out}; open {out / 'index.html'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    from .metadata.descriptor import bundled_root

    parser = Parser(prog="sisterties", description="SisterTies data package tools. Exit codes: 0 done or valid, "
                    "1 data invalid, 2 usage or environment error, 3 a bug in sisterties.")
    parser.add_argument("--version", action="version", version=f"sisterties {_version(bundled_root)}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="validate a package folder (default: this folder; --installed: the installed copy)")
    p.add_argument("path", nargs="?")
    _installed_flag(p)
    p.add_argument("--fast", action="store_true", help="files and pandera stages only (no frictionless, no Great Expectations)")
    p.add_argument("--stages", help="comma-separated: files,frictionless,pandera,expectations")
    p.add_argument("--docs", help="write the Great Expectations Data Docs to this folder")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--as-of", help="validation date YYYY-MM-DD for the status rule and date checks (default: $SISTERTIES_AS_OF or today)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("derive", help="recompute pairings' status, status_as_of, independent_sources and strongest_source_kind")
    p.add_argument("path", nargs="?")
    p.add_argument("--as-of", help="validation date YYYY-MM-DD (default: $SISTERTIES_AS_OF or today)")
    p.add_argument("--check", action="store_true", help="only list the values that differ; exit 1 if any")
    p.add_argument("--add-established", action="store_true",
                   help="first write the established event of each pairing that has an established value but no such event")
    p.set_defaults(func=cmd_derive)

    p = sub.add_parser("info", help="version, tables and row counts")
    p.add_argument("path", nargs="?")
    _installed_flag(p)
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("cite", help="print a citation of the installed or a named version")
    p.add_argument("--format", choices=["bibtex", "apa", "cff"], default="apa")
    p.add_argument("--version", help="a released version, e.g. 0.1.0")
    p.set_defaults(func=cmd_cite)

    p = sub.add_parser("codebook", help="write (or --check) docs/codebook.md from the schemas")
    p.add_argument("path", nargs="?")
    p.add_argument("--check", action="store_true")
    _installed_flag(p)
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
    p.add_argument("--allow-dirty", action="store_true",
                   help="build although the work tree has uncommitted changes (or is not a git work tree), and say so")
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
    _installed_flag(p)
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
    c = ssub.add_parser("check", help="look for every excerpt and quote in its source (archived text; live page, Wayback copy)")
    c.add_argument("path", nargs="?")
    c.add_argument("--online", action="store_true", help="fetch each source's URL (network); without it only archived texts are read")
    c.add_argument("--wayback", action="store_true", help="with --online: where the live page is gone or changed, try the Internet Archive's copy")
    c.add_argument("--only", nargs="+", metavar="SOURCE_ID", help="check these sources only")
    c.add_argument("--update", action="store_true", help="write last_seen and last_seen_where into the sources table")
    c.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default 20)")
    c.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to one host (default 1)")
    c.set_defaults(func=cmd_sources_check)

    p = sub.add_parser("extract", help="propose candidate rows from an archived source into a review file")
    p.add_argument("source_id")
    p.add_argument("--path", help="package folder (default: this folder)")
    p.add_argument("--out", default="review")
    p.add_argument("--evaluate", action="store_true", help="precision and recall against the curated quotes of that source")
    _installed_flag(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("curate", help="curation: apply research facts with a curator's decisions")
    csub = p.add_subparsers(dest="curate_command", required=True)
    a = csub.add_parser("apply", help="research facts + decisions -> rows of sources, jurisdictions, pairings, citations (docs/curation-facts.md)")
    a.add_argument("facts", nargs="+", metavar="FACTS", help="research fact files (CSV), applied in this order")
    a.add_argument("--decisions", required=True, help="the curator's decisions (TOML)")
    a.add_argument("--path", help="package folder (default: this folder)")
    a.add_argument("--log", help="log folder (default: log/ beside the decisions file)")
    a.add_argument("--dry-run", action="store_true", help="write the log only, no table")
    a.set_defaults(func=cmd_curate_apply)

    p = sub.add_parser("site", help="write the static release site: home page, map, timeline, tables, sources, codebook")
    p.add_argument("path", nargs="?")
    p.add_argument("--out", default="build/site")
    p.add_argument("--dist", default="dist", help="copy this version's release files from here into the site, when built")
    p.add_argument("--docs", default="build/data-docs", help="copy these Great Expectations Data Docs into the site, when present")
    _installed_flag(p)
    p.set_defaults(func=cmd_site)

    return run(lambda a: _dispatch(parser, a), argv)


def _dispatch(parser, argv) -> int:
    args = parser.parse_args(argv)
    return args.func(args)


def _installed_flag(p) -> None:
    p.add_argument("--installed", action="store_true", help="use the copy of the data installed with sisterties")


def _version(bundled_root) -> str:
    """The version as datapackage.json writes it (``0.2.0-dev``; pip writes the same ``0.2.0.dev0``)."""
    return Package(bundled_root()).version


if __name__ == "__main__":
    sys.exit(main())
