"""Real associations over loopback with the import task stubbed: what is accepted, refused, written and queued."""

import threading
from io import BytesIO
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.uid import DeflatedExplicitVRLittleEndian, ExplicitVRLittleEndian, JPEGBaseline8Bit, generate_uid
from pynetdicom import AE
from pynetdicom.sop_class import Verification

from remapp.models import ReceivedObject, StoreNode, StoreNodeError
from remapp.netdicom.bookkeeper import Tick
from tests.netdicom.conftest import RecordingQueue, network_db, send_with_pynetdicom

pytestmark = network_db

MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4"


def _corpus(corpus_dir: Path) -> list[Path]:
    return sorted(corpus_dir.glob("*.dcm"))


def _data_set_bytes(content: bytes) -> bytes:
    """The encoded data set after the preamble and file meta (whose length is its group length element)."""
    assert content[128:132] == b"DICM" and content[132:136] == b"\x02\x00\x00\x00"
    return content[144 + int.from_bytes(content[140:144], "little") :]


def _assert_received_intact(queue: RecordingQueue, sent: list[Path]) -> None:
    """Every sent object was queued once, from its own holding file, with its data set unchanged."""
    assert len(set(queue.paths)) == len(queue.paths) == len(sent)
    left = list(queue.contents)
    unmatched = []
    for original_path in sent:
        original = _data_set_bytes(original_path.read_bytes())
        same = [content for content in left if _data_set_bytes(content) == original]
        if same:
            left.remove(same[0])
        else:
            unmatched.append(original_path)
    # A sender that re-encodes (dcmtk evens odd lengths, for one) changes bytes, not values.
    decoded = [pydicom.dcmread(BytesIO(content)) for content in left]
    for original_path in unmatched:
        original = pydicom.dcmread(original_path)
        assert any(dataset == original for dataset in decoded), f"{original_path.name} was not received unchanged"


def _node_counts() -> dict:
    return StoreNode.objects.values(
        "received_count", "imported_count", "rejected_count", "store_failed_count", "refused_association_count"
    ).get()


def _mr_file(folder: Path) -> Path:
    """A tiny MR image header: a storage SOP class the node does not accept."""
    dataset = Dataset()
    dataset.SOPClassUID = MR_IMAGE_STORAGE
    dataset.SOPInstanceUID = generate_uid()
    dataset.StudyInstanceUID = generate_uid()
    dataset.SeriesInstanceUID = generate_uid()
    dataset.Modality = "MR"
    dataset.file_meta = FileMetaDataset()
    dataset.file_meta.MediaStorageSOPClassUID = MR_IMAGE_STORAGE
    dataset.file_meta.MediaStorageSOPInstanceUID = dataset.SOPInstanceUID
    dataset.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    path = folder / "mr.dcm"
    dataset.save_as(path, enforce_file_format=True)
    return path


def test_c_echo_succeeds_from_pynetdicom(start_node):
    node = start_node(queue_import=RecordingQueue())
    ae = AE(ae_title="ECHOER")
    ae.add_requested_context(Verification)
    assoc = ae.associate("127.0.0.1", node.port)
    assert assoc.is_established
    assert assoc.send_c_echo().Status == 0x0000
    assoc.release()


def test_c_echo_succeeds_from_dcmtk(start_node, dcmtk):
    node = start_node(queue_import=RecordingQueue())
    assert dcmtk.echoscu(node.port).returncode == 0


# dcmtk cannot parse this file itself (a private undefined-length UN element it reads as a sequence and
# overruns), so storescu never sends it; the pynetdicom test sends it.
DCMTK_UNREADABLE = {"MG-Im-Hologic-PropProj.dcm"}


def test_a_rejected_import_keeps_the_file_with_its_reason(start_node, corpus_dir, tmp_path):
    node = start_node(queue_import=RecordingQueue("rejected", "not a dose report"))
    assert send_with_pynetdicom(node.port, [corpus_dir / "ESR_non-dose.dcm"]) == [0x0000]
    node.wait_until_idle()
    [kept] = (tmp_path / "holding" / "rejected").glob("*.dcm")
    assert pydicom.dcmread(kept).SOPInstanceUID == pydicom.dcmread(corpus_dir / "ESR_non-dose.dcm").SOPInstanceUID
    assert Path(f"{kept}.reason.txt").read_text() == "not a dose report\n"
    assert _node_counts()["rejected_count"] == 1
    assert StoreNodeError.objects.get().message == f"{kept.name}: not a dose report"


def test_an_unknown_sop_class_is_refused_at_negotiation(start_node, tmp_path):
    queue = RecordingQueue()
    node = start_node(queue_import=queue)
    ae = AE(ae_title="MRSCANNER")
    ae.add_requested_context(MR_IMAGE_STORAGE)
    assoc = ae.associate("127.0.0.1", node.port)
    # The node accepts the association but answers the context with result 3 (abstract syntax not
    # supported); with nothing usable, pynetdicom's SCU then aborts the association itself.
    assert [(cx.abstract_syntax, cx.result) for cx in assoc.rejected_contexts] == [(MR_IMAGE_STORAGE, 0x03)]
    assert assoc.accepted_contexts == [] and assoc.is_aborted and not assoc.is_established
    node.wait_until_idle()
    assert queue.paths == []
    errors = list(StoreNodeError.objects.values_list("kind", "calling_ae_title", "message"))
    assert errors[-1] == ("association", "MRSCANNER", f"no accepted SOP class proposed; refused: {MR_IMAGE_STORAGE}")


