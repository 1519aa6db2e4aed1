"""CT Radiation Dose SR, TID 10011-10015: the content tree parsed into the dataclasses of ``ct_data``.

``parse_ct(root) -> CtReportData`` (no database); ``ct_save.save_ct`` writes it. Numbers are read through
code-to-field tables (``tables``), each converted from the unit its item declares into the unit the field stores.
The acquisition parameters and CT dose containers are indexed with their descendants, because vendors nest some
items (e.g. the water-equivalent diameter under the SSDE) one level deeper than others.
"""

from __future__ import annotations

from remapp.dicom import concepts as c
from remapp.dicom.content import ContentItem
from remapp.dicom.values import code, count, datetime_value, text, uid
from remapp.extractors.rdsr.context import comments, parse_context, parse_report_fields
from remapp.extractors.rdsr.ct_data import (
    CtAccumulatedData,
    CtDoseCheckData,
    CtEventData,
    CtReportData,
    CtSourceData,
)
from remapp.extractors.rdsr.tables import (
    Index,
    event_label,
    every,
    fill_numbers,
    first,
    index_items,
    number_table,
    text_or_meaning,
)

# (field, concept, unit the field stores), looked up anywhere under the named container.
ACQUISITION_PARAMETER_FIELDS = number_table(
    ("exposure_time_s", c.EXPOSURE_TIME, "s"),
    ("scanning_length_mm", c.SCANNING_LENGTH, "mm"),
    ("length_of_reconstructable_volume_mm", c.LENGTH_OF_RECONSTRUCTABLE_VOLUME, "mm"),
    ("exposed_range_mm", c.EXPOSED_RANGE, "mm"),
    ("top_z_location_of_reconstructable_volume_mm", c.TOP_Z_LOCATION_OF_RECONSTRUCTABLE_VOLUME, "mm"),
    ("bottom_z_location_of_reconstructable_volume_mm", c.BOTTOM_Z_LOCATION_OF_RECONSTRUCTABLE_VOLUME, "mm"),
    ("top_z_location_of_scanning_length_mm", c.TOP_Z_LOCATION_OF_SCANNING_LENGTH, "mm"),
    ("bottom_z_location_of_scanning_length_mm", c.BOTTOM_Z_LOCATION_OF_SCANNING_LENGTH, "mm"),
    ("nominal_single_collimation_width_mm", c.NOMINAL_SINGLE_COLLIMATION_WIDTH, "mm"),
    ("nominal_total_collimation_width_mm", c.NOMINAL_TOTAL_COLLIMATION_WIDTH, "mm"),
    ("pitch_factor", c.PITCH_FACTOR, "1"),
)
CT_DOSE_FIELDS = number_table(
    ("mean_ctdivol_mgy", c.MEAN_CTDIVOL, "mGy"),
    ("ctdifreeair_calculation_factor", c.CTDIFREEAIR_CALCULATION_FACTOR, "mGy/mA.s"),
    ("mean_ctdifreeair_mgy", c.MEAN_CTDIFREEAIR, "mGy"),
    ("dlp_mgycm", c.DLP, "mGy.cm"),
    ("effective_dose_msv", c.EFFECTIVE_DOSE, "mSv"),
    ("effective_dose_conversion_factor", c.EFFECTIVE_DOSE_CONVERSION_FACTOR, "mSv/mGy.cm"),
    ("size_specific_dose_estimate_mgy", c.SIZE_SPECIFIC_DOSE_ESTIMATE, "mGy"),
    ("water_equivalent_diameter_mm", c.WATER_EQUIVALENT_DIAMETER, "mm"),
)
SOURCE_FIELDS = number_table(
    ("kvp", c.KVP, "kV"),
    ("maximum_xray_tube_current_ma", c.MAXIMUM_XRAY_TUBE_CURRENT, "mA"),
    ("xray_tube_current_ma", c.XRAY_TUBE_CURRENT, "mA"),
    ("exposure_time_per_rotation_s", c.EXPOSURE_TIME_PER_ROTATION, "s"),
    ("xray_filter_aluminum_equivalent_mm", c.XRAY_FILTER_ALUMINUM_EQUIVALENT, "mm"),
)
ALERT_FIELDS = number_table(
    ("dlp_alert_value_mgycm", c.DLP_ALERT_VALUE, "mGy.cm"),
    ("ctdivol_alert_value_mgy", c.CTDIVOL_ALERT_VALUE, "mGy"),
    ("accumulated_dlp_forward_estimate_mgycm", c.ACCUMULATED_DLP_FORWARD_ESTIMATE, "mGy.cm"),
    ("accumulated_ctdivol_forward_estimate_mgy", c.ACCUMULATED_CTDIVOL_FORWARD_ESTIMATE, "mGy"),
)
NOTIFICATION_FIELDS = number_table(
    ("dlp_notification_value_mgycm", c.DLP_NOTIFICATION_VALUE, "mGy.cm"),
    ("ctdivol_notification_value_mgy", c.CTDIVOL_NOTIFICATION_VALUE, "mGy"),
    ("dlp_forward_estimate_mgycm", c.DLP_FORWARD_ESTIMATE, "mGy.cm"),
    ("ctdivol_forward_estimate_mgy", c.CTDIVOL_FORWARD_ESTIMATE, "mGy"),
)
ACCUMULATED_FIELDS = number_table(
    ("ct_dose_length_product_total_mgycm", c.CT_DOSE_LENGTH_PRODUCT_TOTAL, "mGy.cm"),
    ("ct_effective_dose_total_msv", c.CT_EFFECTIVE_DOSE_TOTAL, "mSv"),
)


