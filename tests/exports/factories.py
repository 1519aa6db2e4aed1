"""Small factories: studies with events built straight through the models, with exact values to assert."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from remapp.models import (
    CodedConcept,
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


# Concepts whose code the exports look at, stored as imports store them; other meanings get a test code.
KNOWN_CODES = {
    "Fluoroscopy": ("44491008", "SCT"),
    "Stationary Acquisition": ("113611", "DCM"),
    "Left": ("7771000", "SCT"),
    "Right": ("24028007", "SCT"),
}


def concept(meaning: str) -> CodedConcept:
    value, scheme = KNOWN_CODES.get(meaning, (meaning[:16], "TEST"))
    fields = {"code_value": value, "coding_scheme_designator": scheme}
    return CodedConcept.objects.get_or_create(**fields, defaults={"code_meaning": meaning})[0]


def station(name: str = "CT Room 1", modality: str = "CT") -> UniqueEquipment:
    return UniqueEquipment.objects.get_or_create(
        identity_hash=f"{name}-{modality}",
        defaults={
            "manufacturer": "Acme",
            "institution_name": "General Hospital",
            "station_name": name.upper().replace(" ", "")[:16],
            "manufacturer_model_name": "Scanner 9000",
            "display_name": name,
            "user_defined_modality": modality,
        },
    )[0]


def study(modality: str, *, accession: str | None = None, day: datetime.date = datetime.date(2024, 3, 5), **fields):
    """A study of this modality with patient rows; summary fields may be given as keyword arguments."""
    number = next(_numbers)
    time = fields.pop("time", datetime.time(9, 30, number % 60))
    age = fields.pop("age", Decimal("45.5"))
    sex = fields.pop("sex", "F")
    study = GeneralStudy.objects.create(
        study_instance_uid=f"1.2.826.0.1.{number}",
        study_date=day,
        study_time=time,
        study_datetime=timezone.make_aware(datetime.datetime.combine(day, time)),
        accession_number=accession if accession is not None else f"ACC{number:05d}",
        modality=modality,
        station=fields.pop("station", None) or station(modality=modality, name=f"{modality} Room 1"),
        **fields,
    )
    PatientStudy.objects.create(study=study, patient_age_years=age, patient_weight_kg=Decimal("70.00"))
    Patient.objects.create(study=study, patient_sex=sex)
    return study


def ct_event(study: GeneralStudy, *, protocol: str, ctdivol: str, dlp: str, sources=(("120", "200"),), **fields):
    """One CT event with its X-ray sources (kVp, mA) in order A, B."""
    report = study.ct_radiation_doses.first() or CtRadiationDose.objects.create(study=study)
    number = next(_numbers)
    acquisition_type = fields.pop("acquisition_type", "Spiral Acquisition")
    event = CtIrradiationEvent.objects.create(
        ct_radiation_dose=report,
        study=study,
        irradiation_event_uid=f"1.2.3.{number}",
        acquisition_protocol=protocol,
        ct_acquisition_type=concept(acquisition_type) if acquisition_type else None,
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


def projection_event(study: GeneralStudy, *, protocol: str, event_type: str = "Stationary Acquisition", **values):
    """One projection event; keyword arguments go to the event, source (source__x), detector or mechanical rows."""
    report = study.projection_xray_doses.first() or ProjectionXRayRadiationDose.objects.create(study=study)
    number = next(_numbers)
    parts = {"source": {}, "detector": {}, "mechanical": {}, "event": {}}
    filters = values.pop("filters", ())
    for key, value in values.items():
        part, _, name = key.partition("__")
        if not name:
            part, name = "event", key
        parts[part][name] = value
    for coded_name in ("laterality", "image_view", "anatomical_structure"):
        if coded_name in parts["event"]:
            parts["event"][coded_name] = concept(parts["event"][coded_name])
    if "anode_target_material" in parts["source"]:
        parts["source"]["anode_target_material"] = concept(parts["source"]["anode_target_material"])
    event = IrradiationEventXRayData.objects.create(
        projection_xray_dose=report,
        study=study,
        irradiation_event_uid=f"1.2.4.{number}",
        acquisition_protocol=protocol,
        irradiation_event_type=concept(event_type),
        sequence_number=number,
        **parts["event"],
    )
    source = IrradiationEventXRaySourceData.objects.create(irradiation_event=event, **parts["source"])
    for material, thickness in filters:
        XRayFilters.objects.create(
            source_data=source,
            xray_filter_material=concept(material),
            xray_filter_thickness_minimum_mm=Decimal(thickness),
        )
    if parts["detector"]:
        IrradiationEventXRayDetectorData.objects.create(irradiation_event=event, **parts["detector"])
    if parts["mechanical"]:
        IrradiationEventXRayMechanicalData.objects.create(irradiation_event=event, **parts["mechanical"])
    return event
