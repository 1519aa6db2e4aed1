"""The router: one outcome per file, a one-line reason for every bad file, nothing half-stored."""

import shutil

import pytest

from remapp.extractors import Status
from remapp.extractors.router import EXTRACTORS, extractor_for, import_path
from remapp.models import CodedConcept, DoseObject, GeneralStudy, UniqueEquipment
from tests.conftest import corpus_file

pytestmark = pytest.mark.django_db


def _nothing_stored():
    return not (GeneralStudy.objects.exists() or DoseObject.objects.exists() or UniqueEquipment.objects.exists())


def test_it_rejects_non_dose_sr_and_stores_nothing():
    outcome = import_path(corpus_file("ESR_non-dose.dcm"))

    assert outcome.status == Status.REJECTED
    assert outcome.reason == "not an X-Ray Radiation Dose Report (document title: Diagnostic Imaging Report)"
    assert outcome.line().startswith(str(corpus_file("ESR_non-dose.dcm")))
    assert _nothing_stored()
    assert not CodedConcept.objects.exists()


def test_it_rejects_a_file_that_is_not_dicom(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")

    outcome = import_path(path)

    assert outcome.status == Status.REJECTED
    assert outcome.reason == "not a DICOM file (no DICOM file preamble and header)"
    assert "\n" not in outcome.line()


def test_it_rejects_a_missing_file(tmp_path):
    outcome = import_path(tmp_path / "gone.dcm")
    assert outcome.status == Status.REJECTED
    assert outcome.reason.startswith("cannot read the file")


def test_it_rejects_a_truncated_report_without_storing_anything(tmp_path):
    data = corpus_file("CT-RDSR-Siemens-Multi-3.dcm").read_bytes()
    path = tmp_path / "cut.dcm"
    path.write_bytes(data[: len(data) // 2])

    outcome = import_path(path)

    assert outcome.status == Status.REJECTED
    assert _nothing_stored()


def test_an_unexpected_error_becomes_a_one_line_reason_and_rolls_back(monkeypatch):
    import remapp.extractors.rdsr.ct_save as rdsr_ct

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(rdsr_ct.CtXRaySourceParameters.objects, "bulk_create", broken)
    outcome = import_path(corpus_file("CT-RDSR-Siemens-Multi-1.dcm"))

    assert outcome.status == Status.REJECTED
    assert outcome.reason == "unexpected error: RuntimeError: disk on fire second line"
    assert _nothing_stored()


def test_it_names_the_sop_class_of_an_unsupported_object(monkeypatch):
    monkeypatch.delitem(EXTRACTORS, "1.2.840.10008.5.1.4.1.1.88.67")
    outcome = import_path(corpus_file("CT-RDSR-Siemens-Multi-1.dcm"))
    assert outcome.reason == "unsupported object (SOP Class UID 1.2.840.10008.5.1.4.1.1.88.67)"


def test_the_registry_resolves_modules_lazily():
    module = extractor_for("1.2.840.10008.5.1.4.1.1.88.22")
    assert module.__name__ == "remapp.extractors.rdsr.importer"
    assert callable(module.import_dataset)
    assert extractor_for("1.2.3") is None


def test_it_deletes_an_imported_file_when_asked_and_keeps_a_rejected_one(tmp_path):
    good = tmp_path / "good.dcm"
    bad = tmp_path / "bad.dcm"
    shutil.copy(corpus_file("CT-RDSR-Siemens-Multi-1.dcm"), good)
    shutil.copy(corpus_file("ESR_non-dose.dcm"), bad)

    assert import_path(good, delete_after_import=True).status == Status.IMPORTED
    assert import_path(bad, delete_after_import=True).status == Status.REJECTED
    assert not good.exists()
    assert bad.exists()


def test_the_import_task_returns_the_outcome():
    from remapp.tasks import import_dicom_file

    result = import_dicom_file.delay(str(corpus_file("CT-RDSR-Siemens-Multi-1.dcm"))).get()

    assert result["status"] == "imported"
    assert result["modality"] == "CT"
    assert result["study_id"] == GeneralStudy.objects.get().pk


@pytest.mark.parametrize(
    "with_comment, reason",
    [
        (False, "dose report without content (its SR content tree is missing or empty)"),
        (True, "dose report carries neither CT (TID 10011) nor projection (TID 10001) dose data"),
    ],
)
def test_a_dose_report_without_ct_or_projection_content_is_rejected(tmp_path, with_comment, reason):
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.sequence import Sequence
    from pydicom.uid import ExplicitVRLittleEndian

    title = Dataset()
    title.CodeValue, title.CodingSchemeDesignator, title.CodeMeaning = "113701", "DCM", "X-Ray Radiation Dose Report"
    ds = Dataset()
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.88.67"
    ds.SOPInstanceUID = "1.2.826.0.1.3680043.8.498.1"
    ds.StudyInstanceUID = "1.2.826.0.1.3680043.8.498.2"
    ds.ValueType = "CONTAINER"
    ds.ConceptNameCodeSequence = Sequence([title])
    comment = Dataset()
    comment.RelationshipType, comment.ValueType, comment.TextValue = "CONTAINS", "TEXT", "no dose here"
    comment.ConceptNameCodeSequence = Sequence([Dataset()])
    comment.ConceptNameCodeSequence[0].CodeValue = "121106"
    comment.ConceptNameCodeSequence[0].CodingSchemeDesignator = "DCM"
    comment.ConceptNameCodeSequence[0].CodeMeaning = "Comment"
    ds.ContentSequence = Sequence([comment] if with_comment else [])
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    path = tmp_path / "empty.dcm"
    ds.save_as(path, enforce_file_format=True)

    outcome = import_path(path)

    assert outcome.status == Status.REJECTED
    assert outcome.reason == reason
    assert _nothing_stored()
