#!/usr/bin/env python
"""Import X-Ray Radiation Dose Structured Reports (CT, fluoroscopy, radiography, mammography).

    openrem_rdsr.py [-r] [--queue] [--workers N] [--delete] FILE|DIR|PATTERN ...

Works installed (console script) and straight from a checkout (python scripts/openrem_rdsr.py ...).
"""

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file from a checkout: make ``scripts`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts._cli import run_import_cli  # noqa: E402

DESCRIPTION = (
    "Import radiation dose structured reports (and GE Enhanced SR dose reports). "
    "Files that are not dose reports are rejected with the reason; nothing is half-stored."
)


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the exit status (1 if any file was rejected)."""
    return run_import_cli(argv, prog="openrem_rdsr.py", description=DESCRIPTION, kinds=("rdsr",))


if __name__ == "__main__":
    sys.exit(main())
