"""Mammography image headers (GE Senographe, Hologic Selenia, Siemens Inspiration, ...) as irradiation events.

Each image is one exposure of its study: view and laterality, target and filter, kVp, mAs, exposure time,
compressed thickness and force, AGD (Organ Dose, dGy in the header, stored in mGy), entrance dose, detector
and geometry. The Hologic tomosynthesis projection object (a Secondary Capture with modality MG and
Hologic private data) is one rotational acquisition: its projection count and sweep angles come from
the Hologic private group. ``parse`` needs no database; ``import_dataset`` saves through projection_save.
"""

from __future__ import annotations

import re
from decimal import Decimal

from pydicom.dataset import Dataset

from remapp.dicom.units import convert
from remapp.dicom.values import header_decimal, header_int, header_text
from remapp.extractors import ExtractionError, ImportOutcome
from remapp.extractors.images import codes
from remapp.extractors.images.projection import (
    ProjectionImageData,
    first_value,
    read_event,
    read_identity,
)

MG_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.2"
MG_FOR_PROCESSING = "1.2.840.10008.5.1.4.1.1.1.2.1"
BREAST_PROJECTION_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.13.1.4"
BREAST_PROJECTION_FOR_PROCESSING = "1.2.840.10008.5.1.4.1.1.13.1.5"
SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7"
MAMMOGRAPHY_CLASSES = frozenset(
    {MG_FOR_PRESENTATION, MG_FOR_PROCESSING, BREAST_PROJECTION_FOR_PRESENTATION, BREAST_PROJECTION_FOR_PROCESSING}
)
_DX_CLASSES = frozenset({"1.2.840.10008.5.1.4.1.1.1.1", "1.2.840.10008.5.1.4.1.1.1.1.1"})
_TOMOSYNTHESIS_CLASSES = frozenset({BREAST_PROJECTION_FOR_PRESENTATION, BREAST_PROJECTION_FOR_PROCESSING})

HOLOGIC_CREATOR = "HOLOGIC, Inc."
_HOLOGIC_GEOMETRY = 0x60  # (0019,xx60): projection geometry table, one row per projection and matrix element
_HOLOGIC_RECON_XML = 0x63  # (0019,xx63): reconstruction parameters (XML), including <nProj>
_GEOMETRY_ROW = re.compile(r"^\s*(\d+)\s+0\s+(-?\d+(?:\.\d+)?)\s", re.MULTILINE)
_PROJECTION_COUNT = re.compile(r"<nProj>\s*(\d+)\s*</nProj>")
_GE_GLANDULARITY = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*%\s*$")


def is_hologic_projection_object(dataset: Dataset) -> bool:
    """A Hologic tomosynthesis projection object: Secondary Capture, modality MG, made by Hologic."""
    return (
        header_text(dataset, "SOPClassUID") == SECONDARY_CAPTURE
        and first_value(dataset, "Modality").upper() == "MG"
        and "HOLOGIC" in header_text(dataset, "Manufacturer").upper()
    )


def _hologic_private_text(dataset: Dataset, element: int) -> str:
    """A Hologic private (0019,xxNN) value as text, whatever VR it arrived with ('' when absent)."""
    try:
        block = dataset.private_block(0x0019, HOLOGIC_CREATOR)
        value = block[element].value
    except (KeyError, ValueError):
        return ""
    if isinstance(value, bytes):
        return value.decode("latin-1", errors="replace")
    return str(value) if value is not None else ""


def hologic_projection_angles(dataset: Dataset) -> tuple[Decimal | None, Decimal | None]:
    """Angles (deg) of the first and last projection from the Hologic geometry table, or (None, None)."""
    angles = [Decimal(m.group(2)) for m in _GEOMETRY_ROW.finditer(_hologic_private_text(dataset, _HOLOGIC_GEOMETRY))]
    if len(angles) < 2:
        return None, None
    return angles[0], angles[-1]


