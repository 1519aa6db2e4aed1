"""Study detail pages: study, patient, equipment, accumulated doses and every irradiation event."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from remapp.dose_checks import ALERT, NOTIFICATION, is_raised
from remapp.models import (
    AccumulatedXRayDose,
    CtAccumulatedDose,
    CtIrradiationEvent,
    GeneralStudy,
    IrradiationEventXRayData,
    Modality,
    XRayFilters,
)
from remapp.permissions import require_right

# Related rows every projection event row shows; fetched with the event in one query.
PROJECTION_EVENT_RELATIONS = (
    "acquisition_plane",
    "irradiation_event_label_type",
    "irradiation_event_type",
    "anatomical_structure",
    "laterality",
    "image_view",
    "source",
    "source__fluoro_mode",
    "source__anode_target_material",
    "detector",
    "mechanical",
    "mechanical__distances",
)


def study_for(modality: str, pk: int) -> GeneralStudy:
    """The study with its one-to-one modules, or 404 if it is not of this modality."""
    related = GeneralStudy.objects.select_related("station", "patient_study", "patient", "equipment")
    return get_object_or_404(related, pk=pk, modality=modality.upper())


# CT event values shown in a column only when some event of the study has them, so a report without them
# gets no empty columns: column name -> event field.
CT_OPTIONAL_EVENT_FIELDS = {
    "ssde": "size_specific_dose_estimate_mgy",
    "water_equivalent_diameter": "water_equivalent_diameter_mm",
    "effective_dose": "effective_dose_msv",
    "effective_dose_method": "effective_dose_measurement_method_id",
    "effective_dose_conversion_factor": "effective_dose_conversion_factor",
}


# Per kind of check, the CtDoseCheck fields of one table line: configured flags, values, estimates, texts.
DOSE_CHECK_LINE_FIELDS = {
    ALERT: (
        "dlp_alert_value_configured",
        "dlp_alert_value_mgycm",
        "ctdivol_alert_value_configured",
        "ctdivol_alert_value_mgy",
        "accumulated_dlp_forward_estimate_mgycm",
        "accumulated_ctdivol_forward_estimate_mgy",
        "alert_reason_for_proceeding",
        "alert_person_role_in_procedure",
    ),
    NOTIFICATION: (
        "dlp_notification_value_configured",
        "dlp_notification_value_mgycm",
        "ctdivol_notification_value_configured",
        "ctdivol_notification_value_mgy",
        "dlp_forward_estimate_mgycm",
        "ctdivol_forward_estimate_mgy",
        "notification_reason_for_proceeding",
        "notification_person_role_in_procedure",
    ),
}
_LINE_KEYS = ("dlp_configured", "dlp_value", "ctdivol_configured", "ctdivol_value", "dlp_estimate", "ctdivol_estimate")


def dose_check_rows(events: list[CtIrradiationEvent]) -> list[dict]:
    """One line per event with a dose check (TID 10015) and kind (alert, notification), saying if it was raised.

    Every event also gets ``alert_raised`` and ``notification_raised`` for its row in the events table.
    """
    rows = []
    for number, event in enumerate(events, start=1):
        check = getattr(event, "dose_check", None)
        values = vars(check) if check is not None else {}
        event.alert_raised = is_raised(ALERT, values)
        event.notification_raised = is_raised(NOTIFICATION, values)
        if check is None:
            continue
        for kind, fields in DOSE_CHECK_LINE_FIELDS.items():
            line = dict(zip(_LINE_KEYS, (values[name] for name in fields[:6]), strict=True))
            line.update(reason=values[fields[6]], role=values[fields[7]])
            line.update(number=number, event=event, kind=kind, raised=is_raised(kind, values))
            rows.append(line)
    return rows


def ct_context(study: GeneralStudy) -> dict:
    """CT: accumulated dose per report, every acquisition with its X-ray sources, and the dose checks."""
    accumulated = list(
        CtAccumulatedDose.objects.filter(ct_radiation_dose__study=study).order_by("ct_radiation_dose_id")
    )
    events = list(
        CtIrradiationEvent.objects.filter(study=study)
        .select_related(
            "ct_acquisition_type", "effective_dose_measurement_method", "dose_check", "irradiation_event_label_type"
        )
        .prefetch_related("sources")
    )
    shown = {
        name for name, field in CT_OPTIONAL_EVENT_FIELDS.items() if any(getattr(e, field) is not None for e in events)
    }
    if any(report.ct_effective_dose_total_msv is not None for report in accumulated):
        shown.add("effective_dose_total")
    checks = dose_check_rows(events)
    if any(event.alert_raised or event.notification_raised for event in events):
        shown.add("dose_check")
    return {
        "accumulated_doses": accumulated,
        "dose_check_events": len({row["number"] for row in checks}),
        "events": events,
        "shown": shown,
        "dose_checks": checks,
        "dose_check_alerts": sum(event.alert_raised for event in events),
        "dose_check_notifications": sum(event.notification_raised for event in events),
    }


def projection_context(study: GeneralStudy) -> dict:
    """Fluoroscopy, radiography, mammography: per-plane totals and every exposure with its details."""
    planes = (
        AccumulatedXRayDose.objects.filter(projection_xray_dose__study=study)
        .select_related("acquisition_plane", "projection", "integrated")
        .prefetch_related("mammography__laterality")
        .order_by("projection_xray_dose_id", "id")
    )
    filters = Prefetch(
        "source__filters", queryset=XRayFilters.objects.select_related("xray_filter_material").order_by("id")
    )
    events = (
        IrradiationEventXRayData.objects.filter(study=study)
        .select_related(*PROJECTION_EVENT_RELATIONS)
        .prefetch_related(filters)
    )
    return {"planes": list(planes), "events": list(events)}


@require_right("view")
def study_detail(request, modality: str, pk: int):
    """One study in full."""
    study = study_for(modality, pk)
    code = modality.upper()
    context = ct_context(study) if code == Modality.CT else projection_context(study)
    context.update({"study": study, "modality": code, "modality_label": Modality(code).label, "slug": modality})
    return render(request, f"remapp/detail_{modality}.html", context)
