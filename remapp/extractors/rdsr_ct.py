"""CT Radiation Dose SR, TID 10011-10015: parse the content tree into dataclasses, save them in bulk.

``parse_ct(root) -> CtReport`` (no database) and ``save_ct(report, study, dose_object, memo)`` (inside the
caller's transaction). Numbers are read through code-to-field tables, each converted from the unit its
item declares into the unit the field stores.

Events already stored for the study (same Irradiation Event UID, from an earlier report of the same study)
are skipped, so a later report never doubles an event (see docs/import_rdsr.rst).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from pydicom.sr.coding import Code

from remapp.dicom import concepts as c
from remapp.dicom.content import CodeKey, ContentItem, code_key, find_item, find_items
from remapp.dicom.values import code, count, datetime_value, measurement, text, uid
from remapp.extractors.rdsr_context import (
    Context,
    bulk_save_contexts,
    comments,
    context_rows,
    parse_context,
    parse_report_fields,
)
from remapp.extractors.rows import build_row
from remapp.models import (
    CtAccumulatedDose,
    CtDoseCheck,
    CtIrradiationEvent,
    CtRadiationDose,
    CtXRaySourceParameters,
    DoseObject,
    GeneralStudy,
)

logger = logging.getLogger(__name__)

# (field, concept, unit the field stores). Looked up anywhere under the named container.
ACQUISITION_PARAMETER_FIELDS: list[tuple[str, Code, str]] = [
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
]
CT_DOSE_FIELDS: list[tuple[str, Code, str]] = [
    ("mean_ctdivol_mgy", c.MEAN_CTDIVOL, "mGy"),
    ("ctdifreeair_calculation_factor", c.CTDIFREEAIR_CALCULATION_FACTOR, "mGy/mA.s"),
    ("mean_ctdifreeair_mgy", c.MEAN_CTDIFREEAIR, "mGy"),
    ("dlp_mgycm", c.DLP, "mGy.cm"),
    ("effective_dose_msv", c.EFFECTIVE_DOSE, "mSv"),
    ("effective_dose_conversion_factor", c.EFFECTIVE_DOSE_CONVERSION_FACTOR, "mSv/mGy.cm"),
    ("size_specific_dose_estimate_mgy", c.SIZE_SPECIFIC_DOSE_ESTIMATE, "mGy"),
    ("water_equivalent_diameter_mm", c.WATER_EQUIVALENT_DIAMETER, "mm"),
]
SOURCE_FIELDS: list[tuple[str, Code, str]] = [
    ("kvp", c.KVP, "kV"),
    ("maximum_xray_tube_current_ma", c.MAXIMUM_XRAY_TUBE_CURRENT, "mA"),
    ("xray_tube_current_ma", c.XRAY_TUBE_CURRENT, "mA"),
    ("exposure_time_per_rotation_s", c.EXPOSURE_TIME_PER_ROTATION, "s"),
    ("xray_filter_aluminum_equivalent_mm", c.XRAY_FILTER_ALUMINUM_EQUIVALENT, "mm"),
]
ALERT_FIELDS: list[tuple[str, Code, str]] = [
    ("dlp_alert_value_mgycm", c.DLP_ALERT_VALUE, "mGy.cm"),
    ("ctdivol_alert_value_mgy", c.CTDIVOL_ALERT_VALUE, "mGy"),
    ("accumulated_dlp_forward_estimate_mgycm", c.ACCUMULATED_DLP_FORWARD_ESTIMATE, "mGy.cm"),
    ("accumulated_ctdivol_forward_estimate_mgy", c.ACCUMULATED_CTDIVOL_FORWARD_ESTIMATE, "mGy"),
]
NOTIFICATION_FIELDS: list[tuple[str, Code, str]] = [
    ("dlp_notification_value_mgycm", c.DLP_NOTIFICATION_VALUE, "mGy.cm"),
    ("ctdivol_notification_value_mgy", c.CTDIVOL_NOTIFICATION_VALUE, "mGy"),
    ("dlp_forward_estimate_mgycm", c.DLP_FORWARD_ESTIMATE, "mGy.cm"),
    ("ctdivol_forward_estimate_mgy", c.CTDIVOL_FORWARD_ESTIMATE, "mGy"),
]
ACCUMULATED_FIELDS: list[tuple[str, Code, str]] = [
    ("ct_dose_length_product_total_mgycm", c.CT_DOSE_LENGTH_PRODUCT_TOTAL, "mGy.cm"),
    ("ct_effective_dose_total_msv", c.CT_EFFECTIVE_DOSE_TOTAL, "mSv"),
]


@dataclass
class CtSource:
    """CT X-Ray Source Parameters of one source."""

    identification_of_xray_source: str = ""
    numbers: dict[str, Decimal | None] = field(default_factory=dict)


@dataclass
class CtDoseCheckData:
    """CT Dose Check Details (TID 10015)."""

    dlp_alert_value_configured: bool | None = None
    ctdivol_alert_value_configured: bool | None = None
    alert_reason_for_proceeding: str = ""
    alert_person_role_in_procedure: str = ""
    dlp_notification_value_configured: bool | None = None
    ctdivol_notification_value_configured: bool | None = None
    notification_reason_for_proceeding: str = ""
    notification_person_role_in_procedure: str = ""
    numbers: dict[str, Decimal | None] = field(default_factory=dict)


@dataclass
class CtEvent:
    """CT Irradiation Event Data (TID 10013) with its scanning length (TID 10014) and dose check (TID 10015)."""

    irradiation_event_uid: str
    acquisition_protocol: str = ""
    target_region: Code | None = None
    ct_acquisition_type: Code | None = None
    procedure_context: Code | None = None
    date_time_started: datetime | None = None
    frame_of_reference_uid: str = ""
    number_of_xray_sources: int | None = None
    ctdiw_phantom_type: Code | None = None
    effective_dose_measurement_method: Code | None = None
    xray_modulation_type: str = ""
    comment: str = ""
    numbers: dict[str, Decimal | None] = field(default_factory=dict)
    sources: list[CtSource] = field(default_factory=list)
    dose_check: CtDoseCheckData | None = None
    context: Context = field(default_factory=Context)


@dataclass
class CtAccumulated:
    """CT Accumulated Dose Data (TID 10012)."""

    total_number_of_irradiation_events: int | None = None
    reference_authority: str = ""
    comment: str = ""
    numbers: dict[str, Decimal | None] = field(default_factory=dict)


@dataclass
class CtReport:
    """CT Radiation Dose (TID 10011)."""

    procedure_reported: Code | None = None
    has_intent: Code | None = None
    start_of_xray_irradiation: datetime | None = None
    end_of_xray_irradiation: datetime | None = None
    scope_of_accumulation: Code | None = None
    scope_uid: str = ""
    source_of_dose_information: Code | None = None
    comment: str = ""
    accumulated: CtAccumulated | None = None
    events: list[CtEvent] = field(default_factory=list)
    context: Context = field(default_factory=Context)


# --- parsing -----------------------------------------------------------------------------------------------


def _index(node: ContentItem | None) -> dict[CodeKey, ContentItem]:
    """First item of each concept anywhere under ``node`` (depth first), for table lookups."""
    index: dict[CodeKey, ContentItem] = {}
    if node is not None:
        for item in node.walk():
            if item.concept_key is not None:
                index.setdefault(item.concept_key, item)
    return index


def _numbers(index: dict[CodeKey, ContentItem], table: list[tuple[str, Code, str]]) -> dict[str, Decimal | None]:
    return {name: measurement(index.get(code_key(concept)), unit) for name, concept, unit in table}


def _yes_no(item: ContentItem | None) -> bool | None:
    value = code(item)
    if value is None:
        return None
    key = code_key(value)
    if key == code_key(c.YES):
        return True
    if key == code_key(c.NO):
        return False
    return None


def _text_or_meaning(item: ContentItem | None) -> str:
    """A value some vendors send as TEXT and others as CODE: the text, or the code's meaning."""
    coded = code(item)
    return text(item) or (coded.meaning if coded else "")


