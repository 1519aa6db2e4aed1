"""The shared command-line runner of every DICOM import script (openrem_rdsr.py, openrem_mg.py, ...).

Usage from a script (works installed as a console script and as ``python scripts/<name>.py``)::

    from scripts._cli import run_import_cli
    def main(argv=None) -> int:
        return run_import_cli(argv, prog="openrem_rdsr.py", description="Import radiation dose SRs.")

``run_import_cli`` first checks the database is migrated (if not, says what to run and exits 2), expands
wildcards itself (Windows shells do not), walks folders (``-r`` recursively), says which arguments gave no
file (an empty folder, a pattern matching nothing), imports each file through
``remapp.extractors.router.import_path`` in this process, in ``--workers N`` processes, or hands each file to
the task queue (``--queue``); shows a progress bar on a terminal only; prints one line per rejected file and a
summary line; exits 1 if any file was rejected or any argument gave no file.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

CHECKOUT = Path(__file__).resolve().parent.parent


def make_importable() -> None:
    """From a checkout, put the project folder on sys.path so remapp and openremproject import."""
    if (CHECKOUT / "remapp").is_dir() and str(CHECKOUT) not in sys.path:
        sys.path.insert(0, str(CHECKOUT))


def setup_django() -> None:
    """Configure Django (DJANGO_SETTINGS_MODULE defaults to openremproject.settings) once per process."""
    make_importable()
    import django
    from django.apps import apps

    if not apps.ready:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openremproject.settings")
        django.setup()


def expand_paths(arguments: Iterable[str], recursive: bool = False) -> tuple[list[Path], list[str]]:
    """Files named by the arguments, sorted and unique; and a line saying why for each argument that gave no file."""
    found: dict[Path, None] = {}
    problems: list[str] = []
    for argument in arguments:
        if glob.has_magic(argument):
            matches = [Path(p) for p in sorted(glob.glob(argument, recursive=recursive))]
        else:
            matches = [Path(argument)] if Path(argument).exists() else []
        files: list[Path] = []
        for match in matches:
            if match.is_dir():
                walker = match.rglob("*") if recursive else match.iterdir()
                files.extend(sorted(p for p in walker if p.is_file()))
            elif match.is_file():
                files.append(match)
        if not files:
            problems.append(f"{argument}: {_why_no_files(matches, recursive)}")
        for path in files:
            found.setdefault(path, None)
    return list(found), problems


def _why_no_files(matches: list[Path], recursive: bool) -> str:
    if not matches:
        return "no such file, folder or match"
    folders = [match for match in matches if match.is_dir()]
    if not recursive and any(p.is_file() for folder in folders for p in folder.rglob("*")):
        return "no files here, only in sub-folders (add -r to import those)"
    if len(matches) == 1 and folders:
        return "empty folder, no files to import"
    return "matches only empty folders, no files to import"


class Progress:
    """A one-line progress bar on a terminal; silent when the stream is not a TTY (logs, pipes, cron)."""

    def __init__(self, total: int, stream: TextIO, width: int = 30) -> None:
        self.total, self.stream, self.width = total, stream, width
        self.enabled = total > 0 and hasattr(stream, "isatty") and stream.isatty()
        self.done = 0

    def step(self, label: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        filled = self.width * self.done // self.total
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {label[-40:]:<40}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * (self.width + 90) + "\r")
            self.stream.flush()


def _import_one(path: str, delete_after_import: bool, kinds: tuple[str, ...] | None = None):
    from remapp.extractors.router import import_path

    return import_path(path, delete_after_import=delete_after_import, kinds=kinds)


def _init_worker() -> None:
    setup_django()
    from django.db import connections

    connections.close_all()  # never share a connection inherited from the parent process


def _outcomes(
    paths: list[Path], workers: int, delete_after_import: bool, kinds: tuple[str, ...] | None = None
) -> Iterator:
    if workers <= 1:
        for path in paths:
            yield _import_one(str(path), delete_after_import, kinds)
        return
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    from django.db import connections

    connections.close_all()
    chunk = max(1, min(16, len(paths) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        yield from pool.map(
            partial(_import_one, delete_after_import=delete_after_import, kinds=kinds), map(str, paths), chunksize=chunk
        )


def _queue(paths: list[Path], delete_after_import: bool, kinds: tuple[str, ...] | None, out: TextIO) -> int:
    from remapp.tasks import import_dicom_file

    for path in paths:
        import_dicom_file.delay(str(path.resolve()), delete_after_import, list(kinds) if kinds else None)
    out.write(f"queued {len(paths)} file{'s' if len(paths) != 1 else ''} for import\n")
    return 0


def database_ready(prog: str, err: TextIO) -> bool:
    """Set up Django and check the database is migrated; if not, one line on ``err`` saying what to run."""
    setup_django()
    from remapp.readiness import database_problem

    problem = database_problem()
    if problem:
        err.write(f"{prog}: {problem}\n")
    return problem is None


def build_parser(prog: str, description: str) -> argparse.ArgumentParser:
    """The arguments every import script takes."""
    from remapp import __version__

    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("paths", nargs="+", metavar="FILE|DIR|PATTERN", help="files, folders or wildcard patterns")
    parser.add_argument("-r", "--recursive", action="store_true", help="look into sub-folders (and ** in patterns)")
    parser.add_argument("--queue", action="store_true", help="hand each file to the task queue and return at once")
    parser.add_argument("--workers", type=int, default=1, metavar="N", help="import in N parallel processes")
    parser.add_argument("--delete", action="store_true", help="delete each file once imported (or a duplicate)")
    parser.add_argument("--version", action="version", version=f"%(prog)s (OpenREM) {__version__}")
    return parser


def run_import_cli(
    argv: list[str] | None,
    prog: str,
    description: str,
    out: TextIO | None = None,
    err: TextIO | None = None,
    kinds: tuple[str, ...] | None = None,
) -> int:
    """Parse ``argv`` and import; 0 if all went in, 1 if a file was rejected or a name gave none, 2 if none tried."""
    out = out or sys.stdout
    err = err or sys.stderr
    setup_django()
    args = build_parser(prog, description).parse_args(argv)
    if args.workers < 1:
        err.write(f"{prog}: --workers must be at least 1\n")
        return 2
    if not database_ready(prog, err):
        return 2
    paths, unmatched = expand_paths(args.paths, args.recursive)
    for line in unmatched:
        err.write(line + "\n")
    if args.queue:
        return _queue(paths, args.delete, kinds, out) or (1 if unmatched else 0)

    from remapp.extractors import Status

    started = time.perf_counter()
    counts: Counter = Counter()
    progress = Progress(len(paths), err)
    for outcome in _outcomes(paths, args.workers, args.delete, kinds):
        counts[outcome.status] += 1
        progress.step(Path(outcome.path).name)
        if outcome.status == Status.REJECTED:
            progress.close()
            err.write(outcome.line() + "\n")
    progress.close()
    elapsed = time.perf_counter() - started
    rate = f", {len(paths) / elapsed:.1f} files/s" if elapsed > 0 and paths else ""
    out.write(
        f"imported {counts[Status.IMPORTED]}, duplicates {counts[Status.DUPLICATE]}, "
        f"rejected {counts[Status.REJECTED] + len(unmatched)} in {elapsed:.1f} s{rate}\n"
    )
    return 1 if counts[Status.REJECTED] or unmatched else 0