def test_an_unknown_sop_class_from_dcmtk_is_refused_at_negotiation(start_node, dcmtk, tmp_path):
    queue = RecordingQueue()
    node = start_node(queue_import=queue)
    result = dcmtk.storescu(node.port, [_mr_file(tmp_path)], "MRSCANNER", "--required")
    node.wait_until_idle()
    assert result.returncode != 0
    assert "No Acceptable Presentation Contexts" in result.stderr
    assert queue.paths == []
    errors = list(StoreNodeError.objects.values_list("kind", "calling_ae_title", "message"))
    assert errors == [("association", "MRSCANNER", f"no accepted SOP class proposed; refused: {MR_IMAGE_STORAGE}")]
    assert not list((tmp_path / "holding").glob("*.dcm"))
    errors = list(StoreNodeError.objects.values_list("kind", "calling_ae_title", "message"))
    assert errors[-1] == ("association", "MRSCANNER", f"no accepted SOP class proposed; refused: {MR_IMAGE_STORAGE}")


def test_a_disallowed_calling_ae_title_is_rejected(start_node, corpus_dir):
    queue = RecordingQueue()
    node = start_node(queue_import=queue, allowed_calling_aets=("CT_SCANNER",))
    ae = AE(ae_title="INTRUDER")
    ae.add_requested_context(Verification)
    assoc = ae.associate("127.0.0.1", node.port)
    assert assoc.is_rejected
    rejection = assoc.acceptor.primitive
    # Rejected permanent, by the service user (ACSE), calling AE title not recognised.
    assert (rejection.result, rejection.result_source, rejection.diagnostic) == (0x01, 0x01, 0x03)

    allowed = send_with_pynetdicom(node.port, [corpus_dir / "CT-RDSR-GEPixelMed.dcm"], "CT_SCANNER")
    node.wait_until_idle()
    assert allowed == [0x0000] and len(queue.paths) == 1
    assert _node_counts()["refused_association_count"] == 1
    assert set(StoreNodeError.objects.values_list("calling_ae_title", flat=True)) == {"INTRUDER"}


def test_a_disallowed_calling_ae_title_from_dcmtk_is_rejected(start_node, dcmtk, corpus_dir):
    queue = RecordingQueue()
    node = start_node(queue_import=queue, allowed_calling_aets=("CT_SCANNER",))
    result = dcmtk.storescu(node.port, [corpus_dir / "CT-RDSR-GEPixelMed.dcm"], "INTRUDER")
    node.wait_until_idle()
    assert result.returncode != 0 and "Calling AE Title Not Recognized" in result.stdout + result.stderr
    assert queue.paths == []
    assert _node_counts()["refused_association_count"] == 1


