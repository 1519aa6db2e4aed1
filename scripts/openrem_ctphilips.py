#!/usr/bin/env python
"""Import Philips CT dose-info screens (Brilliance, Gemini secondary captures).

    openrem_ctphilips.py [-r] [--queue] [--workers N] [--delete] FILE|DIR|PATTERN ...

Works installed (console script) and straight from a checkout (python scripts/openrem_ctphilips.py ...).
"""

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file from a checkout: make ``scripts`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts._cli import run_import_cli  # noqa: E402

DESCRIPTION = (
    "Import the per-series CT dose data that Philips scanners put in the header of their dose-info "
    "screen. Any other file (other secondary captures, dose reports, images) is rejected naming what it is: "
    "openrem_import.py takes every kind."
)


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the exit status (1 if any file was rejected)."""
    return run_import_cli(argv, prog="openrem_ctphilips.py", description=DESCRIPTION, kinds=("ct_philips",))


if __name__ == "__main__":
    sys.exit(main())
