"""The rule for several reports of one study, in every arrival order (docs/import_rdsr.rst, "Later reports").

Events are kept once per study by Irradiation Event UID, totals are sums over those events, and the same
SOP Instance UID twice is a duplicate that changes nothing.
"""

from decimal import Decimal
from itertools import permutations

import pytest

from remapp.extractors import Status
from remapp.extractors.router import import_path
from remapp.models import CtIrradiationEvent, CtRadiationDose, DoseObject, GeneralStudy
from tests.conftest import corpus_file

pytestmark = pytest.mark.django_db

CONTINUED = ("CT-RDSR-Siemens-Continued-1.dcm", "CT-RDSR-Siemens-Continued-2.dcm")
MULTI = ("CT-RDSR-Siemens-Multi-1.dcm", "CT-RDSR-Siemens-Multi-2.dcm", "CT-RDSR-Siemens-Multi-3.dcm")

# (events, DLP total, highest CTDIvol, event DLPs in acquisition order)
EXPECTED = {
    CONTINUED: (4, Decimal("116.61"), Decimal("2.22"), ["5.05", "55.12", "4.62", "51.82"]),
    MULTI: (3, Decimal("236.09"), Decimal("8.13"), ["7.46", "69.81", "158.82"]),
}


def _assert_one_study(series):
    events, total, max_ctdivol, dlps = EXPECTED[series]
    study = GeneralStudy.objects.get()
    assert study.number_of_events == events
    assert study.total_dlp_mgycm == total
    assert study.max_ctdivol_mgy == max_ctdivol
    assert CtIrradiationEvent.objects.count() == events
    assert sorted(CtIrradiationEvent.objects.values_list("dlp_mgycm", flat=True)) == sorted(Decimal(d) for d in dlps)
    assert DoseObject.objects.count() == len(series)
    assert CtRadiationDose.objects.count() == len(series)


@pytest.mark.parametrize(
    "order", [p for series in (CONTINUED, MULTI) for p in permutations(series)], ids=lambda p: "+".join(p)
)
def test_reports_of_one_study_give_one_study_in_any_order(order):
    outcomes = [import_path(corpus_file(name)) for name in order]

    assert [o.status for o in outcomes] == [Status.IMPORTED] * len(order)
    assert len({o.study_id for o in outcomes}) == 1
    _assert_one_study(CONTINUED if set(order) == set(CONTINUED) else MULTI)


def test_the_same_report_twice_is_a_duplicate_and_changes_nothing():
    first = import_path(corpus_file("CT-RDSR-Siemens-Multi-2.dcm"))
    second = import_path(corpus_file("CT-RDSR-Siemens-Multi-2.dcm"))

    assert first.status == Status.IMPORTED
    assert second.status == Status.DUPLICATE
    assert "already imported" in second.reason
    study = GeneralStudy.objects.get()
    assert (study.number_of_events, study.total_dlp_mgycm) == (2, Decimal("77.27"))
    assert DoseObject.objects.count() == 1


def test_a_later_report_only_adds_the_events_it_is_the_first_to_carry():
    import_path(corpus_file("CT-RDSR-Siemens-Multi-3.dcm"))
    import_path(corpus_file("CT-RDSR-Siemens-Multi-1.dcm"))

    first_report = CtRadiationDose.objects.get(dose_object__source_file_name__endswith="Multi-3.dcm")
    later_report = CtRadiationDose.objects.get(dose_object__source_file_name__endswith="Multi-1.dcm")
    assert first_report.events.count() == 3
    assert later_report.events.count() == 0
    assert later_report.accumulated.ct_dose_length_product_total_mgycm == Decimal("7.46")
