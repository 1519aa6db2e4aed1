"""Header modules of a DICOM object parsed into dataclasses (no database; reads the site settings only).

``parse_header(dataset) -> Header`` gives ``.study`` (General Study), ``.patient`` (Patient Study and Patient
without names: ID and birth date only as the site settings say; the raw ID and name only to match the site's
test-patient patterns during the import), ``.equipment`` (General Equipment) and ``.dose_object`` (SOP Common /
series identifiers).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from pydicom.dataset import Dataset
from pydicom.sr.coding import Code

from remapp.dicom.content import read_code
from remapp.dicom.values import (
    combine_date_time,
    header_age_years,
    header_date,
    header_decimal,
    header_text,
    header_time,
)
from remapp.extractors import ExtractionError
from remapp.patient_ids import stored_patient_id

# --- header dataclasses ---------------------------------------------------------------------------------


@dataclass
class StudyHeader:
    """General Study module (PS3.3 C.7.2.1) as read from one object."""

    study_instance_uid: str
    study_date: dt.date | None = None
    study_time: dt.time | None = None
    study_id: str = ""
    accession_number: str = ""
    study_description: str = ""
    requested_procedure: str = ""
    requested_procedure_code: Code | None = None
    procedure_code: Code | None = None
    operator_count: int | None = None

    @property
    def study_datetime(self) -> dt.datetime | None:
        return combine_date_time(self.study_date, self.study_time)


@dataclass
class PatientHeader:
    """Patient Study and Patient modules without names (ID and birth date only if the site stores them)."""

    patient_id: str = ""
    patient_id_is_hashed: bool = False
    patient_id_hash_method: str = ""
    birth_date: dt.date | None = None
    sex: str = ""
    age: str = ""
    age_years: Decimal | None = None
    size_m: Decimal | None = None
    weight_kg: Decimal | None = None
    # The patient ID and name as the object gives them, kept only while the import runs, to match them against
    # the site's test-patient patterns (study.patient_patterns); never written to the database.
    id_to_match: str = field(default="", repr=False)
    name_to_match: str = field(default="", repr=False)


@dataclass
class EquipmentHeader:
    """General Equipment module (PS3.3 C.7.5.1); device_observer_uid comes from the SR observer context."""

    manufacturer: str = ""
    institution_name: str = ""
    institution_address: str = ""
    station_name: str = ""
    institutional_department_name: str = ""
    manufacturer_model_name: str = ""
    device_serial_number: str = ""
    software_versions: str = ""
    gantry_id: str = ""
    spatial_resolution_mm: Decimal | None = None
    date_of_last_calibration: dt.datetime | None = None
    device_observer_uid: str = ""

    def display_name(self) -> str:
        """Default display name: the station name, else institution and model."""
        if self.station_name:
            return self.station_name
        name = " ".join(part for part in (self.institution_name, self.manufacturer_model_name) if part)
        return name or self.manufacturer or "Unknown device"


@dataclass
class DoseObjectHeader:
    """SOP Common and series identifiers of the object being imported."""

    sop_instance_uid: str
    sop_class_uid: str
    series_instance_uid: str = ""
    content_datetime: dt.datetime | None = None


@dataclass
class Header:
    """Everything an extractor needs from the header modules."""

    study: StudyHeader
    patient: PatientHeader
    equipment: EquipmentHeader
    dose_object: DoseObjectHeader = field(default_factory=lambda: DoseObjectHeader("", ""))


# --- parsing --------------------------------------------------------------------------------------------


def _first_code(dataset: Dataset, keyword: str) -> Code | None:
    try:
        sequence = dataset.get(keyword)
        return read_code(sequence[0]) if sequence else None
    except Exception:  # a damaged code sequence: treated as absent
        return None


def _operator_count(dataset: Dataset) -> int | None:
    names = header_text(dataset, "OperatorsName")
    return len([n for n in names.split("\\") if n.strip()]) if names else None


MAX_UID_LENGTH = 64  # DICOM UI value representation (PS3.5 6.2)


def checked_uid(value: str, name: str) -> str:
    """``value`` unchanged; ExtractionError naming the field if it is longer than DICOM allows.

    Identifiers are never clipped: two different UIDs that share their first 64 characters would become one
    (two studies merged, or one event taken for another).
    """
    if len(value) > MAX_UID_LENGTH:
        raise ExtractionError(
            f"{name} is {len(value)} characters long, more than the {MAX_UID_LENGTH} DICOM allows "
            f"({value[:MAX_UID_LENGTH]}...)"
        )
    return value


def parse_header(dataset: Dataset) -> Header:
    """The study, patient, equipment and object identifiers of ``dataset``; ExtractionError if a UID is bad."""
    study_uid = checked_uid(header_text(dataset, "StudyInstanceUID"), "Study Instance UID")
    sop_uid = checked_uid(header_text(dataset, "SOPInstanceUID"), "SOP Instance UID")
    series_uid = checked_uid(header_text(dataset, "SeriesInstanceUID"), "Series Instance UID")
    if not study_uid:
        raise ExtractionError("no Study Instance UID")
    if not sop_uid:
        raise ExtractionError("no SOP Instance UID")
    study = StudyHeader(
        study_instance_uid=study_uid,
        study_date=header_date(dataset, "StudyDate"),
        study_time=header_time(dataset, "StudyTime"),
        study_id=header_text(dataset, "StudyID"),
        accession_number=header_text(dataset, "AccessionNumber"),
        study_description=header_text(dataset, "StudyDescription"),
        requested_procedure=header_text(dataset, "RequestedProcedureDescription"),
        requested_procedure_code=_first_code(dataset, "RequestedProcedureCodeSequence"),
        procedure_code=_first_code(dataset, "ProcedureCodeSequence"),
        operator_count=_operator_count(dataset),
    )
    raw_patient_id = header_text(dataset, "PatientID")
    stored_id, hash_method = stored_patient_id(raw_patient_id)
    patient = PatientHeader(
        patient_id=stored_id,
        patient_id_is_hashed=bool(hash_method),
        patient_id_hash_method=hash_method,
        birth_date=header_date(dataset, "PatientBirthDate") if settings.OPENREM_STORE_BIRTH_DATE else None,
        sex=header_text(dataset, "PatientSex")[:2],
        age=header_text(dataset, "PatientAge")[:4],
        age_years=header_age_years(dataset),
        size_m=header_decimal(dataset, "PatientSize"),
        weight_kg=header_decimal(dataset, "PatientWeight"),
        # The name is read here only to match the test-patient patterns, and is not kept.
        id_to_match=raw_patient_id,
        name_to_match=header_text(dataset, "PatientName"),
    )
    calibration_date = header_date(dataset, "DateOfLastCalibration")
    equipment = EquipmentHeader(
        manufacturer=header_text(dataset, "Manufacturer"),
        institution_name=header_text(dataset, "InstitutionName"),
        institution_address=header_text(dataset, "InstitutionAddress"),
        station_name=header_text(dataset, "StationName"),
        institutional_department_name=header_text(dataset, "InstitutionalDepartmentName"),
        manufacturer_model_name=header_text(dataset, "ManufacturerModelName"),
        device_serial_number=header_text(dataset, "DeviceSerialNumber"),
        software_versions=header_text(dataset, "SoftwareVersions"),
        gantry_id=header_text(dataset, "GantryID"),
        spatial_resolution_mm=header_decimal(dataset, "SpatialResolution"),
        date_of_last_calibration=combine_date_time(calibration_date, header_time(dataset, "TimeOfLastCalibration")),
    )
    dose_object = DoseObjectHeader(
        sop_instance_uid=sop_uid,
        sop_class_uid=header_text(dataset, "SOPClassUID"),
        series_instance_uid=series_uid,
        content_datetime=combine_date_time(header_date(dataset, "ContentDate"), header_time(dataset, "ContentTime")),
    )
    return Header(study=study, patient=patient, equipment=equipment, dose_object=dose_object)
