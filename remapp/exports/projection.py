"""Fluoroscopy, radiography and mammography export columns (TID 10003 and 10003a-c) and their event loader."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import F

from remapp.dicom import concepts
from remapp.exports.cells import DATETIME, INTEGER, NUMBER
from remapp.exports.columns import STUDY_IDENTITY_COLUMNS, Column, ExportSpec, dap, measured
from remapp.exports.source import rows_with_ids
from remapp.models import IrradiationEventXRayData, Modality, XRayFilters

# Every projection export reads the same event dicts; each modality picks the columns it shows.
_EVENT_LOOKUPS = [
    "id",
    "study_id",
    "source__id",
    "date_time_started",
    "acquisition_protocol",
    "irradiation_event_label",
    "irradiation_event_label_type__code_meaning",
    "acquisition_plane__code_meaning",
    "irradiation_event_type__code_meaning",
    "irradiation_event_type__code_value",
    "anatomical_structure__code_meaning",
    "laterality__code_meaning",
    "image_view__code_meaning",
    "dose_area_product_gym2",
    "entrance_exposure_at_rp_mgy",
    "source__dose_rp_gy",
    "source__average_glandular_dose_mgy",
    "source__fluoro_mode__code_meaning",
    "source__pulse_rate_per_s",
    "source__number_of_pulses",
    "source__irradiation_duration_s",
    "source__kvp",
    "source__xray_tube_current_ma",
    "source__pulse_width_ms",
    "source__exposure_time_ms",
    "source__exposure_uas",
    "source__focal_spot_size_mm",
    "source__anode_target_material__code_meaning",
    "source__exposure_control_mode",
    "source__exposure_control_mode_description",
    "detector__exposure_index",
    "detector__target_exposure_index",
    "detector__deviation_index",
    "mechanical__positioner_primary_angle_deg",
    "mechanical__positioner_secondary_angle_deg",
    "mechanical__compression_thickness_mm",
    "mechanical__compression_force_n",
    "mechanical__distances__distance_source_to_detector_mm",
]
# Irradiation event types are stored in SNOMED CT (remapp.extractors.study.rows.coded_concept).
FLUOROSCOPY_EVENT_TYPE = concepts.FLUOROSCOPY.value


def _filter_text(material: str, minimum: Decimal | None, maximum: Decimal | None) -> str:
    thickness = minimum if minimum is not None else maximum
    if thickness is None:
        return material
    return f"{material} {format(thickness.normalize(), 'f')} mm"


def load_projection_events(study_ids: list[int]) -> dict[int, list[dict]]:
    """The events of these studies in acquisition order, with their filters as text and the first filter material."""
    events_query = IrradiationEventXRayData.objects.order_by(
        "study_id", F("date_time_started").asc(nulls_last=True), "sequence_number", "id"
    ).values(*_EVENT_LOOKUPS)
    event_rows = rows_with_ids(events_query, "study_id", study_ids)
    # Filters by their source row's id (read with the event), so the planner reads them by index.
    event_of_source = {event["source__id"]: event["id"] for event in event_rows if event["source__id"] is not None}
    filters_query = XRayFilters.objects.order_by("source_data_id", "id").values_list(
        "source_data_id",
        "xray_filter_material__code_meaning",
        "xray_filter_thickness_minimum_mm",
        "xray_filter_thickness_maximum_mm",
    )
    filters = defaultdict(list)
    filter_rows = rows_with_ids(filters_query, "source_data_id", list(event_of_source))
    for source_id, material, minimum, maximum in filter_rows:
        filters[event_of_source[source_id]].append((material or "", minimum, maximum))
    events = defaultdict(list)
    for event in event_rows:
        event_filters = filters.get(event["id"], ())
        if event_filters:
            event["filters"] = "; ".join(_filter_text(*one) for one in event_filters)
            event["filter_material"] = event_filters[0][0]
        events[event["study_id"]].append(event)
    return events


def add_fluoroscopy_totals(study: dict, events: list[dict]) -> None:
    """Split a fluoroscopy study's events into fluoroscopy and acquisition: counts and DAP sums."""
    fluoro = [e for e in events if e.get("irradiation_event_type__code_value") == FLUOROSCOPY_EVENT_TYPE]
    acquisition = [e for e in events if e.get("irradiation_event_type__code_value") != FLUOROSCOPY_EVENT_TYPE]
    study["fluoro_event_count"] = len(fluoro)
    study["fluoro_dap_gym2"] = _dap_sum(fluoro)
    study["acquisition_event_count"] = len(acquisition)
    study["acquisition_dap_gym2"] = _dap_sum(acquisition)


def _dap_sum(events: list[dict]) -> Decimal | None:
    values = [e["dose_area_product_gym2"] for e in events if e.get("dose_area_product_gym2") is not None]
    return sum(values, Decimal(0)) if values else None


