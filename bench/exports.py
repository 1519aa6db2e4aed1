"""Export benchmark: CT CSV and CT XLSX of 100,000 CT studies of 5 events each on PostgreSQL.

Usage (from the project root):

    .venv/bin/python bench/exports.py [--studies 100000] [--database-url postgres://.../openrem_exportbench]

Creates the database if needed and fills it once with bulk_create (reused on later runs with the same size),
then runs each export in a fresh child process and prints its time, studies/s and peak RSS. Last, it starts
a CT XLSX export through ``run_export``, asks it to abort after a few seconds and prints how long it took
to stop.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/openrem_exportbench"
EVENTS_PER_STUDY = 5
BATCH = 5000


def _ensure_database(url: str) -> None:
    import psycopg2

    name = url.rsplit("/", 1)[1]
    connection = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("OPENREM_HOME", tempfile.mkdtemp(prefix="openrem-exportbench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openremproject.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _fill(studies: int) -> None:
    """Create ``studies`` CT studies of 5 events (2 sources on the last) unless they are already there."""
    import datetime
    from decimal import Decimal

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from remapp.models import (
        CodedConcept,
        CtIrradiationEvent,
        CtRadiationDose,
        CtXRaySourceParameters,
        GeneralStudy,
        Patient,
        PatientStudy,
        UniqueEquipment,
    )

    call_command("migrate", verbosity=0)
    if GeneralStudy.objects.filter(modality="CT").count() == studies:
        return
    print(f"creating {studies:,} CT studies of {EVENTS_PER_STUDY} events ...", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE remapp_generalstudy, remapp_uniqueequipment CASCADE")
    spiral = CodedConcept.objects.get_or_create(
        code_value="116152004", coding_scheme_designator="SCT", code_meaning="Spiral Acquisition"
    )[0]
    stations = [
        UniqueEquipment.objects.create(
            manufacturer="Siemens",
            institution_name="General Hospital",
            station_name=f"CT{n}",
            manufacturer_model_name="SOMATOM",
            display_name=f"CT scanner {n}",
            identity_hash=f"bench-{n}",
        )
        for n in range(4)
    ]
    protocols = ["Head routine", "Chest", "Abdomen/Pelvis", "Topogram", "CT Angio [arterial]", "Spine"]
    descriptions = ["CT Head", "CT Chest", "CT Abdomen Pelvis", "CT Angio", "=formula-looking text"]
    base = timezone.make_aware(datetime.datetime(2024, 1, 1, 8, 0))
    for first in range(0, studies, BATCH):
        numbers = range(first, min(first + BATCH, studies))
        rows = []
        for n in numbers:
            when = base + datetime.timedelta(minutes=7 * n)
            rows.append(
                GeneralStudy(
                    study_instance_uid=f"1.2.826.0.1.3680043.9.{n}",
                    study_date=when.date(),
                    study_time=when.time(),
                    study_datetime=when,
                    accession_number=f"ACC{n:08d}",
                    study_description=descriptions[n % len(descriptions)],
                    requested_procedure=descriptions[(n + 1) % len(descriptions)],
                    modality="CT",
                    station=stations[n % len(stations)],
                    number_of_events=EVENTS_PER_STUDY,
                    total_dlp_mgycm=Decimal("512.5"),
                    max_ctdivol_mgy=Decimal("12.25"),
                )
            )
        created = GeneralStudy.objects.bulk_create(rows)
        PatientStudy.objects.bulk_create(
            PatientStudy(study=s, patient_age_years=Decimal(20 + s.pk % 60), patient_weight_kg=Decimal("72.5"))
            for s in created
        )
        Patient.objects.bulk_create(Patient(study=s, patient_sex="MF"[s.pk % 2]) for s in created)
        reports = CtRadiationDose.objects.bulk_create(CtRadiationDose(study=s) for s in created)
        events = []
        for report in reports:
            for e in range(EVENTS_PER_STUDY):
                events.append(
                    CtIrradiationEvent(
                        ct_radiation_dose=report,
                        study_id=report.study_id,
                        irradiation_event_uid=f"1.2.3.{report.study_id}.{e}",
                        acquisition_protocol=protocols[(report.study_id + e) % len(protocols)],
                        ct_acquisition_type=spiral,
                        exposure_time_s=Decimal("4.5"),
                        scanning_length_mm=Decimal("350.25"),
                        nominal_total_collimation_width_mm=Decimal("38.4"),
                        pitch_factor=Decimal("0.9"),
                        number_of_xray_sources=2 if e == EVENTS_PER_STUDY - 1 else 1,
                        mean_ctdivol_mgy=Decimal("12.25") + e,
                        dlp_mgycm=Decimal("102.5") + e,
                        sequence_number=e,
                    )
                )
        events = CtIrradiationEvent.objects.bulk_create(events)
        sources = []
        for event in events:
            for letter in "AB"[: event.number_of_xray_sources]:
                sources.append(
                    CtXRaySourceParameters(
                        ct_irradiation_event=event,
                        identification_of_xray_source=letter,
                        kvp=Decimal("120"),
                        xray_tube_current_ma=Decimal("210.5"),
                        maximum_xray_tube_current_ma=Decimal("300"),
                        exposure_time_per_rotation_s=Decimal("0.5"),
                    )
                )
        CtXRaySourceParameters.objects.bulk_create(sources)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"created in {time.perf_counter() - started:.0f} s", flush=True)


def _peak_rss_mb() -> float:
    # VmHWM, not getrusage: Linux carries ru_maxrss across exec, so a child would report its parent's peak.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _run_one(export_format: str) -> dict:
    """Child process: one CT export of every CT study; its time and this process's peak RSS."""
    from remapp.exports.registry import get_spec
    from remapp.exports.runner import write_export
    from remapp.interface.filters import filtered_studies

    spec = get_spec("ct", export_format)
    path = Path(tempfile.mkdtemp(prefix="exportbench-")) / f"ct.{export_format}"
    studies = filtered_studies("CT", "")
    started = time.perf_counter()
    cpu_started = time.process_time()
    written = write_export(spec, export_format, studies, path)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    size_mb = path.stat().st_size / 1e6
    path.unlink()
    return {
        "studies": written,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_rss_mb": _peak_rss_mb(),
        "file_mb": size_mb,
    }


