"""The per-study summary on GeneralStudy, and the one rule that derives a study's totals.

The rule, the same for every source and whatever order a study's objects arrive in (docs/import_rdsr.rst,
"Several reports of one study"):

- **Events** count once each: an Irradiation Event UID is stored once per study (``events.new_events``).
- **Number of events, DLP total, AGD total (and per breast), highest CTDIvol**: over the study's events.
- **DAP total and dose at RP total**: the sum over the events that carry one; when no event does, the
  accumulated total of the study's *latest report*.
- **Fluoroscopy time**: the latest report's accumulated Total Fluoro Time when it gives one, because units give
  fluoroscopy time as a total and many give no duration per event (or round each); else the sum of the
  irradiation durations of the study's fluoroscopy events.
- **Latest report**: of the study's projection dose records, the one with the latest Content Date/Time of its
  object, then the latest end of irradiation, then the highest SOP Instance UID; its accumulated totals are
  summed over its acquisition planes (TID 10004 and TID 10007). A later report of a study holds everything the
  earlier ones did, so its totals are the study's; earlier reports' totals are never added to it.

``study_totals(ct_events, projection_events, latest) -> Totals`` is the rule as a pure function.
``refresh_study_summary(study, modality=None, station_id=None)`` reads a study's figures and stores the totals;
``add_image_event_to_summary`` does the same for an image just added, from rows the image save has read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.db.models import F

from remapp.dicom import concepts as c
from remapp.extractors.study.rows import concept_value
from remapp.models import (
    AccumulatedIntegratedProjectionDose,
    AccumulatedMammographyXRayDose,
    AccumulatedProjectionXRayDose,
    CtIrradiationEvent,
    CtRadiationDose,
    GeneralEquipment,
    GeneralStudy,
    IrradiationEventXRayData,
    Modality,
    ProjectionXRayRadiationDose,
)

logger = logging.getLogger(__name__)

# Stored code values (every concept is stored in SNOMED CT where SNOMED-RT also names it).
LEFT, RIGHT = concept_value(c.LEFT), concept_value(c.RIGHT)
FLUOROSCOPY = concept_value(c.FLUOROSCOPY)


@dataclass(frozen=True)
class CtFigures:
    """What the rule needs of one CT event."""

    dlp_mgycm: Decimal | None
    mean_ctdivol_mgy: Decimal | None


@dataclass(frozen=True)
class EventFigures:
    """What the rule needs of one projection event (code values as stored)."""

    dose_area_product_gym2: Decimal | None
    dose_rp_gy: Decimal | None
    average_glandular_dose_mgy: Decimal | None
    laterality: str | None
    irradiation_duration_s: Decimal | None
    event_type: str | None


@dataclass(frozen=True)
class ReportTotals:
    """The accumulated totals of one projection report, summed over its planes, and what orders the reports."""

    content_datetime: datetime | None
    end_of_xray_irradiation: datetime | None
    sop_instance_uid: str
    dose_area_product_gym2: Decimal | None
    dose_rp_gy: Decimal | None
    fluoro_time_s: Decimal | None

    def order(self) -> tuple:
        """Later reports sort higher; a missing date sorts first."""
        return (
            self.content_datetime is not None,
            self.content_datetime or datetime.min,
            self.end_of_xray_irradiation is not None,
            self.end_of_xray_irradiation or datetime.min,
            self.sop_instance_uid,
        )


@dataclass(frozen=True)
class Totals:
    """The study's summary figures."""

    number_of_events: int
    total_dlp_mgycm: Decimal | None
    max_ctdivol_mgy: Decimal | None
    total_dap_gym2: Decimal | None
    total_dose_rp_gy: Decimal | None
    total_fluoro_time_s: Decimal | None
    total_agd_mgy: Decimal | None
    total_agd_left_mgy: Decimal | None
    total_agd_right_mgy: Decimal | None


def _sum(values) -> Decimal | None:
    present = [value for value in values if value is not None]
    return sum(present, Decimal(0)) if present else None


def latest_report(reports: list[ReportTotals]) -> ReportTotals | None:
    """The study's latest report by the rule's order (see the module docstring)."""
    return max(reports, key=ReportTotals.order, default=None)