def _yes_no(item: ContentItem | None) -> bool | None:
    """A Yes/No CODE item as True/False; None when absent or another code."""
    value = code(item)
    if value is None:
        return None
    if value == c.YES:
        return True
    if value == c.NO:
        return False
    return None


def _role_meaning(details: Index) -> str:
    """The role in procedure of the person who proceeded (their name is never read)."""
    person = first(details, c.PERSON_NAME)
    role = code(first(index_items(person), c.PERSON_ROLE_IN_PROCEDURE))
    return role.meaning if role else ""


# Alert and notification details (TID 10015) have the same shape: (part, container, DLP configured,
# CTDIvol configured, numbers). Their fields are named ``dlp_<part>_value_configured`` and so on.
_DOSE_CHECK_PARTS = (
    ("alert", c.DOSE_CHECK_ALERT_DETAILS, c.DLP_ALERT_VALUE_CONFIGURED, c.CTDIVOL_ALERT_VALUE_CONFIGURED, ALERT_FIELDS),
    (
        "notification",
        c.DOSE_CHECK_NOTIFICATION_DETAILS,
        c.DLP_NOTIFICATION_VALUE_CONFIGURED,
        c.CTDIVOL_NOTIFICATION_VALUE_CONFIGURED,
        NOTIFICATION_FIELDS,
    ),
)


def _parse_dose_check(ct_dose: Index, event: Index) -> CtDoseCheckData | None:
    """TID 10015 under the CT Dose container (or, as some scanners write it, anywhere in the event)."""
    found = [(part, first(ct_dose, part[1]) or first(event, part[1])) for part in _DOSE_CHECK_PARTS]
    if all(container is None for _, container in found):
        return None
    check = CtDoseCheckData()
    for (name, _, dlp_configured, ctdivol_configured, fields), container in found:
        if container is None:
            continue
        details = index_items(container)
        setattr(check, f"dlp_{name}_value_configured", _yes_no(first(details, dlp_configured)))
        setattr(check, f"ctdivol_{name}_value_configured", _yes_no(first(details, ctdivol_configured)))
        setattr(check, f"{name}_reason_for_proceeding", text(first(details, c.REASON_FOR_PROCEEDING)))
        setattr(check, f"{name}_person_role_in_procedure", _role_meaning(details))
        fill_numbers(check, index_items(container, recursive=True), fields)
    return check


def _parse_source(node: ContentItem) -> CtSourceData:
    index = index_items(node, recursive=True)
    source = CtSourceData(
        identification_of_xray_source=text_or_meaning(first(index, c.IDENTIFICATION_OF_THE_XRAY_SOURCE))
    )
    fill_numbers(source, index, SOURCE_FIELDS)
    return source


def parse_event(node: ContentItem) -> CtEventData:
    """One CT Acquisition container (TID 10013)."""
    index = index_items(node)
    parameters_node = first(index, c.CT_ACQUISITION_PARAMETERS)
    parameters = index_items(parameters_node, recursive=True)
    ct_dose = index_items(first(index, c.CT_DOSE), recursive=True)
    event = CtEventData(
        irradiation_event_uid=uid(first(index, c.IRRADIATION_EVENT_UID)),
        acquisition_protocol=text(first(index, c.ACQUISITION_PROTOCOL)),
        target_region=code(first(index, c.TARGET_REGION)),
        ct_acquisition_type=code(first(index, c.CT_ACQUISITION_TYPE)),
        procedure_context=code(first(index, c.PROCEDURE_CONTEXT)),
        date_time_started=datetime_value(first(index, c.DATETIME_STARTED)),
        frame_of_reference_uid=uid(first(parameters, c.FRAME_OF_REFERENCE_UID)),
        number_of_xray_sources=count(first(parameters, c.NUMBER_OF_XRAY_SOURCES)),
        ctdiw_phantom_type=code(first(ct_dose, c.CTDIW_PHANTOM_TYPE)),
        effective_dose_measurement_method=code(first(ct_dose, c.MEASUREMENT_METHOD)),
        xray_modulation_type=text(first(index, c.XRAY_MODULATION_TYPE)),
        comment=comments(index),
        sources=[_parse_source(s) for s in every(index_items(parameters_node), c.CT_XRAY_SOURCE_PARAMETERS)],
        dose_check=_parse_dose_check(ct_dose, index_items(node, recursive=True)),
        context=parse_context(node),
    )
    event.irradiation_event_label, event.irradiation_event_label_type = event_label(index)
    fill_numbers(event, parameters, ACQUISITION_PARAMETER_FIELDS)
    fill_numbers(event, ct_dose, CT_DOSE_FIELDS)
    return event


def _parse_accumulated(node: ContentItem | None) -> CtAccumulatedData | None:
    if node is None:
        return None
    index = index_items(node)
    accumulated = CtAccumulatedData(
        total_number_of_irradiation_events=count(first(index, c.TOTAL_NUMBER_OF_IRRADIATION_EVENTS)),
        reference_authority=text_or_meaning(first(index, c.REFERENCE_AUTHORITY)),
        comment=comments(index),
    )
    fill_numbers(accumulated, index_items(node, recursive=True), ACCUMULATED_FIELDS)
    return accumulated


def parse_ct(root: ContentItem) -> CtReportData:
    """The whole CT Radiation Dose report (TID 10011) from the document's root node."""
    index = index_items(root)
    return CtReportData(
        **parse_report_fields(root),
        accumulated=_parse_accumulated(first(index, c.CT_ACCUMULATED_DOSE_DATA)),
        events=[parse_event(node) for node in every(index, c.CT_ACQUISITION)],
        context=parse_context(root),
    )
