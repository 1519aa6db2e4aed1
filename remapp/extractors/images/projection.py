"""Reading one projection X-ray image header (mammography, DX, CR) into an irradiation event (TID 10003).

The parts every projection image shares live here: which exposure the image shows, the X-ray source
(kVp, tube current, time, exposure, target, filters), the detector, the geometry and the view. mammography.py
and radiography.py add what is particular to their modality. No Django here.

Which exposure an image shows (its event UID) is decided once, in ``exposure_uid``:

1. the Irradiation Event UID (0008,3010) when the unit writes one;
2. otherwise, for a derived or "For Presentation" image that names exactly one source image of an X-ray
   image class in its Source Image Sequence, the source image's SOP Instance UID: a processed or
   scaled copy shows the exposure of the image it was made from, so a For Processing image and the
   For Presentation image made from it get the same event UID whichever arrives first;
3. otherwise the image's own SOP Instance UID.

The save step (projection_save.py) adds one more, weaker test for units that link nothing: a For Processing and
a For Presentation image of the same study with the same acquisition time, laterality, view, kVp and
exposure are one exposure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from pydicom.dataset import Dataset
from pydicom.sr.coding import Code

from remapp.dicom.content import read_code
from remapp.dicom.units import convert
from remapp.dicom.values import (
    combine_date_time,
    header_date,
    header_datetime,
    header_decimal,
    header_text,
    header_time,
    parse_ds,
)
from remapp.extractors.images import codes
from remapp.extractors.rdsr.projection_data import (
    DetectorData,
    DistanceData,
    FilterData,
    IrradiationEventData,
    MechanicalData,
    SourceData,
)
from remapp.extractors.study.header import checked_uid

# X-ray image storage classes whose instances can be the source of a processed copy of the same exposure.
XRAY_IMAGE_CLASSES = frozenset(
    {
        "1.2.840.10008.5.1.4.1.1.1",  # Computed Radiography Image
        "1.2.840.10008.5.1.4.1.1.1.1",  # Digital X-Ray Image - For Presentation
        "1.2.840.10008.5.1.4.1.1.1.1.1",  # Digital X-Ray Image - For Processing
        "1.2.840.10008.5.1.4.1.1.1.2",  # Digital Mammography X-Ray Image - For Presentation
        "1.2.840.10008.5.1.4.1.1.1.2.1",  # Digital Mammography X-Ray Image - For Processing
        "1.2.840.10008.5.1.4.1.1.13.1.4",  # Breast Projection X-Ray Image - For Presentation
        "1.2.840.10008.5.1.4.1.1.13.1.5",  # Breast Projection X-Ray Image - For Processing
    }
)
_SOURCE_IMAGE_SEQUENCE = 0x00082112
_REFERENCED_SOP_CLASS_UID = 0x00081150
_REFERENCED_SOP_INSTANCE_UID = 0x00081155
_SOP_CLASS_UID = 0x00080016
_SOP_INSTANCE_UID = 0x00080018
_VIEW_CODE_SEQUENCE = 0x00540220
_VIEW_MODIFIER_CODE_SEQUENCE = 0x00540222
_ANATOMIC_REGION_SEQUENCE = 0x00082218
_DAP_UNIT = "dGy.cm2"  # Image and Fluoroscopy Area Dose Product (0018,115E) is dGy.cm2 by the standard


@dataclass
class ImageDetectorData(DetectorData):
    """TID 10003a with the detector identity that image headers give."""

    detector_id: str = ""
    detector_manufacturer_model_name: str = ""
    detector_type: str = ""


@dataclass
class ImageDistanceData(DistanceData):
    """TID 10008 with the source-to-entrance distance that mammography headers give."""

    distance_source_to_entrance_surface_mm: Decimal | None = None


@dataclass
class ImageMechanicalData(MechanicalData):
    """TID 10003c with the magnification factor image headers give."""

    magnification_factor: Decimal | None = None


@dataclass
class ImageIdentity:
    """Which object this is and which exposure it shows."""

    sop_instance_uid: str
    sop_class_uid: str
    study_instance_uid: str
    modality: str
    exposure_uid: str
    presentation_intent: str = ""
    image_type: str = ""


@dataclass
class ProjectionImageData:
    """One image header as an irradiation event of its study, with the image's identity."""

    identity: ImageIdentity
    event: IrradiationEventData


def first_value(dataset: Dataset, keyword: str) -> str:
    """The first value of a possibly multi-valued string attribute ('' when absent)."""
    return header_text(dataset, keyword).split("\\")[0].strip()


