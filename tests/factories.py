"""Small factories that build stations, studies and events straight through the models, with few defaults."""

# The importers are tested elsewhere. A test passes every value its assertions read rather than relying on a default.

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
    IrradiationEventXRayDetectorData,
    IrradiationEventXRayMechanicalData,
    IrradiationEventXRaySourceData,
    Patient,
    PatientStudy,
    ProjectionXRayRadiationDose,
    UniqueEquipment,
    XRayFilters,
)

_numbers = itertools.count(1)

# Concepts whose code the pages and exports look at, stored as imports store them; other meanings get a test code.
KNOWN_CODES = {
    "Fluoroscopy": ("44491008", "SCT"),
    "Stationary Acquisition": ("113611", "DCM"),
    "Left": ("7771000", "SCT"),
    "Right": ("24028007", "SCT"),
}


def site_datetime(year, month, day, hour=10, minute=0, second=0) -> datetime.datetime:
    """An aware datetime in the site's zone, as importers store study_datetime."""
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=ZoneInfo(settings.TIME_ZONE))


def coded_concept(meaning: str) -> CodedConcept:
    """The concept with this meaning: its real code where KNOWN_CODES has one, else a TEST code."""
    value, scheme = KNOWN_CODES.get(meaning, (meaning[:16], "TEST"))
    fields = {"code_value": value, "coding_scheme_designator": scheme}
    return CodedConcept.objects.get_or_create(**fields, defaults={"code_meaning": meaning})[0]


def make_station(display_name: str = "CT Room 1", **fields) -> UniqueEquipment:
    """A new station (its own identity) with this display name; other equipment fields by keyword."""
    number = next(_numbers)
    values = {
        "manufacturer": "Acme Medical",
        "institution_name": "Royal Example Hospital",
        "station_name": f"STATION{number}",
        "manufacturer_model_name": "Model X",
        "display_name": display_name,
        "identity_hash": f"hash-{number}",
    }
    values.update(fields)
    return UniqueEquipment.objects.create(**values)


def make_study(
    modality: str = "CT",
    *,
    station: UniqueEquipment | None = None,
    when: datetime.datetime | None = None,
    age: Decimal | None = None,
    sex: str = "F",
    height_m: Decimal | None = None,
    weight_kg: Decimal | None = None,
    **fields,
) -> GeneralStudy:
    """A study at ``when`` with its patient rows; without a station, a new one named "<modality> Room 1"."""
    number = next(_numbers)
    when = when or site_datetime(2024, 3, 1)
    values = {
        "study_instance_uid": f"1.2.826.0.1.3680043.10.{number}",
        "study_date": when.date(),
        "study_time": when.time(),
        "study_datetime": when,
        "accession_number": f"ACC{number:06d}",
        "modality": modality,
        "station": station or make_station(f"{modality} Room 1"),
    }
    values.update(fields)
    study = GeneralStudy.objects.create(**values)
    PatientStudy.objects.create(
        study=study,
        patient_age_years=age,
        patient_age=f"{int(age):03d}Y" if age is not None else "",
        patient_size_m=height_m,
        patient_weight_kg=weight_kg,
    )
    Patient.objects.create(study=study, patient_sex=sex)
    return study


def add_ct_event(
    study: GeneralStudy,
    *,
    protocol: str = "Routine Head",
    ctdivol: str = "50.5",
    dlp: str = "800.25",
    acquisition_type: str | None = "Spiral Acquisition",
    sources=(("120", "200"),),
    **fields,
) -> CtIrradiationEvent:
    """One CT acquisition; sources are (kVp, mA) pairs, A then B, each with maximum mA 50 above and 0.5 s rotation."""
    report = study.ct_radiation_doses.first() or CtRadiationDose.objects.create(study=study)
    number = next(_numbers)
    event = CtIrradiationEvent.objects.create(
        ct_radiation_dose=report,
        study=study,
        irradiation_event_uid=f"1.2.3.{number}",
        acquisition_protocol=protocol,
        ct_acquisition_type=coded_concept(acquisition_type) if acquisition_type else None,
        mean_ctdivol_mgy=Decimal(ctdivol),
        dlp_mgycm=Decimal(dlp),
        number_of_xray_sources=len(sources),
        sequence_number=number,
        **fields,
    )
    for letter, (kvp, ma) in zip("AB", sources, strict=False):
        CtXRaySourceParameters.objects.create(
            ct_irradiation_event=event,
            identification_of_xray_source=letter,
            kvp=Decimal(kvp),
            xray_tube_current_ma=Decimal(ma),
            maximum_xray_tube_current_ma=Decimal(ma) + 50,
            exposure_time_per_rotation_s=Decimal("0.5"),
        )
    return event


def add_dose_check(event: CtIrradiationEvent, **fields) -> CtDoseCheck:
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


def add_projection_event(
    study: GeneralStudy,
    *,
    protocol: str = "Chest PA",
    event_type: str = "Stationary Acquisition",
    filters=(),
    **values,
) -> IrradiationEventXRayData:
    """One projection exposure; keywords go to the event or, prefixed source__/detector__/mechanical__, to that row."""
    # Laterality, view, anatomy and target material are given by meaning; filters as (material, thickness mm) pairs.
    report = study.projection_xray_doses.first() or ProjectionXRayRadiationDose.objects.create(study=study)
    number = next(_numbers)
    parts = {"source": {}, "detector": {}, "mechanical": {}, "event": {}}
    for key, value in values.items():
        part, _, name = key.partition("__")
        if not name:
            part, name = "event", key
        parts[part][name] = value
    for coded_name in ("laterality", "image_view", "anatomical_structure"):
        if coded_name in parts["event"]:
            parts["event"][coded_name] = coded_concept(parts["event"][coded_name])
    if "anode_target_material" in parts["source"]:
        parts["source"]["anode_target_material"] = coded_concept(parts["source"]["anode_target_material"])
    event = IrradiationEventXRayData.objects.create(
        projection_xray_dose=report,
        study=study,
        irradiation_event_uid=f"1.2.4.{number}",
        acquisition_protocol=protocol,
        irradiation_event_type=coded_concept(event_type),
        sequence_number=number,
        **parts["event"],
    )
    source = IrradiationEventXRaySourceData.objects.create(irradiation_event=event, **parts["source"])
    for material, thickness in filters:
        XRayFilters.objects.create(
            source_data=source,
            xray_filter_material=coded_concept(material),
            xray_filter_thickness_minimum_mm=Decimal(thickness),
        )
    if parts["detector"]:
        IrradiationEventXRayDetectorData.objects.create(irradiation_event=event, **parts["detector"])
    if parts["mechanical"]:
        IrradiationEventXRayMechanicalData.objects.create(irradiation_event=event, **parts["mechanical"])
    return event