def _role_meaning(details: ContentItem) -> str:
    person = find_item(details, c.PERSON_NAME)
    role = code(find_item(person, c.PERSON_ROLE_IN_PROCEDURE))
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


def _parse_dose_check(ct_dose: ContentItem | None, event: ContentItem) -> CtDoseCheckData | None:
    found = [(part, find_item(ct_dose, part[1]) or find_item(event, part[1], None, True)) for part in _DOSE_CHECK_PARTS]
    if all(details is None for _, details in found):
        return None
    check = CtDoseCheckData()
    for (name, _, dlp_configured, ctdivol_configured, fields), details in found:
        if details is None:
            continue
        setattr(check, f"dlp_{name}_value_configured", _yes_no(find_item(details, dlp_configured)))
        setattr(check, f"ctdivol_{name}_value_configured", _yes_no(find_item(details, ctdivol_configured)))
        setattr(check, f"{name}_reason_for_proceeding", text(find_item(details, c.REASON_FOR_PROCEEDING)))
        setattr(check, f"{name}_person_role_in_procedure", _role_meaning(details))
        check.numbers.update(_numbers(_index(details), fields))
    return check


def _parse_source(node: ContentItem) -> CtSource:
    return CtSource(
        identification_of_xray_source=_text_or_meaning(find_item(node, c.IDENTIFICATION_OF_THE_XRAY_SOURCE)),
        numbers=_numbers(_index(node), SOURCE_FIELDS),
    )


