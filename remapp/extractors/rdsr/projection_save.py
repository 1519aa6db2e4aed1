"""Save a parsed projection dose report (TID 10001) into the projection tables, inside the caller's transaction.

Rows of one kind are written together with bulk_create (one INSERT per table, not per event). Events the
study already has (same Irradiation Event UID, from an earlier report of the same study) are not added again
(``study.events.new_events``), so events are never double-counted.
"""

from __future__ import annotations

from remapp.extractors.rdsr.context import bulk_save_contexts, context_rows
from remapp.extractors.rdsr.projection_data import AccumulatedDoseData, IrradiationEventData, ProjectionReportData
from remapp.extractors.study.events import new_events
from remapp.extractors.study.rows import build_row, coded_concept
from remapp.models import (
    AccumulatedCassetteProjectionDose,
    AccumulatedIntegratedProjectionDose,
    AccumulatedMammographyXRayDose,
    AccumulatedProjectionXRayDose,
    AccumulatedXRayDose,
    Calibration,
    DoseObject,
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


def save_projection(
    parsed: ProjectionReportData, study: GeneralStudy, study_created: bool, dose_object: DoseObject, memo: dict
) -> ProjectionXRayRadiationDose:
    """Write the report, its accumulated doses and its new irradiation events; call inside transaction.atomic()."""
    report = build_row(ProjectionXRayRadiationDose, parsed, memo, study=study, dose_object=dose_object)
    report.save(force_insert=True)
    bulk_save_contexts([context_rows(parsed.context, {"projection_xray_dose": report}, memo)])
    for accumulated in parsed.accumulated:
        _save_accumulated(memo, report, accumulated)
    _save_events(memo, report, study, new_events(parsed.events, IrradiationEventXRayData, study.pk, study_created))
    return report


def _save_accumulated(memo: dict, report: ProjectionXRayRadiationDose, data: AccumulatedDoseData) -> None:
    plane = AccumulatedXRayDose.objects.create(
        projection_xray_dose=report, acquisition_plane=coded_concept(data.acquisition_plane, memo)
    )
    Calibration.objects.bulk_create(
        [build_row(Calibration, cal, memo, accumulated_xray_dose=plane) for cal in data.calibrations]
    )
    AccumulatedMammographyXRayDose.objects.bulk_create(
        [build_row(AccumulatedMammographyXRayDose, m, memo, accumulated_xray_dose=plane) for m in data.mammography]
    )
    for model, part in (
        (AccumulatedProjectionXRayDose, data.projection),
        (AccumulatedCassetteProjectionDose, data.cassette),
        (AccumulatedIntegratedProjectionDose, data.integrated),
    ):
        if part is not None:
            build_row(model, part, memo, accumulated_xray_dose=plane).save(force_insert=True)


def _save_events(
    memo: dict,
    report: ProjectionXRayRadiationDose,
    study: GeneralStudy,
    new: list[tuple[int, IrradiationEventData]],
) -> None:
    rows = IrradiationEventXRayData.objects.bulk_create(
        [
            build_row(IrradiationEventXRayData, e, memo, projection_xray_dose=report, study=study, sequence_number=i)
            for i, e in new
        ]
    )
    events = [event for _, event in new]
    detectors, sources, mechanicals, modifiers, contexts = [], [], [], [], []
    for row, event in zip(rows, events, strict=True):
        if event.detector is not None:
            detectors.append(build_row(IrradiationEventXRayDetectorData, event.detector, memo, irradiation_event=row))
        if event.source is not None:
            sources.append(
                (build_row(IrradiationEventXRaySourceData, event.source, memo, irradiation_event=row), event)
            )
        if event.mechanical is not None:
            mechanicals.append(
                (build_row(IrradiationEventXRayMechanicalData, event.mechanical, memo, irradiation_event=row), event)
            )
        modifiers += [
            ImageViewModifier(irradiation_event=row, image_view_modifier=coded_concept(code, memo))
            for code in event.image_view_modifiers
        ]
        contexts.append(context_rows(event.context, {"projection_irradiation_event": row}, memo))
    IrradiationEventXRayDetectorData.objects.bulk_create(detectors)
    ImageViewModifier.objects.bulk_create(modifiers)
    bulk_save_contexts(contexts)
    IrradiationEventXRaySourceData.objects.bulk_create([source for source, _ in sources])
    XRayFilters.objects.bulk_create(
        [build_row(XRayFilters, f, memo, source_data=source) for source, event in sources for f in event.source.filters]
    )
    IrradiationEventXRayMechanicalData.objects.bulk_create([mechanical for mechanical, _ in mechanicals])
    DoseRelatedDistanceMeasurements.objects.bulk_create(
        [
            build_row(DoseRelatedDistanceMeasurements, event.mechanical.distances, memo, mechanical_data=mechanical)
            for mechanical, event in mechanicals
            if event.mechanical.distances is not None
        ]
    )
