"""CT export columns (TID 10013 events with their X-ray source parameters) and the per-chunk event loader."""

from collections import defaultdict

from django.db.models import F

from remapp.exports.cells import INTEGER, NUMBER
from remapp.exports.columns import STUDY_IDENTITY_COLUMNS, Column, ExportSpec
from remapp.exports.source import rows_with_ids
from remapp.models import CtIrradiationEvent, CtXRaySourceParameters, Modality

CT_STUDY_COLUMNS = (
    *STUDY_IDENTITY_COLUMNS,
    Column("DLP total (mGy.cm)", "total_dlp_mgycm", NUMBER),
)

CT_EVENT_COLUMNS = (
    Column("Protocol", "acquisition_protocol"),
    Column("Type", "ct_acquisition_type__code_meaning"),
    Column("Exposure time (s)", "exposure_time_s", NUMBER),
    Column("Scanning length (mm)", "scanning_length_mm", NUMBER),
    Column("Slice thickness (mm)", "slice_thickness_mm", NUMBER),
    Column("Total collimation (mm)", "nominal_total_collimation_width_mm", NUMBER),
    Column("Pitch", "pitch_factor", NUMBER),
    Column("Number of sources", "number_of_xray_sources", INTEGER),
    Column("CTDIvol (mGy)", "mean_ctdivol_mgy", NUMBER),
    Column("Phantom", "ctdiw_phantom_type__code_meaning"),
    Column("DLP (mGy.cm)", "dlp_mgycm", NUMBER),
    Column("kVp", "kvp", NUMBER),
    Column("mA", "xray_tube_current_ma", NUMBER),
    Column("Maximum mA", "maximum_xray_tube_current_ma", NUMBER),
    Column("Exposure time per rotation (s)", "exposure_time_per_rotation_s", NUMBER),
    Column("Source B kVp", "source_b_kvp", NUMBER),
    Column("Source B mA", "source_b_xray_tube_current_ma", NUMBER),
)

_SOURCE_FIELDS = ("kvp", "xray_tube_current_ma", "maximum_xray_tube_current_ma", "exposure_time_per_rotation_s")
_EVENT_LOOKUPS = [
    "id",
    "study_id",
    *(column.key for column in CT_EVENT_COLUMNS if column.key not in _SOURCE_FIELDS and "source_b" not in column.key),
]


def load_ct_events(study_ids: list[int]) -> dict[int, list[dict]]:
    """The events of these studies in acquisition order, each with its first source and source B's kVp and mA."""
    events_query = CtIrradiationEvent.objects.order_by(
        "study_id", F("date_time_started").asc(nulls_last=True), "sequence_number", "id"
    ).values(*_EVENT_LOOKUPS)
    event_rows = rows_with_ids(events_query, "study_id", study_ids)
    # Sources by event id, not through a join on the study: the planner would scan the whole sources table.
    sources = defaultdict(list)
    sources_query = CtXRaySourceParameters.objects.order_by(
        "ct_irradiation_event_id", "identification_of_xray_source", "id"
    ).values_list("ct_irradiation_event_id", *_SOURCE_FIELDS)
    source_rows = rows_with_ids(sources_query, "ct_irradiation_event_id", [event["id"] for event in event_rows])
    for event_id, *values in source_rows:
        sources[event_id].append(values)
    events = defaultdict(list)
    for event in event_rows:
        event_sources = sources.get(event["id"], ())
        if event_sources:
            event.update(zip(_SOURCE_FIELDS, event_sources[0], strict=True))
        if len(event_sources) > 1:
            event["source_b_kvp"] = event_sources[1][0]
            event["source_b_xray_tube_current_ma"] = event_sources[1][1]
        events[event["study_id"]].append(event)
    return events


CT_EXPORT = ExportSpec(
    key="ct",
    label="CT",
    modality=Modality.CT,
    study_columns=CT_STUDY_COLUMNS,
    event_columns=CT_EVENT_COLUMNS,
    event_model=CtIrradiationEvent,
    load_events=load_ct_events,
)
