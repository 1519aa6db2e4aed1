"""Synthetic CT Radiation Dose SR (TID 10011): N irradiation events (TID 10013) and accumulated data (TID 10012)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pydicom.dataset import Dataset
from pydicom.sr.coding import Code

from remapp.synthetic import codes
from remapp.synthetic.content import code, container, date_time, num, optional_num, person_name, text, uidref
from remapp.synthetic.header import decimal_sum, make_rng, make_uid, resolve_header
from remapp.synthetic.report import (
    dose_report,
    lookup,
    report_context,
    scope_of_accumulation,
    source_of_dose_information,
)

CT_DEFAULTS = {
    "manufacturer": "OpenREM Synthetic CT",
    "manufacturer_model_name": "SynthScan 64",
    "station_name": "CTSYNTH01",
    "study_description": "CT Chest",
}


@dataclass
class CtSource:
    """CT X-Ray Source Parameters for one tube (A, or A and B on a dual-source scanner)."""

    kvp: float = 120
    tube_current_ma: float = 200
    max_tube_current_ma: float | None = 250
    rotation_time_s: float | None = 0.5
    identification: str = "A"


@dataclass
class CtDoseCheck:
    """CT Dose Check Details (TID 10015): a value of None means that alert or notification is not configured."""

    dlp_alert_mgycm: float | None = None
    ctdivol_alert_mgy: float | None = 1000
    accumulated_dlp_forward_estimate_mgycm: float | None = None
    accumulated_ctdivol_forward_estimate_mgy: float | None = None
    alert_reason_for_proceeding: str = ""
    alert_person_name: str = ""
    dlp_notification_mgycm: float | None = None
    ctdivol_notification_mgy: float | None = None
    dlp_forward_estimate_mgycm: float | None = None
    ctdivol_forward_estimate_mgy: float | None = None
    notification_reason_for_proceeding: str = ""


@dataclass
class CtEvent:
    """One CT acquisition (TID 10013). Codes may be given by short name (see ``codes``) or as pydicom Codes."""

    protocol: str = "Chest"
    acquisition_type: str | Code = "spiral"
    target_region: str | Code = "chest"
    ctdivol_mgy: float = 10.0
    dlp_mgycm: float = 300.0
    phantom: str | Code = "body"
    scanning_length_mm: float | None = 290
    exposure_time_s: float | None = 4.5
    single_collimation_mm: float | None = 0.625
    total_collimation_mm: float | None = 40
    pitch: float | None = 0.984
    sources: list[CtSource] = field(default_factory=lambda: [CtSource()])
    dose_check: CtDoseCheck | None = None
    irradiation_event_uid: str | None = None
    started: datetime | None = None
    modulation_type: str = ""
    comment: str = ""


# Protocols by body part for the default events: (protocol, region, phantom, kVp, CTDIvol range, length range mm)
CT_PROTOCOLS = {
    "head": ("Head routine", "head", "head", 120, (35.0, 65.0), (120, 180)),
    "chest": ("Chest routine", "chest", "body", 120, (4.0, 14.0), (260, 360)),
    "abdomen": ("Abdomen pelvis", "abdomen_pelvis", "body", 120, (6.0, 18.0), (350, 500)),
    "chest_abdomen_pelvis": ("CAP venous", "chest_abdomen_pelvis", "body", 120, (6.0, 16.0), (550, 750)),
}


def random_ct_events(rng: random.Random, n_events: int = 2, body_part: str = "chest") -> list[CtEvent]:
    """A localizer then n_events - 1 spiral acquisitions with plausible, seed-determined values."""
    protocol, region, phantom, kvp, ctdi_range, length_range = CT_PROTOCOLS[body_part]
    events = [
        CtEvent(
            protocol="Topogram",
            acquisition_type="constant_angle",
            target_region=region,
            ctdivol_mgy=round(rng.uniform(0.05, 0.3), 2),
            dlp_mgycm=round(rng.uniform(2.0, 15.0), 2),
            phantom=phantom,
            scanning_length_mm=rng.choice([256, 384, 512]),
            exposure_time_s=round(rng.uniform(2.0, 6.0), 2),
            single_collimation_mm=0.6,
            total_collimation_mm=3.6,
            pitch=None,
            sources=[CtSource(kvp=120, tube_current_ma=35, max_tube_current_ma=35, rotation_time_s=None)],
        )
    ]
    for index in range(1, max(n_events, 1)):
        ctdivol = round(rng.uniform(*ctdi_range), 2)
        length = rng.randint(*length_range)
        pitch = rng.choice([0.516, 0.984, 1.375])
        rotation = rng.choice([0.33, 0.5, 0.8])
        tube_current = rng.randint(80, 450)
        events.append(
            CtEvent(
                protocol=protocol if index == 1 else f"{protocol} phase {index}",
                acquisition_type="spiral",
                target_region=region,
                ctdivol_mgy=ctdivol,
                dlp_mgycm=round(ctdivol * (length / 10 + 2.0), 2),
                phantom=phantom,
                scanning_length_mm=length,
                exposure_time_s=round(length / (40 * pitch) * rotation, 2),
                single_collimation_mm=0.625,
                total_collimation_mm=40,
                pitch=pitch,
                sources=[
                    CtSource(
                        kvp=kvp,
                        tube_current_ma=tube_current,
                        max_tube_current_ma=tube_current + rng.randint(10, 150),
                        rotation_time_s=rotation,
                    )
                ],
                modulation_type="XYZ_EC",
            )
        )
    return events[: max(n_events, 1)]


def ct_rdsr(
    *,
    events: list[CtEvent] | None = None,
    n_events: int = 2,
    body_part: str = "chest",
    seed: object = 0,
    **header_values,
) -> Dataset:
    """A CT X-Ray Radiation Dose SR (TID 10011) with the given events (or n_events made from the seed)."""
    rng = make_rng("ct_rdsr", seed)
    header = resolve_header("ct_rdsr", seed, CT_DEFAULTS, header_values)
    if events is None:
        events = random_ct_events(rng, n_events, body_part)
    starts = _event_start_times(header.study_datetime, events)
    end = starts[-1] + timedelta(seconds=float(events[-1].exposure_time_s or 10))
    event_items = [
        ct_event_item(event, started, make_uid("ct-event", header.study_instance_uid, seed, index))
        for index, (event, started) in enumerate(zip(events, starts, strict=True))
    ]
    content = [
        *report_context(header, codes.COMPUTED_TOMOGRAPHY_XRAY),
        date_time(codes.START_OF_XRAY_IRRADIATION, starts[0], "HAS OBS CONTEXT"),
        date_time(codes.END_OF_XRAY_IRRADIATION, end, "HAS OBS CONTEXT"),
        scope_of_accumulation(header),
        container(
            codes.CT_ACCUMULATED_DOSE_DATA,
            [
                num(codes.TOTAL_NUMBER_OF_IRRADIATION_EVENTS, len(events), codes.EVENTS),
                num(codes.CT_DOSE_LENGTH_PRODUCT_TOTAL, decimal_sum(e.dlp_mgycm for e in events), codes.MGY_CM),
            ],
        ),
        *event_items,
        source_of_dose_information(),
    ]
    return dose_report(header, "10011", content, end + timedelta(minutes=1))


def _event_start_times(study_start: datetime, events: list[CtEvent]) -> list[datetime]:
    starts, clock = [], study_start + timedelta(minutes=2)
    for event in events:
        started = event.started or clock
        starts.append(started)
        clock = started + timedelta(seconds=float(event.exposure_time_s or 5) + 30)
    return starts


def ct_event_item(event: CtEvent, started: datetime, default_uid: str) -> Dataset:
    """The CT Acquisition container (TID 10013) for one event."""
    parameters = [
        *optional_num(codes.EXPOSURE_TIME, event.exposure_time_s, codes.S),
        *optional_num(codes.SCANNING_LENGTH, event.scanning_length_mm, codes.MM),
        *optional_num(codes.NOMINAL_SINGLE_COLLIMATION_WIDTH, event.single_collimation_mm, codes.MM),
        *optional_num(codes.NOMINAL_TOTAL_COLLIMATION_WIDTH, event.total_collimation_mm, codes.MM),
        *optional_num(codes.PITCH_FACTOR, event.pitch, codes.RATIO),
        num(codes.NUMBER_OF_XRAY_SOURCES, len(event.sources), codes.XRAY_SOURCES),
        *[_source_item(source) for source in event.sources],
    ]
    dose = [
        num(codes.MEAN_CTDIVOL, event.ctdivol_mgy, codes.MGY),
        code(codes.CTDIW_PHANTOM_TYPE, lookup(codes.PHANTOM_TYPES, event.phantom, "phantom")),
        num(codes.DLP, event.dlp_mgycm, codes.MGY_CM),
    ]
    if event.dose_check is not None:
        dose.extend(dose_check_items(event.dose_check))
    items = [
        text(codes.ACQUISITION_PROTOCOL, event.protocol),
        code(codes.TARGET_REGION, lookup(codes.REGIONS, event.target_region, "target region")),
        code(codes.CT_ACQUISITION_TYPE, lookup(codes.CT_ACQUISITION_TYPES, event.acquisition_type, "acquisition type")),
        code(codes.PROCEDURE_CONTEXT, codes.CT_WITHOUT_CONTRAST),
        uidref(codes.IRRADIATION_EVENT_UID, event.irradiation_event_uid or default_uid),
        date_time(codes.DATETIME_STARTED, started),
        container(codes.CT_ACQUISITION_PARAMETERS, parameters),
        container(codes.CT_DOSE, dose),
    ]
    if event.modulation_type:
        items.append(text(codes.XRAY_MODULATION_TYPE, event.modulation_type))
    if event.comment:
        items.append(text(codes.COMMENT, event.comment))
    return container(codes.CT_ACQUISITION, items)


def _source_item(source: CtSource) -> Dataset:
    return container(
        codes.CT_XRAY_SOURCE_PARAMETERS,
        [
            text(codes.IDENTIFICATION_OF_XRAY_SOURCE, source.identification),
            num(codes.KVP, source.kvp, codes.KV),
            *optional_num(codes.MAXIMUM_XRAY_TUBE_CURRENT, source.max_tube_current_ma, codes.MA),
            num(codes.XRAY_TUBE_CURRENT, source.tube_current_ma, codes.MA),
            *optional_num(codes.EXPOSURE_TIME_PER_ROTATION, source.rotation_time_s, codes.S),
        ],
    )


def _configured(value: object) -> Code:
    return codes.NO if value is None else codes.YES


def dose_check_items(check: CtDoseCheck) -> list[Dataset]:
    """The two containers of CT Dose Check Details (TID 10015, NEMA XR 25)."""
    alert = [
        code(codes.DLP_ALERT_VALUE_CONFIGURED, _configured(check.dlp_alert_mgycm)),
        code(codes.CTDIVOL_ALERT_VALUE_CONFIGURED, _configured(check.ctdivol_alert_mgy)),
        *optional_num(codes.DLP_ALERT_VALUE, check.dlp_alert_mgycm, codes.MGY_CM),
        *optional_num(codes.CTDIVOL_ALERT_VALUE, check.ctdivol_alert_mgy, codes.MGY),
        *optional_num(
            codes.ACCUMULATED_DLP_FORWARD_ESTIMATE, check.accumulated_dlp_forward_estimate_mgycm, codes.MGY_CM
        ),
        *optional_num(
            codes.ACCUMULATED_CTDIVOL_FORWARD_ESTIMATE, check.accumulated_ctdivol_forward_estimate_mgy, codes.MGY
        ),
    ]
    if check.alert_reason_for_proceeding:
        alert.append(text(codes.REASON_FOR_PROCEEDING, check.alert_reason_for_proceeding))
    if check.alert_person_name:
        alert.append(person_name(codes.dcm("113870", "Person Name"), check.alert_person_name))
    notification = [
        code(codes.DLP_NOTIFICATION_VALUE_CONFIGURED, _configured(check.dlp_notification_mgycm)),
        code(codes.CTDIVOL_NOTIFICATION_VALUE_CONFIGURED, _configured(check.ctdivol_notification_mgy)),
        *optional_num(codes.DLP_NOTIFICATION_VALUE, check.dlp_notification_mgycm, codes.MGY_CM),
        *optional_num(codes.CTDIVOL_NOTIFICATION_VALUE, check.ctdivol_notification_mgy, codes.MGY),
        *optional_num(codes.DLP_FORWARD_ESTIMATE, check.dlp_forward_estimate_mgycm, codes.MGY_CM),
        *optional_num(codes.CTDIVOL_FORWARD_ESTIMATE, check.ctdivol_forward_estimate_mgy, codes.MGY),
    ]
    if check.notification_reason_for_proceeding:
        notification.append(text(codes.REASON_FOR_PROCEEDING, check.notification_reason_for_proceeding))
    return [
        container(codes.DOSE_CHECK_ALERT_DETAILS, alert),
        container(codes.DOSE_CHECK_NOTIFICATION_DETAILS, notification),
    ]
