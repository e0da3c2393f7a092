"""How the command line answers a mistake: one line on stderr and a documented exit code.

Exit codes: ``0`` done (for ``validate``: VALID), ``1`` the data are invalid, ``2`` a usage or
environment error (a wrong argument, a folder that is not a package, a missing extra, an
unknown or unreachable release, a file that cannot be read or written), ``3`` a bug in
sisterties (the line asks for a report; ``SISTERTIES_DEBUG=1`` shows the traceback).

>>> one_line("first\\nsecond")
'first second'
>>> extra_for("great_expectations")
'validate'
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from importlib import resources
from pathlib import Path

from .metadata.descriptor import DESCRIPTOR, bundled_root

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
EXTRAS = {"frictionless": "validate", "pandera": "validate", "great_expectations": "validate", "pyarrow": "validate",
          "polars": "polars", "openpyxl": "build", "build": "build"}


class UsageError(Exception):
    """A mistake in how a command was called, or an environment it cannot work in (exit 2)."""


class Parser(argparse.ArgumentParser):
    """argparse, but a wrong argument is one line (not the usage block) and exit 2."""

    def error(self, message):
        raise UsageError(f"{message} (see {self.prog} --help)")


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def extra_for(module: str) -> str:
    return EXTRAS.get(module.split(".")[0], "validate")


def require(modules: list[str] | tuple[str, ...], what: str, extra: str | None = None) -> None:
    """Refuse (exit 2) when a module ``what`` needs is not installed, naming the extra that brings it."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        extra = extra or extra_for(missing[0])
        raise UsageError(f"{what} needs {', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} not installed: "
                         f"pip install 'sisterties[{extra}]'")


def installed_copy() -> Path | None:
    """The package folder installed inside the sisterties wheel (``sisterties/_data``), if this is a wheel install."""
    data = Path(str(resources.files("sisterties"))) / "_data"
    return data if (data / DESCRIPTOR).is_file() else None


def package_root(path: str | None, installed: bool = False, writes: bool = False) -> Path:
    """The package folder a command works on: PATH, else this folder; the installed copy only with ``--installed``.

    A folder without ``datapackage.json`` is refused; a command that writes never gets the installed copy."""
    if installed:
        if path:
            raise UsageError("give a package folder or --installed, not both")
        if writes:
            raise UsageError("the copy installed with sisterties is never written to, and this command writes: "
                             "give the package folder of a clone of the repository")
        return bundled_root()
    folder = Path(path) if path else Path.cwd()
    here = "" if path else " (this folder)"
    if not folder.exists():
        raise UsageError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise UsageError(f"{folder} is a file: give the package folder that holds {DESCRIPTOR}")
    if not (folder / DESCRIPTOR).is_file():
        hint = ", or --installed for the copy installed with sisterties" if not writes else ""
        raise UsageError(f"no {DESCRIPTOR} in {folder}{here}: give the package folder (a clone of the repository "
                         f"or an unpacked release){hint}")
    copy = installed_copy()
    if writes and copy is not None and folder.resolve() == copy.resolve():
        raise UsageError(f"{folder} is the copy installed with sisterties, which no command writes to: "
                         "work in a clone of the repository")
    return folder


def run(func, args) -> int:
    """Run a subcommand; turn every known kind of failure into one line on stderr and its exit code."""
    from .curate.sources_add import SourceRefused
    from .loader.fetch import ReleaseError
    from .metadata.descriptor import PackageError
    from .release.build import ReleaseBuildError
    from .release.tracked import ReleaseFilesError

    try:
        status = func(args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:  # the reader went away (`sisterties coverage --pairs | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return _say("interrupted", 130)
    except (UsageError, ReleaseError, ReleaseBuildError, ReleaseFilesError, SourceRefused) as err:
        return _say(str(err), EXIT_USAGE)
    except PackageError as err:  # datapackage.json or a Table Schema cannot be read: the package is invalid
        return _say(f"{err} (run `sisterties validate` on the folder for the full report)", EXIT_INVALID)
    except UnicodeDecodeError as err:  # a data file that is not UTF-8: the package is invalid
        return _say(f"a file is not UTF-8 text ({err.reason} at byte {err.start}): run `sisterties validate` on the "
                    "package folder to see which", EXIT_INVALID)
    except ImportError as err:
        if os.environ.get("SISTERTIES_DEBUG"):
            raise
        name = err.name or "a module"
        return _say(f"{name} is not installed (needed here): pip install 'sisterties[{extra_for(name)}]'", EXIT_USAGE)
    except OSError as err:
        if os.environ.get("SISTERTIES_DEBUG"):
            raise
        where = f"{err.filename}: " if err.filename else ""
        return _say(f"{where}{err.strerror or err}", EXIT_USAGE)
    except Exception as err:  # a bug: still one line, with a way to see more
        if os.environ.get("SISTERTIES_DEBUG"):
            raise
        return _say(f"internal error ({type(err).__name__}: {err}); this is a bug in sisterties: please report it with the "
                    "command you ran (SISTERTIES_DEBUG=1 shows the traceback)", EXIT_BUG)


def _say(message: str, status: int) -> int:
    print(f"sisterties: {one_line(message)}", file=sys.stderr)
    return status
