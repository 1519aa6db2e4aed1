#!/usr/bin/env python
"""Benchmark the SR content tree readers: the fast reader (remapp.dicom.fast_sr) against the pydicom path.

    python bench/sr_reader.py [--repeat 5] [--synthetic 0]

For every SR file in ../shared/dicom and ../shared/dicom/nm (and, with --synthetic N, N synthetic CT and
fluoroscopy reports from remapp.synthetic), reads the file with read_dicom_file, then times
``read_content_tree(dataset, fast=True)`` and ``read_content_tree(dataset, fast=False)`` on fresh datasets,
--repeat times each, keeping the fastest run. Times are CPU seconds of this process (steadier than wall time on a
shared machine). "pydicom both" marks files the fast reader leaves to pydicom (their ContentSequence has an
undefined length, so pydicom decodes it while reading the file). No Django needed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
CORPUS = CHECKOUT.parent / "shared" / "dicom"
SR_CLASS_PREFIX = "1.2.840.10008.5.1.4.1.1.88."


def _fastest(path: Path, fast: bool, repeat: int) -> tuple[float, int, bool]:
    """Fastest CPU seconds to build the tree, its number of items, and whether the fast reader read it."""
    from remapp.dicom import fast_sr
    from remapp.dicom.content import read_content_tree, text_encodings
    from remapp.dicom.reader import read_dicom_file

    best = float("inf")
    for _ in range(repeat):
        dataset = read_dicom_file(path)  # fresh: the pydicom path decodes the dataset in place
        started = time.process_time()
        tree = read_content_tree(dataset, fast=fast)
        best = min(best, time.process_time() - started)
    dataset = read_dicom_file(path)
    used = fast_sr.read_content_items_fast(dataset, text_encodings(dataset)) is not None
    return best, sum(1 for _ in tree.walk()), used


def sr_files() -> list[Path]:
    import pydicom

    files = sorted(CORPUS.glob("*.dcm")) + sorted((CORPUS / "nm").glob("*.dcm"))
    return [
        path
        for path in files
        if str(pydicom.dcmread(path, stop_before_pixels=True, specific_tags=["SOPClassUID"]).SOPClassUID).startswith(
            SR_CLASS_PREFIX
        )
    ]


def synthetic_files(count: int, folder: Path) -> list[Path]:
    """``count`` synthetic reports, alternately CT (2 to 12 events) and fluoroscopy (6 to 60 events)."""
    from remapp.synthetic import ct_rdsr, rf_rdsr, write

    files = []
    for number in range(count):
        if number % 2:
            dataset = rf_rdsr(n_events=6 + number % 55, seed=number)
        else:
            dataset = ct_rdsr(n_events=2 + number % 11, seed=number)
        path = folder / f"synthetic-{number:04d}.dcm"
        write(dataset, path)
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per file and reader (the fastest is kept)")
    parser.add_argument("--synthetic", type=int, default=0, help="also time N synthetic reports")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"vendor DICOM corpus not found at {CORPUS}")
    sys.path.insert(0, str(CHECKOUT))
    print(f"{'file':42} {'items':>6} {'fast ms':>9} {'pydicom ms':>11} {'ratio':>6}")
    totals = {group: [0.0, 0.0, 0] for group in ("corpus, fast reader", "corpus, pydicom both", "synthetic")}
    with tempfile.TemporaryDirectory(prefix="bench-sr-") as work:
        files = [("corpus", path) for path in sr_files()]
        files += [("synthetic", path) for path in synthetic_files(args.synthetic, Path(work))]
        for group, path in files:
            fast, items, used = _fastest(path, True, args.repeat)
            slow, _, _ = _fastest(path, False, args.repeat)
            if group == "corpus":
                group = "corpus, fast reader" if used else "corpus, pydicom both"
            totals[group][0] += fast
            totals[group][1] += slow
            totals[group][2] += 1
            if group != "synthetic":
                note = "" if used else "  pydicom both"
                print(f"{path.name[:42]:42} {items:6d} {fast * 1e3:9.2f} {slow * 1e3:11.2f} {slow / fast:6.1f}{note}")
    for group, (fast, slow, count) in totals.items():
        if count:
            print(f"{group}: {count} files, fast {fast:.3f} s, pydicom {slow:.3f} s, ratio {slow / fast:.1f}")


if __name__ == "__main__":
    main()
