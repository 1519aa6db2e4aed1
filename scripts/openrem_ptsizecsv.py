#!/usr/bin/env python
"""Import patient heights (cm) and weights (kg) from a RIS CSV file into the matching OpenREM studies.

    openrem_ptsizecsv.py [-h] [-u|--si-uid] [-v] csvfile id height weight

Works installed (console script) and straight from a checkout (python scripts/openrem_ptsizecsv.py ...).
"""

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file from a checkout: make ``scripts`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts._cli import database_ready, make_importable  # noqa: E402


def build_parser() -> argparse.ArgumentParser:
    from remapp import __version__

    parser = argparse.ArgumentParser(
        prog="openrem_ptsizecsv.py",
        description=(
            "Add patient heights (cm) and weights (kg) from a RIS CSV file to the matching studies. "
            "A height or weight already stored is never overwritten; the first row for a study wins."
        ),
        epilog='Example: openrem_ptsizecsv.py ris.csv "Accession No" "Height (cm)" "" (no weight column)',
    )
    parser.add_argument("-u", "--si-uid", action="store_true", help="the id column holds Study Instance UIDs")
    parser.add_argument("-v", "--verbose", action="store_true", help="print what happened to each row")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("csvfile", help="the CSV file (UTF-8, first row holds the column titles)")
    parser.add_argument("id", help="title of the column with the accession number (or Study Instance UID with -u)")
    parser.add_argument("height", help='title of the height column in cm, or "" if there is none')
    parser.add_argument("weight", help='title of the weight column in kg, or "" if there is none')
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the import; 0 when the file was applied, 1 when it was refused, 2 when the database is not ready."""
    make_importable()
    args = build_parser().parse_args(argv)
    if not database_ready("openrem_ptsizecsv.py", sys.stderr):
        return 2
    from remapp.ptsize import IdType, PatientSizeCsvError, apply_size_table, read_size_table

    path = Path(args.csvfile)
    if not path.is_file():
        print(f"{args.csvfile}: no such file", file=sys.stderr)
        return 1
    try:
        table = read_size_table(path, args.id, args.height, args.weight, name=args.csvfile)
    except PatientSizeCsvError as error:
        print(error, file=sys.stderr)
        return 1
    id_type = IdType.STUDY_UID if args.si_uid else IdType.ACCESSION
    from django.utils import timezone

    from remapp.models import PatientSizeImport, TaskState

    # Recorded like a web upload, so the studies can name the file their RIS values came from.
    job = PatientSizeImport.objects.create(
        state=TaskState.RUNNING,
        started_at=timezone.now(),
        original_file_name=path.name[-255:],
        id_column=args.id,
        id_type=id_type.value,
        height_column=args.height,
        weight_column=args.weight,
        progress="Run from the command line",
    )
    on_row = (lambda outcome: print(outcome.line())) if args.verbose else None
    summary = apply_size_table(table, id_type, on_row=on_row, import_id=job.pk)
    PatientSizeImport.objects.filter(pk=job.pk).update(
        state=TaskState.COMPLETE,
        finished_at=timezone.now(),
        done_count=summary.rows_done,
        total_count=summary.total_rows,
        progress=f"Run from the command line: {summary.short()}",
    )
    for line in summary.lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
