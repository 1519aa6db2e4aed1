"""UIDs longer than DICOM's 64 characters are rejected with the field named, never clipped.

Clipping could merge two different studies (or take one event for another) that share their first
64 characters, so such a file is refused and nothing is stored.
"""

import pytest

from remapp.extractors import ExtractionError
from remapp.extractors.images import mammography as mammo
from remapp.extractors.images import radiography as dx
from remapp.extractors.rdsr import importer as rdsr
from remapp.models import DoseObject, GeneralStudy, IrradiationEventXRayData
from remapp.synthetic import CtEvent, ProjectionEvent, ct_rdsr, dx_image, dx_rdsr, mammo_image

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:The value length .* exceeds the maximum length of 64"),
]

PREFIX = "1.2.826.0.1.3680043.2.1125.1." + "1" * 35  # 64 characters
assert len(PREFIX) == 64
LONG_A, LONG_B = PREFIX + ".101", PREFIX + ".202"  # 68 characters, the same first 64


def _nothing_stored():
    return (GeneralStudy.objects.count(), DoseObject.objects.count(), IrradiationEventXRayData.objects.count())


@pytest.mark.parametrize(
    ("keyword", "field"),
    [
        ("study_instance_uid", "Study Instance UID"),
        ("series_instance_uid", "Series Instance UID"),
        ("sop_instance_uid", "SOP Instance UID"),
    ],
)
def test_a_report_with_an_over_long_header_uid_is_rejected_naming_the_field(keyword, field):
    with pytest.raises(ExtractionError) as error:
        rdsr.import_dataset(ct_rdsr(seed=1, **{keyword: LONG_A}), "long.dcm")
    assert str(error.value) == (f"{field} is 68 characters long, more than the 64 DICOM allows ({PREFIX}...)")
    assert _nothing_stored() == (0, 0, 0)


def test_two_studies_sharing_their_first_64_characters_are_not_merged():
    rdsr.import_dataset(dx_rdsr(study_instance_uid=PREFIX, seed=1), "first.dcm")
    with pytest.raises(ExtractionError, match="^Study Instance UID is 68 characters long"):
        rdsr.import_dataset(dx_rdsr(study_instance_uid=LONG_B, seed=2), "second.dcm")
    assert list(GeneralStudy.objects.values_list("study_instance_uid", "number_of_events")) == [(PREFIX, 2)]


def test_an_image_with_an_over_long_study_uid_is_rejected():
    with pytest.raises(ExtractionError, match="^Study Instance UID is 68 characters long"):
        mammo.import_dataset(mammo_image(study_instance_uid=LONG_A, seed=3), "long.dcm")
    assert _nothing_stored() == (0, 0, 0)


def test_an_image_with_an_over_long_irradiation_event_uid_is_rejected():
    with pytest.raises(ExtractionError) as error:
        dx.import_dataset(dx_image(irradiation_event_uid=LONG_A, seed=4), "long.dcm")
    assert (
        str(error.value) == f"Irradiation Event UID is 68 characters long, more than the 64 DICOM allows ({PREFIX}...)"
    )
    assert _nothing_stored() == (0, 0, 0)


def test_a_ct_report_with_an_over_long_event_uid_is_rejected_naming_the_event():
    events = [CtEvent(irradiation_event_uid="1.2.3.4"), CtEvent(irradiation_event_uid=LONG_A)]
    with pytest.raises(ExtractionError, match="^Irradiation Event UID of event 2 is 68 characters long"):
        rdsr.import_dataset(ct_rdsr(events=events, seed=5), "long.dcm")
    assert _nothing_stored() == (0, 0, 0)


def test_a_projection_report_with_an_over_long_event_uid_is_rejected_naming_the_event():
    events = [ProjectionEvent(irradiation_event_uid=LONG_A)]
    with pytest.raises(ExtractionError, match="^Irradiation Event UID of event 1 is 68 characters long"):
        rdsr.import_dataset(dx_rdsr(events=events, seed=6), "long.dcm")
    assert _nothing_stored() == (0, 0, 0)
