"""Tests that need dcmtk or Chromium skip cleanly when the program is not on PATH, and fail in CI.

Each case runs pytest itself, on a few such tests, with a PATH that has every program but the hidden ones.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HIDDEN = {"storescu", "echoscu", "dcmqrscp", "movescu", "findscu", "getscu", "chromium"}
# One test per way a program is reached: a dcmtk client in a worker thread, in the test, and the browser.
NEEDING_PROGRAMS = [
    "tests/netdicom/test_association.py::test_four_associations_at_once_lose_nothing",
    "tests/netdicom/test_association.py::test_c_echo_succeeds_from_dcmtk",
    "tests/browser/test_interface_browser.py::test_a_viewer_logs_in_and_sees_the_home_summary",
]


def _path_without_hidden_programs(folder: Path) -> str:
    """A single PATH folder of links to every program on PATH except the hidden ones (first on PATH wins)."""
    folder.mkdir()
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        if not os.path.isdir(directory):
            continue
        for entry in os.scandir(directory):
            link = folder / entry.name
            if entry.name not in HIDDEN and not link.exists() and not link.is_symlink():
                link.symlink_to(entry.path)
    return str(folder)


def _run_pytest(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in {"CI", "DATABASE_URL", "CELERY_BROKER_URL"}}
    env.update(PATH=_path_without_hidden_programs(tmp_path / "bin"), OPENREM_HOME=str(tmp_path / "home"))
    if ci:
        env["CI"] = "true"
    command = [sys.executable, "-m", "pytest", "-q", "-rsfE", *NEEDING_PROGRAMS]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_tests_needing_dcmtk_or_chromium_skip_with_the_reason_when_it_is_missing(tmp_path, corpus_dir):
    result = _run_pytest(tmp_path, ci=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("3 skipped in ")
    reasons = sorted(set(re.findall(r"^SKIPPED \[\d+\] [^:]+:\d+: (.*)$", result.stdout, re.MULTILINE)))
    assert reasons == [
        "chromium not found on PATH: install Debian's chromium package",
        "storescu, echoscu not found on PATH: install Debian's dcmtk package",
    ]


def test_in_ci_a_missing_dcmtk_or_chromium_is_a_failure(tmp_path, corpus_dir):
    result = _run_pytest(tmp_path, ci=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "3 errors in " in result.stdout.splitlines()[-1]
    assert "Failed: storescu, echoscu not found on PATH: install Debian's dcmtk package" in result.stdout
    assert "Failed: chromium not found on PATH: install Debian's chromium package" in result.stdout
