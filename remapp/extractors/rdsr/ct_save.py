"""Saving a parsed CT dose report (TID 10011) into the CT tables, inside the caller's transaction.

Rows of one kind are written together with bulk_create. Events the study already has (same Irradiation Event
UID, from an earlier report of the same study) are not added again (``study.events.new_events``), so a later
report never doubles an event (see docs/import_rdsr.rst).
"""

from __future__ import annotations

from remapp.extractors.rdsr.context import bulk_save_contexts, context_rows
from remapp.extractors.rdsr.ct_data import CtReportData
from remapp.extractors.study.events import new_events
from remapp.extractors.study.rows import build_row
from remapp.models import (
    CtAccumulatedDose,
    CtDoseCheck,
    CtIrradiationEvent,
    CtRadiationDose,
    CtXRaySourceParameters,
    DoseObject,
    GeneralStudy,
)


def save_ct(report: CtReportData, study: GeneralStudy, study_created: bool, dose_object: DoseObject, memo: dict) -> int:
    """Write the report, its accumulated dose and its new events; returns how many events were added."""
    row = build_row(CtRadiationDose, report, memo, study=study, dose_object=dose_object)
    row.save()
    if report.accumulated is not None:
        build_row(CtAccumulatedDose, report.accumulated, memo, ct_radiation_dose=row).save()
    new = new_events(report.events, CtIrradiationEvent, study.pk, study_created)
    event_rows = CtIrradiationEvent.objects.bulk_create(
        [
            build_row(CtIrradiationEvent, event, memo, ct_radiation_dose=row, study=study, sequence_number=position)
            for position, event in new
        ]
    )
    sources, checks = [], []
    contexts = [context_rows(report.context, {"ct_radiation_dose": row}, memo)]
    for event_row, (_, event) in zip(event_rows, new, strict=True):
        sources += [
            build_row(CtXRaySourceParameters, source, memo, ct_irradiation_event=event_row) for source in event.sources
        ]
        if event.dose_check is not None:
            checks.append(build_row(CtDoseCheck, event.dose_check, memo, ct_irradiation_event=event_row))
        contexts.append(context_rows(event.context, {"ct_irradiation_event": event_row}, memo))
    if sources:
        CtXRaySourceParameters.objects.bulk_create(sources)
    if checks:
        CtDoseCheck.objects.bulk_create(checks)
    bulk_save_contexts(contexts)
    return len(event_rows)
