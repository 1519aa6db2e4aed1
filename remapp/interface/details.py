"""Study detail pages: study, patient, equipment, accumulated doses and every irradiation event."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from remapp.models import (
    AccumXRayDose,
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


def ct_context(study: GeneralStudy) -> dict:
    """CT: accumulated dose per report and every acquisition with its X-ray sources."""
    accumulated = CtAccumulatedDose.objects.filter(ct_radiation_dose__study=study).order_by("ct_radiation_dose_id")
    events = (
        CtIrradiationEvent.objects.filter(study=study)
        .select_related("ct_acquisition_type", "dose_check")
        .prefetch_related("sources")
    )
    return {"accumulated_doses": list(accumulated), "events": list(events)}


def projection_context(study: GeneralStudy) -> dict:
    """Fluoroscopy, radiography, mammography: per-plane totals and every exposure with its details."""
    planes = (
        AccumXRayDose.objects.filter(projection_xray_dose__study=study)
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
