"""Property test: image headers with mutated values never crash the import and never leave partial data.

Each example takes a corpus image or Philips dose screen, gives it a fresh SOP Instance UID, overwrites or
deletes a few of the attributes the importers read (with garbage text, huge or non-finite numbers, wrong
lengths, empty sequences), writes it to a file and imports it through the router. The outcome must be
imported, duplicate or rejected with a one-line reason that names the file; never an unexpected error.
A rejected or duplicate file must leave the database exactly as it was; an imported one must leave
a study whose summary agrees with its stored events.
"""

import copy
import io
from pathlib import Path

import pydicom
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydicom import config
from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.uid import generate_uid

from remapp.extractors.router import import_path
from remapp.models import (
    CtIrradiationEvent,
    DoseObject,
    GeneralStudy,
    IrradiationEventXRayData,
    IrradiationEventXRaySourceData,
    XRayFilters,
)
from tests.conftest import CORPUS_DIR

pytestmark = pytest.mark.django_db

SOURCES = [
    "MG-Im-GE_Seno_1_ForProcessing.dcm",
    "MG-Im-GE_Seno_1_ForPresentation.dcm",
    "MG-Im-GE-SenDS-scaled.dcm",
    "MG-Im-Hologic-PropProj.dcm",
    "DX-Im-Carestream_DR7500-2.dcm",
    "DX-Im-Carestream_DRX.dcm",
    "DX-Im-GE_XR220-1.dcm",
    "CT-SC-Philips_Brilliance16P.dcm",
]
# What the image importers read (the VR is documentation: values are written raw, see _raw).
TARGETS = [
    ("StudyInstanceUID", "UI"),
    ("SOPClassUID", "UI"),
    ("Modality", "CS"),
    ("Manufacturer", "LO"),
    ("StudyDate", "DA"),
    ("StudyTime", "TM"),
    ("AcquisitionDate", "DA"),
    ("AcquisitionTime", "TM"),
    ("AcquisitionDateTime", "DT"),
    ("PatientAge", "AS"),
    ("PatientBirthDate", "DA"),
    ("KVP", "DS"),
    ("Exposure", "IS"),
    ("ExposureInuAs", "IS"),
    ("ExposureTime", "IS"),
    ("XRayTubeCurrent", "IS"),
    ("OrganDose", "DS"),
    ("EntranceDoseInmGy", "DS"),
    ("BodyPartThickness", "DS"),
    ("CompressionForce", "DS"),
    ("ImageLaterality", "CS"),
    ("Laterality", "CS"),
    ("ViewPosition", "CS"),
    ("AnodeTargetMaterial", "CS"),
    ("FilterMaterial", "CS"),
    ("FilterThicknessMinimum", "DS"),
    ("FilterThicknessMaximum", "DS"),
    ("ImageAndFluoroscopyAreaDoseProduct", "DS"),
    ("ExposureIndex", "DS"),
    ("DeviationIndex", "DS"),
    ("DistanceSourceToDetector", "DS"),
    ("PresentationIntentType", "CS"),
    ("ImageType", "CS"),
    ("IrradiationEventUID", "UI"),
    ("CommentsOnRadiationDose", "ST"),
    ("TotalNumberOfExposures", "US"),
]
SEQUENCES = ["ViewCodeSequence", "AnatomicRegionSequence", "SourceImageSequence", "ExposureDoseSequence"]
GARBAGE = st.one_of(
    st.sampled_from(["", "abc", "NaN", "Infinity", "-1", "1e400", "9" * 40, "0", "-0.000", "1,2", "1\\2\\x"]),
    st.sampled_from(["1.2.3." + "4" * 70, "L", "R", "B", "U", "CC", "TUNGSTEN", "AL,CU", "FOR PROCESSING"]),
    st.text(max_size=20),
)
_cache: dict[str, Dataset] = {}


def _source(name: str) -> Dataset:
    if name not in _cache:
        _cache[name] = pydicom.dcmread(CORPUS_DIR / name)
    return _cache[name]


def _raw(tag: int, text: str) -> DataElement:
    """The value as raw bytes with VR UN: the reader meets it as the real VR, exactly as a broken file would be."""
    data = text.encode("utf-8", errors="replace")
    keep, config.replace_un_with_known_vr = config.replace_un_with_known_vr, False
    try:
        return DataElement(tag, "UN", data + b" " * (len(data) % 2))
    finally:
        config.replace_un_with_known_vr = keep


def _mutated(name: str, changes: list, sequence_changes: list, series_dlp: str | None) -> bytes:
    dataset = copy.deepcopy(_source(name))
    dataset.SOPInstanceUID = generate_uid()
    dataset.file_meta.MediaStorageSOPInstanceUID = dataset.SOPInstanceUID
    for (keyword, _vr), value in changes:
        tag = pydicom.datadict.tag_for_keyword(keyword)
        if value is None:
            if tag in dataset:
                del dataset[tag]
        else:
            dataset[tag] = _raw(tag, value)
    for keyword, emptied in sequence_changes:
        if keyword in dataset:
            if emptied:
                dataset[keyword].value = []
            else:
                del dataset[keyword]
    if series_dlp is not None and "ExposureDoseSequence" in dataset and dataset.ExposureDoseSequence:
        block = dataset.ExposureDoseSequence[0].private_block(0x00E1, "ELSCINT1", create=True)
        block.add_new(0x21, "UN", _raw(0, series_dlp).value)
    buffer = io.BytesIO()
    # The file meta keeps the original, valid SOP Class UID: only the dataset's own attributes are damaged.
    dataset.save_as(buffer, enforce_file_format=False)
    return buffer.getvalue()


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            GeneralStudy,
            DoseObject,
            IrradiationEventXRayData,
            IrradiationEventXRaySourceData,
            XRayFilters,
            CtIrradiationEvent,
        )
    )


@pytest.fixture
def work_dir(tmp_path_factory) -> Path:
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"vendor DICOM corpus not found at {CORPUS_DIR}")
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(SOURCES),
    changes=st.lists(st.tuples(st.sampled_from(TARGETS), st.one_of(st.none(), GARBAGE)), max_size=5),
    sequence_changes=st.lists(st.tuples(st.sampled_from(SEQUENCES), st.booleans()), max_size=2),
    series_dlp=st.one_of(st.none(), GARBAGE),
)
def test_mutated_image_headers_never_crash_or_leave_partial_data(work_dir, name, changes, sequence_changes, series_dlp):
    path = work_dir / "mutated.dcm"
    path.write_bytes(_mutated(name, changes, sequence_changes, series_dlp))
    before = _counts()
    outcome = import_path(path)
    assert outcome.status in {"imported", "duplicate", "rejected"}
    assert "unexpected error" not in outcome.reason, outcome.reason
    assert outcome.line().startswith(f"{path}: ")
    if outcome.status == "imported":
        study = GeneralStudy.objects.get(pk=outcome.study_id)
        stored = IrradiationEventXRayData.objects.filter(study=study).count()
        stored += CtIrradiationEvent.objects.filter(study=study).count()
        assert study.number_of_events == stored
        assert _counts()[1] == before[1] + 1
    else:
        assert outcome.reason
        assert _counts() == before
