#!/usr/bin/env python
"""Import any supported DICOM dose object: RDSRs, mammography, DX/CR images, Philips CT dose screens.

    openrem_import.py [-r] [--queue] [--workers N] [--delete] FILE|DIR|PATTERN ...

Works installed (console script) and straight from a checkout (python scripts/openrem_import.py ...).
"""

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file from a checkout: make ``scripts`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts._cli import run_import_cli  # noqa: E402

DESCRIPTION = (
    "Import any supported DICOM dose object, recognised by its SOP class and content: radiation dose SRs,"
    " mammography and radiography images, Philips CT dose screens and Hologic tomosynthesis projection "
    "objects. Unsupported files are rejected with the reason; nothing is half-stored."
)


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the exit status (1 if any file was rejected)."""
    return run_import_cli(argv, prog="openrem_import.py", description=DESCRIPTION)


if __name__ == "__main__":
    sys.exit(main())