def hologic_projection_count(dataset: Dataset) -> int | None:
    """Number of tomosynthesis projections: <nProj> of the Hologic reconstruction XML, else Images in Acquisition."""
    match = _PROJECTION_COUNT.search(_hologic_private_text(dataset, _HOLOGIC_RECON_XML))
    if match:
        return int(match.group(1))
    return header_int(dataset, "ImagesInAcquisition")


def _check_kind(dataset: Dataset) -> None:
    sop_class = header_text(dataset, "SOPClassUID")
    if sop_class in MAMMOGRAPHY_CLASSES or is_hologic_projection_object(dataset):
        return
    # Some mammography units store their images in the DX classes with modality MG.
    if sop_class in _DX_CLASSES and first_value(dataset, "Modality").upper() == "MG":
        return
    raise ExtractionError(f"not a mammography image (SOP Class {sop_class or 'missing'})")


def _glandularity_percent(dataset: Dataset) -> Decimal | None:
    """GE Senographe writes the breast glandularity used for the AGD as 'NN %' in Comments on Radiation Dose."""
    if "GE" not in header_text(dataset, "Manufacturer").upper():
        return None
    match = _GE_GLANDULARITY.match(header_text(dataset, "CommentsOnRadiationDose"))
    return Decimal(match.group(1)) if match else None


def _entrance_dose_mgy(dataset: Dataset) -> Decimal | None:
    """Entrance Dose in mGy (0040,8302), else Entrance Dose (0040,0302, dGy) when it is not zero."""
    in_mgy = header_decimal(dataset, "EntranceDoseInmGy")
    if in_mgy is not None:
        return in_mgy
    in_dgy = header_decimal(dataset, "EntranceDose")
    return convert(in_dgy, "dGy", "mGy") if in_dgy else None


def _average_glandular_dose_mgy(dataset: Dataset) -> Decimal | None:
    """Organ Dose (0040,0316, dGy) when the organ exposed is the breast (or not named), in mGy."""
    organ = header_text(dataset, "OrganExposed").upper()
    if organ and organ != "BREAST":
        return None
    return convert(header_decimal(dataset, "OrganDose"), "dGy", "mGy")


def parse(dataset: Dataset) -> ProjectionImageData:
    """A mammography image header as one irradiation event; ExtractionError when it is not one."""
    _check_kind(dataset)
    identity = read_identity(dataset)
    if not identity.sop_instance_uid or not identity.study_instance_uid:
        raise ExtractionError("mammography image without SOP Instance UID or Study Instance UID")
    identity.modality = "MG"
    event = read_event(dataset, identity)
    event.target_region = codes.BREAST
    if event.anatomical_structure is None or event.anatomical_structure.scheme_designator == codes.LOCAL_SCHEME:
        event.anatomical_structure = codes.BREAST
    event.entrance_exposure_at_rp_mgy = _entrance_dose_mgy(dataset)
    event.percent_fibroglandular_tissue = _glandularity_percent(dataset)
    event.source.average_glandular_dose_mgy = _average_glandular_dose_mgy(dataset)
    event.mechanical.compression_thickness_mm = header_decimal(dataset, "BodyPartThickness")
    event.mechanical.compression_force_n = header_decimal(dataset, "CompressionForce")
    sop_class = identity.sop_class_uid
    if sop_class in _TOMOSYNTHESIS_CLASSES or is_hologic_projection_object(dataset):
        event.irradiation_event_type = codes.ROTATIONAL_ACQUISITION
        count = hologic_projection_count(dataset)
        event.source.number_of_pulses = Decimal(count) if count is not None else None
        start, end = hologic_projection_angles(dataset)
        if start is not None:
            event.mechanical.positioner_primary_angle_deg = start
            event.mechanical.positioner_primary_end_angle_deg = end
    return ProjectionImageData(identity=identity, event=event)


def kind_of(dataset: Dataset) -> str:
    """Every object of the mammography classes is a mammography image (the router's registry)."""
    return "mg"


def import_dataset(dataset: Dataset, path: str = "") -> ImportOutcome:
    """Parse and save one mammography image (the router's entry point)."""
    from remapp.extractors.images.projection_save import as_outcome, save_projection_image

    return as_outcome(lambda: save_projection_image(dataset, parse(dataset), path), path)