def study_totals(ct: list[CtFigures], projection: list[EventFigures], reports: list[ReportTotals]) -> Totals:
    """The rule: a study's totals from its events and its latest report's accumulated totals."""
    latest = latest_report(reports)
    dap = _sum(e.dose_area_product_gym2 for e in projection)
    rp = _sum(e.dose_rp_gy for e in projection)
    fluoro = latest.fluoro_time_s if latest is not None else None
    if fluoro is None:
        fluoro = _sum(e.irradiation_duration_s for e in projection if e.event_type == FLUOROSCOPY)
    agd = [(e.average_glandular_dose_mgy, e.laterality) for e in projection]
    ctdivol = [e.mean_ctdivol_mgy for e in ct if e.mean_ctdivol_mgy is not None]
    return Totals(
        number_of_events=len(ct) + len(projection),
        total_dlp_mgycm=_sum(e.dlp_mgycm for e in ct),
        max_ctdivol_mgy=max(ctdivol, default=None),
        total_dap_gym2=dap if dap is not None or latest is None else latest.dose_area_product_gym2,
        total_dose_rp_gy=rp if rp is not None or latest is None else latest.dose_rp_gy,
        total_fluoro_time_s=fluoro,
        total_agd_mgy=_sum(dose for dose, _ in agd),
        total_agd_left_mgy=_sum(dose for dose, side in agd if side == LEFT),
        total_agd_right_mgy=_sum(dose for dose, side in agd if side == RIGHT),
    )


# --- reading a study's figures ------------------------------------------------------------------------------

_PROJECTION_COLUMNS = (
    "dose_area_product_gym2",
    "source__dose_rp_gy",
    "source__average_glandular_dose_mgy",
    "laterality__code_value",
    "source__irradiation_duration_s",
    "irradiation_event_type__code_value",
)


def ct_figures(study_id: int) -> list[CtFigures]:
    """The figures of the study's CT events (one query)."""
    rows = CtIrradiationEvent.objects.filter(study_id=study_id).values_list("dlp_mgycm", "mean_ctdivol_mgy")
    return [CtFigures(*row) for row in rows]


def projection_figures(study_id: int) -> list[EventFigures]:
    """The figures of the study's projection events (one query)."""
    rows = IrradiationEventXRayData.objects.filter(study_id=study_id).values_list(*_PROJECTION_COLUMNS)
    return [EventFigures(*row) for row in rows]


def report_totals(study_id: int) -> list[ReportTotals]:
    """Each projection report of the study with its accumulated totals summed over its planes (three queries)."""
    reports = ProjectionXRayRadiationDose.objects.filter(study_id=study_id).values_list(
        "pk", "dose_object__content_datetime", "end_of_xray_irradiation", "dose_object__sop_instance_uid"
    )
    reports = list(reports)
    if not reports:
        return []
    sums: dict[int, dict[str, list]] = {pk: {"dap": [], "rp": [], "fluoro": []} for pk, *_ in reports}
    report_of = F("accumulated_xray_dose__projection_xray_dose_id")
    fluoro_guided = AccumulatedProjectionXRayDose.objects.filter(
        accumulated_xray_dose__projection_xray_dose__study_id=study_id
    )
    for pk, dap, rp, fluoro in fluoro_guided.values_list(
        report_of, "dose_area_product_total_gym2", "dose_rp_total_gy", "total_fluoro_time_s"
    ):
        sums[pk]["dap"].append(dap)
        sums[pk]["rp"].append(rp)
        sums[pk]["fluoro"].append(fluoro)
    integrated = AccumulatedIntegratedProjectionDose.objects.filter(
        accumulated_xray_dose__projection_xray_dose__study_id=study_id
    )
    for pk, dap, rp in integrated.values_list(report_of, "dose_area_product_total_gym2", "dose_rp_total_gy"):
        sums[pk]["dap"].append(dap)
        sums[pk]["rp"].append(rp)
    return [
        ReportTotals(
            content_datetime=content,
            end_of_xray_irradiation=end,
            sop_instance_uid=sop_uid or "",
            dose_area_product_gym2=_sum(sums[pk]["dap"]),
            dose_rp_gy=_sum(sums[pk]["rp"]),
            fluoro_time_s=_sum(sums[pk]["fluoro"]),
        )
        for pk, content, end, sop_uid in reports
    ]


