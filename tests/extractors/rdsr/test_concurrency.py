"""Concurrency: reports of one study imported by parallel workers, in every order, give one study.

Threads each hold their own database connection, as Celery workers or ``--workers N`` processes do, and
commit real transactions (``transactional_db``). This is meaningful on PostgreSQL (row locks, unique
indexes seen across connections), which CI runs it on. The SQLite test database is an in-memory shared
cache where concurrent writers fail with "table is locked" instead of waiting, so it is skipped there.
"""

from __future__ import annotations

import threading
import time
from decimal import Decimal
from itertools import permutations

import pytest
from django.db import connection, connections

from remapp.extractors import Status
from remapp.extractors.router import import_path
from remapp.models import CodedConcept, CtIrradiationEvent, DoseObject, GeneralStudy, UniqueEquipment
from tests.conftest import corpus_file

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: the SQLite test database is in-memory shared cache, where writers do not wait",
    ),
]

CONTINUED = ("CT-RDSR-Siemens-Continued-1.dcm", "CT-RDSR-Siemens-Continued-2.dcm")
MULTI = ("CT-RDSR-Siemens-Multi-1.dcm", "CT-RDSR-Siemens-Multi-2.dcm", "CT-RDSR-Siemens-Multi-3.dcm")
EXPECTED = {CONTINUED: (4, Decimal("116.61")), MULTI: (3, Decimal("236.09"))}


def _import_in_parallel(names, stagger_s: float = 0.0):
    outcomes = {}
    barrier = threading.Barrier(len(names))

    def work(position: int, name: str) -> None:
        try:
            barrier.wait()
            time.sleep(position * stagger_s)
            outcomes[name] = import_path(corpus_file(name))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i, name)) for i, name in enumerate(names)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


ORDERS = [p for series in (CONTINUED, MULTI) for p in permutations(series)]


@pytest.mark.parametrize(
    "order, stagger_s",
    [(order, 0.01) for order in ORDERS] + [(CONTINUED, 0.0), (MULTI, 0.0)],
    ids=lambda v: "+".join(n[-12:-4] for n in v) if isinstance(v, tuple) else ("staggered" if v else "same-time"),
)
def test_parallel_reports_of_one_study_give_one_study(order, stagger_s):
    """Workers start together; with a stagger they reach the database in the order given."""
    outcomes = _import_in_parallel(order, stagger_s)

    assert {name: o.status for name, o in outcomes.items()} == {name: Status.IMPORTED for name in order}
    events, total = EXPECTED[CONTINUED if set(order) == set(CONTINUED) else MULTI]
    study = GeneralStudy.objects.get()
    assert (study.number_of_events, study.total_dlp_mgycm) == (events, total)
    assert CtIrradiationEvent.objects.count() == events
    assert DoseObject.objects.count() == len(order)
    assert UniqueEquipment.objects.count() == 1


def test_the_same_report_from_two_workers_is_stored_once():
    name = "CT-RDSR-Siemens-Multi-3.dcm"
    outcomes = []
    barrier = threading.Barrier(2)

    def work() -> None:
        try:
            barrier.wait()
            outcomes.append(import_path(corpus_file(name)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert sorted(o.status for o in outcomes) == [Status.DUPLICATE, Status.IMPORTED]
    assert DoseObject.objects.count() == 1
    assert CtIrradiationEvent.objects.count() == 3


def test_different_studies_in_parallel_share_coded_concepts_without_deadlock():
    names = ("CT-RDSR-Siemens_Flash-TAP-SS.dcm", "CT-RDSR-Siemens_Flash-QA-DS.dcm", "CT-ESR-GE_Optima.dcm")
    outcomes = _import_in_parallel(names)

    assert [outcomes[n].status for n in names] == [Status.IMPORTED] * 3
    assert GeneralStudy.objects.count() == 3
    triplets = CodedConcept.objects.values_list("code_value", "coding_scheme_designator", "code_meaning")
    assert len(triplets) == len(set(triplets))
