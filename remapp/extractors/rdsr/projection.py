"""Projection X-Ray Radiation Dose SR (TID 10001): parse into dataclasses, decide the modality, save.

``parse_projection(root) -> ProjectionReportData`` (no database) and ``projection_modality(parsed)`` ->
"RF" | "DX" | "MG"; ``projection_save.save_projection`` writes it.
"""

from __future__ import annotations

from remapp.dicom import concepts as c
from remapp.dicom import values
from remapp.dicom.content import ContentItem, code_key
from remapp.extractors.rdsr.context import parse_context, parse_device_participants, parse_report_fields
from remapp.extractors.rdsr.projection_data import (
    AccumulatedDoseData,
    CalibrationData,
    CassetteTotalsData,
    IntegratedTotalsData,
    MammographyTotalData,
    ProjectionReportData,
    ProjectionTotalsData,
)
from remapp.extractors.rdsr.projection_events import parse_event
from remapp.extractors.rdsr.tables import Index, code_or_text, fill_numbers, first, index_items, measure, number_table

_KEY = {
    name: code_key(concept)
    for name, concept in {
        "device_type": c.ACQUISITION_DEVICE_TYPE,
        "detector_available": c.XRAY_DETECTOR_DATA_AVAILABLE,
        "detector_available_hologic": c.PATIENT_TABLE_RELATIONSHIP,
        "source_available": c.XRAY_SOURCE_DATA_AVAILABLE,
        "mechanical_available": c.XRAY_MECHANICAL_DATA_AVAILABLE,
        "accumulated": c.ACCUMULATED_XRAY_DOSE_DATA,
        "event": c.IRRADIATION_EVENT_XRAY_DATA,
        "plane": c.ACQUISITION_PLANE,
        "calibration": c.CALIBRATION,
        "agd": c.ACCUMULATED_AVERAGE_GLANDULAR_DOSE,
        "laterality": c.LATERALITY,
        "reference_point": c.REFERENCE_POINT_DEFINITION,
        "detector_type": c.DETECTOR_TYPE,
        "frames": c.TOTAL_NUMBER_OF_RADIOGRAPHIC_FRAMES,
    }.items()
}

PROJECTION_TOTALS = number_table(
    ("fluoro_dose_area_product_total_gym2", c.FLUORO_DOSE_AREA_PRODUCT_TOTAL, "Gy.m2"),
    ("fluoro_dose_rp_total_gy", c.FLUORO_DOSE_RP_TOTAL, "Gy"),
    ("total_fluoro_time_s", c.TOTAL_FLUORO_TIME, "s"),
    ("acquisition_dose_area_product_total_gym2", c.ACQUISITION_DOSE_AREA_PRODUCT_TOTAL, "Gy.m2"),
    ("acquisition_dose_rp_total_gy", c.ACQUISITION_DOSE_RP_TOTAL, "Gy"),
    ("total_acquisition_time_s", c.TOTAL_ACQUISITION_TIME, "s"),
    ("dose_area_product_total_gym2", c.DOSE_AREA_PRODUCT_TOTAL, "Gy.m2"),
    ("dose_rp_total_gy", c.DOSE_RP_TOTAL, "Gy"),
    ("distance_source_to_reference_point_mm", c.DISTANCE_SOURCE_TO_REFERENCE_POINT, "mm"),
)
INTEGRATED_TOTALS = number_table(
    ("dose_area_product_total_gym2", c.DOSE_AREA_PRODUCT_TOTAL, "Gy.m2"),
    ("dose_rp_total_gy", c.DOSE_RP_TOTAL, "Gy"),
)
CALIBRATION_NUMBERS = number_table(
    ("calibration_factor", c.CALIBRATION_FACTOR, "1"),
    ("calibration_uncertainty_percent", c.CALIBRATION_UNCERTAINTY, "%"),
)
# Items only TID 10004 (fluoroscopy-guided systems) has; their presence decides 10004 over 10007.
_FLUORO_ONLY = {
    key
    for _, key, _ in PROJECTION_TOTALS
    if key not in {code_key(c.DOSE_AREA_PRODUCT_TOTAL), code_key(c.DOSE_RP_TOTAL)}
}
_INTEGRATED_DOSES = {code_key(c.DOSE_AREA_PRODUCT_TOTAL), code_key(c.DOSE_RP_TOTAL)}


