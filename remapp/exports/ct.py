"""CT export columns (TID 10013 events with their X-ray source parameters) and the per-chunk event loader."""

from collections import defaultdict

from django.db.models import F

from remapp.dose_checks import ALERT, NOTIFICATION, is_raised
from remapp.exports.cells import INTEGER
from remapp.exports.columns import STUDY_IDENTITY_COLUMNS, Column, ExportSpec, measured
from remapp.exports.source import rows_with_ids
from remapp.models import CtIrradiationEvent, CtXRaySourceParameters, Modality

CT_STUDY_COLUMNS = (
    *STUDY_IDENTITY_COLUMNS,
    Column("Dose check alerts", "dose_check_alert_count", INTEGER, derived=True),
    Column("Dose check notifications", "dose_check_notification_count", INTEGER, derived=True),
    measured("DLP total", "total_dlp_mgycm", "dlp"),
)

_CHECK = "dose_check__"
# TID 10015 per event: whether each kind was raised (see remapp.dose_checks), its values, and who proceeded.
DOSE_CHECK_COLUMNS = (
    Column("Dose check alert", "dose_check_alert"),
    measured("DLP alert value", f"{_CHECK}dlp_alert_value_mgycm", "dlp"),
    measured("CTDIvol alert value", f"{_CHECK}ctdivol_alert_value_mgy", "ctdivol"),
    measured("Accumulated DLP forward estimate", f"{_CHECK}accumulated_dlp_forward_estimate_mgycm", "dlp"),
    measured("Accumulated CTDIvol forward estimate", f"{_CHECK}accumulated_ctdivol_forward_estimate_mgy", "ctdivol"),
    Column("Alert reason for proceeding", f"{_CHECK}alert_reason_for_proceeding"),
    Column("Alert proceeded by (role)", f"{_CHECK}alert_person_role_in_procedure"),
    Column("Dose check notification", "dose_check_notification"),
    measured("DLP notification value", f"{_CHECK}dlp_notification_value_mgycm", "dlp"),
    measured("CTDIvol notification value", f"{_CHECK}ctdivol_notification_value_mgy", "ctdivol"),
    measured("DLP forward estimate", f"{_CHECK}dlp_forward_estimate_mgycm", "dlp"),
    measured("CTDIvol forward estimate", f"{_CHECK}ctdivol_forward_estimate_mgy", "ctdivol"),
    Column("Notification reason for proceeding", f"{_CHECK}notification_reason_for_proceeding"),
    Column("Notification proceeded by (role)", f"{_CHECK}notification_person_role_in_procedure"),
)

CT_EVENT_COLUMNS = (
    Column("Protocol", "acquisition_protocol"),
    Column("Event label", "irradiation_event_label"),
    Column("Event label type", "irradiation_event_label_type__code_meaning"),
    Column("Type", "ct_acquisition_type__code_meaning"),
    measured("Exposure time", "exposure_time_s", "ct_exposure_time"),
    measured("Scanning length", "scanning_length_mm", "scanning_length"),
    measured("Total collimation", "nominal_total_collimation_width_mm", "total_collimation"),
    measured("Pitch", "pitch_factor", "pitch"),
    Column("Number of sources", "number_of_xray_sources", INTEGER),
    measured("CTDIvol", "mean_ctdivol_mgy", "ctdivol"),
    Column("Phantom", "ctdiw_phantom_type__code_meaning"),
    measured("DLP", "dlp_mgycm", "dlp"),
    measured("SSDE", "size_specific_dose_estimate_mgy", "ssde"),
    measured("Water equivalent diameter", "water_equivalent_diameter_mm", "water_equivalent_diameter"),
    measured("Effective dose", "effective_dose_msv", "effective_dose"),
    Column("Effective dose method", "effective_dose_measurement_method__code_meaning"),
    measured(
        "Effective dose conversion factor", "effective_dose_conversion_factor", "effective_dose_conversion_factor"
    ),
    measured("kVp", "kvp", "kvp", unit_in_label=True),
    measured("mA", "xray_tube_current_ma", "tube_current", unit_in_label=True),
    measured("Maximum mA", "maximum_xray_tube_current_ma", "tube_current", unit_in_label=True),
    measured("Exposure time per rotation", "exposure_time_per_rotation_s", "rotation_time"),
    measured("Source B kVp", "source_b_kvp", "kvp", unit_in_label=True),
    measured("Source B mA", "source_b_xray_tube_current_ma", "tube_current", unit_in_label=True),
    *DOSE_CHECK_COLUMNS,
)

_SOURCE_FIELDS = ("kvp", "xray_tube_current_ma", "maximum_xray_tube_current_ma", "exposure_time_per_rotation_s")
# Keys the loader fills itself rather than reading them from the event row.
_FILLED_KEYS = {
    *_SOURCE_FIELDS,
    "source_b_kvp",
    "source_b_xray_tube_current_ma",
    "dose_check_alert",
    "dose_check_notification",
}
_EVENT_LOOKUPS = [
    "id",
    "study_id",
    f"{_CHECK}id",
    *(column.key for column in CT_EVENT_COLUMNS if column.key not in _FILLED_KEYS),
]


def _yes_no(raised: bool) -> str:
    return "Yes" if raised else "No"


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
        # An event without a dose check row has neither answer; one with a row says yes or no.
        if event[f"{_CHECK}id"] is not None:
            event["dose_check_alert"] = _yes_no(is_raised(ALERT, event, _CHECK))
            event["dose_check_notification"] = _yes_no(is_raised(NOTIFICATION, event, _CHECK))
        events[event["study_id"]].append(event)
    return events


def add_dose_check_counts(study: dict, events: list[dict]) -> None:
    """The number of the study's events whose dose check raised an alert, and a notification."""
    study["dose_check_alert_count"] = sum(event.get("dose_check_alert") == "Yes" for event in events)
    study["dose_check_notification_count"] = sum(event.get("dose_check_notification") == "Yes" for event in events)


CT_EXPORT = ExportSpec(
    key="ct",
    label="CT",
    modality=Modality.CT,
    study_columns=CT_STUDY_COLUMNS,
    event_columns=CT_EVENT_COLUMNS,
    event_model=CtIrradiationEvent,
    load_events=load_ct_events,
    add_study_values=add_dose_check_counts,
)
