"""pynetdicom event handlers: C-STORE writes to the holding folder and passes a note on; nothing here imports.

Status codes (PS3.4 Annex B.2.3): 0x0000 success, 0xA700 out of resources (the file could not be written),
0xA900 data set does not match SOP class, 0xC210 cannot understand (the data set does not decode).
"""

import logging
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from pydicom.dataset import Dataset
from pydicom.filereader import read_dataset
from pydicom.uid import UID
from pynetdicom import evt

from remapp.netdicom.contexts import ACCEPTED_SOP_CLASSES
from remapp.netdicom.holding import holding_file_name, write_atomically
from remapp.netdicom.notes import Problem, Received

logger = logging.getLogger(__name__)

SOP_INSTANCE_UID_TAG = 0x00080018

SUCCESS = 0x0000
OUT_OF_RESOURCES = 0xA700
DATASET_DOES_NOT_MATCH_SOP_CLASS = 0xA900
CANNOT_UNDERSTAND = 0xC210

Submit = Callable[[Received | Problem], None]


def _decode_header(event) -> Dataset:
    """Decode the data set up to its SOP Instance UID: enough to know what it is, cheap for huge reports.

    The importer parses the rest, and rejects (and keeps) an object whose content turns out to be bad.
    """
    transfer_syntax = UID(event.context.transfer_syntax)
    if transfer_syntax.is_deflated:
        dataset = event.dataset  # pynetdicom inflates and decodes the whole data set
    else:
        dataset = read_dataset(
            BytesIO(event.request.DataSet.getvalue()),
            transfer_syntax.is_implicit_VR,
            transfer_syntax.is_little_endian,
            stop_when=lambda tag, _vr, _length: tag > SOP_INSTANCE_UID_TAG,
        )
    if not dataset.get("SOPClassUID") or not dataset.get("SOPInstanceUID"):
        raise ValueError("no SOP Class UID and SOP Instance UID found")
    return dataset


def handle_store(event, holding_folder: Path, submit: Submit) -> int:
    """C-STORE: decode, check, write atomically with its file meta, hand on a note, answer success."""
    calling_ae = event.assoc.requestor.ae_title
    requested_uid = str(event.request.AffectedSOPInstanceUID or "")

    def refuse(status: int, why: str) -> int:
        logger.warning("C-STORE from %s of %s refused (0x%04X): %s", calling_ae, requested_uid, status, why)
        submit(Problem("store", why[:500], calling_ae, requested_uid[:64]))
        return status

    try:
        dataset = _decode_header(event)
        sop_class_uid = str(dataset.SOPClassUID)
        sop_instance_uid = str(dataset.SOPInstanceUID)
    except Exception as exc:  # any decoding error means we cannot understand the object
        return refuse(CANNOT_UNDERSTAND, f"data set could not be decoded: {exc}")
    if sop_class_uid != str(event.request.AffectedSOPClassUID):
        return refuse(DATASET_DOES_NOT_MATCH_SOP_CLASS, f"data set SOP class {sop_class_uid} was sent as another")
    try:
        path = write_atomically(holding_folder, holding_file_name(sop_instance_uid), event.encoded_dataset())
    except OSError as exc:
        return refuse(OUT_OF_RESOURCES, f"could not write to the holding folder: {exc.strerror or exc}")
    submit(Received(path, sop_instance_uid[:64], sop_class_uid[:64], calling_ae))
    return SUCCESS


def handle_rejected(event, submit: Submit) -> None:
    """An association refused at negotiation (calling AE title not allowed, too many associations)."""
    calling_ae = event.assoc.requestor.ae_title
    submit(Problem("association", f"association from calling AE title {calling_ae!r} refused", calling_ae))


def handle_accepted(event, submit: Submit) -> None:
    """Note associations where no proposed SOP class is one we accept: the sender can store nothing."""
    assoc = event.assoc
    if assoc.accepted_contexts and any(cx.abstract_syntax in ACCEPTED_SOP_CLASSES for cx in assoc.accepted_contexts):
        return
    refused = sorted({str(cx.abstract_syntax) for cx in assoc.rejected_contexts})
    if refused:
        names = ", ".join(refused[:5])
        submit(Problem("association", f"no accepted SOP class proposed; refused: {names}", assoc.requestor.ae_title))


def event_handlers(holding_folder: Path, submit: Submit) -> list[tuple]:
    """The (event, handler, args) list for AE.start_server."""
    return [
        (evt.EVT_C_STORE, handle_store, [holding_folder, submit]),
        (evt.EVT_REJECTED, handle_rejected, [submit]),
        (evt.EVT_ACCEPTED, handle_accepted, [submit]),
    ]