def parse_projection(root: ContentItem) -> ProjectionReportData:
    """The whole Projection X-Ray Radiation Dose report (TID 10001) from its root content item."""
    index = index_items(root)
    containers = index.get(_KEY["accumulated"], ())
    context = parse_context(root)
    # GE puts the irradiating device's participant in the accumulated data; it belongs to the report.
    context.devices[:0] = [device for container in containers for device in parse_device_participants(container)]
    return ProjectionReportData(
        **parse_report_fields(root),
        acquisition_device_type=values.code(first(index, _KEY["device_type"])),
        xray_detector_data_available=values.code(
            first(index, _KEY["detector_available"]) or first(index, _KEY["detector_available_hologic"])
        ),
        xray_source_data_available=values.code(first(index, _KEY["source_available"])),
        xray_mechanical_data_available=values.code(first(index, _KEY["mechanical_available"])),
        context=context,
        accumulated=[parse_accumulated(container) for container in containers],
        events=[parse_event(node) for node in index.get(_KEY["event"], ())],
    )


def parse_accumulated(node: ContentItem) -> AccumulatedDoseData:
    """Accumulated X-Ray Dose (TID 10002) of one plane."""
    index = index_items(node)
    accumulated = AccumulatedDoseData(acquisition_plane=values.code(first(index, _KEY["plane"])))
    accumulated.calibrations = [parse_calibration(item) for item in index.get(_KEY["calibration"], ())]
    for item in index.get(_KEY["agd"], ()):
        laterality = first(index_items(item), _KEY["laterality"])
        accumulated.mammography.append(
            MammographyTotalData(
                accumulated_average_glandular_dose_mgy=measure(item, "mGy"), laterality=values.code(laterality)
            )
        )
    keys = index.keys()
    reference_text, reference_code = code_or_text(first(index, _KEY["reference_point"]))
    frames = values.count(first(index, _KEY["frames"]))
    # TID 10004 (fluoroscopy-guided) when any of its own items is there, else TID 10007 (integrated) when its
    # doses are there or frames are counted without a cassette detector.
    template = None
    if not _FLUORO_ONLY.isdisjoint(keys):
        template = ("projection", ProjectionTotalsData, PROJECTION_TOTALS)
    elif not _INTEGRATED_DOSES.isdisjoint(keys) or (frames is not None and _KEY["detector_type"] not in keys):
        template = ("integrated", IntegratedTotalsData, INTEGRATED_TOTALS)
    if template is not None:
        attribute, data_class, table = template
        totals = data_class(
            total_number_of_radiographic_frames=frames,
            reference_point_definition=reference_text,
            reference_point_definition_code=reference_code,
        )
        fill_numbers(totals, index, table)
        setattr(accumulated, attribute, totals)
    detector_type = first(index, _KEY["detector_type"])
    if detector_type is not None:
        accumulated.cassette = CassetteTotalsData(
            detector_type=values.code(detector_type),
            total_number_of_radiographic_frames=frames if accumulated.integrated is None else None,
        )
    return accumulated


def parse_calibration(node: ContentItem) -> CalibrationData:
    """One 'Calibration' container of TID 10002."""
    index: Index = index_items(node)
    calibration = CalibrationData(
        dose_measurement_device=values.code(first(index, code_key(c.DOSE_MEASUREMENT_DEVICE))),
        calibration_date=values.datetime_value(first(index, code_key(c.CALIBRATION_DATETIME))),
        calibration_responsible_party=values.text(first(index, code_key(c.CALIBRATION_RESPONSIBLE_PARTY)))[:128],
        calibration_protocol=values.text(first(index, code_key(c.CALIBRATION_PROTOCOL)))[:128],
    )
    fill_numbers(calibration, index, CALIBRATION_NUMBERS)
    return calibration


def projection_modality(parsed: ProjectionReportData) -> str:
    """RF when fluoroscopy is present, MG for mammography, else DX."""
    fluoro_key = code_key(c.FLUOROSCOPY)
    if any(e.irradiation_event_type and code_key(e.irradiation_event_type) == fluoro_key for e in parsed.events):
        return "RF"
    for accumulated in parsed.accumulated:
        totals = accumulated.projection
        if totals and any(v for v in (totals.total_fluoro_time_s, totals.fluoro_dose_area_product_total_gym2)):
            return "RF"
    if _is_mammography(parsed):
        return "MG"
    return "DX"


def _is_mammography(parsed: ProjectionReportData) -> bool:
    if any(accumulated.mammography for accumulated in parsed.accumulated):
        return True
    mammography = {code_key(c.MAMMOGRAPHY_PROCEDURE), code_key(c.MAMMOGRAPHY_DEVICE)}
    return any(
        concept is not None and code_key(concept) in mammography
        for concept in (parsed.procedure_reported, parsed.acquisition_device_type)
    )