def _derive_modality(study: GeneralStudy, ct: list[CtFigures], projection: list[EventFigures]) -> str:
    """CT, else MG, RF or DX from the projection data; the stored modality when there is no dose data."""
    if ct or CtRadiationDose.objects.filter(study=study).exists():
        return Modality.CT
    reports = ProjectionXRayRadiationDose.objects.filter(study=study)
    if not projection and not reports.exists():
        return study.modality
    mammography = AccumulatedMammographyXRayDose.objects.filter(
        accumulated_xray_dose__projection_xray_dose__study=study
    )
    if any(e.average_glandular_dose_mgy is not None for e in projection) or mammography.exists():
        return Modality.MG
    fluoroscopy_totals = AccumulatedProjectionXRayDose.objects.filter(
        accumulated_xray_dose__projection_xray_dose__study=study, total_fluoro_time_s__gt=0
    )
    if any(e.event_type == FLUOROSCOPY for e in projection) or fluoroscopy_totals.exists():
        return Modality.RF
    return Modality.DX


# --- storing the summary ------------------------------------------------------------------------------------

_TOTAL_FIELDS = [
    "total_dlp_mgycm",
    "max_ctdivol_mgy",
    "total_dap_gym2",
    "total_dose_rp_gy",
    "total_fluoro_time_s",
    "total_agd_mgy",
    "total_agd_left_mgy",
    "total_agd_right_mgy",
]
_PROJECTION_TOTAL_FIELDS = _TOTAL_FIELDS[2:]


def _fit(study: GeneralStudy, name: str, value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    field = GeneralStudy._meta.get_field(name)
    try:
        fitted = Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))
    except InvalidOperation:
        fitted = None
    if fitted is None or len(fitted.as_tuple().digits) > field.max_digits:
        logger.warning("Study %s: %s %s does not fit; not stored", study.study_instance_uid, name, value)
        return None
    return fitted


def _store(
    study: GeneralStudy, modality: str, station_id: int | None, events: int, totals: Totals, fields: list
) -> None:
    study.modality = modality or ""
    study.station_id = station_id
    study.number_of_events = events
    for name in fields:
        setattr(study, name, _fit(study, name, getattr(totals, name)))
    study.save(update_fields=["modality", "station", "number_of_events", *fields, "updated_at"])


def refresh_study_summary(
    study: GeneralStudy, modality: str | None = None, station_id: int | None = None
) -> GeneralStudy:
    """Recompute the summary fields of ``study`` from its dose rows and save them (one UPDATE).

    ``modality``: the importer's when it knows it (else derived from the data); ``station_id``: the study's
    unique equipment when the caller has it (else read from its General Equipment row).
    """
    ct = ct_figures(study.pk)
    projection = projection_figures(study.pk)
    reports = report_totals(study.pk) if projection or modality != Modality.CT else []
    if station_id is None:
        equipment = GeneralEquipment.objects.filter(study=study).values_list("unique_equipment_id", flat=True)
        station_id = equipment.first()
    modality = modality or _derive_modality(study, ct, projection)
    totals = study_totals(ct, projection, reports)
    _store(study, modality, station_id, totals.number_of_events, totals, _TOTAL_FIELDS)
    return study


def add_image_event_to_summary(
    study: GeneralStudy, modality: str, projection: list[EventFigures], station_id: int
) -> GeneralStudy:
    """The summary after an image added one projection event; ``projection``: the study's events, the new one too.

    For the image save, which has read the study's events under the study's lock and checked that the study has
    no projection dose report (so no accumulated totals apply): the same rule, without reading them again. CT
    figures, if the study has any, stay as they are.
    """
    totals = study_totals([], projection, [])
    _store(study, modality, station_id, (study.number_of_events or 0) + 1, totals, _PROJECTION_TOTAL_FIELDS)
    return study


def event_figures(event: IrradiationEventXRayData, source) -> EventFigures:
    """The figures of an event row just saved (values as their columns keep them)."""
    return EventFigures(
        _as_column(event, "dose_area_product_gym2"),
        _as_column(source, "dose_rp_gy"),
        _as_column(source, "average_glandular_dose_mgy"),
        event.laterality.code_value if event.laterality_id is not None else None,
        _as_column(source, "irradiation_duration_s"),
        event.irradiation_event_type.code_value if event.irradiation_event_type_id is not None else None,
    )


def _as_column(row: object | None, name: str) -> Decimal | None:
    """The value of a just-saved decimal field as its column keeps it (rounded to its decimal places)."""
    value = getattr(row, name) if row is not None else None
    if value is None:
        return None
    places = type(row)._meta.get_field(name).decimal_places
    return value if value.as_tuple().exponent >= -places else value.quantize(Decimal(1).scaleb(-places))
