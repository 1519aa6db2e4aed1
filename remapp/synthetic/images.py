"""Synthetic mammography and radiography images whose headers carry the dose data (tiny pixel data only).

Header units follow the standard: OrganDose in dGy, EntranceDoseInmGy in mGy, ImageAndFluoroscopyAreaDoseProduct
in dGy.cm2, Exposure in mAs, ExposureInuAs in uA.s, ExposureTime in ms.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from remapp.synthetic import codes
from remapp.synthetic.content import code_dataset
from remapp.synthetic.header import (
    Header,
    base_dataset,
    dicom_date,
    dicom_datetime,
    dicom_time,
    ds_value,
    resolve_header,
    to_decimal,
)

MG_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.2"
MG_FOR_PROCESSING = "1.2.840.10008.5.1.4.1.1.1.2.1"
DX_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1"
DX_FOR_PROCESSING = "1.2.840.10008.5.1.4.1.1.1.1.1"
CR_IMAGE = "1.2.840.10008.5.1.4.1.1.1"

MG_IMAGE_DEFAULTS = {
    "manufacturer": "OpenREM Synthetic Mammo",
    "manufacturer_model_name": "SynthMammo 2D",
    "station_name": "MGSYNTH02",
    "study_description": "Bilateral screening mammography",
}
DX_IMAGE_DEFAULTS = {
    "manufacturer": "OpenREM Synthetic DR",
    "manufacturer_model_name": "SynthDR 300",
    "station_name": "DXSYNTH02",
    "study_description": "XR Chest",
}
MATERIAL_NAMES = {
    "W": "TUNGSTEN",
    "Mo": "MOLYBDENUM",
    "Rh": "RHODIUM",
    "Ag": "SILVER",
    "Al": "ALUMINUM",
    "Cu": "COPPER",
}
VIEW_POSITIONS = {"CC": "CC", "MLO": "MLO", "ML": "ML", "AP": "AP", "PA": "PA", "LAT": "LL"}
BODY_PARTS = {
    "chest": "CHEST",
    "abdomen": "ABDOMEN",
    "pelvis": "PELVIS",
    "lumbar_spine": "LSPINE",
    "cervical_spine": "CSPINE",
    "skull": "SKULL",
    "knee": "KNEE",
    "hand": "HAND",
    "foot": "FOOT",
    "hip": "HIP",
    "shoulder": "SHOULDER",
    "breast": "BREAST",
}


def image_pixels(ds: Dataset, rows: int = 2, columns: int = 2) -> None:
    """Tiny monochrome pixel data: the image IODs require it, the importers only read the header."""
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = rows
    ds.Columns = columns
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.PixelData = bytes(rows * columns * 2)


def _acquisition(ds: Dataset, acquired: datetime) -> None:
    ds.AcquisitionDate = dicom_date(acquired)
    ds.AcquisitionTime = dicom_time(acquired)
    ds.AcquisitionDateTime = dicom_datetime(acquired)
    ds.ContentDate = dicom_date(acquired)
    ds.ContentTime = dicom_time(acquired)


def _exposure(ds: Dataset, kvp, tube_current_ma, exposure_time_ms, exposure_mas) -> None:
    """kVp, tube current, time and mAs (integers where the VR is IS, exact values in the FD/DS variants)."""
    if exposure_mas is None:
        exposure_mas = to_decimal(tube_current_ma) * to_decimal(exposure_time_ms) / 1000
    ds.KVP = ds_value(kvp)
    ds.XRayTubeCurrent = round(tube_current_ma)
    ds.ExposureTime = round(exposure_time_ms)
    ds.ExposureTimeInms = float(exposure_time_ms)
    ds.XRayTubeCurrentInmA = float(tube_current_ma)
    ds.Exposure = round(exposure_mas)
    ds.ExposureInuAs = round(to_decimal(exposure_mas) * 1000)


def _view(ds: Dataset, view: str, region: str) -> None:
    ds.ViewPosition = VIEW_POSITIONS[view]
    view_item = code_dataset(codes.VIEWS[view])
    view_item.ViewModifierCodeSequence = Sequence()
    ds.ViewCodeSequence = Sequence([view_item])
    ds.AnatomicRegionSequence = Sequence([code_dataset(codes.REGIONS[region])])
    ds.BodyPartExamined = BODY_PARTS.get(region, region.upper())


def mammo_image(
    *,
    kvp: float = 29,
    tube_current_ma: float = 100,
    exposure_time_ms: float = 800,
    exposure_mas: float | None = None,
    anode_target_material: str = "W",
    filter_material: str = "Rh",
    filter_thickness_mm: float = 0.05,
    compressed_thickness_mm: float = 50,
    compression_force_n: float = 100,
    average_glandular_dose_mgy: float = 1.25,
    entrance_dose_mgy: float = 4.1,
    view: str = "CC",
    laterality: str = "L",
    protocol_name: str = "Screening",
    presentation: str = "FOR PRESENTATION",
    distance_source_to_detector_mm: float = 660,
    acquisition_datetime: datetime | None = None,
    irradiation_event_uid: str | None = None,
    source_image_uid: str | None = None,
    seed: object = 0,
    **header_values,
) -> Dataset:
    """A Digital Mammography X-Ray Image (header only in substance) with kVp, mAs, anode/filter, AGD and compression."""
    header = resolve_header("mammo_image", seed, MG_IMAGE_DEFAULTS, header_values)
    sop_class = MG_FOR_PRESENTATION if presentation == "FOR PRESENTATION" else MG_FOR_PROCESSING
    acquired = acquisition_datetime or header.study_datetime + timedelta(minutes=1, seconds=30 * header.instance_number)
    ds = base_dataset(header, sop_class, "MG", acquired)
    _common_image(ds, header, presentation, acquired, protocol_name)
    _exposure_identity(ds, irradiation_event_uid, source_image_uid, MG_FOR_PROCESSING)
    _exposure(ds, kvp, tube_current_ma, exposure_time_ms, exposure_mas)
    _view(ds, view, "breast")
    ds.ImageLaterality = laterality
    ds.PatientOrientation = ["A", "R"] if laterality == "L" else ["P", "L"]
    ds.PositionerType = "MAMMOGRAPHIC"
    ds.PositionerPrimaryAngle = ds_value(0 if view == "CC" else (-45 if laterality == "L" else 45))
    ds.AnodeTargetMaterial = MATERIAL_NAMES[anode_target_material]
    ds.FilterMaterial = MATERIAL_NAMES[filter_material]
    ds.FilterThicknessMinimum = ds_value(filter_thickness_mm)
    ds.FilterThicknessMaximum = ds_value(filter_thickness_mm)
    ds.FocalSpots = "0.3"
    ds.BodyPartThickness = ds_value(compressed_thickness_mm)
    ds.CompressionForce = ds_value(compression_force_n)
    ds.DistanceSourceToDetector = ds_value(distance_source_to_detector_mm)
    ds.DistanceSourceToPatient = ds_value(distance_source_to_detector_mm)
    ds.DistanceSourceToEntrance = ds_value(to_decimal(distance_source_to_detector_mm) - 20)
    ds.OrganExposed = "BREAST"
    # Organ Dose is in dGy (PS3.3 C.8.7.8); 1 mGy = 0.01 dGy.
    ds.OrganDose = ds_value(to_decimal(average_glandular_dose_mgy) / 100)
    ds.EntranceDoseInmGy = ds_value(entrance_dose_mgy)
    ds.BreastImplantPresent = "NO"
    ds.DetectorType = "DIRECT"
    ds.DetectorID = f"{header.station_name}-DET"
    ds.ExposureControlMode = "AUTOMATIC"
    return ds


def dx_image(
    *,
    kvp: float = 80,
    tube_current_ma: float = 250,
    exposure_time_ms: float = 20,
    exposure_mas: float | None = None,
    dose_area_product_dgycm2: float = 0.85,
    exposure_index: float | None = 400,
    target_exposure_index: float | None = 400,
    deviation_index: float | None = 0,
    distance_source_to_detector_mm: float = 1100,
    region: str = "chest",
    view: str = "PA",
    laterality: str = "",
    protocol_name: str = "Chest PA",
    filter_material: str | None = "Al",
    filter_thickness_mm: float = 1.0,
    presentation: str = "FOR PRESENTATION",
    modality: str = "DX",
    acquisition_datetime: datetime | None = None,
    irradiation_event_uid: str | None = None,
    source_image_uid: str | None = None,
    seed: object = 0,
    **header_values,
) -> Dataset:
    """A Digital X-Ray Image (or CR with modality='CR') with kVp, mAs, DAP (dGy.cm2), exposure index and SID."""
    header = resolve_header("dx_image", seed, DX_IMAGE_DEFAULTS, header_values)
    if modality == "CR":
        sop_class = CR_IMAGE
    else:
        sop_class = DX_FOR_PRESENTATION if presentation == "FOR PRESENTATION" else DX_FOR_PROCESSING
    acquired = acquisition_datetime or header.study_datetime + timedelta(minutes=1, seconds=45 * header.instance_number)
    ds = base_dataset(header, sop_class, modality, acquired)
    _common_image(ds, header, presentation if modality == "DX" else "", acquired, protocol_name)
    _exposure_identity(ds, irradiation_event_uid, source_image_uid, DX_FOR_PROCESSING)
    _exposure(ds, kvp, tube_current_ma, exposure_time_ms, exposure_mas)
    _view(ds, view, region)
    if modality == "DX":
        ds.ImageLaterality = laterality or "U"
    else:
        ds.Laterality = laterality
    ds.PatientOrientation = ["L", "F"]
    ds.ImageAndFluoroscopyAreaDoseProduct = ds_value(dose_area_product_dgycm2)
    ds.DistanceSourceToDetector = ds_value(distance_source_to_detector_mm)
    if exposure_index is not None:
        ds.ExposureIndex = ds_value(exposure_index)
    if target_exposure_index is not None:
        ds.TargetExposureIndex = ds_value(target_exposure_index)
    if deviation_index is not None:
        ds.DeviationIndex = ds_value(deviation_index)
    if filter_material:
        ds.FilterMaterial = MATERIAL_NAMES[filter_material]
        ds.FilterThicknessMinimum = ds_value(filter_thickness_mm)
        ds.FilterThicknessMaximum = ds_value(filter_thickness_mm)
    ds.Grid = "IN" if region in ("chest", "abdomen", "pelvis", "lumbar_spine") else "NONE"
    ds.FocalSpots = "1.2"
    ds.DetectorType = "SCINTILLATOR"
    ds.DetectorID = f"{header.station_name}-DET"
    ds.ExposureControlMode = "AUTOMATIC"
    return ds


def _exposure_identity(ds: Dataset, event_uid: str | None, source_uid: str | None, source_class: str) -> None:
    """Irradiation Event UID, and the For Processing image a derived (For Presentation) image was made from."""
    if event_uid:
        ds.IrradiationEventUID = event_uid
    if source_uid:
        ds.ImageType = ["DERIVED", "PRIMARY", ""]
        source = Dataset()
        source.ReferencedSOPClassUID = source_class
        source.ReferencedSOPInstanceUID = source_uid
        ds.SourceImageSequence = Sequence([source])


def _common_image(ds: Dataset, header: Header, presentation: str, acquired: datetime, protocol_name: str) -> None:
    ds.ImageType = ["ORIGINAL", "PRIMARY", ""]
    if presentation:
        ds.PresentationIntentType = presentation
    ds.ProtocolName = protocol_name
    ds.SeriesDescription = header.series_description or protocol_name
    ds.PerformedProcedureStepStartDate = dicom_date(header.study_datetime)
    ds.PerformedProcedureStepStartTime = dicom_time(header.study_datetime)
    ds.PerformedProcedureStepDescription = header.study_description
    _acquisition(ds, acquired)
    ds.BurnedInAnnotation = "NO"
    ds.PixelIntensityRelationship = "LOG"
    ds.PixelIntensityRelationshipSign = -1
    ds.RescaleIntercept = "0"
    ds.RescaleSlope = "1"
    ds.RescaleType = "US"
    ds.LossyImageCompression = "00"
    ds.PresentationLUTShape = "IDENTITY"
    image_pixels(ds)
