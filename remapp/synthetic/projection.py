"""Synthetic Projection X-Ray Radiation Dose SRs (TID 10001): fluoroscopy (RF), radiography (DX), mammography (MG).

Events are TID 10003 (with the detector, source and mechanical rows of TID 10003a-c inline); totals per
acquisition plane are TID 10002 with TID 10004 (RF, DX), TID 10007 (DX, integrated) or TID 10005 (MG).
Every total equals the sum of the event values as written in the file.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from pydicom.dataset import Dataset
from pydicom.sr.coding import Code

from remapp.synthetic import codes
from remapp.synthetic.content import HAS_CONCEPT_MOD, code, container, date_time, num, optional_num, text, uidref
from remapp.synthetic.header import decimal_sum, make_rng, make_uid, resolve_header
from remapp.synthetic.projection_events import (
    DX_DEFAULTS,
    MG_DEFAULTS,
    RF_DEFAULTS,
    ProjectionEvent,
    random_dx_events,
    random_mg_events,
    random_rf_events,
)
from remapp.synthetic.report import (
    dose_report,
    lookup,
    report_context,
    scope_of_accumulation,
    source_of_dose_information,
)


def rf_rdsr(*, events: list[ProjectionEvent] | None = None, n_events: int = 6, seed: object = 0, **header_values):
    """A fluoroscopy dose SR (TID 10001) with fluoroscopy and acquisition events and TID 10004 totals per plane."""
    header = resolve_header("rf_rdsr", seed, RF_DEFAULTS, header_values)
    if events is None:
        events = random_rf_events(make_rng("rf_rdsr", seed), n_events)
    return _projection_report("rf_rdsr", header, seed, events, codes.PROJECTION_XRAY, "projection")


def dx_rdsr(
    *,
    events: list[ProjectionEvent] | None = None,
    n_events: int = 2,
    accumulation: str = "projection",
    seed: object = 0,
    **header_values,
) -> Dataset:
    """A radiography dose SR (TID 10001); totals as TID 10004 (``projection``) or TID 10007 (``integrated``)."""
    if accumulation not in ("projection", "integrated"):
        raise ValueError(f"accumulation must be 'projection' or 'integrated', not {accumulation!r}")
    header = resolve_header("dx_rdsr", seed, DX_DEFAULTS, header_values)
    if events is None:
        events = random_dx_events(make_rng("dx_rdsr", seed), n_events)
    return _projection_report("dx_rdsr", header, seed, events, codes.PROJECTION_XRAY, accumulation)


def mg_rdsr(*, events: list[ProjectionEvent] | None = None, n_events: int = 4, seed: object = 0, **header_values):
    """A mammography dose SR (TID 10001) with AGD per event and accumulated AGD per breast (TID 10005)."""
    header = resolve_header("mg_rdsr", seed, MG_DEFAULTS, header_values)
    if events is None:
        events = random_mg_events(make_rng("mg_rdsr", seed), n_events)
    return _projection_report("mg_rdsr", header, seed, events, codes.MAMMOGRAPHY, "mammography")


def _projection_report(kind, header, seed, events, procedure: Code, accumulation: str) -> Dataset:
    clock = header.study_datetime + timedelta(minutes=1)
    event_items = []
    for index, event in enumerate(events):
        started = event.started or clock
        clock = started + timedelta(seconds=float(event.duration_s) + 20)
        uid = event.irradiation_event_uid or make_uid(kind, "event", header.study_instance_uid, seed, index)
        event_items.append(projection_event_item(event, started, uid))
    content = [*report_context(header, procedure), scope_of_accumulation(header)]
    if accumulation == "mammography":
        content.extend(
            code(concept, codes.YES)
            for concept in (
                codes.XRAY_DETECTOR_DATA_AVAILABLE,
                codes.XRAY_SOURCE_DATA_AVAILABLE,
                codes.XRAY_MECHANICAL_DATA_AVAILABLE,
            )
        )
    planes = list(dict.fromkeys(event.plane for event in events)) or ["single"]
    for plane in planes:
        plane_events = [event for event in events if event.plane == plane]
        content.append(accumulated_dose_item(plane, plane_events, accumulation))
    content.extend(event_items)
    content.append(source_of_dose_information())
    return dose_report(header, "10001", content, clock + timedelta(minutes=1))


def accumulated_dose_item(plane: str, events: list[ProjectionEvent], accumulation: str) -> Dataset:
    """Accumulated X-Ray Dose Data (TID 10002) for one plane, with the totals template for the modality."""
    items = [code(codes.ACQUISITION_PLANE, lookup(codes.PLANES, plane, "plane"), HAS_CONCEPT_MOD)]
    if accumulation == "mammography":
        items.extend(_mammography_totals(events))
    elif accumulation == "integrated":
        items.extend(_integrated_totals(events))
    else:
        items.extend(_projection_totals(events))
    return container(codes.ACCUMULATED_XRAY_DOSE_DATA, items)


def _sum(events: list[ProjectionEvent], attribute: str) -> Decimal:
    return decimal_sum(getattr(e, attribute) for e in events if getattr(e, attribute) is not None)


def _projection_totals(events: list[ProjectionEvent]) -> list[Dataset]:
    """TID 10004: fluoroscopy, acquisition and overall DAP, dose at RP, times and frame count."""
    fluoro = [e for e in events if e.is_fluoroscopy]
    acquisition = [e for e in events if not e.is_fluoroscopy]
    frames = sum(e.number_of_pulses or 1 for e in acquisition)
    return [
        num(codes.FLUORO_DOSE_AREA_PRODUCT_TOTAL, _sum(fluoro, "dose_area_product_gym2"), codes.GY_M2),
        num(codes.FLUORO_DOSE_RP_TOTAL, _sum(fluoro, "dose_rp_gy"), codes.GY),
        num(codes.TOTAL_FLUORO_TIME, sum((e.duration_s for e in fluoro), Decimal(0)), codes.S),
        num(codes.ACQUISITION_DOSE_AREA_PRODUCT_TOTAL, _sum(acquisition, "dose_area_product_gym2"), codes.GY_M2),
        num(codes.ACQUISITION_DOSE_RP_TOTAL, _sum(acquisition, "dose_rp_gy"), codes.GY),
        num(codes.TOTAL_ACQUISITION_TIME, sum((e.duration_s for e in acquisition), Decimal(0)), codes.S),
        num(codes.DOSE_AREA_PRODUCT_TOTAL, _sum(events, "dose_area_product_gym2"), codes.GY_M2),
        num(codes.DOSE_RP_TOTAL, _sum(events, "dose_rp_gy"), codes.GY),
        num(codes.TOTAL_NUMBER_OF_RADIOGRAPHIC_FRAMES, frames, codes.FRAMES),
        *_reference_point(events),
    ]


def _integrated_totals(events: list[ProjectionEvent]) -> list[Dataset]:
    """TID 10007: DAP and dose at RP totals and frame count for an integrated radiography system."""
    return [
        num(codes.DOSE_AREA_PRODUCT_TOTAL, _sum(events, "dose_area_product_gym2"), codes.GY_M2),
        num(codes.DOSE_RP_TOTAL, _sum(events, "dose_rp_gy"), codes.GY),
        num(codes.TOTAL_NUMBER_OF_RADIOGRAPHIC_FRAMES, len(events), codes.FRAMES),
        *_reference_point(events),
    ]


def _mammography_totals(events: list[ProjectionEvent]) -> list[Dataset]:
    """TID 10005: accumulated AGD per breast that was exposed."""
    items = []
    for side in ("L", "R"):
        side_events = [e for e in events if e.laterality == side]
        if side_events:
            breast = code(codes.LATERALITY, codes.BREASTS[side], HAS_CONCEPT_MOD)
            total = _sum(side_events, "average_glandular_dose_mgy")
            items.append(num(codes.ACCUMULATED_AVERAGE_GLANDULAR_DOSE, total, codes.MGY, children=[breast]))
    return items


def _reference_point(events: list[ProjectionEvent]) -> list[Dataset]:
    points = [e.reference_point for e in events if e.reference_point is not None]
    if not points:
        return []
    return [code(codes.REFERENCE_POINT_DEFINITION, lookup(codes.REFERENCE_POINTS, points[0], "reference point"))]


def projection_event_item(event: ProjectionEvent, started: datetime, uid: str) -> Dataset:
    """Irradiation Event X-Ray Data (TID 10003) with its detector, source and mechanical rows (TID 10003a-c)."""
    items = [
        code(codes.ACQUISITION_PLANE, lookup(codes.PLANES, event.plane, "plane"), HAS_CONCEPT_MOD),
        uidref(codes.IRRADIATION_EVENT_UID, uid),
        date_time(codes.DATETIME_STARTED, started),
        code(codes.IRRADIATION_EVENT_TYPE, lookup(codes.EVENT_TYPES, event.event_type, "event type")),
        text(codes.ACQUISITION_PROTOCOL, event.protocol),
    ]
    if event.laterality is not None:
        side = code(codes.LATERALITY, codes.SIDES[event.laterality], HAS_CONCEPT_MOD)
        items.append(code(codes.ANATOMICAL_STRUCTURE, codes.REGIONS["breast"], children=[side]))
    if event.image_view is not None:
        items.append(code(codes.IMAGE_VIEW, lookup(codes.VIEWS, event.image_view, "image view")))
    if event.target_region is not None:
        items.append(code(codes.TARGET_REGION, lookup(codes.REGIONS, event.target_region, "target region")))
    items += optional_num(codes.DOSE_AREA_PRODUCT, event.dose_area_product_gym2, codes.GY_M2)
    items += optional_num(codes.HALF_VALUE_LAYER, event.half_value_layer_mm, codes.MM)
    items += optional_num(codes.ENTRANCE_EXPOSURE_AT_RP, event.entrance_exposure_at_rp_mgy, codes.MGY)
    if event.reference_point is not None:
        point = lookup(codes.REFERENCE_POINTS, event.reference_point, "reference point")
        items.append(code(codes.REFERENCE_POINT_DEFINITION, point))
    items += _detector_rows(event) + _source_rows(event) + _mechanical_rows(event)
    return container(codes.IRRADIATION_EVENT_XRAY_DATA, items)


def _detector_rows(event: ProjectionEvent) -> list[Dataset]:
    """TID 10003a."""
    return [
        *optional_num(codes.EXPOSURE_INDEX, event.exposure_index, codes.NO_UNITS),
        *optional_num(codes.TARGET_EXPOSURE_INDEX, event.target_exposure_index, codes.NO_UNITS),
        *optional_num(codes.DEVIATION_INDEX, event.deviation_index, codes.NO_UNITS),
    ]


def _source_rows(event: ProjectionEvent) -> list[Dataset]:
    """TID 10003b."""
    rows = [
        *optional_num(codes.DOSE_RP, event.dose_rp_gy, codes.GY),
        *optional_num(codes.AVERAGE_GLANDULAR_DOSE, event.average_glandular_dose_mgy, codes.MGY),
    ]
    if event.fluoro_mode is not None:
        rows.append(code(codes.FLUORO_MODE, lookup(codes.FLUORO_MODES, event.fluoro_mode, "fluoro mode")))
    rows += optional_num(codes.PULSE_RATE, event.pulse_rate_per_s, codes.PULSES_PER_S)
    rows += optional_num(codes.NUMBER_OF_PULSES, event.number_of_pulses, codes.PULSES)
    rows += optional_num(codes.IRRADIATION_DURATION, event.irradiation_duration_s, codes.S)
    rows += optional_num(codes.KVP, event.kvp, codes.KV)
    rows += optional_num(codes.XRAY_TUBE_CURRENT, event.tube_current_ma, codes.MA)
    rows += optional_num(codes.EXPOSURE_TIME, event.exposure_time_ms, codes.MS)
    rows += optional_num(codes.PULSE_WIDTH, event.pulse_width_ms, codes.MS)
    rows += optional_num(codes.EXPOSURE, event.exposure_uas, codes.UAS)
    rows += optional_num(codes.FOCAL_SPOT_SIZE, event.focal_spot_mm, codes.MM)
    if event.anode_target_material is not None:
        anode = lookup(codes.MATERIALS, event.anode_target_material, "anode target material")
        rows.append(code(codes.ANODE_TARGET_MATERIAL, anode))
    for xray_filter in event.filters:
        material = lookup(codes.MATERIALS, xray_filter.material, "filter material")
        rows.append(
            container(
                codes.XRAY_FILTERS,
                [
                    code(codes.XRAY_FILTER_TYPE, codes.STRIP_FILTER),
                    code(codes.XRAY_FILTER_MATERIAL, material),
                    num(codes.XRAY_FILTER_THICKNESS_MINIMUM, xray_filter.thickness_mm, codes.MM),
                    num(codes.XRAY_FILTER_THICKNESS_MAXIMUM, xray_filter.thickness_mm, codes.MM),
                ],
            )
        )
    return rows


def _mechanical_rows(event: ProjectionEvent) -> list[Dataset]:
    """TID 10003c with the distances of TID 10008."""
    return [
        *optional_num(codes.POSITIONER_PRIMARY_ANGLE, event.positioner_primary_angle_deg, codes.DEG),
        *optional_num(codes.POSITIONER_SECONDARY_ANGLE, event.positioner_secondary_angle_deg, codes.DEG),
        *optional_num(codes.COMPRESSION_THICKNESS, event.compression_thickness_mm, codes.MM),
        *optional_num(codes.COMPRESSION_FORCE, event.compression_force_n, codes.NEWTON),
        *optional_num(codes.DISTANCE_SOURCE_TO_DETECTOR, event.distance_source_to_detector_mm, codes.MM),
        *optional_num(codes.DISTANCE_SOURCE_TO_ISOCENTER, event.distance_source_to_isocenter_mm, codes.MM),
    ]
