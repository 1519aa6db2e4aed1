#!/usr/bin/env python
"""Import mammography images (GE Senographe, Hologic Selenia and its tomosynthesis projection objects, Siemens).

    openrem_mg.py [-r] [--queue] [--workers N] [--delete] FILE|DIR|PATTERN ...

Works installed (console script) and straight from a checkout (python scripts/openrem_mg.py ...).
"""

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file from a checkout: make ``scripts`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts._cli import run_import_cli  # noqa: E402

DESCRIPTION = (
    "Import the dose data in mammography image headers: each image is one exposure of its study. For "
    "Processing and For Presentation copies of one exposure count once. Any other file (a dose report, a "
    "radiography image, ...) is rejected naming what it is: openrem_import.py takes every kind."
)


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the exit status (1 if any file was rejected)."""
    return run_import_cli(argv, prog="openrem_mg.py", description=DESCRIPTION, kinds=("mg",))


if __name__ == "__main__":
    sys.exit(main())
