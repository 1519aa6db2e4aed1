#!/usr/bin/env python
"""Benchmark the RDSR import: files/s for CT and RF reports, next to pydicom's own read time.

    python bench/import_rdsr.py [--ct 300] [--rf 60] [--databases sqlite,postgres] [--workers 1,2]

Builds N copies with fresh UIDs of the CT and RF reports in ../shared/dicom (with the shared tool
make_corpus.py when present, else by rewriting the UIDs with pydicom), then imports each corpus into a
new database in a child process (SQLite file, or the PostgreSQL database ``openrem_bench_rdsr`` on
POSTGRES_URL, default postgres://postgres@127.0.0.1:5432) with 1 and 2 worker processes.

"pydicom read" is pydicom alone on the same files: ``dcmread`` (lazy: sequences left undecoded) and
``dcmread`` plus decoding every element (what reading the whole report with pydicom costs). Rates are given
per wall-clock second and, for one process, per CPU second of that process (steadier on a shared machine);
``import/read`` compares the import's CPU time with the full pydicom read's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
CORPUS = CHECKOUT.parent / "shared" / "dicom"
MAKE_CORPUS = CHECKOUT.parent / "shared" / "tools" / "make_corpus.py"
KINDS = {"CT": ("CT-RDSR-*.dcm", "CT-ESR-GE*.dcm"), "RF": ("RF-*.dcm",)}
PG_DATABASE = "openrem_bench_rdsr"


def _sources(kind: str, folder: Path) -> Path:
    folder.mkdir(parents=True)
    for pattern in KINDS[kind]:
        for path in sorted(CORPUS.glob(pattern)):
            (folder / path.name).symlink_to(path)
    return folder


def _rewrite_uids(source: Path, target: Path, count: int) -> None:
    """Fallback without make_corpus.py: fresh study/series/SOP and UIDREF values, per copy."""
    import pydicom
    from pydicom.uid import generate_uid

    sources = sorted(source.iterdir())
    for number in range(count):
        ds = pydicom.dcmread(sources[number % len(sources)])
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.SOPInstanceUID = generate_uid(), generate_uid(), generate_uid()
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        for item in ds.iterall():
            if item.keyword == "UID" and item.VR == "UI":
                item.value = generate_uid()
        ds.save_as(target / f"{number:06d}.dcm")


def build_corpus(kind: str, count: int, work: Path) -> Path:
    """``count`` copies with fresh UIDs of the corpus files of ``kind``."""
    source = _sources(kind, work / f"src-{kind}")
    target = work / f"corpus-{kind}"
    target.mkdir()
    if MAKE_CORPUS.is_file():
        command = [sys.executable, str(MAKE_CORPUS), "--src", str(source), "--out", str(target), "-n", str(count)]
        subprocess.run([*command, "--seed", "1", "--end-date", "20251125"], check=True, capture_output=True)
    else:
        _rewrite_uids(source, target, count)
    return target


def pydicom_read_times(folder: Path) -> tuple[float, float]:
    """Seconds for pydicom to read every file: lazily, and decoding every element."""
    import pydicom

    files = sorted(folder.iterdir())
    started = time.process_time()
    for path in files:
        pydicom.dcmread(path, stop_before_pixels=True)
    lazy = time.process_time() - started
    started = time.process_time()
    for path in files:
        for _ in pydicom.dcmread(path, stop_before_pixels=True).iterall():
            pass
    full = time.process_time() - started
    return lazy, full


def _postgres_url(base: str) -> str:
    import psycopg2

    connection = psycopg2.connect(f"{base}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {PG_DATABASE}")
    connection.close()
    return f"{base}/{PG_DATABASE}"


def run_child(folder: Path, database: str, workers: int, work: Path, pg_base: str) -> dict:
    """Import the folder in a fresh process and database; returns the child's JSON report."""
    home = Path(tempfile.mkdtemp(prefix="bench-home-", dir=work))
    url = _postgres_url(pg_base) if database == "postgres" else f"sqlite:///{home / 'bench.sqlite3'}"
    env = {**os.environ, "OPENREM_HOME": str(home), "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
    env["DJANGO_SETTINGS_MODULE"] = "openremproject.settings"
    command = [sys.executable, __file__, "--child", str(folder), "--child-workers", str(workers)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=CHECKOUT)
    if result.returncode != 0:
        raise SystemExit(f"child failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def child(folder: Path, workers: int) -> None:
    """In the child: migrate (not timed), then import every file and print the figures as JSON."""
    sys.path.insert(0, str(CHECKOUT))
    from scripts._cli import _outcomes, setup_django

    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    files = sorted(folder.iterdir())
    started = time.perf_counter()
    cpu_started = time.process_time()
    outcomes = list(_outcomes(files, workers, False))
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started  # this process only: meaningful for one worker
    statuses = [outcome.status.value for outcome in outcomes]
    report = {s: statuses.count(s) for s in ("imported", "duplicate", "rejected")}
    reasons = [outcome.line() for outcome in outcomes if outcome.status.value == "rejected"][:3]
    print(json.dumps({"files": len(files), "seconds": seconds, "cpu": cpu_seconds, "reasons": reasons, **report}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ct", type=int, default=300, help="CT copies")
    parser.add_argument("--rf", type=int, default=60, help="RF copies")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--postgres", default=os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.child_workers)
        return
    work = Path(tempfile.mkdtemp(prefix="bench-import-rdsr-"))
    try:
        print(
            f"{'kind':<4} {'files':>5} {'database':<9} {'workers':>7} {'import/s':>9} {'import/cpu-s':>12} "
            f"{'read lazy/cpu-s':>15} {'read full/cpu-s':>15} {'import/read':>11}"
        )
        for kind, count in (("CT", args.ct), ("RF", args.rf)):
            if not count:
                continue
            folder = build_corpus(kind, count, work)
            lazy, full = pydicom_read_times(folder)
            for database in args.databases.split(","):
                for workers in (int(w) for w in args.workers.split(",")):
                    report = run_child(folder, database, workers, work, args.postgres)
                    rate = report["files"] / report["seconds"]
                    cpu_rate = f"{report['files'] / report['cpu']:>12.1f}" if workers == 1 else f"{'-':>12}"
                    ratio = f"{report['cpu'] / full:>10.2f}x" if workers == 1 else f"{'-':>11}"
                    note = "" if report["rejected"] == 0 else f"  ({report['rejected']} rejected)"
                    print(
                        f"{kind:<4} {report['files']:>5} {database:<9} {workers:>7} {rate:>9.1f} {cpu_rate} "
                        f"{count / lazy:>15.1f} {count / full:>15.1f} {ratio}{note}",
                        flush=True,
                    )
                    for reason in report["reasons"]:
                        print(f"     rejected: {reason}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