def _source_image_uid(dataset: Dataset) -> str:
    """The one X-ray source image this image was made from, or ''."""
    if _SOURCE_IMAGE_SEQUENCE not in dataset:
        return ""
    items = dataset[_SOURCE_IMAGE_SEQUENCE].value or []
    if len(items) != 1:
        return ""
    item = items[0]
    # Some scaling tools write SOP Class/Instance UID instead of the Referenced... attributes.
    sop_class = header_text(item, "ReferencedSOPClassUID") or header_text(item, "SOPClassUID")
    sop_instance = header_text(item, "ReferencedSOPInstanceUID") or header_text(item, "SOPInstanceUID")
    if sop_class in XRAY_IMAGE_CLASSES and 0 < len(sop_instance) <= 64:
        return sop_instance
    return ""


def exposure_uid(dataset: Dataset, sop_instance_uid: str) -> str:
    """The event UID of the exposure this image shows (see the module docstring for the rule)."""
    event_uid = checked_uid(first_value(dataset, "IrradiationEventUID"), "Irradiation Event UID")
    if event_uid:
        return event_uid
    image_type = header_text(dataset, "ImageType").upper()
    intent = header_text(dataset, "PresentationIntentType").upper()
    if image_type.startswith("DERIVED") or intent == "FOR PRESENTATION":
        source = _source_image_uid(dataset)
        if source:
            return source
    return sop_instance_uid


def read_identity(dataset: Dataset) -> ImageIdentity:
    """SOP instance, study, modality and exposure identity of an image."""
    sop_instance_uid = header_text(dataset, "SOPInstanceUID")
    return ImageIdentity(
        sop_instance_uid=sop_instance_uid,
        sop_class_uid=header_text(dataset, "SOPClassUID"),
        study_instance_uid=header_text(dataset, "StudyInstanceUID"),
        modality=first_value(dataset, "Modality").upper(),
        exposure_uid=exposure_uid(dataset, sop_instance_uid),
        presentation_intent=header_text(dataset, "PresentationIntentType").upper(),
        image_type=header_text(dataset, "ImageType")[:128],
    )


def acquisition_datetime(dataset: Dataset) -> dt.datetime | None:
    """When the exposure was made: Acquisition DateTime, else acquisition, content or study date and time."""
    found = header_datetime(dataset, "AcquisitionDateTime")
    if found is not None:
        return found
    for date_keyword, time_keyword in (
        ("AcquisitionDate", "AcquisitionTime"),
        ("ContentDate", "ContentTime"),
        ("StudyDate", "StudyTime"),
    ):
        date = header_date(dataset, date_keyword)
        if date is not None:
            return combine_date_time(date, header_time(dataset, time_keyword))
    return None


def _scaled(dataset: Dataset, keyword: str, factor: str) -> Decimal | None:
    value = header_decimal(dataset, keyword)
    return None if value is None else value * Decimal(factor)


def _first_of(*values: Decimal | None) -> Decimal | None:
    return next((v for v in values if v is not None), None)


def _decimals(text: str) -> list[Decimal | None]:
    """A list of numbers written either as DICOM multi-values or comma separated (a Carestream habit)."""
    return [parse_ds(part) for part in re.split(r"[\\,]", text)] if text.strip() else []


def read_filters(dataset: Dataset) -> list[FilterData]:
    """X-Ray Filters: one per Filter Material value, with its thicknesses (min and max put in order)."""
    materials = [m.strip() for m in re.split(r"[\\,]", header_text(dataset, "FilterMaterial")) if m.strip()]
    minimums = _decimals(header_text(dataset, "FilterThicknessMinimum"))
    maximums = _decimals(header_text(dataset, "FilterThicknessMaximum"))
    kind = codes.filter_type(first_value(dataset, "FilterType"))
    filters = []
    for index, material in enumerate(materials):
        low = minimums[index] if index < len(minimums) else None
        high = maximums[index] if index < len(maximums) else None
        if low is not None and high is not None and low > high:
            low, high = high, low  # some units write them the other way round
        filters.append(
            FilterData(
                xray_filter_type=kind,
                xray_filter_material=codes.material(material),
                xray_filter_thickness_minimum_mm=low,
                xray_filter_thickness_maximum_mm=high,
            )
        )
    return filters


def read_source(dataset: Dataset) -> SourceData:
    """X-Ray Source Data (TID 10003b) from the X-Ray Acquisition attributes, preferring the precise forms."""
    exposure_ms = _first_of(
        _scaled(dataset, "ExposureTimeInuS", "0.001"),
        header_decimal(dataset, "ExposureTimeInms"),
        header_decimal(dataset, "ExposureTime"),
    )
    return SourceData(
        kvp=header_decimal(dataset, "KVP"),
        xray_tube_current_ma=_first_of(
            _scaled(dataset, "XRayTubeCurrentInuA", "0.001"),
            header_decimal(dataset, "XRayTubeCurrentInmA"),
            header_decimal(dataset, "XRayTubeCurrent"),
        ),
        exposure_time_ms=exposure_ms,
        exposure_uas=_first_of(
            header_decimal(dataset, "ExposureInuAs"),
            _scaled(dataset, "ExposureInmAs", "1000"),
            _scaled(dataset, "Exposure", "1000"),
        ),
        focal_spot_size_mm=header_decimal(dataset, "FocalSpots"),
        anode_target_material=codes.material(first_value(dataset, "AnodeTargetMaterial")),
        grid=header_text(dataset, "Grid").replace("\\", " ")[:128],
        exposure_control_mode=first_value(dataset, "ExposureControlMode").upper()[:16],
        exposure_control_mode_description=header_text(dataset, "ExposureControlModeDescription"),
        filters=read_filters(dataset),
    )


