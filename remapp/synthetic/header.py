"""What every synthetic object shares: deterministic UIDs, the patient/study/equipment header, file meta, write().

The header values are plain keyword arguments (see ``Header``); anything not given gets a default derived
from the seed, so the same arguments always give the same object, byte for byte.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian

IMPLEMENTATION_CLASS_UID = "2.25.104763152963215458932045711392844906415"
IMPLEMENTATION_VERSION_NAME = "OPENREM_SYNTH"


def make_uid(*parts: object) -> str:
    """A UID that depends only on ``parts`` (2.25 form: a 128-bit number derived from them)."""
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()
    return f"2.25.{int(digest[:32], 16)}"


def make_rng(kind: str, seed: object) -> random.Random:
    """The random source for one object; a string seed keeps it stable across Python runs."""
    return random.Random(f"{kind}:{seed}")


def ds_value(value: object) -> str:
    """A number as a DICOM Decimal String (at most 16 characters), written exactly where it fits."""
    text = format(Decimal(str(value)), "f") if not isinstance(value, str) else value
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("", "-0"):
        text = "0"
    if len(text) > 16:
        text = f"{float(value):.10g}"
    return text


def to_decimal(value: object) -> Decimal:
    return Decimal(ds_value(value))


def decimal_sum(values) -> Decimal:
    """Exact sum of numbers as they are written into the file (so totals equal the sum of what a reader sees)."""
    return sum((to_decimal(v) for v in values), Decimal(0))


@dataclass
class Header:
    """Patient, study, series and equipment values common to every generated object (all keyword arguments)."""

    study_instance_uid: str | None = None
    series_instance_uid: str | None = None
    sop_instance_uid: str | None = None
    study_datetime: datetime | None = None
    accession_number: str | None = None
    study_id: str = "1"
    study_description: str = ""
    requested_procedure_description: str = ""
    series_number: int = 1
    instance_number: int = 1
    series_description: str = ""
    institution_name: str = "Synthetic General Hospital"
    institution_address: str = ""
    institutional_department_name: str = "Radiology"
    manufacturer: str = "OpenREM Synthetic"
    manufacturer_model_name: str = "Model 1"
    station_name: str = "SYNTH01"
    device_serial_number: str = "0001"
    software_versions: str = ""
    patient_name: str = "SYNTHETIC^PATIENT"
    patient_id: str | None = None
    patient_birth_date: date | None = None
    patient_age: str | None = "045Y"
    patient_sex: str = "F"
    patient_size_m: float | None = None
    patient_weight_kg: float | None = None
    operator_name: str = ""


HEADER_FIELDS = frozenset(field.name for field in fields(Header))
DEFAULT_STUDY_DATETIME = datetime(2026, 1, 15, 9, 30, 0)


def resolve_header(kind: str, seed: object, defaults: dict, values: dict) -> Header:
    """Merge the caller's header values over the kind's defaults and fill seed-derived UIDs and IDs."""
    unknown = set(values) - HEADER_FIELDS
    if unknown:
        raise TypeError(f"unknown header value(s) for {kind}: {', '.join(sorted(unknown))}")
    header = Header(**{**defaults, **values})
    if header.study_datetime is None:
        header.study_datetime = DEFAULT_STUDY_DATETIME
    if header.study_instance_uid is None:
        header.study_instance_uid = make_uid("study", seed)
    study = header.study_instance_uid
    if header.series_instance_uid is None:
        header.series_instance_uid = make_uid("series", kind, study, seed, header.series_number)
    if header.sop_instance_uid is None:
        header.sop_instance_uid = make_uid("sop", kind, study, seed, header.series_number, header.instance_number)
    if header.accession_number is None:
        header.accession_number = f"ACC{int(make_uid('accession', study)[5:]) % 10**10:010d}"
    if header.patient_id is None:
        header.patient_id = f"PID{int(make_uid('patient', study)[5:]) % 10**8:08d}"
    return header


def dicom_date(value: date | datetime) -> str:
    return value.strftime("%Y%m%d")


def dicom_time(value: datetime) -> str:
    return value.strftime("%H%M%S")


def dicom_datetime(value: datetime) -> str:
    return value.strftime("%Y%m%d%H%M%S")


def base_dataset(header: Header, sop_class_uid: str, modality: str, content_time: datetime | None = None) -> Dataset:
    """A dataset with file meta and the Patient, General Study/Series/Equipment and SOP Common modules."""
    ds = Dataset()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class_uid
    meta.MediaStorageSOPInstanceUID = header.sop_instance_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = IMPLEMENTATION_CLASS_UID
    meta.ImplementationVersionName = IMPLEMENTATION_VERSION_NAME
    ds.file_meta = meta

    started = header.study_datetime
    content_time = content_time or started + timedelta(minutes=5)
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = sop_class_uid
    ds.SOPInstanceUID = header.sop_instance_uid
    ds.StudyDate = dicom_date(started)
    ds.SeriesDate = dicom_date(started)
    ds.ContentDate = dicom_date(content_time)
    ds.StudyTime = dicom_time(started)
    ds.SeriesTime = dicom_time(started)
    ds.ContentTime = dicom_time(content_time)
    ds.AccessionNumber = header.accession_number
    ds.Modality = modality
    ds.Manufacturer = header.manufacturer
    ds.InstitutionName = header.institution_name
    if header.institution_address:
        ds.InstitutionAddress = header.institution_address
    ds.ReferringPhysicianName = ""
    ds.StationName = header.station_name
    ds.StudyDescription = header.study_description
    if header.series_description:
        ds.SeriesDescription = header.series_description
    ds.InstitutionalDepartmentName = header.institutional_department_name
    if header.operator_name:
        ds.OperatorsName = header.operator_name
    ds.ManufacturerModelName = header.manufacturer_model_name
    ds.PatientName = header.patient_name
    ds.PatientID = header.patient_id
    ds.PatientBirthDate = dicom_date(header.patient_birth_date) if header.patient_birth_date else ""
    ds.PatientSex = header.patient_sex
    if header.patient_age:
        ds.PatientAge = header.patient_age
    if header.patient_size_m is not None:
        ds.PatientSize = ds_value(header.patient_size_m)
    if header.patient_weight_kg is not None:
        ds.PatientWeight = ds_value(header.patient_weight_kg)
    ds.DeviceSerialNumber = header.device_serial_number
    if header.software_versions:
        ds.SoftwareVersions = header.software_versions
    ds.StudyInstanceUID = header.study_instance_uid
    ds.SeriesInstanceUID = header.series_instance_uid
    ds.StudyID = header.study_id
    ds.SeriesNumber = header.series_number
    ds.InstanceNumber = header.instance_number
    if header.requested_procedure_description:
        ds.RequestedProcedureDescription = header.requested_procedure_description
    return ds


def write(dataset: Dataset, path: str | Path) -> Path:
    """Write a generated dataset as a DICOM Part 10 file (preamble, file meta), creating parent folders."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    dataset.save_as(path, enforce_file_format=True)
    return path
