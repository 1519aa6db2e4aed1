"""The per-study summary on GeneralStudy, recomputed from the dose tables with a few aggregate queries.

``add_image_event_to_summary(study, modality, event, source)``: the same result for one image just added to its
study, cheaper (see there).

``refresh_study_summary(study, modality=None)`` sets modality, station, number_of_events, total_dlp_mgycm,
max_ctdivol_mgy, total_dap_gym2, total_dose_rp_gy, total_fluoro_time_s and total_agd_mgy/left/right.
Totals are sums over the study's irradiation events, which are stored once per Irradiation Event UID,
so a later report of the same study never double-counts. Where no event carries a value (e.g. fluoroscopy
time given only as an accumulated total), the accumulated totals of the study's reports are summed.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation

from django.db.models import Count, Max, Q, Sum

from remapp.dicom.concepts import SCT
from remapp.dicom.content import code_key
from remapp.models import (
    AccumMammographyXRayDose,
    AccumProjXRayDose,
    CtIrradiationEvent,
    GeneralEquipment,
    GeneralStudy,
    IrradEventXRaySourceData,
    IrradiationEventXRayData,
    Modality,
)

logger = logging.getLogger(__name__)

# Code values that mean left / right / fluoroscopy, in SNOMED CT and the legacy SNOMED-RT spelling.
_LEFT = {"7771000", "G-A101"}
_RIGHT = {"24028007", "G-A100"}
_FLUOROSCOPY = {code_key(SCT.Fluoroscopy)[0], "P5-06000"}


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


def _derive_modality(study: GeneralStudy, ct_events: int, projection_events: int) -> str:
    if ct_events or study.ct_radiation_doses.exists():
        return Modality.CT
    events = IrradiationEventXRayData.objects.filter(study=study)
    if not projection_events and not study.projection_xray_doses.exists():
        return study.modality
    if (
        IrradEventXRaySourceData.objects.filter(
            irradiation_event__study=study, average_glandular_dose_mgy__isnull=False
        ).exists()
        or AccumMammographyXRayDose.objects.filter(accumulated_xray_dose__projection_xray_dose__study=study).exists()
    ):
        return Modality.MG
    if (
        events.filter(irradiation_event_type__code_value__in=_FLUOROSCOPY).exists()
        or AccumProjXRayDose.objects.filter(
            accumulated_xray_dose__projection_xray_dose__study=study, total_fluoro_time_s__gt=0
        ).exists()
    ):
        return Modality.RF
    return Modality.DX


_NO_PROJECTION = {"n": 0, "dap": None, "rp": None, "agd": None, "agd_left": None, "agd_right": None, "fluoro": None}
_SUMMARY_FIELDS = [
    "modality",
    "station",
    "number_of_events",
    "total_dlp_mgycm",
    "max_ctdivol_mgy",
    "total_dap_gym2",
    "total_dose_rp_gy",
    "total_fluoro_time_s",
    "total_agd_mgy",
    "total_agd_left_mgy",
    "total_agd_right_mgy",
    "updated_at",
]


def _projection_totals(study: GeneralStudy) -> dict:
    return IrradiationEventXRayData.objects.filter(study=study).aggregate(
        n=Count("id"),
        dap=Sum("dose_area_product_gym2"),
        rp=Sum("source__dose_rp_gy"),
        agd=Sum("source__average_glandular_dose_mgy"),
        agd_left=Sum("source__average_glandular_dose_mgy", filter=Q(laterality__code_value__in=_LEFT)),
        agd_right=Sum("source__average_glandular_dose_mgy", filter=Q(laterality__code_value__in=_RIGHT)),
        fluoro=Sum("source__irradiation_duration_s", filter=Q(irradiation_event_type__code_value__in=_FLUOROSCOPY)),
    )


def refresh_study_summary(study: GeneralStudy, modality: str | None = None) -> GeneralStudy:
    """Recompute the summary fields of ``study`` from its dose rows and save them (one UPDATE)."""
    ct = CtIrradiationEvent.objects.filter(study=study).aggregate(
        n=Count("id"), dlp=Sum("dlp_mgycm"), ctdi=Max("mean_ctdivol_mgy")
    )
    if modality == Modality.CT and getattr(study, "is_new", False):
        projection = _NO_PROJECTION  # a study that a CT report has just created has no projection events
    else:
        projection = _projection_totals(study)
    dap, rp, fluoro = projection["dap"], projection["rp"], projection["fluoro"]
    if projection["n"]:
        accumulated = AccumProjXRayDose.objects.filter(
            accumulated_xray_dose__projection_xray_dose__study=study
        ).aggregate(
            fluoro=Sum("total_fluoro_time_s"),
            dap=Sum("dose_area_product_total_gym2"),
            rp=Sum("dose_rp_total_gy"),
        )
        dap = dap if dap is not None else accumulated["dap"]
        rp = rp if rp is not None else accumulated["rp"]
        fluoro = accumulated["fluoro"] if accumulated["fluoro"] is not None else fluoro
    if getattr(study, "is_new", False) and getattr(study, "new_station_id", None):
        study.station_id = study.new_station_id  # set by save_header for the equipment row it just made
    else:
        study.station_id = (
            GeneralEquipment.objects.filter(study=study).values_list("unique_equipment_id", flat=True).first()
        )
    study.modality = modality or _derive_modality(study, ct["n"], projection["n"]) or ""
    study.number_of_events = ct["n"] + projection["n"]
    study.total_dlp_mgycm = _fit(study, "total_dlp_mgycm", ct["dlp"])
    study.max_ctdivol_mgy = _fit(study, "max_ctdivol_mgy", ct["ctdi"])
    study.total_dap_gym2 = _fit(study, "total_dap_gym2", dap)
    study.total_dose_rp_gy = _fit(study, "total_dose_rp_gy", rp)
    study.total_fluoro_time_s = _fit(study, "total_fluoro_time_s", fluoro)
    study.total_agd_mgy = _fit(study, "total_agd_mgy", projection["agd"])
    study.total_agd_left_mgy = _fit(study, "total_agd_left_mgy", projection["agd_left"])
    study.total_agd_right_mgy = _fit(study, "total_agd_right_mgy", projection["agd_right"])
    study.save(update_fields=_SUMMARY_FIELDS)
    return study


def _sum(values: list) -> Decimal | None:
    present = [value for value in values if value is not None]
    return sum(present, Decimal(0)) if present else None


def _python_totals(rows: list[tuple]) -> dict:
    """What _projection_totals' query gives, from (dap, rp, agd, laterality code, duration, event type) rows."""
    return {
        "n": len(rows),
        "dap": _sum([row[0] for row in rows]),
        "rp": _sum([row[1] for row in rows]),
        "agd": _sum([row[2] for row in rows]),
        "agd_left": _sum([row[2] for row in rows if row[3] in _LEFT]),
        "agd_right": _sum([row[2] for row in rows if row[3] in _RIGHT]),
        "fluoro": _sum([row[4] for row in rows if row[5] in _FLUOROSCOPY]),
    }