def read_detector(dataset: Dataset) -> ImageDetectorData:
    """X-Ray Detector Data (TID 10003a): exposure indices and the detector's identity."""
    return ImageDetectorData(
        exposure_index=header_decimal(dataset, "ExposureIndex"),
        target_exposure_index=header_decimal(dataset, "TargetExposureIndex"),
        deviation_index=header_decimal(dataset, "DeviationIndex"),
        relative_xray_exposure=header_decimal(dataset, "RelativeXRayExposure"),
        sensitivity=header_decimal(dataset, "Sensitivity"),
        detector_id=header_text(dataset, "DetectorID")[:64],
        detector_manufacturer_model_name=header_text(dataset, "DetectorManufacturerModelName")[:64],
        detector_type=header_text(dataset, "DetectorType")[:32],
    )


def read_mechanical(dataset: Dataset) -> ImageMechanicalData:
    """X-Ray Mechanical Data (TID 10003c) and distances (TID 10008) common to projection images."""
    return ImageMechanicalData(
        positioner_primary_angle_deg=header_decimal(dataset, "PositionerPrimaryAngle"),
        positioner_secondary_angle_deg=header_decimal(dataset, "PositionerSecondaryAngle"),
        magnification_factor=header_decimal(dataset, "EstimatedRadiographicMagnificationFactor"),
        distances=ImageDistanceData(
            distance_source_to_detector_mm=header_decimal(dataset, "DistanceSourceToDetector"),
            distance_source_to_entrance_surface_mm=header_decimal(dataset, "DistanceSourceToEntrance"),
        ),
    )


def _first_code(dataset: Dataset, tag: int) -> tuple[Code | None, Dataset | None]:
    if tag not in dataset or not dataset[tag].value:
        return None, None
    item = dataset[tag].value[0]
    return read_code(item), item


def read_view(dataset: Dataset) -> tuple[Code | None, list[Code]]:
    """The image view (View Code Sequence, else View Position) and its view modifiers."""
    view, item = _first_code(dataset, _VIEW_CODE_SEQUENCE)
    modifiers: list[Code] = []
    if item is not None and _VIEW_MODIFIER_CODE_SEQUENCE in item:
        modifiers = [c for c in (read_code(m) for m in item[_VIEW_MODIFIER_CODE_SEQUENCE].value or []) if c]
    if view is None:
        view = codes.view(first_value(dataset, "ViewPosition"))
    return view, modifiers


def read_anatomy(dataset: Dataset) -> Code | None:
    """Anatomic Region Sequence, else Body Part Examined as a local code."""
    region, _ = _first_code(dataset, _ANATOMIC_REGION_SEQUENCE)
    return region or codes.local_code(first_value(dataset, "BodyPartExamined"))


def dose_area_product_gym2(dataset: Dataset) -> Decimal | None:
    """Image and Fluoroscopy Area Dose Product (dGy.cm2 by the standard, as every vendor seen writes it) in Gy.m2."""
    return convert(header_decimal(dataset, "ImageAndFluoroscopyAreaDoseProduct"), _DAP_UNIT, "Gy.m2")


def _laterality(image_laterality: str, laterality: str) -> Code | None:
    return codes.laterality(image_laterality or laterality)


def read_event(dataset: Dataset, identity: ImageIdentity) -> IrradiationEventData:
    """The parts of an irradiation event every projection image header gives."""
    view, modifiers = read_view(dataset)
    return IrradiationEventData(
        irradiation_event_uid=identity.exposure_uid,
        acquisition_plane=codes.SINGLE_PLANE,
        date_time_started=acquisition_datetime(dataset),
        irradiation_event_type=codes.STATIONARY_ACQUISITION,
        acquisition_protocol=header_text(dataset, "ProtocolName")[:256],
        anatomical_structure=read_anatomy(dataset),
        # Image Laterality for images; Hologic projection objects carry only Laterality (0020,0060).
        laterality=_laterality(first_value(dataset, "ImageLaterality"), first_value(dataset, "Laterality")),
        image_view=view,
        image_view_modifiers=modifiers,
        half_value_layer_mm=header_decimal(dataset, "HalfValueLayer"),
        comment=header_text(dataset, "CommentsOnRadiationDose")[:1000],
        detector=read_detector(dataset),
        source=read_source(dataset),
        mechanical=read_mechanical(dataset),
    )
