"""The C-STORE handler on its own: which DICOM status each failure gets, and that it only writes and notes."""

from io import BytesIO
from types import SimpleNamespace

from pydicom.dataset import Dataset
from pydicom.uid import ImplicitVRLittleEndian
from pynetdicom.dsutils import encode

from remapp.netdicom.handlers import (
    CANNOT_UNDERSTAND,
    DATASET_DOES_NOT_MATCH_SOP_CLASS,
    OUT_OF_RESOURCES,
    SUCCESS,
    handle_store,
)
from remapp.netdicom.notes import Problem, Received

CT_RDSR = "1.2.840.10008.5.1.4.1.1.88.67"


class FakeStoreEvent:
    """Just the parts of a pynetdicom C-STORE event the handler reads: the encoded data set and its context."""

    def __init__(self, encoded: bytes, sop_class_uid=CT_RDSR, sop_instance_uid="1.2.3.4"):
        self.assoc = SimpleNamespace(requestor=SimpleNamespace(ae_title="MODALITY"))
        self.context = SimpleNamespace(transfer_syntax=ImplicitVRLittleEndian)
        self.request = SimpleNamespace(
            AffectedSOPClassUID=sop_class_uid, AffectedSOPInstanceUID=sop_instance_uid, DataSet=BytesIO(encoded)
        )

    def encoded_dataset(self) -> bytes:
        return b"\x00" * 128 + b"DICM" + self.request.DataSet.getvalue()


def _encoded(sop_class_uid=CT_RDSR, sop_instance_uid="1.2.3.4") -> bytes:
    dataset = Dataset()
    dataset.SOPClassUID = sop_class_uid
    dataset.SOPInstanceUID = sop_instance_uid
    dataset.Modality = "SR"
    return encode(dataset, True, True)


def test_it_writes_the_object_and_notes_it(tmp_path):
    notes = []
    status = handle_store(FakeStoreEvent(_encoded()), tmp_path, notes.append)
    assert status == SUCCESS
    [note] = notes
    assert note.path.read_bytes() == b"\x00" * 128 + b"DICM" + _encoded()
    assert isinstance(note, Received)
    assert (note.sop_instance_uid, note.sop_class_uid, note.calling_ae_title) == ("1.2.3.4", CT_RDSR, "MODALITY")
    assert note.path.parent == tmp_path


def test_an_undecodable_data_set_gets_cannot_understand(tmp_path):
    notes = []
    # (0008,0016) claiming 2 GB of value in a 20-byte message
    event = FakeStoreEvent(b"\x08\x00\x16\x00\xff\xff\xff\x7f1.2.840.10008")
    assert handle_store(event, tmp_path, notes.append) == CANNOT_UNDERSTAND
    assert list(tmp_path.iterdir()) == []
    assert notes == [
        Problem(
            "store",
            "data set could not be decoded: no SOP Class UID and SOP Instance UID found",
            "MODALITY",
            "1.2.3.4",
            notes[0].occurred_at,
        )
    ]


def test_a_data_set_of_another_sop_class_gets_does_not_match(tmp_path):
    notes = []
    event = FakeStoreEvent(_encoded(sop_class_uid="1.2.840.10008.5.1.4.1.1.2"))
    assert handle_store(event, tmp_path, notes.append) == DATASET_DOES_NOT_MATCH_SOP_CLASS
    assert list(tmp_path.iterdir()) == []
    assert notes[0].kind == "store" and "was sent as another" in notes[0].message


def test_a_holding_folder_that_cannot_be_written_gets_out_of_resources(tmp_path):
    notes = []
    missing = tmp_path / "gone"
    assert handle_store(FakeStoreEvent(_encoded()), missing, notes.append) == OUT_OF_RESOURCES
    assert notes[0].kind == "store" and notes[0].message.startswith("could not write to the holding folder")
