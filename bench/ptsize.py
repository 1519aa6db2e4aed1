"""Benchmark the patient-size import: a 60,000-row RIS CSV against 60,000 studies on PostgreSQL (target < 30 s).

    .venv/bin/python bench/ptsize.py [--rows 60000] [--database-url postgres://postgres@127.0.0.1:5432/openrem_ptsizebench]

The database named in the URL is dropped and created afresh, migrated, filled with bulk_create, and dropped again
at the end (unless --keep). The import runs through remapp.ptsize.runner.run_import, the body of the Celery task,
so the figure includes reading and checking the file, the batched look-ups and updates, and writing the log.
"""

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

CHECKOUT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/openrem_ptsizebench"


def recreate_database(url: str) -> None:
    """Drop and create the benchmark database (connecting to the server's 'postgres' database to do it)."""
    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def drop_database(url: str) -> None:
    import psycopg2
    from django.db import connections

    connections.close_all()
    parts = urlparse(url)
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')
    connection.close()


def make_studies(count: int, already_sized_every: int) -> None:
    """``count`` studies with a Patient Study row each; every n-th already has a RIS height and weight."""
    from decimal import Decimal

    from remapp.models import GeneralStudy, PatientStudy

    studies = [
        GeneralStudy(study_instance_uid=f"1.2.826.0.1.3680043.9.7777.{number}", accession_number=f"ACC{number:07d}")
        for number in range(count)
    ]
    GeneralStudy.objects.bulk_create(studies, batch_size=5000)
    by_accession = dict(GeneralStudy.objects.values_list("accession_number", "pk"))
    patient_studies = []
    for number in range(count):
        sized = number % already_sized_every == 0
        patient_studies.append(
            PatientStudy(
                study_id=by_accession[f"ACC{number:07d}"],
                patient_height_cm_ris=Decimal("150.00") if sized else None,
                patient_weight_kg_ris=Decimal("50.00") if sized else None,
            )
        )
    PatientStudy.objects.bulk_create(patient_studies, batch_size=5000)


def write_csv(path: Path, rows: int, seed: int = 7) -> None:
    """A RIS-like export: shuffled rows, extra columns, titles with spaces, a few bad and missing values."""
    generator = random.Random(seed)
    numbers = list(range(rows))
    generator.shuffle(numbers)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Patient name", "Accession No", "Study date", "Height (cm)", "Weight (kg)", "Comment"])
        for number in numbers:
            height = f"{generator.uniform(140, 200):.1f}"
            weight = f"{generator.uniform(40, 130):.1f}"
            if number % 100 == 1:
                height = f"{generator.uniform(1.4, 2.0):.2f}"  # metres: logged, not stored
            if number % 100 == 2:
                weight = ""
            writer.writerow(["Anon", f"ACC{number:07d}", "20260101", height, weight, "routine"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=60_000, help="rows in the CSV and studies in the database")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="openrem-ptsizebench-")
    os.environ.update(
        DATABASE_URL=args.database_url, OPENREM_HOME=home, DJANGO_SETTINGS_MODULE="openremproject.settings"
    )
    sys.path.insert(0, str(CHECKOUT))
    recreate_database(args.database_url)

    import django

    django.setup()
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    from remapp.models import PatientSizeImport, PatientStudy
    from remapp.ptsize.runner import run_import

    try:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        make_studies(args.rows, already_sized_every=10)
        print(f"Created {args.rows:,} studies with bulk_create in {time.perf_counter() - started:.1f} s")

        csv_path = Path(home) / "ris.csv"
        write_csv(csv_path, args.rows)
        with csv_path.open("rb") as handle:
            stored = default_storage.save("patient_size_csv/bench.csv", handle)
        print(f"CSV: {args.rows:,} rows, {csv_path.stat().st_size / 1e6:.1f} MB")
        job = PatientSizeImport.objects.create(
            csv_file=stored,
            original_file_name="ris.csv",
            task_id="bench",
            id_column="Accession No",
            id_type="accession",
            height_column="Height (cm)",
            weight_column="Weight (kg)",
        )

        started = time.perf_counter()
        run_import(job.pk)
        elapsed = time.perf_counter() - started

        job.refresh_from_db()
        heights = PatientStudy.objects.filter(patient_height_cm_ris__isnull=False).count()
        weights = PatientStudy.objects.filter(patient_weight_kg_ris__isnull=False).count()
        log_size = Path(default_storage.path(job.log_file.name)).stat().st_size
        print(f"Import state: {job.state}; {job.progress}")
        print(f"Studies with a RIS height: {heights:,}; with a RIS weight: {weights:,}")
        print(f"Log: {log_size / 1e6:.1f} MB, CSV left on the server: {default_storage.exists(stored)}")
        print(f"Import time: {elapsed:.2f} s ({args.rows / elapsed:,.0f} rows/s); target under 30 s")
    finally:
        if not args.keep:
            drop_database(args.database_url)


if __name__ == "__main__":
    main()
