"""Robustness: thousands of mutated and truncated copies of real dose reports.

The importer must never raise, never leave a partial study, and report every file it rejects with a
one-line reason. Mutations are seeded, so a failure reproduces. Each copy gets a fresh SOP Instance UID
(same length, so the file's structure is untouched) so that it is parsed rather than skipped as a duplicate.
"""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
from django.apps import apps

from remapp.extractors import Status
from remapp.extractors.router import import_path
from remapp.models import CtIrradiationEvent, CtRadiationDose, DoseObject, GeneralStudy, IrradiationEventXRayData
from tests.conftest import corpus_file

pytestmark = pytest.mark.django_db

SEEDS = (
    "CT-RDSR-Siemens-Multi-2.dcm",
    "CT-RDSR-Toshiba_DoseCheck.dcm",
    "CT-ESR-GE_Optima.dcm",
    "CT-RDSR-GEPixelMed.dcm",
    "DX-RDSR-Canon_CXDI.dcm",
    "RF-RDSR-Siemens-Zee.dcm",
)
COPIES_PER_SEED = 150
# Same-length replacements for a DS value: values a broken modality might send.
JUNK_NUMBERS = [b"NaN", b"-inf", b"1e999", b"abc", b"-1", b"0", b"9" * 16, b"1\\2", b"1/2", b" ", b"\x00", b"1e-99"]
DS_VALUE = re.compile(rb"\x40\x00\x0a\xa3DS(..)", re.DOTALL)


def _sop_uid(data: bytes) -> bytes:
    match = re.search(rb"\x08\x00\x18\x00UI(..)", data, re.DOTALL)
    length = int.from_bytes(match.group(1), "little")
    return data[match.end() : match.end() + length]


def _fresh_uid(old: bytes, number: int) -> bytes:
    new = f"2.25.{number}.".encode()
    return (new + b"1" * len(old))[: len(old) - 1] + old[-1:]


def _replace_numbers(data: bytearray, rng: random.Random) -> None:
    spots = list(DS_VALUE.finditer(data))
    for match in rng.sample(spots, min(len(spots), rng.randint(1, 4))):
        length = int.from_bytes(match.group(1), "little")
        junk = rng.choice(JUNK_NUMBERS)[:length].ljust(length, b" ")
        data[match.end() : match.end() + length] = junk


def mutate(data: bytes, rng: random.Random, number: int) -> tuple[bytes, str]:
    """One damaged copy: truncated, bytes flipped, ranges zeroed or shifted, or junk numbers."""
    old = _sop_uid(data)
    out = bytearray(data.replace(old, _fresh_uid(old, number)))
    kind = rng.choice(("truncate", "flip", "zero", "shift", "numbers", "numbers"))
    start = rng.randint(132, len(out) - 1)
    if kind == "truncate":
        del out[start:]
    elif kind == "flip":
        for _ in range(rng.randint(1, 12)):
            out[rng.randint(132, len(out) - 1)] = rng.randrange(256)
    elif kind == "zero":
        out[start : start + rng.randint(1, 64)] = bytes(min(len(out) - start, 64))[: rng.randint(1, 64)]
    elif kind == "shift":
        if rng.random() < 0.5:
            del out[start : start + rng.randint(1, 8)]
        else:
            out[start:start] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    else:
        _replace_numbers(out, rng)
    return bytes(out), kind


def _row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in apps.get_app_config("remapp").get_models()}


def _assert_consistent() -> None:
    for study in GeneralStudy.objects.all():
        assert study.dose_objects.exists(), f"study {study.pk} without a dose object"
        events = CtIrradiationEvent.objects.filter(study=study).count()
        events += IrradiationEventXRayData.objects.filter(study=study).count()
        assert study.number_of_events == events
    assert not CtRadiationDose.objects.filter(dose_object=None).exists()


def test_mutated_reports_are_imported_or_rejected_cleanly(tmp_path):
    rng = random.Random(20251125)
    outcomes: Counter = Counter()
    unexpected = []
    number = 0
    for seed in SEEDS:
        original = corpus_file(seed).read_bytes()
        for _ in range(COPIES_PER_SEED):
            number += 1
            path = tmp_path / f"{number}.dcm"
            data, kind = mutate(original, rng, number)
            path.write_bytes(data)
            before = _row_counts() if number % 10 == 0 else None

            outcome = import_path(path)  # must not raise

            outcomes[outcome.status] += 1
            if kind == "truncate":  # a cut-off report is never stored in part
                assert outcome.status == Status.REJECTED, f"{seed} copy {number} truncated but {outcome.status}"
            line = outcome.line()
            assert "\n" not in line and line.startswith(str(path))
            if outcome.status == Status.REJECTED:
                assert outcome.reason
                if outcome.reason.startswith("unexpected error"):
                    unexpected.append(f"{seed} copy {number}: {outcome.reason}")
                if before is not None:
                    assert _row_counts() == before, f"rejected {path.name} changed the database"
            elif outcome.status == Status.IMPORTED:
                assert DoseObject.objects.filter(source_file_name=str(path)).exists()
            path.unlink()
    _assert_consistent()
    assert not unexpected, "\n".join(unexpected[:20])
    assert sum(outcomes.values()) == len(SEEDS) * COPIES_PER_SEED
    assert outcomes[Status.IMPORTED] > 0 and outcomes[Status.REJECTED] > 0


PARSE_SEEDS = SEEDS[:5]
PARSE_COPIES_PER_SEED = 500


def test_mutated_reports_parse_or_fail_with_a_reason(tmp_path):
    """Parsing alone (no database), many more copies: only ExtractionError may come out, with a reason."""
    from remapp.dicom.reader import DicomReadError, read_dicom_file
    from remapp.extractors import ExtractionError
    from remapp.extractors.rdsr.importer import parse

    rng = random.Random(7)
    results: Counter = Counter()
    path = tmp_path / "copy.dcm"
    number = 100_000
    for seed in PARSE_SEEDS:
        original = corpus_file(seed).read_bytes()
        for _ in range(PARSE_COPIES_PER_SEED):
            number += 1
            path.write_bytes(mutate(original, rng, number)[0])
            try:
                parsed = parse(read_dicom_file(path))
            except (DicomReadError, ExtractionError) as error:
                assert str(error) and "\n" not in str(error)
                results["rejected"] += 1
            else:
                assert parsed.header.dose_object.sop_instance_uid
                results["parsed"] += 1
    assert results["parsed"] > 0 and results["rejected"] > 0
    assert sum(results.values()) == len(PARSE_SEEDS) * PARSE_COPIES_PER_SEED
