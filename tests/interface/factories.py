"""Small factories that build studies straight through the models (the importers are tested elsewhere)."""

import datetime
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings

from remapp.models import (
    CodedConcept,
    CtDoseCheck,
    CtIrradiationEvent,
    CtRadiationDose,
    CtXRaySourceParameters,
    GeneralStudy,
    IrradiationEventXRayData,
    IrradiationEventXRaySourceData,
    Patient,
    PatientStudy,
    ProjectionXRayRadiationDose,
    UniqueEquipment,
)

_counter = itertools.count(1)


def site_datetime(year, month, day, hour=10, minute=0) -> datetime.datetime:
    """An aware datetime in the site's zone, as importers store study_datetime."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(settings.TIME_ZONE))


def make_station(display_name="CT Scanner 1", **fields) -> UniqueEquipment:
    n = next(_counter)
    values = {
        "manufacturer": "Acme Medical",
        "institution_name": "Royal Example Hospital",
        "station_name": f"STATION{n}",
        "manufacturer_model_name": "Model X",
        "display_name": display_name,
        "identity_hash": f"hash-{n}",
    }
    values.update(fields)
    return UniqueEquipment.objects.create(**values)


def make_study(modality="CT", station=None, when=None, age=None, test_patient=False, **fields) -> GeneralStudy:
    """A study with its summary fields, patient study and patient rows."""
    n = next(_counter)
    when = when or site_datetime(2024, 3, 1)
    values = {
        "study_instance_uid": f"1.2.826.0.1.3680043.10.{n}",
        "study_date": when.date(),
        "study_time": when.time(),
        "study_datetime": when,
        "accession_number": f"ACC{n:06d}",
        "study_description": "CT Head",
        "modality": modality,
        "station": station or make_station(),
        "test_patient": test_patient,
    }
    values.update(fields)
    study = GeneralStudy.objects.create(**values)
    PatientStudy.objects.create(
        study=study,
        patient_age_years=age,
        patient_age=f"{int(age):03d}Y" if age is not None else "",
        patient_size_m=Decimal("1.750"),
        patient_weight_kg=Decimal("72.50"),
    )
    Patient.objects.create(study=study, patient_sex="F")
    return study


def add_ct_event(study, protocol="Routine Head", ctdivol="50.5", dlp="800.25", kvp="120") -> CtIrradiationEvent:
    """One CT acquisition with its X-ray source parameters."""
    report = study.ct_radiation_doses.first() or CtRadiationDose.objects.create(study=study)
    n = next(_counter)
    event = CtIrradiationEvent.objects.create(
        ct_radiation_dose=report,
        study=study,
        irradiation_event_uid=f"1.2.3.{n}",
        acquisition_protocol=protocol,
        mean_ctdivol_mgy=Decimal(ctdivol),
        dlp_mgycm=Decimal(dlp),
        scanning_length_mm=Decimal("150"),
        pitch_factor=Decimal("0.984"),
        exposure_time_s=Decimal("4.5"),
        nominal_total_collimation_width_mm=Decimal("40"),
        nominal_single_collimation_width_mm=Decimal("0.625"),
        xray_modulation_type="DOM",
        sequence_number=n,
    )
    CtXRaySourceParameters.objects.create(
        ct_irradiation_event=event,
        identification_of_xray_source="A",
        kvp=Decimal(kvp),
        xray_tube_current_ma=Decimal("250"),
        maximum_xray_tube_current_ma=Decimal("300"),
        exposure_time_per_rotation_s=Decimal("0.5"),
    )
    return event


def add_projection_event(
    study, protocol="Chest PA", dap_gym2="0.00012", agd_mgy=None, kvp="81"
) -> IrradiationEventXRayData:
    """One projection exposure (fluoroscopy run, radiograph or mammogram) with source data."""
    report = study.projection_xray_doses.first() or ProjectionXRayRadiationDose.objects.create(study=study)
    n = next(_counter)
    event = IrradiationEventXRayData.objects.create(
        projection_xray_dose=report,
        study=study,
        irradiation_event_uid=f"1.2.4.{n}",
        acquisition_protocol=protocol,
        dose_area_product_gym2=Decimal(dap_gym2) if dap_gym2 is not None else None,
        sequence_number=n,
    )
    IrradiationEventXRaySourceData.objects.create(
        irradiation_event=event,
        kvp=Decimal(kvp),
        average_glandular_dose_mgy=Decimal(agd_mgy) if agd_mgy is not None else None,
        exposure_uas=Decimal("12000"),
    )
    return event


def add_dose_check(event, **fields) -> CtDoseCheck:
    """A CT dose check (TID 10015) on one event; by default a CTDIvol alert of 1000 mGy configured, none raised."""
    values = {
        "dlp_alert_value_configured": False,
        "ctdivol_alert_value_configured": True,
        "ctdivol_alert_value_mgy": Decimal("1000"),
        "dlp_notification_value_configured": False,
        "ctdivol_notification_value_configured": False,
    }
    values.update(fields)
    return CtDoseCheck.objects.create(ct_irradiation_event=event, **values)


def coded(meaning: str, value: str = "TEST1") -> CodedConcept:
    """A coded concept with this meaning."""
    return CodedConcept.objects.get_or_create(code_value=value, coding_scheme_designator="TEST", code_meaning=meaning)[
        0
    ]