def parse_event(node: ContentItem) -> CtEvent:
    """One CT Acquisition container (TID 10013)."""
    parameters = find_item(node, c.CT_ACQUISITION_PARAMETERS)
    ct_dose = find_item(node, c.CT_DOSE)
    parameter_index = _index(parameters)
    dose_index = _index(ct_dose)
    event = CtEvent(
        irradiation_event_uid=uid(find_item(node, c.IRRADIATION_EVENT_UID)),
        acquisition_protocol=text(find_item(node, c.ACQUISITION_PROTOCOL)),
        target_region=code(find_item(node, c.TARGET_REGION)),
        ct_acquisition_type=code(find_item(node, c.CT_ACQUISITION_TYPE)),
        procedure_context=code(find_item(node, c.PROCEDURE_CONTEXT)),
        date_time_started=datetime_value(find_item(node, c.DATETIME_STARTED)),
        frame_of_reference_uid=uid(parameter_index.get(code_key(c.FRAME_OF_REFERENCE_UID))),
        number_of_xray_sources=count(parameter_index.get(code_key(c.NUMBER_OF_XRAY_SOURCES))),
        ctdiw_phantom_type=code(dose_index.get(code_key(c.CTDIW_PHANTOM_TYPE))),
        effective_dose_measurement_method=code(dose_index.get(code_key(c.MEASUREMENT_METHOD))),
        xray_modulation_type=text(find_item(node, c.XRAY_MODULATION_TYPE)),
        comment=comments(node),
        numbers={**_numbers(parameter_index, ACQUISITION_PARAMETER_FIELDS), **_numbers(dose_index, CT_DOSE_FIELDS)},
        sources=[_parse_source(s) for s in find_items(parameters, c.CT_XRAY_SOURCE_PARAMETERS)],
        dose_check=_parse_dose_check(ct_dose, node),
        context=parse_context(node),
    )
    return event


def _parse_accumulated(node: ContentItem | None) -> CtAccumulated | None:
    if node is None:
        return None
    return CtAccumulated(
        total_number_of_irradiation_events=count(find_item(node, c.TOTAL_NUMBER_OF_IRRADIATION_EVENTS)),
        reference_authority=_text_or_meaning(find_item(node, c.REFERENCE_AUTHORITY)),
        comment=comments(node),
        numbers=_numbers(_index(node), ACCUMULATED_FIELDS),
    )


def parse_ct(root: ContentItem) -> CtReport:
    """The whole CT Radiation Dose report (TID 10011) from the document's root node."""
    return CtReport(
        **parse_report_fields(root),
        accumulated=_parse_accumulated(find_item(root, c.CT_ACCUMULATED_DOSE_DATA)),
        events=[parse_event(node) for node in find_items(root, c.CT_ACQUISITION)],
        context=parse_context(root),
    )


# --- saving ------------------------------------------------------------------------------------------------


def substitute_event_uid(sop_instance_uid: str, position: int) -> str:
    """A stable stand-in for a missing Irradiation Event UID: the same file always gives the same one."""
    digest = hashlib.sha256(f"{sop_instance_uid}/{position}".encode()).hexdigest()
    return f"no-event-uid-{digest[:48]}"


def _new_events(report: CtReport, study: GeneralStudy, sop_instance_uid: str) -> list[tuple[int, CtEvent]]:
    """The report's events not yet stored for the study (first copy of a repeated UID wins)."""
    for position, event in enumerate(report.events):
        event.irradiation_event_uid = event.irradiation_event_uid[:64] or substitute_event_uid(
            sop_instance_uid, position
        )
    uids = [event.irradiation_event_uid for event in report.events]
    stored: set[str] = set()
    if not getattr(study, "is_new", False):  # a study this report created has no events yet
        stored = set(
            CtIrradiationEvent.objects.filter(study=study, irradiation_event_uid__in=uids).values_list(
                "irradiation_event_uid", flat=True
            )
        )
    new = []
    for position, event in enumerate(report.events):
        if event.irradiation_event_uid in stored:
            continue
        stored.add(event.irradiation_event_uid)
        new.append((position, event))
    return new


def save_ct(report: CtReport, study: GeneralStudy, dose_object: DoseObject, memo: dict) -> int:
    """Write the report, its accumulated dose and its new events; returns how many events were added."""
    row = build_row(CtRadiationDose, report, memo, study=study, dose_object=dose_object)
    row.save()
    if report.accumulated is not None:
        build_row(
            CtAccumulatedDose, report.accumulated, memo, ct_radiation_dose=row, **report.accumulated.numbers
        ).save()
    new = _new_events(report, study, dose_object.sop_instance_uid)
    event_rows = CtIrradiationEvent.objects.bulk_create(
        [
            build_row(
                CtIrradiationEvent,
                event,
                memo,
                ct_radiation_dose=row,
                study=study,
                sequence_number=position,
                **event.numbers,
            )
            for position, event in new
        ]
    )
    sources, checks = [], []
    contexts = [context_rows(report.context, {"ct_radiation_dose": row}, memo)]
    for event_row, (_, event) in zip(event_rows, new, strict=True):
        sources += [
            build_row(CtXRaySourceParameters, source, memo, ct_irradiation_event=event_row, **source.numbers)
            for source in event.sources
        ]
        if event.dose_check is not None:
            checks.append(
                build_row(
                    CtDoseCheck, event.dose_check, memo, ct_irradiation_event=event_row, **event.dose_check.numbers
                )
            )
        contexts.append(context_rows(event.context, {"ct_irradiation_event": event_row}, memo))
    if sources:
        CtXRaySourceParameters.objects.bulk_create(sources)
    if checks:
        CtDoseCheck.objects.bulk_create(checks)
    bulk_save_contexts(contexts)
    return len(event_rows)
