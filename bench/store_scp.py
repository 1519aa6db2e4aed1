"""Store node benchmark: N synthetic CT dose reports sent by dcmtk storescu, stored and imported end to end.

Usage (from the project root):

    .venv/bin/python bench/store_scp.py [--reports 200] [--events 4] [--worker [--concurrency N]] [--database-url URL]

Generates N distinct CT RDSRs with remapp.synthetic (not timed), starts the store node on a free loopback
port, then times one storescu association sending all N files, until every report has been imported.
The import runs eagerly on the node's bookkeeping thread (default), or with --worker in a real Celery
worker process fed through the configured broker (filesystem by default). The database is SQLite in a
throwaway OPENREM_HOME unless --database-url is given (use a scratch database: the run adds its studies).
Prints the store-only and end-to-end rates.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200, help="number of CT dose reports to send")
    parser.add_argument("--events", type=int, default=4, help="irradiation events per report")
    parser.add_argument("--worker", action="store_true", help="import in a Celery worker process, not eagerly")
    parser.add_argument("--concurrency", type=int, default=1, help="worker processes (1: solo pool, else prefork)")
    parser.add_argument("--database-url", default="", help="database to use (default: SQLite in a temp folder)")
    return parser.parse_args()


def _setup_django(home: Path, args: argparse.Namespace) -> None:
    os.environ["OPENREM_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "openremproject.settings"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false" if args.worker else "true"
    os.environ["LOG_LEVEL"] = "WARNING"
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _generate(folder: Path, reports: int, events: int) -> list[Path]:
    from remapp.synthetic import ct_rdsr, write

    folder.mkdir()
    run = time.time_ns()
    paths = []
    for index in range(reports):
        path = folder / f"ct_{index:05d}.dcm"
        # A seed of this run's own, so the reports are new even in a database that kept an earlier run.
        write(ct_rdsr(n_events=events, seed=f"store-bench-{run}-{index}"), path)
        paths.append(path)
    return paths


def _start_worker(concurrency: int) -> subprocess.Popen:
    pool = ["--pool=solo"] if concurrency == 1 else ["--pool=prefork", f"--concurrency={concurrency}"]
    command = [str(ROOT / ".venv/bin/celery"), "-A", "openremproject", "worker", *pool, "--loglevel=WARNING"]
    worker = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL)
    from remapp.models import WorkerHeartbeat
    from remapp.tasks import ping

    ping.delay("store-bench")
    deadline = time.monotonic() + 120
    while not WorkerHeartbeat.objects.filter(marker="store-bench").exists():
        if time.monotonic() > deadline or worker.poll() is not None:
            worker.kill()
            raise SystemExit("the Celery worker did not answer a ping within 120 s")
        time.sleep(0.2)
    return worker


def _finished_count(node_id: int) -> int:
    from remapp.models import StoreNode

    node = StoreNode.objects.get(pk=node_id)
    return node.imported_count + node.duplicate_count + node.rejected_count


def main() -> None:
    args = _parse()
    home = Path(tempfile.mkdtemp(prefix="openrem-store-bench-"))
    _setup_django(home, args)
    from remapp.models import CtIrradiationEvent, GeneralStudy, StoreNode
    from remapp.netdicom.config import StoreNodeConfig
    from remapp.netdicom.server import StoreNodeServer

    started = time.perf_counter()
    paths = _generate(home / "generated", args.reports, args.events)
    print(f"generated {len(paths)} CT RDSRs ({args.events} events each) in {time.perf_counter() - started:.1f} s")
    studies_before, events_before = GeneralStudy.objects.count(), CtIrradiationEvent.objects.count()
    worker = _start_worker(args.concurrency) if args.worker else None
    config = StoreNodeConfig(port=0, bind_address="127.0.0.1", holding_folder=home / "holding", heartbeat_seconds=0.5)
    server = StoreNodeServer(config)
    server.start()
    try:
        started = time.perf_counter()
        sent = subprocess.run(
            ["storescu", "-aec", config.ae_title, "127.0.0.1", str(server.port), *map(str, paths)],
            capture_output=True,
            text=True,
        )
        stored = time.perf_counter() - started
        if sent.returncode != 0:
            raise SystemExit(f"storescu failed: {sent.stderr.strip()}")
        deadline = time.monotonic() + 30 + 2 * args.reports
        while _finished_count(server.node.pk) < len(paths) and time.monotonic() < deadline:
            time.sleep(0.05)
        end_to_end = time.perf_counter() - started
    finally:
        server.stop()
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
    node = StoreNode.objects.get(pk=server.node.pk)
    pool = "solo pool" if args.concurrency == 1 else f"prefork pool of {args.concurrency}"
    mode = f"Celery worker ({pool})" if args.worker else "eager, on the store node's bookkeeping thread"
    from django.db import connection

    print(f"import: {mode}; database: {connection.vendor}")
    print(
        f"received {node.received_count}, imported {node.imported_count}, duplicate {node.duplicate_count}, "
        f"rejected {node.rejected_count}"
    )
    new_studies = GeneralStudy.objects.count() - studies_before
    print(f"new studies {new_studies}, new CT irradiation events {CtIrradiationEvent.objects.count() - events_before}")
    print(f"storescu finished sending in {stored:.2f} s: {len(paths) / stored:.1f} reports/s stored")
    print(f"all imported after {end_to_end:.2f} s: {len(paths) / end_to_end:.1f} reports/s end to end")
    if node.imported_count != len(paths):
        raise SystemExit("not every report was imported")


if __name__ == "__main__":
    main()
