"""Concurrency: images of one study imported by parallel workers, in every order, give one study, counted once.

Each thread holds its own database connection and commits real transactions, as Celery workers and
``--workers N`` processes do. Meaningful on PostgreSQL (row locks); skipped on the SQLite test database,
an in-memory shared cache where concurrent writers fail instead of waiting.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from itertools import permutations

import pytest
from django.db import connection, connections

from remapp.extractors.router import import_path
from remapp.models import AccumulatedMammographyXRayDose, DoseObject, GeneralStudy, IrradiationEventXRayData
from tests.conftest import corpus_file

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite writers do not wait"),
]

GE_MAMMO = (
    "MG-Im-GE_Seno_1_ForProcessing.dcm",
    "MG-Im-GE_Seno_1_ForPresentation.dcm",
    "MG-Im-GE_Seno_2_ForPresentation.dcm",
)
GE_DX = ("DX-Im-GE_XR220-1.dcm", "DX-Im-GE_XR220-2.dcm", "DX-Im-GE_XR220-3.dcm")


def _import_in_parallel(names):
    outcomes = {}
    barrier = threading.Barrier(len(names))

    def work(name: str) -> None:
        try:
            barrier.wait()
            outcomes[name] = import_path(corpus_file(name))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


@pytest.mark.parametrize("order", list(permutations(GE_MAMMO)), ids=lambda o: "+".join(n[10:-4] for n in o))
def test_parallel_mammography_images_count_the_pair_once(order):
    outcomes = _import_in_parallel(order)
    assert sorted(o.status for o in outcomes.values()) == ["duplicate", "imported", "imported"]
    study = GeneralStudy.objects.get()
    assert (study.number_of_events, study.total_agd_left_mgy) == (2, Decimal("1.956"))
    assert AccumulatedMammographyXRayDose.objects.get().accumulated_average_glandular_dose_mgy == Decimal("1.956")
    assert DoseObject.objects.count() == 2


def test_parallel_radiography_images_give_one_study_with_the_dap_total():
    outcomes = _import_in_parallel(GE_DX)
    assert [outcomes[n].status for n in GE_DX] == ["imported"] * 3
    study = GeneralStudy.objects.get()
    assert (study.number_of_events, study.total_dap_gym2) == (3, Decimal("0.0000328"))
    assert IrradiationEventXRayData.objects.count() == 3