def test_four_associations_at_once_lose_nothing(start_node, dcmtk, corpus_dir):
    queue = RecordingQueue()
    node = start_node(queue_import=queue)
    sent = _corpus(corpus_dir)
    readable_by_all = [path for path in sent if path.name not in DCMTK_UNREADABLE]
    shares = [readable_by_all[i::4] for i in range(4)]
    shares[0] += [path for path in sent if path.name in DCMTK_UNREADABLE]  # shares 0 and 2 go by pynetdicom
    statuses: dict[int, list[int]] = {}
    barrier = threading.Barrier(4)

    def send(index: int) -> None:
        barrier.wait()
        if index % 2:
            result = dcmtk.storescu(node.port, shares[index], f"SENDER{index}")
            statuses[index] = [0x0000] * len(shares[index]) if result.returncode == 0 else [result.returncode]
        else:
            statuses[index] = send_with_pynetdicom(node.port, shares[index], f"SENDER{index}")

    threads = [threading.Thread(target=send, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    node.wait_until_idle()
    assert statuses == {i: [0x0000] * len(shares[i]) for i in range(4)}
    _assert_received_intact(queue, sent)
    assert _node_counts()["received_count"] == len(sent)
    assert ReceivedObject.objects.count() == 0


def _send_datasets(port: int, datasets: list[Dataset]) -> list[int]:
    ae = AE(ae_title="PYNETDICOM")
    for dataset in datasets:
        ae.add_requested_context(dataset.SOPClassUID, dataset.file_meta.TransferSyntaxUID)
    assoc = ae.associate("127.0.0.1", port)
    assert assoc.is_established
    try:
        return [int(assoc.send_c_store(dataset).Status) for dataset in datasets]
    finally:
        assoc.release()


def test_deflated_and_jpeg_objects_are_stored_as_received(start_node, corpus_dir):
    queue = RecordingQueue()
    node = start_node(queue_import=queue)
    report = pydicom.dcmread(corpus_dir / "CT-RDSR-GEPixelMed.dcm")
    report.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
    image = pydicom.dcmread(corpus_dir / "MG-Im-GE_Seno_1_ForPresentation.dcm")
    # The node never decodes pixels, so any JPEG stream will do.
    image.PixelData = encapsulate([b"\xff\xd8\xff\xe0 a JPEG stream \xff\xd9"])
    image["PixelData"].VR = "OB"
    image.file_meta.TransferSyntaxUID = JPEGBaseline8Bit
    assert _send_datasets(node.port, [report, image]) == [0x0000, 0x0000]
    node.wait_until_idle()
    stored_report, stored_image = (pydicom.dcmread(BytesIO(content)) for content in queue.contents)
    assert stored_report.file_meta.TransferSyntaxUID == DeflatedExplicitVRLittleEndian
    assert stored_report == pydicom.dcmread(corpus_dir / "CT-RDSR-GEPixelMed.dcm")
    assert stored_image.file_meta.TransferSyntaxUID == JPEGBaseline8Bit
    assert stored_image.PixelData == image.PixelData
    assert stored_image.SOPInstanceUID == image.SOPInstanceUID


def test_files_left_by_an_earlier_run_are_queued_on_start(start_node, corpus_dir, tmp_path):
    holding = tmp_path / "holding"
    holding.mkdir()
    left = holding / "1.2.3_left.dcm"
    left.write_bytes((corpus_dir / "CT-RDSR-GEPixelMed.dcm").read_bytes())
    (holding / ".1.2.3_half.dcm.part").write_bytes(b"half")  # an interrupted write is not an object
    queue = RecordingQueue()
    node = start_node(queue_import=queue)
    node.wait_until_idle()
    assert queue.paths == [str(left)]
    assert _node_counts()["received_count"] == 1


def test_a_recorded_object_still_waiting_is_queued_again_on_start(start_node, corpus_dir, tmp_path):
    queue = RecordingQueue()
    first = start_node(queue_import=lambda path: None)  # queued to a "worker" that never ran it
    assert send_with_pynetdicom(first.port, [corpus_dir / "CT-RDSR-GEPixelMed.dcm"]) == [0x0000]
    first.wait_until_idle()
    first.stop(grace_seconds=5)
    waiting = ReceivedObject.objects.get()
    assert waiting.queued_at is not None
    second = start_node(queue_import=queue, port=first.port)
    second.wait_until_idle()
    assert queue.paths == [str(tmp_path / "holding" / waiting.holding_file)]
    assert ReceivedObject.objects.count() == 0
    assert _node_counts()["received_count"] == 1 and _node_counts()["imported_count"] == 1


def test_a_file_rejected_under_the_old_task_name_is_set_aside_when_the_node_starts_again(
    start_node, corpus_dir, tmp_path
):
    """Earlier versions queued remapp.import_dicom_file, which only imports: a file it rejects waits in holding."""
    from remapp.tasks import import_dicom_file

    first = start_node(queue_import=lambda path: None)  # queued to a worker that runs it later
    assert send_with_pynetdicom(first.port, [corpus_dir / "ESR_non-dose.dcm"]) == [0x0000]
    first.wait_until_idle()
    first.stop(grace_seconds=5)
    [left] = (tmp_path / "holding").glob("*.dcm")
    assert import_dicom_file(str(left), delete_after_import=True)["status"] == "rejected"  # the worker runs it
    assert left.is_file()
    second = start_node(port=first.port)  # the real queue: remapp.import_received_file, run eagerly here
    second.wait_until_idle()
    reason = (tmp_path / "holding" / "rejected" / f"{left.name}.reason.txt").read_text()
    assert reason == "not an X-Ray Radiation Dose Report (document title: Diagnostic Imaging Report)\n"
    assert not left.exists() and ReceivedObject.objects.count() == 0
    assert _node_counts()["rejected_count"] == 1 and _node_counts()["received_count"] == 1


class FailingOnceQueue(RecordingQueue):
    """A broker that is down for the first attempt."""

    def __call__(self, path: str) -> dict:
        if not self.paths and not getattr(self, "failed", False):
            self.failed = True
            raise ConnectionRefusedError("broker unreachable")
        return super().__call__(path)


def test_an_import_that_could_not_be_queued_is_queued_again_later(start_node, corpus_dir):
    from celery import current_app

    current_app.conf.task_always_eager = False  # as in production: a queueing error is the broker's
    try:
        queue = FailingOnceQueue()
        node = start_node(queue_import=queue)
        assert send_with_pynetdicom(node.port, [corpus_dir / "CT-RDSR-GEPixelMed.dcm"]) == [0x0000]
        node.wait_until_idle()
        assert queue.paths == [] and ReceivedObject.objects.get().queued_at is None
        assert StoreNodeError.objects.get().message.endswith("could not queue import: broker unreachable")
        node.bookkeeper.submit(Tick())  # what the heartbeat does every few seconds
        node.wait_until_idle()
    finally:
        current_app.conf.task_always_eager = True
    assert len(queue.paths) == 1
    assert ReceivedObject.objects.count() == 0
    assert _node_counts()["imported_count"] == 1
