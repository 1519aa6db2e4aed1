#!/usr/bin/env python
"""Benchmark: synthetic DICOM generation (objects/s per kind) and the demo command (files/s, first run and rerun).

    python bench/synthetic_demo.py [--objects 50] [--studies-per-modality 200]

1. Builds and writes ``--objects`` objects of every generator kind with default values and prints objects/s
   and processor milliseconds per object.
2. Runs ``manage.py openrem_demo`` twice in a fresh OPENREM_HOME (SQLite unless DATABASE_URL is set) and
   prints wall and processor seconds for the first run (write + import) and the rerun (all duplicates).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bench_generators(count: int, folder: Path) -> None:
    import remapp.synthetic as synthetic

    kinds = ["ct_rdsr", "rf_rdsr", "dx_rdsr", "mg_rdsr", "mammo_image", "dx_image", "philips_ct_dose_screen"]
    print(f"{'kind':<24}{'objects/s':>10}{'cpu ms/object':>15}")
    for kind in kinds:
        generate = getattr(synthetic, kind)
        wall, cpu = time.perf_counter(), time.process_time()
        for index in range(count):
            synthetic.write(generate(seed=index), folder / kind / f"{index}.dcm")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{kind:<24}{count / wall:>10.1f}{cpu / count * 1000:>15.1f}")


def run_demo(studies: int, home: Path, label: str) -> None:
    env = {**os.environ, "OPENREM_HOME": str(home)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "manage.py", "openrem_demo", "--studies-per-modality", str(studies)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = [line for line in result.stdout.splitlines() if "files in" in line or "Studies in" in line]
    print(f"{label}: {wall:.1f} s wall, {cpu:.1f} s processor; " + " ".join(summary))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=50)
    parser.add_argument("--studies-per-modality", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="openrem-synthbench-") as scratch:
        scratch = Path(scratch)
        bench_generators(args.objects, scratch / "objects")
        if args.studies_per_modality:
            home = scratch / "home"
            env = {**os.environ, "OPENREM_HOME": str(home)}
            subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
            run_demo(args.studies_per_modality, home, "demo first run")
            run_demo(args.studies_per_modality, home, "demo rerun   ")


if __name__ == "__main__":
    main()
