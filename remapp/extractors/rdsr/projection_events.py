"""Irradiation Event X-Ray Data (TID 10003) with detector (10003a), source (10003b), mechanical (10003c) data
and dose-related distances (TID 10008), read from the SR content tree into dataclasses.

The sub-templates are included into the event container, so their items are the event's own children. Each
container's children are indexed by concept once (``tables.index_items``), then code-to-field tables fill the
dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from remapp.dicom import concepts as c
from remapp.dicom import values
from remapp.dicom.content import ContentItem, code_key
from remapp.extractors.rdsr.context import Context, parse_device_participants, parse_person_participants
from remapp.extractors.rdsr.projection_data import (
    DetectorData,
    DistanceData,
    FilterData,
    IrradiationEventData,
    MechanicalData,
    SourceData,
)
from remapp.extractors.rdsr.tables import (
    Index,
    code_or_text,
    code_table,
    event_label,
    fill_codes,
    fill_numbers,
    first,
    index_items,
    measure,
    number_table,
    uid_or_text,
)

EVENT_NUMBERS = number_table(
    ("dose_area_product_gym2", c.DOSE_AREA_PRODUCT, "Gy.m2"),
    ("half_value_layer_mm", c.HALF_VALUE_LAYER, "mm"),
    ("entrance_exposure_at_rp_mgy", c.ENTRANCE_EXPOSURE_AT_RP, "mGy"),
    ("patient_equivalent_thickness_mm", c.PATIENT_EQUIVALENT_THICKNESS, "mm"),
    ("percent_fibroglandular_tissue", c.PERCENT_FIBROGLANDULAR_TISSUE, "%"),
)
EVENT_CODES = code_table(
    ("irradiation_event_type", c.IRRADIATION_EVENT_TYPE),
    ("projection_eponymous_name", c.PROJECTION_EPONYMOUS_NAME),
    ("patient_table_relationship", c.PATIENT_TABLE_RELATIONSHIP),
    ("target_region", c.TARGET_REGION),
)
DETECTOR_NUMBERS = number_table(
    ("exposure_index", c.EXPOSURE_INDEX, "1"),
    ("target_exposure_index", c.TARGET_EXPOSURE_INDEX, "1"),
    ("deviation_index", c.DEVIATION_INDEX, "1"),
)
SOURCE_NUMBERS = number_table(
    ("dose_rp_gy", c.DOSE_RP, "Gy"),
    ("average_glandular_dose_mgy", c.AVERAGE_GLANDULAR_DOSE, "mGy"),
    ("pulse_rate_per_s", c.PULSE_RATE, "{pulse}/s"),
    ("number_of_pulses", c.NUMBER_OF_PULSES, "1"),
    ("irradiation_duration_s", c.IRRADIATION_DURATION, "s"),
    ("average_xray_tube_current_ma", c.AVERAGE_XRAY_TUBE_CURRENT, "mA"),
    ("exposure_time_ms", c.EXPOSURE_TIME, "ms"),
    ("exposure_time_ms", c.EXPOSURE_TIME_LEGACY, "ms"),
    ("focal_spot_size_mm", c.FOCAL_SPOT_SIZE, "mm"),
    ("collimated_field_area_m2", c.COLLIMATED_FIELD_AREA, "m2"),
    ("collimated_field_height_m", c.COLLIMATED_FIELD_HEIGHT, "m"),
    ("collimated_field_width_m", c.COLLIMATED_FIELD_WIDTH, "m"),
)
# Given once, or once per pulse (several items, or several values in one item): column + *_values list.
SOURCE_PER_PULSE = number_table(
    ("kvp", c.KVP, "kV"),
    ("xray_tube_current_ma", c.XRAY_TUBE_CURRENT, "mA"),
    ("pulse_width_ms", c.PULSE_WIDTH, "ms"),
    ("exposure_uas", c.EXPOSURE, "uA.s"),
)
SOURCE_CODES = code_table(("fluoro_mode", c.FLUORO_MODE), ("anode_target_material", c.ANODE_TARGET_MATERIAL))
MECHANICAL_NUMBERS = number_table(
    ("positioner_primary_angle_deg", c.POSITIONER_PRIMARY_ANGLE, "deg"),
    ("positioner_secondary_angle_deg", c.POSITIONER_SECONDARY_ANGLE, "deg"),
    ("positioner_primary_end_angle_deg", c.POSITIONER_PRIMARY_END_ANGLE, "deg"),
    ("positioner_secondary_end_angle_deg", c.POSITIONER_SECONDARY_END_ANGLE, "deg"),
    ("column_angulation_deg", c.COLUMN_ANGULATION, "deg"),
    ("table_head_tilt_angle_deg", c.TABLE_HEAD_TILT_ANGLE, "deg"),
    ("table_horizontal_rotation_angle_deg", c.TABLE_HORIZONTAL_ROTATION_ANGLE, "deg"),
    ("table_cradle_tilt_angle_deg", c.TABLE_CRADLE_TILT_ANGLE, "deg"),
    ("compression_thickness_mm", c.COMPRESSION_THICKNESS, "mm"),
    ("compression_force_n", c.COMPRESSION_FORCE, "N"),
    ("compression_pressure_kpa", c.COMPRESSION_PRESSURE, "kPa"),
    ("compression_contact_area_mm2", c.COMPRESSION_CONTACT_AREA, "mm2"),
)
MECHANICAL_CODES = code_table(("crdr_mechanical_configuration", c.CRDR_MECHANICAL_CONFIGURATION))
DISTANCE_NUMBERS = number_table(
    ("distance_source_to_isocenter_mm", c.DISTANCE_SOURCE_TO_ISOCENTER, "mm"),
    ("distance_source_to_reference_point_mm", c.DISTANCE_SOURCE_TO_REFERENCE_POINT, "mm"),
    ("distance_source_to_detector_mm", c.DISTANCE_SOURCE_TO_DETECTOR, "mm"),
    ("table_longitudinal_position_mm", c.TABLE_LONGITUDINAL_POSITION, "mm"),
    ("table_lateral_position_mm", c.TABLE_LATERAL_POSITION, "mm"),
    ("table_height_position_mm", c.TABLE_HEIGHT_POSITION, "mm"),
    ("distance_source_to_table_plane_mm", c.DISTANCE_SOURCE_TO_TABLE_PLANE, "mm"),
    ("table_longitudinal_end_position_mm", c.TABLE_LONGITUDINAL_END_POSITION, "mm"),
    ("table_lateral_end_position_mm", c.TABLE_LATERAL_END_POSITION, "mm"),
    ("table_height_end_position_mm", c.TABLE_HEIGHT_END_POSITION, "mm"),
)
FILTER_NUMBERS = number_table(
    ("xray_filter_thickness_minimum_mm", c.XRAY_FILTER_THICKNESS_MINIMUM, "mm"),
    ("xray_filter_thickness_maximum_mm", c.XRAY_FILTER_THICKNESS_MAXIMUM, "mm"),
)
FILTER_CODES = code_table(("xray_filter_type", c.XRAY_FILTER_TYPE), ("xray_filter_material", c.XRAY_FILTER_MATERIAL))

_KEY = {
    name: code_key(concept)
    for name, concept in {
        "uid": c.IRRADIATION_EVENT_UID,
        "plane": c.ACQUISITION_PLANE,
        "started": c.DATETIME_STARTED,
        "protocol": c.ACQUISITION_PROTOCOL,
        "anatomy": c.ANATOMICAL_STRUCTURE,
        "laterality": c.LATERALITY,
        "view": c.IMAGE_VIEW,
        "view_modifier": c.IMAGE_VIEW_MODIFIER,
        "orientation": c.PATIENT_ORIENTATION,
        "orientation_modifier": c.PATIENT_ORIENTATION_MODIFIER,
        "reference_point": c.REFERENCE_POINT_DEFINITION,
        "breast_composition": c.BREAST_COMPOSITION,
        "comment": c.COMMENT,
        "grid": c.XRAY_GRID,
        "filters": c.XRAY_FILTERS,
        "derivation": c.DERIVATION,
        "number_of_pulses": c.NUMBER_OF_PULSES,
    }.items()
}
_SOURCE_KEYS = {key for _, key, _ in SOURCE_NUMBERS + SOURCE_PER_PULSE} | {key for _, key in SOURCE_CODES}
_SOURCE_KEYS |= {_KEY["grid"], _KEY["filters"]}
_DETECTOR_KEYS = {key for _, key, _ in DETECTOR_NUMBERS}
_MECHANICAL_KEYS = {key for _, key, _ in MECHANICAL_NUMBERS + DISTANCE_NUMBERS} | {key for _, key in MECHANICAL_CODES}


def parse_event(node: ContentItem) -> IrradiationEventData:
    """One Irradiation Event X-Ray Data container (TID 10003)."""
    index = index_items(node)
    event = IrradiationEventData(
        irradiation_event_uid=uid_or_text(first(index, _KEY["uid"])),
        acquisition_plane=values.code(first(index, _KEY["plane"])),
        date_time_started=values.datetime_value(first(index, _KEY["started"])),
        acquisition_protocol=values.text(first(index, _KEY["protocol"])),
        comment=values.text(first(index, _KEY["comment"])),
    )
    event.irradiation_event_label, event.irradiation_event_label_type = event_label(index)
    fill_numbers(event, index, EVENT_NUMBERS)
    fill_codes(event, index, EVENT_CODES)
    _read_anatomy(event, index)
    _read_orientation(event, index)
    event.reference_point_definition, event.reference_point_definition_code = code_or_text(
        first(index, _KEY["reference_point"])
    )
    event.breast_composition = code_or_text(first(index, _KEY["breast_composition"]))[0]
    keys = index.keys()
    if not _DETECTOR_KEYS.isdisjoint(keys):
        event.detector = DetectorData()
        fill_numbers(event.detector, index, DETECTOR_NUMBERS)
    if not _SOURCE_KEYS.isdisjoint(keys):
        event.source = parse_source(index, event.reference_point_definition)
    if not _MECHANICAL_KEYS.isdisjoint(keys):
        event.mechanical = parse_mechanical(index)
    event.context = Context(devices=parse_device_participants(node), persons=parse_person_participants(node))
    return event


def _read_anatomy(event: IrradiationEventData, index: Index) -> None:
    """Anatomy, laterality (on the event, or as a modifier of anatomy or target region) and image view."""
    anatomy = first(index, _KEY["anatomy"])
    event.anatomical_structure = values.code(anatomy)
    laterality = first(index, _KEY["laterality"])
    for holder in (anatomy, *index.get(code_key(c.TARGET_REGION), ())):
        if laterality is None and holder is not None:
            laterality = first(index_items(holder), _KEY["laterality"])
    event.laterality = values.code(laterality)
    view = first(index, _KEY["view"])
    event.image_view = values.code(view)
    modifiers = list(index.get(_KEY["view_modifier"], ()))
    if view is not None:
        modifiers += index_items(view).get(_KEY["view_modifier"], [])
    event.image_view_modifiers = [code for code in (values.code(m) for m in modifiers) if code is not None]


def _read_orientation(event: IrradiationEventData, index: Index) -> None:
    """Patient orientation with its modifier (a child, or a sibling in some reports; may be missing)."""
    orientation = first(index, _KEY["orientation"])
    event.patient_orientation = values.code(orientation)
    modifier = first(index, _KEY["orientation_modifier"])
    if modifier is None and orientation is not None:
        modifier = first(index_items(orientation), _KEY["orientation_modifier"])
    event.patient_orientation_modifier = values.code(modifier)


_MEAN_PLACES = Decimal("1E-10")


def per_pulse(items: Iterable[ContentItem], to_unit: str) -> tuple[Decimal | None, list[str] | None]:
    """A value given once or per pulse: (the value, or the mean of several; every value as strings if several)."""
    found: list[Decimal] = []
    for item in items:
        for value in values.nums(item):
            converted = measure(item, to_unit, value)
            if converted is not None:
                found.append(converted)
    if not found:
        return None, None
    if len(found) == 1:
        return found[0], None
    # The mean is rounded to 10 decimal places so that every database stores the same value.
    return values.mean(found).quantize(_MEAN_PLACES), [str(v) for v in found]


def parse_source(index: Index, reference_point_definition: str) -> SourceData:
    """Irradiation Event X-Ray Source Data (TID 10003b) from the event's items."""
    source = SourceData(reference_point_definition=reference_point_definition)
    fill_numbers(source, index, SOURCE_NUMBERS)
    fill_codes(source, index, SOURCE_CODES)
    for name, key, to_unit in SOURCE_PER_PULSE:
        value, every = per_pulse(index.get(key, ()), to_unit)
        setattr(source, name, value)
        setattr(source, f"{name}_values", every)
    pulses = first(index, _KEY["number_of_pulses"])
    derivation = first(index, _KEY["derivation"])
    if derivation is None and pulses is not None:
        derivation = first(index_items(pulses), _KEY["derivation"])
    source.derivation = values.code(derivation)
    grids = [values.code(item) for item in index.get(_KEY["grid"], ())]
    source.grid = ", ".join(grid.meaning for grid in grids if grid is not None)[:128]
    for container in index.get(_KEY["filters"], ()):
        xray_filter = FilterData()
        filter_index = index_items(container)
        fill_codes(xray_filter, filter_index, FILTER_CODES)
        fill_numbers(xray_filter, filter_index, FILTER_NUMBERS)
        source.filters.append(xray_filter)
    return source


def parse_mechanical(index: Index) -> MechanicalData:
    """Irradiation Event X-Ray Mechanical Data (TID 10003c) with the distances of TID 10008."""
    mechanical = MechanicalData()
    fill_numbers(mechanical, index, MECHANICAL_NUMBERS)
    fill_codes(mechanical, index, MECHANICAL_CODES)
    distances = DistanceData()
    if fill_numbers(distances, index, DISTANCE_NUMBERS):
        mechanical.distances = distances
    return mechanical
