"""Server time of the home page and every modality list page on a big PostgreSQL database.

    .venv/bin/python bench/web_lists.py --studies 1000000 [--runs 7]

Uses its own database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/openrem_webbench), migrates it,
tops it up to --studies with the openrem_benchdata command, then requests each page through Django's test
client (full middleware, view, queries and template) and prints the median, fastest and slowest times.
The home page is measured twice: cold (its cached per-source counts emptied before every request, as after
a new study arrives) and cached. Target: under 200 ms median for each page.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/openrem_webbench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openremproject.settings")
# No collectstatic step for a benchmark: plain static URLs instead of the hashed-name manifest.
os.environ.setdefault("STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from remapp.models import GeneralStudy  # noqa: E402

TARGET_MS = 200
# A text that matches a common study description of each modality in the benchmark data.
TEXT_FILTER = {"ct": "chest", "rf": "angio", "mg": "screening", "dx": "knee"}


def prepare(studies: int) -> None:
    """Migrate, top the database up to ``studies`` rows, vacuum and refresh planner statistics."""
    if connection.vendor != "postgresql":
        sys.exit(f"bench/web_lists.py measures PostgreSQL; DATABASE_URL points at {connection.vendor}")
    call_command("migrate", verbosity=0)
    have = GeneralStudy.objects.count()
    if have < studies:
        print(f"adding {studies - have} studies (have {have})", flush=True)
        call_command("openrem_benchdata", studies - have, batch=10000)
    # Fresh statistics and visibility map, as autovacuum would leave them on a settled database.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def pages() -> list[tuple[str, str, bool]]:
    """(name, url, cold): cold pages have the cache emptied before every request."""
    today = datetime.date.today()
    month_ago = (today - datetime.timedelta(days=30)).isoformat()
    cases = [("home (cold)", "/openrem/", True), ("home (cached)", "/openrem/", False)]
    for modality in ("ct", "rf", "mg", "dx"):
        cases += [
            (f"{modality} unfiltered", f"/openrem/{modality}/", True),
            (f"{modality} text", f"/openrem/{modality}/?study_description={TEXT_FILTER[modality]}", True),
            (f"{modality} date", f"/openrem/{modality}/?date_from={month_ago}&date_to={today.isoformat()}", True),
        ]
    return cases


def measure(client: Client, url: str, runs: int, cold: bool) -> tuple[list[float], int, int]:
    """Times (ms) of ``runs`` requests after one warm-up, the query count and the status code."""
    client.get(url)
    times = []
    for _ in range(runs):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
    return times, len(queries), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    prepare(options.studies)
    user, _ = get_user_model().objects.get_or_create(username="webbench", defaults={"is_superuser": True})
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    print(f"{GeneralStudy.objects.count():,} studies; {options.runs} runs per page after one warm-up")
    print(f"{'page':<18}{'median ms':>10}{'min ms':>9}{'max ms':>9}{'queries':>9}  status")
    slow = []
    for name, url, cold in pages():
        times, queries, status = measure(client, url, options.runs, cold)
        median = statistics.median(times)
        if median >= TARGET_MS or status != 200:
            slow.append(name)
        print(f"{name:<18}{median:>10.1f}{min(times):>9.1f}{max(times):>9.1f}{queries:>9}  {status}")
    print(f"target < {TARGET_MS} ms median: " + ("all met" if not slow else "missed by " + ", ".join(slow)))


if __name__ == "__main__":
    main()