_PROTOCOL = Column("Protocol", "acquisition_protocol")
_EXPOSURE_CONTROL = Column("Exposure control mode", "source__exposure_control_mode")
_EXPOSURE_CONTROL_DESCRIPTION = Column("Exposure control description", "source__exposure_control_mode_description")
_KVP = measured("kVp", "source__kvp", "kvp", unit_in_label=True)
_MA = measured("mA", "source__xray_tube_current_ma", "tube_current", unit_in_label=True)
_MAS = measured("mAs", "source__exposure_uas", "exposure", unit_in_label=True)
_EXPOSURE_TIME = measured("Exposure time", "source__exposure_time_ms", "exposure_time")
_FILTERS = Column("Filters", "filters")
_EVENT_DAP = dap("DAP", "dose_area_product_gym2")
_ENTRANCE_EXPOSURE = measured("Entrance exposure at RP", "entrance_exposure_at_rp_mgy", "entrance_exposure")
_SOURCE_TO_DETECTOR = measured(
    "Source to detector", "mechanical__distances__distance_source_to_detector_mm", "distance"
)

RF_EXPORT = ExportSpec(
    key="rf",
    label="Fluoroscopy",
    modality=Modality.RF,
    study_columns=(
        *STUDY_IDENTITY_COLUMNS,
        dap("DAP total", "total_dap_gym2"),
        measured("Dose at RP total", "total_dose_rp_gy", "dose_rp"),
        measured("Fluoroscopy time total", "total_fluoro_time_s", "duration"),
        Column("Fluoroscopy events", "fluoro_event_count", INTEGER, derived=True),
        dap("Fluoroscopy DAP", "fluoro_dap_gym2", derived=True),
        Column("Acquisition events", "acquisition_event_count", INTEGER, derived=True),
        dap("Acquisition DAP", "acquisition_dap_gym2", derived=True),
    ),
    event_columns=(
        Column("Time", "date_time_started", DATETIME),
        Column("Event label", "irradiation_event_label"),
        Column("Event label type", "irradiation_event_label_type__code_meaning"),
        _PROTOCOL,
        Column("Type", "irradiation_event_type__code_meaning"),
        Column("Plane", "acquisition_plane__code_meaning"),
        Column("Fluoro mode", "source__fluoro_mode__code_meaning"),
        measured("Pulse rate", "source__pulse_rate_per_s", "pulse_rate"),
        Column("Number of pulses", "source__number_of_pulses", NUMBER),
        _KVP,
        _MA,
        measured("Pulse width", "source__pulse_width_ms", "pulse_width"),
        _EXPOSURE_TIME,
        measured("Duration", "source__irradiation_duration_s", "duration"),
        measured("Focal spot", "source__focal_spot_size_mm", "focal_spot"),
        _FILTERS,
        _EVENT_DAP,
        measured("Dose at RP", "source__dose_rp_gy", "dose_rp"),
        measured("Primary angle", "mechanical__positioner_primary_angle_deg", "angle"),
        measured("Secondary angle", "mechanical__positioner_secondary_angle_deg", "angle"),
        _SOURCE_TO_DETECTOR,
    ),
    event_model=IrradiationEventXRayData,
    load_events=load_projection_events,
    csv_layout="study",
    add_study_values=add_fluoroscopy_totals,
)

DX_EXPORT = ExportSpec(
    key="dx",
    label="Radiography",
    modality=Modality.DX,
    study_columns=(*STUDY_IDENTITY_COLUMNS, dap("DAP total", "total_dap_gym2")),
    event_columns=(
        _PROTOCOL,
        Column("Anatomy", "anatomical_structure__code_meaning"),
        Column("View", "image_view__code_meaning"),
        _EXPOSURE_CONTROL,
        _EXPOSURE_CONTROL_DESCRIPTION,
        Column("Laterality", "laterality__code_meaning"),
        _KVP,
        _MA,
        _MAS,
        _EXPOSURE_TIME,
        _FILTERS,
        _EVENT_DAP,
        _ENTRANCE_EXPOSURE,
        measured("Exposure index", "detector__exposure_index", "exposure_index"),
        measured("Target exposure index", "detector__target_exposure_index", "exposure_index"),
        measured("Deviation index", "detector__deviation_index", "deviation_index"),
        _SOURCE_TO_DETECTOR,
    ),
    event_model=IrradiationEventXRayData,
    load_events=load_projection_events,
)

MG_EXPORT = ExportSpec(
    key="mg",
    label="Mammography",
    modality=Modality.MG,
    study_columns=(
        *STUDY_IDENTITY_COLUMNS,
        measured("AGD total", "total_agd_mgy", "agd"),
        measured("AGD left", "total_agd_left_mgy", "agd"),
        measured("AGD right", "total_agd_right_mgy", "agd"),
    ),
    event_columns=(
        _PROTOCOL,
        Column("Laterality", "laterality__code_meaning"),
        Column("View", "image_view__code_meaning"),
        _EXPOSURE_CONTROL,
        _EXPOSURE_CONTROL_DESCRIPTION,
        Column("Target", "source__anode_target_material__code_meaning"),
        _FILTERS,
        _KVP,
        _MAS,
        _EXPOSURE_TIME,
        measured("Compression thickness", "mechanical__compression_thickness_mm", "compression_thickness"),
        measured("Compression force", "mechanical__compression_force_n", "compression_force"),
        measured("AGD", "source__average_glandular_dose_mgy", "agd"),
        _ENTRANCE_EXPOSURE,
    ),
    event_model=IrradiationEventXRayData,
    load_events=load_projection_events,
)
