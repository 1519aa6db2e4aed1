"""Philips CT dose-info screens (Brilliance, Gemini): the per-series dose data in the screen's header.

The screen is a Secondary Capture (modality CT, image type ...\\DOSE_INFO) whose Exposure Dose Sequence
(0040,030E) has one item per acquired series: description, kVp, tube current (uA), exposure time, scan
length, collimation, pitch, CTDIvol and, in the Philips private element (00E1,xx21) of creator ELSCINT1,
the DLP. The same private element at the top level holds the study's DLP total.

Philips writes no Irradiation Event UID, so each series gets a UID derived from the study, series number,
description and acquisition type. A later screen of the same study that lists
the same series again therefore adds only the series that are new (``study.events.derived_event_uid``).
``parse`` needs no database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from pydicom.dataset import Dataset
from pydicom.sr.coding import Code

from remapp.dicom.values import (
    combine_date_time,
    header_date,
    header_decimal,
    header_int,
    header_text,
    header_time,
    parse_ds,
)
from remapp.extractors import ExtractionError, ImportOutcome
from remapp.extractors.images import codes
from remapp.extractors.study.events import derived_event_uid

SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7"
PHILIPS_CREATOR = "ELSCINT1"
_DLP_ELEMENT = 0x21  # (00E1,xx21) DLP, mGy.cm
_EXPOSURE_DOSE_SEQUENCE = 0x0040030E


@dataclass
class PhilipsSeriesData:
    """One series of the screen as a CT irradiation event (TID 10013 field names and units)."""

    irradiation_event_uid: str
    sequence_number: int
    series_number: int | None = None
    acquisition_protocol: str = ""
    series_description: str = ""
    ct_acquisition_type: Code | None = None
    exposure_time_s: Decimal | None = None
    scanning_length_mm: Decimal | None = None
    nominal_single_collimation_width_mm: Decimal | None = None
    nominal_total_collimation_width_mm: Decimal | None = None
    pitch_factor: Decimal | None = None
    mean_ctdivol_mgy: Decimal | None = None
    dlp_mgycm: Decimal | None = None
    kvp: Decimal | None = None
    xray_tube_current_ma: Decimal | None = None
    xray_modulation_type: str = ""


@dataclass
class PhilipsDoseScreenData:
    """The whole screen: its identity, totals and series."""

    sop_instance_uid: str
    sop_class_uid: str
    study_instance_uid: str
    series_instance_uid: str
    content_datetime: dt.datetime | None
    dose_length_product_total_mgycm: Decimal | None
    total_number_of_irradiation_events: int | None
    comment: str = ""
    series: list[PhilipsSeriesData] = field(default_factory=list)


def is_philips_dose_screen(dataset: Dataset) -> bool:
    """A Philips CT dose-info Secondary Capture with an Exposure Dose Sequence."""
    return (
        header_text(dataset, "SOPClassUID") == SECONDARY_CAPTURE
        and header_text(dataset, "Modality").upper() == "CT"
        and "PHILIPS" in header_text(dataset, "Manufacturer").upper()
        and _EXPOSURE_DOSE_SEQUENCE in dataset
        and ("DOSE_INFO" in header_text(dataset, "ImageType").upper() or "DOSE INFO" in _descriptions(dataset))
    )


def _descriptions(dataset: Dataset) -> str:
    return (header_text(dataset, "SeriesDescription") + " " + header_text(dataset, "ImageComments")).upper()


def private_dlp_mgycm(dataset: Dataset) -> Decimal | None:
    """The Philips private DLP (00E1,xx21) of a dataset or sequence item, mGy.cm."""
    try:
        block = dataset.private_block(0x00E1, PHILIPS_CREATOR)
        element = block[_DLP_ELEMENT]
    except (KeyError, ValueError):
        return None
    value = element.value
    if isinstance(value, bytes):
        value = value.decode("ascii", errors="replace")
    return parse_ds(str(value) if value is not None else None)


def series_event_uid(study_instance_uid: str, series_number: int | None, description: str, kind: str) -> str:
    """A stable UID for one series of a screen, the same in every screen of the study that lists it."""
    return derived_event_uid(study_instance_uid, series_number, description, kind)


def _series(item: Dataset, study_uid: str, index: int) -> PhilipsSeriesData:
    description = header_text(item, "SeriesDescription")
    kind = header_text(item, "AcquisitionType")
    series_number = header_int(item, "SeriesNumber")
    current_ua = header_decimal(item, "XRayTubeCurrentInuA")
    time_ms = header_decimal(item, "ExposureTime")
    return PhilipsSeriesData(
        irradiation_event_uid=series_event_uid(study_uid, series_number, description, kind),
        sequence_number=index,
        series_number=series_number,
        acquisition_protocol=description[:256],
        series_description=description[:128],
        ct_acquisition_type=codes.ct_acquisition_type(kind) if kind else None,
        exposure_time_s=time_ms / 1000 if time_ms is not None else None,
        scanning_length_mm=header_decimal(item, "ScanLength"),
        nominal_single_collimation_width_mm=header_decimal(item, "SingleCollimationWidth"),
        nominal_total_collimation_width_mm=header_decimal(item, "TotalCollimationWidth"),
        pitch_factor=header_decimal(item, "SpiralPitchFactor"),
        mean_ctdivol_mgy=header_decimal(item, "CTDIvol"),
        dlp_mgycm=private_dlp_mgycm(item),
        kvp=header_decimal(item, "KVP"),
        xray_tube_current_ma=current_ua / 1000 if current_ua is not None else header_decimal(item, "XRayTubeCurrent"),
        xray_modulation_type=header_text(item, "ExposureModulationType")[:64],
    )


def parse(dataset: Dataset) -> PhilipsDoseScreenData:
    """A Philips CT dose-info screen as plain data; ExtractionError when it is not one."""
    if not is_philips_dose_screen(dataset):
        raise ExtractionError("not a Philips CT dose-info screen (Secondary Capture without Philips dose data)")
    study_uid = header_text(dataset, "StudyInstanceUID")
    sop_uid = header_text(dataset, "SOPInstanceUID")
    if not study_uid or not sop_uid:
        raise ExtractionError("Philips dose screen without SOP Instance UID or Study Instance UID")
    items = dataset[_EXPOSURE_DOSE_SEQUENCE].value or []
    if not items:
        raise ExtractionError("Philips dose screen with an empty Exposure Dose Sequence")
    return PhilipsDoseScreenData(
        sop_instance_uid=sop_uid,
        sop_class_uid=SECONDARY_CAPTURE,
        study_instance_uid=study_uid,
        series_instance_uid=header_text(dataset, "SeriesInstanceUID"),
        content_datetime=combine_date_time(header_date(dataset, "ContentDate"), header_time(dataset, "ContentTime")),
        dose_length_product_total_mgycm=private_dlp_mgycm(dataset),
        total_number_of_irradiation_events=header_int(dataset, "TotalNumberOfExposures"),
        comment=header_text(dataset, "CommentsOnRadiationDose")[:2000],
        series=[_series(item, study_uid, index) for index, item in enumerate(items, start=1)],
    )


def import_dataset(dataset: Dataset, path: str = "") -> ImportOutcome:
    """Parse and save one Philips dose screen (the router's entry point)."""
    from remapp.extractors.images.philips_ct_save import save_philips_screen
    from remapp.extractors.images.projection_save import as_outcome

    return as_outcome(lambda: save_philips_screen(dataset, parse(dataset), path), path)