def _as_column(row: object | None, name: str) -> Decimal | None:
    """The value of a just-saved decimal field as its column keeps it (rounded to its decimal places)."""
    value = getattr(row, name) if row is not None else None
    if value is None:
        return None
    places = type(row)._meta.get_field(name).decimal_places
    return value if value.as_tuple().exponent >= -places else value.quantize(Decimal(1).scaleb(-places))


def add_image_event_to_summary(
    study: GeneralStudy,
    modality: str,
    event: IrradiationEventXRayData,
    source: IrradEventXRaySourceData | None,
    earlier: list | None = None,
) -> GeneralStudy:
    """The summary after one image-derived projection event was added to ``study`` (locked, as loaded by the save).

    Gives what refresh_study_summary gives, with fewer queries. It relies on what the image save has just
    checked: the study has no projection dose report, so it has no accumulated projection totals (TID 10004) and
    its totals are sums over its events. ``earlier``: the study's other projection events as read (under the
    study's lock) by the save, objects with dap, rp, agd, laterality, duration and event_type (code values);
    None to sum them with one query. The CT totals and the station stay; the event count goes up by one.
    """
    laterality = event.laterality.code_value if event.laterality_id is not None else None
    event_type = event.irradiation_event_type.code_value if event.irradiation_event_type_id is not None else None
    new_row = (
        _as_column(event, "dose_area_product_gym2"),
        _as_column(source, "dose_rp_gy"),
        _as_column(source, "average_glandular_dose_mgy"),
        laterality,
        _as_column(source, "irradiation_duration_s"),
        event_type,
    )
    if getattr(study, "is_new", False):
        earlier = []
        study.number_of_events = 0
        study.station_id = getattr(study, "new_station_id", None) or study.station_id
    if earlier is None:
        projection = _projection_totals(study)  # the new event is stored: it is counted here
    else:
        rows = [(e.dap, e.rp, e.agd, e.laterality, e.duration, e.event_type) for e in earlier]
        projection = _python_totals([*rows, new_row])
    study.number_of_events = (study.number_of_events or 0) + 1
    study.modality = modality
    study.total_dap_gym2 = _fit(study, "total_dap_gym2", projection["dap"])
    study.total_dose_rp_gy = _fit(study, "total_dose_rp_gy", projection["rp"])
    study.total_fluoro_time_s = _fit(study, "total_fluoro_time_s", projection["fluoro"])
    study.total_agd_mgy = _fit(study, "total_agd_mgy", projection["agd"])
    study.total_agd_left_mgy = _fit(study, "total_agd_left_mgy", projection["agd_left"])
    study.total_agd_right_mgy = _fit(study, "total_agd_right_mgy", projection["agd_right"])
    study.save(update_fields=_SUMMARY_FIELDS)
    return study
