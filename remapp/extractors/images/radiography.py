"""Radiography image headers (DX and CR: Carestream/Kodak, GE, Siemens, ...) as irradiation events.

Each image is one exposure of its study: kVp, tube current, time and exposure, DAP, exposure index,
target exposure index and deviation index, source-to-image distance, detector, anatomy, view and
acquisition protocol. DAP (Image and Fluoroscopy Area Dose Product) is dGy.cm2 in the header, as the
standard says and as every vendor in the test corpus writes it; it is stored in Gy.m2.
``parse`` needs no database; ``import_dataset`` saves through projection_save.
"""

from __future__ import annotations

from pydicom.dataset import Dataset

from remapp.dicom.values import header_text
from remapp.extractors import ExtractionError, ImportOutcome
from remapp.extractors.images.projection import (
    ProjectionImageData,
    dose_area_product_gym2,
    first_value,
    read_event,
    read_identity,
)

COMPUTED_RADIOGRAPHY = "1.2.840.10008.5.1.4.1.1.1"
DX_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1"
DX_FOR_PROCESSING = "1.2.840.10008.5.1.4.1.1.1.1.1"
RADIOGRAPHY_CLASSES = frozenset({COMPUTED_RADIOGRAPHY, DX_FOR_PRESENTATION, DX_FOR_PROCESSING})


def _acquisition_protocol(dataset: Dataset) -> str:
    """Protocol Name, else the processing description or the series description the unit named the view by."""
    for keyword in ("ProtocolName", "AcquisitionDeviceProcessingDescription", "SeriesDescription"):
        text = header_text(dataset, keyword)
        if text:
            return text[:256]
    return ""


def parse(dataset: Dataset) -> ProjectionImageData:
    """A DX or CR image header as one irradiation event; ExtractionError when it is not one."""
    sop_class = header_text(dataset, "SOPClassUID")
    if sop_class not in RADIOGRAPHY_CLASSES:
        raise ExtractionError(f"not a radiography (DX/CR) image (SOP Class {sop_class or 'missing'})")
    identity = read_identity(dataset)
    if not identity.sop_instance_uid or not identity.study_instance_uid:
        raise ExtractionError("radiography image without SOP Instance UID or Study Instance UID")
    # Studies from CR readers and DR detectors are listed together as radiography.
    identity.modality = "DX"
    event = read_event(dataset, identity)
    event.acquisition_protocol = _acquisition_protocol(dataset)
    event.target_region = event.anatomical_structure
    event.dose_area_product_gym2 = dose_area_product_gym2(dataset)
    return ProjectionImageData(identity=identity, event=event)


def kind_of(dataset: Dataset) -> str:
    """'dx', or 'mg' for a DX/CR-class image whose modality is MG (some mammography units store them so)."""
    return "mg" if first_value(dataset, "Modality").upper() == "MG" else "dx"


def import_dataset(dataset: Dataset, path: str = "") -> ImportOutcome:
    """Parse and save one DX or CR image (the router's entry point); MG-modality DX images go to mammography."""
    from remapp.extractors.images import mammography
    from remapp.extractors.images.projection_save import as_outcome, save_projection_image

    parse_image = mammography.parse if kind_of(dataset) == "mg" else parse
    return as_outcome(lambda: save_projection_image(dataset, parse_image(dataset), path), path)
