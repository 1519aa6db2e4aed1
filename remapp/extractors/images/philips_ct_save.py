"""Saving a parsed Philips CT dose screen as a CT dose record of its study, in ONE transaction.

Each screen is one CtRadiationDose (source "Copied From Image Attributes") with its accumulated DLP total;
each series is one CtIrradiationEvent with its X-ray source parameters. A series already stored for the
study (same derived event UID, see philips_ct.series_event_uid) is not stored again; a screen whose series
are all stored is a duplicate and nothing is written.
"""

from __future__ import annotations

from django.db import transaction
from pydicom.dataset import Dataset
from pydicom.sr.coding import Code

from remapp.extractors import ImportOutcome, Status
from remapp.extractors.images.philips_ct import PhilipsDoseScreenData
from remapp.extractors.study.events import new_events
from remapp.extractors.study.header import parse_header
from remapp.extractors.study.rows import build_row, coded_concept, fit_to_fields
from remapp.extractors.study.save import DuplicateObject, save_header
from remapp.extractors.study.summary import refresh_study_summary
from remapp.models import (
    CtAccumulatedDose,
    CtIrradiationEvent,
    CtRadiationDose,
    CtXRaySourceParameters,
    GeneralStudy,
)

COPIED_FROM_IMAGE_ATTRIBUTES = Code("113866", "DCM", "Copied From Image Attributes")


def drop_screen_records(study: GeneralStudy) -> int:
    """Delete the study's Philips dose-screen CT records and their events; the number of events dropped.

    For the RDSR importer: a CT dose report that arrives after the screens covers the same series. The screens'
    DoseObject rows stay, so a re-sent screen is still known. Call refresh_study_summary after.
    """
    ids = list(
        CtRadiationDose.objects.filter(
            study=study,
            source_of_dose_information__code_value=COPIED_FROM_IMAGE_ATTRIBUTES.value,
            source_of_dose_information__coding_scheme_designator=COPIED_FROM_IMAGE_ATTRIBUTES.scheme_designator,
        ).values_list("pk", flat=True)
    )
    if not ids:
        return 0  # the usual case: one query
    dropped = CtIrradiationEvent.objects.filter(ct_radiation_dose__in=ids).count()
    CtRadiationDose.objects.filter(pk__in=ids).delete()
    return dropped


def save_philips_screen(dataset: Dataset, screen: PhilipsDoseScreenData, path: str = "") -> ImportOutcome:
    """Save one parsed dose screen; DuplicateObject (nothing written) when it or all its series are stored."""
    header = parse_header(dataset)
    memo: dict = {}
    with transaction.atomic():
        saved = save_header(header, path)
        study, dose_object = saved.study, saved.dose_object
        if (
            CtRadiationDose.objects.filter(study=study)
            .exclude(dose_object__sop_class_uid=screen.sop_class_uid)
            .exists()
        ):
            raise DuplicateObject("the study has a CT radiation dose report (RDSR), which covers these series")
        new_series = [series for _, series in new_events(screen.series, CtIrradiationEvent, study.pk, saved.created)]
        if not new_series:
            raise DuplicateObject("every series of this dose screen is already stored for the study")
        report = fit_to_fields(
            CtRadiationDose(
                study=study,
                dose_object=dose_object,
                source_of_dose_information=coded_concept(COPIED_FROM_IMAGE_ATTRIBUTES, memo),
                comment=screen.comment,
            )
        )
        report.save()
        fit_to_fields(
            CtAccumulatedDose(
                ct_radiation_dose=report,
                total_number_of_irradiation_events=screen.total_number_of_irradiation_events,
                ct_dose_length_product_total_mgycm=screen.dose_length_product_total_mgycm,
            )
        ).save()
        for series in new_series:
            event = build_row(CtIrradiationEvent, series, memo, ct_radiation_dose=report, study=study)
            event.save()
            build_row(CtXRaySourceParameters, series, memo, ct_irradiation_event=event).save()
        refresh_study_summary(study, "CT", station_id=saved.station_id, study_created=saved.created)
    return ImportOutcome(path=path, status=Status.IMPORTED, study_id=study.pk, modality="CT")