def _run_abort() -> dict:
    """Child process: a CT XLSX export through run_export, aborted after 3 s; how long until it stopped."""
    from django.conf import settings

    from remapp import progress
    from remapp.exports.runner import run_export
    from remapp.models import Export

    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="exportbench-media-"))
    export = Export.objects.create(modality="ct", export_format="xlsx")
    asked = {}

    def abort_later():
        time.sleep(3)
        asked["at"] = time.perf_counter()
        progress.request_abort(Export, export.pk)

    thread = threading.Thread(target=abort_later)
    thread.start()
    run_export(export.pk)
    stopped = time.perf_counter()
    thread.join()
    export.refresh_from_db()
    return {"state": export.state, "progress": export.progress, "stop_seconds": stopped - asked["at"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=100_000)
    parser.add_argument("--database-url", default=os.environ.get("EXPORTBENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--child", choices=["csv", "xlsx", "abort"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _setup_django(args.database_url)
        result = _run_abort() if args.child == "abort" else _run_one(args.child)
        print(json.dumps(result))
        return
    _ensure_database(args.database_url)
    _setup_django(args.database_url)
    _fill(args.studies)
    print(f"database: {args.database_url}  studies: {args.studies:,} x {EVENTS_PER_STUDY} events")
    for child in ("csv", "xlsx", "abort"):
        command = [sys.executable, __file__, "--child", child, "--database-url", args.database_url]
        output = subprocess.run(command, check=True, capture_output=True, text=True, env=os.environ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        if child == "abort":
            print(
                f"abort: CT XLSX asked to stop after 3 s, stopped {result['stop_seconds']:.2f} s later, "
                f"state {result['state']} ({result['progress']})"
            )
            continue
        rate = result["studies"] / result["seconds"]
        print(
            f"CT {child.upper():4}: {result['studies']:,} studies in {result['seconds']:.1f} s = "
            f"{rate:,.0f} studies/s, "
            f"peak RSS {result['peak_rss_mb']:.0f} MB, file {result['file_mb']:.0f} MB "
            f"(export process CPU {result['cpu_seconds']:.1f} s; load average {os.getloadavg()[0]:.1f})"
        )


if __name__ == "__main__":
    main()
