#!/usr/bin/env python
"""Import radiography (DX and CR) images.

    openrem_dx.py [-r] [--queue] [--workers N] [--delete] FILE|DIR|PATTERN ...

Works installed (console script) and straight from a checkout (python scripts/openrem_dx.py ...).
"""

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file from a checkout: make ``scripts`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts._cli import run_import_cli  # noqa: E402

DESCRIPTION = (
    "Import the dose data in radiography (DX/CR) image headers: each image is one exposure of its study. "
    "Any other file (a dose report, a mammography image, ...) is rejected naming what it is: "
    "openrem_import.py takes every kind."
)


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the exit status (1 if any file was rejected)."""
    return run_import_cli(argv, prog="openrem_dx.py", description=DESCRIPTION, kinds=("dx",))


if __name__ == "__main__":
    sys.exit(main())
