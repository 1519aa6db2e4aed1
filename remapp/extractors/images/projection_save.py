"""Saving one projection image (mammography, DX, CR) as an irradiation event of its study, in ONE transaction.

Every image of a study is an event of the study's one image-derived Projection X-Ray Radiation Dose
(dose_object empty, source "Computed From Image Attributes"). Each new event is added to the accumulated
rows of that record (AGD per breast, DAP total, image count, first and last exposure time) and the study
summary is brought up to date from the stored events (``study.summary.add_image_event_to_summary``: the same
rule as a full refresh, from the rows this save has already read), so both are right whatever order the images
arrive in.

An image is skipped as a duplicate, with nothing written, when its SOP Instance UID is stored already,
or when the exposure it shows is: the same event UID in the study (see projection.exposure_uid),
or a For Processing / For Presentation counterpart with the same acquisition time, laterality, view,
kVp and exposure; and when the study has a projection dose report (RDSR), which covers every exposure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from django.db import transaction
from django.db.models import F
from pydicom.dataset import Dataset

from remapp.dicom.values import header_date, parse_as
from remapp.extractors import ImportOutcome, Status
from remapp.extractors.images import codes
from remapp.extractors.images.projection import ProjectionImageData
from remapp.extractors.rdsr.projection_data import IrradiationEventData
from remapp.extractors.study.header import Header, parse_header
from remapp.extractors.study.retry import retry_transient
from remapp.extractors.study.rows import aware, build_row, coded_concept, concept_value
from remapp.extractors.study.save import DuplicateObject, save_header
from remapp.extractors.study.summary import EventFigures, add_image_event_to_summary, event_figures
from remapp.models import (
    AccumulatedIntegratedProjectionDose,
    AccumulatedMammographyXRayDose,
    AccumulatedXRayDose,
    DoseRelatedDistanceMeasurements,
    GeneralStudy,
    ImageViewModifier,
    IrradiationEventXRayData,
    IrradiationEventXRayDetectorData,
    IrradiationEventXRayMechanicalData,
    IrradiationEventXRaySourceData,
    ProjectionXRayRadiationDose,
    XRayFilters,
)

_DAYS_PER_YEAR = Decimal("365.25")


def _has_values(data: object | None) -> bool:
    if data is None:
        return False
    return any(value not in (None, "", []) and not dataclasses.is_dataclass(value) for value in vars(data).values())


def age_from_dates(dataset: Dataset) -> Decimal | None:
    """Age in years at the study from birth and study dates (used when Patient's Age is absent; DOB not kept)."""
    birth, study = header_date(dataset, "PatientBirthDate"), header_date(dataset, "StudyDate")
    if birth is None or study is None or study < birth:
        return None
    return (Decimal((study - birth).days) / _DAYS_PER_YEAR).quantize(Decimal("0.001"))


def image_header(dataset: Dataset) -> Header:
    """The shared header; an age written without zero padding ('56Y') is read, else computed from the dates."""
    header = parse_header(dataset)
    if header.patient.age_years is None:
        unpadded = re.fullmatch(r"\s*(\d{1,2})([DWMY])\s*", header.patient.age)
        if unpadded:
            header.patient.age_years = parse_as(unpadded.group(1).zfill(3) + unpadded.group(2))
        else:
            header.patient.age_years = age_from_dates(dataset)
    return header


class StoredEvent(NamedTuple):
    """What the image save needs of an event already in the study: its identity and its summary figures."""

    uid: str
    laterality: str | None
    view: str | None
    started: dt.datetime | None
    intent: str
    kvp: Decimal | None
    exposure_uas: Decimal | None
    dap: Decimal | None
    rp: Decimal | None
    agd: Decimal | None
    duration: Decimal | None
    event_type: str | None


def study_events(study: GeneralStudy) -> list[StoredEvent]:
    """The study's projection events (one query): for the same-exposure check and the summary alike."""
    rows = IrradiationEventXRayData.objects.filter(study_id=study.pk).values_list(*_STORED_EVENT_COLUMNS)
    return [StoredEvent(*row) for row in rows]


_STORED_EVENT_COLUMNS = (
    "irradiation_event_uid",
    "laterality__code_value",
    "image_view__code_value",
    "date_time_started",
    "presentation_intent",
    "source__kvp",
    "source__exposure_uas",
    "dose_area_product_gym2",
    "source__dose_rp_gy",
    "source__average_glandular_dose_mgy",
    "source__irradiation_duration_s",
    "irradiation_event_type__code_value",
)


def _figures(stored: StoredEvent) -> EventFigures:
    return EventFigures(stored.dap, stored.rp, stored.agd, stored.laterality, stored.duration, stored.event_type)


def same_exposure_event(
    study: GeneralStudy, parsed: ProjectionImageData, stored: list[StoredEvent] | None = None
) -> str:
    """The event UID of an event of this study already showing the exposure of ``parsed``, or ''.

    The same event UID, or (when the image states its presentation intent) an event of the other intent made
    at the same time with the same kVp and exposure, laterality and view. ``stored``: study_events(study).
    """
    event = parsed.event
    intent = parsed.identity.presentation_intent
    started = aware(event.date_time_started)
    compare_pair = intent and started is not None and event.source.kvp is not None
    wanted = (concept_value(event.laterality), concept_value(event.image_view))
    for row in study_events(study) if stored is None else stored:
        if row.uid == event.irradiation_event_uid:
            return row.uid
        if (
            compare_pair
            and row.intent not in ("", intent)
            and row.started == started
            and row.kvp == event.source.kvp
            and row.exposure_uas == event.source.exposure_uas
            and (row.laterality or "", row.view or "") == wanted
        ):
            return row.uid
    return ""


COVERED_BY_REPORT = "the study has a radiation dose report (RDSR), which covers this exposure"


@dataclasses.dataclass(frozen=True)
class ImageRecord:
    """The study's image-derived projection dose record and its single-plane accumulation."""

    report_id: int
    accumulated_id: int
    created: bool
    start: dt.datetime | None = None
    end: dt.datetime | None = None


_RECORD_COLUMNS = (
    "id",
    "dose_object_id",
    "accumulated_doses__id",
    "start_of_xray_irradiation",
    "end_of_xray_irradiation",
)


def image_record(
    study: GeneralStudy, modality: str, first: IrradiationEventData, memo: dict, new_study: bool
) -> ImageRecord:
    """The study's image-derived record (dose_object empty), created (spanning ``first``) if it has none yet.

    DuplicateObject when the study has a projection dose report (RDSR): it covers every exposure of the study,
    so an image would count one of them twice.
    """
    if not new_study:
        found = None
        records = ProjectionXRayRadiationDose.objects.filter(study_id=study.pk).values_list(*_RECORD_COLUMNS)
        for report_id, dose_object_id, accumulated_id, start, end in records:
            if dose_object_id is not None:
                raise DuplicateObject(COVERED_BY_REPORT)
            if accumulated_id is not None:
                found = ImageRecord(report_id, accumulated_id, created=False, start=start, end=end)
        if found is not None:
            return found
    started = aware(first.date_time_started)
    report = ProjectionXRayRadiationDose.objects.create(
        study=study,
        procedure_reported=coded_concept(codes.MAMMOGRAPHY_PROCEDURE, memo) if modality == "MG" else None,
        start_of_xray_irradiation=started,
        end_of_xray_irradiation=started,
        scope_uid=study.study_instance_uid,
        source_of_dose_information=coded_concept(codes.COMPUTED_FROM_IMAGE_ATTRIBUTES, memo),
        comment="Built from image headers",
    )
    accumulated = AccumulatedXRayDose.objects.create(
        projection_xray_dose=report, acquisition_plane=coded_concept(codes.SINGLE_PLANE, memo)
    )
    return ImageRecord(report.pk, accumulated.pk, created=True)


def save_event(
    report_id: int, study: GeneralStudy, parsed: ProjectionImageData, memo: dict
) -> tuple[IrradiationEventXRayData, IrradiationEventXRaySourceData | None]:
    """The event row and its detector, source (with filters), mechanical and distance rows; (event, source)."""
    data = parsed.event
    event = build_row(
        IrradiationEventXRayData,
        data,
        memo,
        projection_xray_dose_id=report_id,
        study=study,
        image_type=parsed.identity.image_type,
        presentation_intent=parsed.identity.presentation_intent,
    )
    event.save()
    for modifier in data.image_view_modifiers:
        ImageViewModifier.objects.create(irradiation_event=event, image_view_modifier=coded_concept(modifier, memo))
    if _has_values(data.detector):
        build_row(IrradiationEventXRayDetectorData, data.detector, memo, irradiation_event=event).save()
    source = None
    if _has_values(data.source) or (data.source and data.source.filters):
        source = build_row(IrradiationEventXRaySourceData, data.source, memo, irradiation_event=event)
        source.save()
        if data.source.filters:
            XRayFilters.objects.bulk_create(
                build_row(XRayFilters, item, memo, source_data=source) for item in data.source.filters
            )
    if data.mechanical is not None and (_has_values(data.mechanical) or _has_values(data.mechanical.distances)):
        mechanical = build_row(IrradiationEventXRayMechanicalData, data.mechanical, memo, irradiation_event=event)
        mechanical.save()
        if _has_values(data.mechanical.distances):
            build_row(
                DoseRelatedDistanceMeasurements, data.mechanical.distances, memo, mechanical_data=mechanical
            ).save()
    return event, source


_BREASTS = {concept_value(codes.LEFT): codes.LEFT_BREAST, concept_value(codes.RIGHT): codes.RIGHT_BREAST}


def add_to_accumulated(
    record: ImageRecord, modality: str, event: IrradiationEventData, memo: dict, earlier: list[StoredEvent]
) -> None:
    """Add one new event to the image-derived record's totals.

    Sums, minimum and maximum do not depend on order, so the totals are the same whatever order the images
    arrive in; events are only ever added here (never removed one by one), so nothing is counted twice.
    The record's first and last exposure times were read under the study's lock, so they are compared here.
    ``earlier``: the study's other events, read under its lock (study_events); every one of them belongs to
    this record (a study with a dose report takes no image), so the totals are written as sums over them and
    the new event.
    """
    started = aware(event.date_time_started)
    if started is not None and not record.created:
        span = {}
        if record.start is None or started < record.start:
            span["start_of_xray_irradiation"] = started
        if record.end is None or started > record.end:
            span["end_of_xray_irradiation"] = started
        if span:
            ProjectionXRayRadiationDose.objects.filter(pk=record.report_id).update(**span)
    if modality == "MG":
        side = concept_value(event.laterality)
        breast = _BREASTS.get(side)
        dose = event.source.average_glandular_dose_mgy if event.source else None
        if breast is None or dose is None:
            return
        laterality = coded_concept(breast, memo)
        rows = AccumulatedMammographyXRayDose.objects.filter(
            accumulated_xray_dose_id=record.accumulated_id, laterality=laterality
        )
        column = "accumulated_average_glandular_dose_mgy"
        total = sum((e.agd for e in earlier if e.laterality == side and e.agd is not None), dose)
        if record.created or not rows.update(**{column: total}):
            AccumulatedMammographyXRayDose.objects.create(
                accumulated_xray_dose_id=record.accumulated_id, laterality=laterality, **{column: dose}
            )
        return
    dap = event.dose_area_product_gym2
    rows = AccumulatedIntegratedProjectionDose.objects.filter(accumulated_xray_dose_id=record.accumulated_id)
    # Counted, not derived from ``earlier``: a study may also hold mammography images, which are no frames here.
    changes = {"total_number_of_radiographic_frames": F("total_number_of_radiographic_frames") + 1}
    if dap is not None:  # only radiography images carry a dose-area product
        changes["dose_area_product_total_gym2"] = sum((e.dap for e in earlier if e.dap is not None), dap)
    if record.created or not rows.update(**changes):
        AccumulatedIntegratedProjectionDose.objects.create(
            accumulated_xray_dose_id=record.accumulated_id,
            dose_area_product_total_gym2=dap,
            total_number_of_radiographic_frames=1,
        )


def drop_image_records(study: GeneralStudy) -> int:
    """Delete the study's image-derived projection record and its events; the number of events dropped.

    For the RDSR importer: a dose report that arrives after the study's images covers the same exposures.
    The images' DoseObject rows stay, so a re-sent image is still known. Call refresh_study_summary after.
    """
    ids = list(ProjectionXRayRadiationDose.objects.filter(study=study, dose_object=None).values_list("pk", flat=True))
    if not ids:
        return 0  # the usual case: one query
    dropped = IrradiationEventXRayData.objects.filter(projection_xray_dose__in=ids).count()
    ProjectionXRayRadiationDose.objects.filter(pk__in=ids).delete()
    return dropped


def as_outcome(save: Callable[[], ImportOutcome], path: str) -> ImportOutcome:
    """Run ``save`` (again after a deadlock); a known SOP Instance UID or exposure becomes a DUPLICATE outcome."""
    try:
        return retry_transient(save)
    except DuplicateObject as duplicate:
        return ImportOutcome(path, Status.DUPLICATE, str(duplicate))


def save_projection_image(dataset: Dataset, parsed: ProjectionImageData, path: str = "") -> ImportOutcome:
    """Save one parsed image in one transaction; DuplicateObject (nothing written) for a known image or exposure."""
    header = image_header(dataset)
    modality = parsed.identity.modality
    memo: dict = {}
    with transaction.atomic():
        saved = save_header(header, path)  # DuplicateObject for a known SOP Instance UID
        study = saved.study
        stored = [] if saved.created else study_events(study)
        existing = same_exposure_event(study, parsed, stored)
        if existing:
            raise DuplicateObject(f"same exposure as an image already imported (irradiation event {existing})")
        # Raises DuplicateObject when the study has a projection dose report, so past here it has none.
        record = image_record(study, modality, parsed.event, memo, saved.created)
        event, source = save_event(record.report_id, study, parsed, memo)
        add_to_accumulated(record, modality, parsed.event, memo, earlier=stored)
        figures = [*map(_figures, stored), event_figures(event, source)]
        add_image_event_to_summary(study, modality, figures, saved.station_id)
    return ImportOutcome(path=path, status=Status.IMPORTED, study_id=study.pk, modality=modality)
