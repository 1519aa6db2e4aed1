#!/usr/bin/env python
"""Benchmark: image-header import speed (files/s) next to the bare pydicom header read of the same files.

    python bench/import_images.py [--copies N] [--keep]

Makes N copies of every mammography and DX/CR image of the vendor corpus (../shared/dicom), each copy
with fresh Study, Series, SOP Instance and Irradiation Event UIDs (references remapped the same way, so a
For Processing / For Presentation pair stays a pair), then times, in this one process:

1. reading every file's header with pydicom (stop_before_pixels), and
2. importing every file through the router (parse, one transaction, totals and study summary).

The database is a fresh SQLite file in a temporary OPENREM_HOME unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
CORPUS = CHECKOUT.parent / "shared" / "dicom"
PATTERNS = ("MG-Im-*.dcm", "DX-Im-*.dcm")
_REMAPPED = ("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "IrradiationEventUID")


def _setup(home: Path) -> None:
    os.environ.setdefault("OPENREM_HOME", str(home))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openremproject.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(CHECKOUT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _remap(dataset, mapping: dict[str, str]) -> None:
    from pydicom.uid import generate_uid

    def fresh(old: str) -> str:
        if old not in mapping:
            mapping[old] = generate_uid()
        return mapping[old]

    for keyword in _REMAPPED:
        if keyword in dataset and dataset.data_element(keyword).value:
            dataset.data_element(keyword).value = fresh(str(dataset.data_element(keyword).value))
    for item in dataset.get("SourceImageSequence", []):
        for keyword in ("ReferencedSOPInstanceUID", "SOPInstanceUID"):
            if keyword in item:
                item.data_element(keyword).value = fresh(str(item.data_element(keyword).value))
    if "MediaStorageSOPInstanceUID" in dataset.file_meta:
        dataset.file_meta.MediaStorageSOPInstanceUID = dataset.SOPInstanceUID


def make_copies(folder: Path, copies: int) -> list[Path]:
    """N copies of each corpus image with fresh UIDs; the images of one original study stay one study per copy."""
    import pydicom

    sources = sorted({p for pattern in PATTERNS for p in CORPUS.glob(pattern)})
    if not sources:
        raise SystemExit(f"no corpus images found under {CORPUS}")
    paths = []
    for copy in range(copies):
        mapping: dict[str, str] = {}
        for source in sources:
            dataset = pydicom.dcmread(source)
            _remap(dataset, mapping)
            path = folder / f"{copy:05d}-{source.name}"
            dataset.save_as(path)
            paths.append(path)
    return paths


def time_header_reads(paths: list[Path]) -> tuple[float, float]:
    """(wall s, CPU s) to read every header."""
    import pydicom

    started, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        pydicom.dcmread(path, stop_before_pixels=True)
    return time.perf_counter() - started, time.process_time() - cpu


def time_imports(paths: list[Path]) -> tuple[float, float, Counter]:
    """(wall s, CPU s, outcome counts) to import every file."""
    from remapp.extractors.router import import_path

    counts: Counter = Counter()
    started, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        counts[import_path(str(path)).status.value] += 1
    return time.perf_counter() - started, time.process_time() - cpu, counts


def _line(label: str, n: int, wall: float, cpu: float) -> str:
    return (
        f"{label:<22} {wall:7.2f} s wall {n / wall:8.1f} files/s | "
        f"{cpu:7.2f} s CPU {n / cpu:8.1f} files/s ({1000 * cpu / n:.2f} ms/file)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50, help="copies of each corpus image (default 50)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (files and database)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="openrem-bench-images-"))
    _setup(work / "home")
    files = work / "files"
    files.mkdir()
    paths = make_copies(files, args.copies)
    from django.db import connection

    read_wall, read_cpu = time_header_reads(paths)
    import_wall, import_cpu, counts = time_imports(paths)
    n = len(paths)
    print(f"database: {connection.vendor}; {n} files ({args.copies} copies of {n // args.copies} corpus images)")
    print(
        f"load average (1 min): {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; wall time includes waiting for a CPU"
    )
    print(_line("pydicom header read", n, read_wall, read_cpu))
    print(_line("import, one process", n, import_wall, import_cpu))
    print("outcomes: " + ", ".join(f"{status} {count}" for status, count in sorted(counts.items())))
    if args.keep:
        print(f"kept: {work}")
    else:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
