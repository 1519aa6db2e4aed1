"""Write the synthetic demo data set and import it through the real importers, so a newcomer sees real-looking data.

Several hospitals, several units per modality (CT RDSRs and Philips dose screens, fluoroscopy RDSRs, DX RDSRs
and images, mammography RDSRs and images), a few hundred studies per modality over the last months. The
UIDs come from the seed, so a second run imports nothing twice: its files are reported as duplicates.

A load is recorded in the data folder (OPENREM_HOME/demo_loaded.txt); with ``--once`` (what run.sh uses) the
demo is not loaded again into a data folder that has had it, so a demo study a user deleted stays deleted.
"""

import time
from collections import Counter, defaultdict
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from remapp.extractors import Status
from remapp.extractors.router import import_path
from remapp.management.base import DataCommand
from remapp.models import GeneralStudy
from remapp.synthetic.demo import MODALITIES, write_demo

LOADED_RECORD = "demo_loaded.txt"


class Command(DataCommand):
    help = "Write synthetic DICOM dose objects for several sites and units per modality, and import them."

    def add_arguments(self, parser):
        parser.add_argument("--studies-per-modality", type=int, default=200, help="studies per modality (200)")
        parser.add_argument("--seed", default="0", help="same seed, same studies and UIDs (0)")
        parser.add_argument("--folder", help="where the files are written (OPENREM_HOME/demo)")
        parser.add_argument("--days", type=int, default=180, help="studies spread over this many days before today")
        parser.add_argument(
            "--once", action="store_true", help="do nothing if the demo was loaded into this data folder before"
        )

    def handle(self, *args, studies_per_modality, seed, folder, days, once, **options):
        record = Path(settings.OPENREM_HOME) / LOADED_RECORD
        if once and record.is_file():
            self.stdout.write(
                f"Demo data already loaded into this data folder on {record.read_text().strip()}; not loading it "
                f"again (to load it anyway, delete {record} or run openrem_demo without --once)."
            )
            return
        if studies_per_modality < 0:
            raise CommandError("--studies-per-modality must be 0 or more")
        if days < 1:
            raise CommandError("--days must be 1 or more")
        folder = Path(folder) if folder else Path(settings.OPENREM_HOME) / "demo"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"cannot create the demo folder {folder}: {error}") from error
        self.stdout.write(f"Writing and importing {studies_per_modality} studies per modality into {folder} ...")
        started = time.monotonic()
        counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
        first_reason: dict[tuple[str, str], str] = {}
        for demo_file in write_demo(folder, studies_per_modality, seed, days=days):
            outcome = import_path(demo_file.path)
            key = (demo_file.modality, demo_file.kind)
            counts[key][outcome.status] += 1
            if outcome.status == Status.REJECTED:
                first_reason.setdefault(key, outcome.line())
        self._report(counts, first_reason, time.monotonic() - started)
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(
            f"{timezone.localtime():%Y-%m-%d %H:%M} (studies per modality: {studies_per_modality}, seed: {seed})\n"
        )

    def _report(self, counts, first_reason, seconds: float) -> None:
        self.stdout.write(f"{'modality':<9}{'kind':<24}{'files':>7}{'imported':>10}{'duplicate':>11}{'rejected':>10}")
        for (modality, kind), outcome in sorted(counts.items(), key=lambda item: MODALITIES.index(item[0][0])):
            self.stdout.write(
                f"{modality:<9}{kind:<24}{outcome.total():>7}{outcome[Status.IMPORTED]:>10}"
                f"{outcome[Status.DUPLICATE]:>11}{outcome[Status.REJECTED]:>10}"
            )
        for key, line in sorted(first_reason.items()):
            self.stderr.write(f"{key[0]} {key[1]} files were rejected, e.g. {line}")
        files = sum(outcome.total() for outcome in counts.values())
        self.stdout.write(f"{files} files in {seconds:.1f} s ({files / seconds if seconds else 0:.0f} files/s).")
        in_database = Counter(GeneralStudy.objects.values_list("modality", flat=True))
        summary = ", ".join(f"{modality} {in_database.get(modality, 0)}" for modality in MODALITIES)
        self.stdout.write(self.style.SUCCESS(f"Studies in the database: {summary}."))
