"""Philips CT dose screen saved as a CT dose record: every series' values, totals, duplicates."""

from decimal import Decimal

import pydicom
import pytest

from remapp.extractors.images import philips_ct as ct_philips
from remapp.models import CtAccumulatedDose, CtIrradiationEvent, DoseObject, GeneralStudy
from tests.conftest import corpus_file

pytestmark = pytest.mark.django_db


def _nine(value):
    return value.quantize(Decimal("1E-9")).normalize() if value else value


def _dataset():
    return pydicom.dcmread(corpus_file("CT-SC-Philips_Brilliance16P.dcm"), stop_before_pixels=True)


def test_it_stores_every_series_and_the_study_totals():
    outcome = ct_philips.import_dataset(_dataset(), "screen.dcm")
    study = GeneralStudy.objects.get(pk=outcome.study_id)
    assert (outcome.status.value, outcome.modality) == ("imported", "CT")
    assert (study.modality, study.number_of_events) == ("CT", 4)
    assert study.total_dlp_mgycm == Decimal("1102.44609300")  # sum of the series' DLP
    assert study.max_ctdivol_mgy == Decimal("11.32941264")
    assert study.study_description == "CT Thorax & abdo & pelvis with contrast"
    assert study.station.display_name == "PHILIPS-E71E3F0"
    events = list(CtIrradiationEvent.objects.filter(study=study).order_by("sequence_number"))
    # SQLite keeps decimals as doubles: compare to 9 decimal places.
    assert [(e.acquisition_protocol, _nine(e.mean_ctdivol_mgy), _nine(e.dlp_mgycm)) for e in events] == [
        ("", Decimal("0"), Decimal("0")),
        ("PRE KIDNEYS", Decimal("7.200978719"), Decimal("196.01")),
        ("30S KIDNEYS", Decimal("11.329412642"), Decimal("248.585973")),
        ("100S C/A/P", Decimal("9.315682513"), Decimal("657.85012")),
    ]
    assert [e.ct_acquisition_type.code_meaning for e in events] == [
        "Constant Angle Acquisition",
        "Spiral Acquisition",
        "Spiral Acquisition",
        "Spiral Acquisition",
    ]
    spiral = events[1]
    assert (spiral.exposure_time_s, spiral.scanning_length_mm, _nine(spiral.pitch_factor)) == (
        Decimal("6.986"),
        Decimal("231"),
        Decimal("0.835539139"),
    )
    assert (spiral.nominal_single_collimation_width_mm, spiral.nominal_total_collimation_width_mm) == (
        Decimal("1.5"),
        Decimal("24"),
    )
    source = spiral.sources.get()
    assert (source.kvp, source.xray_tube_current_ma) == (Decimal("120"), Decimal("165.044374"))
    total = CtAccumulatedDose.objects.get(ct_radiation_dose__study=study)
    assert total.ct_dose_length_product_total_mgycm == Decimal("1102.44609")
    assert total.total_number_of_irradiation_events == 4
    assert total.ct_radiation_dose.source_of_dose_information.code_meaning == "Copied From Image Attributes"


def test_the_same_screen_twice_is_a_duplicate():
    ct_philips.import_dataset(_dataset(), "screen.dcm")
    again = ct_philips.import_dataset(_dataset(), "screen.dcm")
    assert (again.status, again.reason) == (
        "duplicate",
        "SOP Instance UID 1.3.6.1.4.1.5962.99.1.902245636.1256219246.1495550897412.2.0 already imported",
    )
    assert CtIrradiationEvent.objects.count() == 4
    assert DoseObject.objects.count() == 1


def test_a_resent_screen_with_a_new_uid_adds_no_series_twice():
    ct_philips.import_dataset(_dataset(), "screen.dcm")
    resent = _dataset()
    resent.SOPInstanceUID = "1.2.826.0.1.3680043.8.498.1"
    outcome = ct_philips.import_dataset(resent, "resent.dcm")
    assert (outcome.status, outcome.reason) == (
        "duplicate",
        "every series of this dose screen is already stored for the study",
    )
    assert CtIrradiationEvent.objects.count() == 4
    assert DoseObject.objects.count() == 1


def test_a_screen_of_a_study_with_a_ct_dose_report_is_not_counted_again():
    from remapp.models import CtRadiationDose

    study = GeneralStudy.objects.create(
        study_instance_uid="1.3.6.1.4.1.5962.99.1.902245636.1256219246.1495550897412.3.0"
    )
    report_object = DoseObject.objects.create(
        study=study, sop_instance_uid="1.2.826.0.1.3680043.8.498.78", sop_class_uid="1.2.840.10008.5.1.4.1.1.88.67"
    )
    CtRadiationDose.objects.create(study=study, dose_object=report_object)
    outcome = ct_philips.import_dataset(_dataset(), "screen.dcm")
    assert (outcome.status, outcome.reason) == (
        "duplicate",
        "the study has a CT radiation dose report (RDSR), which covers these series",
    )
    assert CtIrradiationEvent.objects.count() == 0
