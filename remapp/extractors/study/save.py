"""Saving the study-level rows every object brings: the study (locked), patient, equipment and the DoseObject.

Call inside ONE ``transaction.atomic()``: an exception rolls the whole file back.

``save_header(header, source_file_name) -> SavedHeader`` does it all; the parts are ``lock_or_create_study``,
``save_patient``, ``save_equipment`` and ``create_dose_object`` (``DuplicateObject`` for a SOP Instance UID
already stored). A later object of a study whose patient and equipment rows are known (committed, per process)
and that brings no value they lack writes and reads nothing for them. ``is_duplicate(sop_instance_uid)`` is the
cheap check before parsing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, models, transaction

from remapp.extractors import ExtractionError
from remapp.extractors.study import committed_rows
from remapp.extractors.study.equipment import unique_equipment_id
from remapp.extractors.study.header import (
    DoseObjectHeader,
    EquipmentHeader,
    Header,
    PatientHeader,
    StudyHeader,
    checked_uid,
)
from remapp.extractors.study.patient_patterns import matching_pattern
from remapp.extractors.study.rows import aware, coded_concept, fit_to_fields
from remapp.models import DoseObject, GeneralEquipment, GeneralStudy, Patient, PatientStudy, effective_size_update


class DuplicateObject(ExtractionError):
    """The SOP Instance UID (or the exposure it shows) is already stored: skipped and reported as a duplicate."""


@dataclass(frozen=True)
class SavedHeader:
    """What save_header wrote: the locked study (and whether this object created it), the object, the source."""

    study: GeneralStudy
    dose_object: DoseObject
    created: bool
    station_id: int


def _fill_blanks(row: models.Model, values: dict[str, object]) -> list[str]:
    changed = []
    for name, value in values.items():
        if value not in (None, "") and getattr(row, name) in (None, ""):
            setattr(row, name, value)
            changed.append(name)
    return changed


def _study_values(study: StudyHeader) -> dict[str, object]:
    return {
        "study_date": study.study_date,
        "study_time": study.study_time,
        "study_datetime": aware(study.study_datetime),
        "study_id": study.study_id,
        "accession_number": study.accession_number,
        "study_description": study.study_description,
        "requested_procedure": study.requested_procedure,
        "operator_count": study.operator_count,
    }


def _study_codes(study: StudyHeader) -> dict[str, object]:
    return {
        "requested_procedure_code": coded_concept(study.requested_procedure_code),
        "procedure_code": coded_concept(study.procedure_code),
    }


def _writers_serialised() -> bool:
    """True on SQLite in IMMEDIATE mode: each transaction holds the write lock from its start to its end."""
    connection = transaction.get_connection()
    return connection.vendor == "sqlite" and connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") in (
        "IMMEDIATE",
        "EXCLUSIVE",
    )


def lock_or_create_study(study: StudyHeader, patient: PatientHeader) -> tuple[GeneralStudy, bool]:
    """The study row for the Study Instance UID, locked until the transaction ends; (row, created).

    Two workers importing reports of one study serialise here: the second waits for the first's commit
    (PostgreSQL row lock; SQLite's IMMEDIATE transactions serialise writers anyway). A concurrent insert of
    the same UID raises IntegrityError in our savepoint, and we then lock the row the other worker made.
    The row is locked before anything else is written (coded concepts included), so two imports of one
    study cannot hold locks the other needs.
    """
    uid = checked_uid(study.study_instance_uid, "Study Instance UID")
    locked = GeneralStudy.objects.select_for_update()
    row = locked.filter(study_instance_uid=uid).first()
    created = False
    test_pattern = matching_pattern(patient.id_to_match, patient.name_to_match)
    if row is None:
        row = GeneralStudy(study_instance_uid=uid, **_study_values(study))
        if test_pattern is not None:
            row.test_patient, row.test_patient_pattern_id = True, test_pattern.pk
            row.test_patient_indicator = test_pattern.indicator()
        fit_to_fields(row)
        if _writers_serialised():
            row.save(force_insert=True)  # nobody else can have inserted it since our look-up
            created = True
        else:
            try:
                with transaction.atomic():
                    row.save(force_insert=True)
                created = True
            except IntegrityError:  # a concurrent worker inserted it first: wait for it and lock its row
                row = locked.get(study_instance_uid=uid)
    values = _study_codes(study) if created else {**_study_values(study), **_study_codes(study)}
    changed = _fill_blanks(row, values)
    if test_pattern is not None and not row.test_patient:
        row.test_patient, row.test_patient_pattern_id = True, test_pattern.pk
        row.test_patient_indicator = test_pattern.indicator()
        changed += ["test_patient", "test_patient_indicator", "test_patient_pattern"]
    if changed:
        fit_to_fields(row)
        row.save(update_fields=[*changed, "updated_at"])
    return row, created


_PATIENT_FIELDS = ("patient_id", "patient_birth_date", "patient_sex")
_PATIENT_STUDY_FIELDS = ("patient_age", "patient_age_years", "patient_size_m", "patient_weight_kg")


def save_patient(study: GeneralStudy, patient: PatientHeader, new_study: bool = False) -> None:
    """Create the study's Patient and PatientStudy rows, or fill their blanks from a later object."""
    values = {
        "patient_id": patient.patient_id,
        "patient_birth_date": patient.birth_date,
        "patient_sex": patient.sex,
    }
    study_values = {
        "patient_age": patient.age,
        "patient_age_years": patient.age_years,
        "patient_size_m": patient.size_m,
        "patient_weight_kg": patient.weight_kg,
    }
    known = None if new_study else committed_rows.studies.get(study.pk)
    if (
        known is not None
        and known.patient_values
        and committed_rows.nothing_to_fill(known.patient_values, values | study_values)
    ):
        return  # both rows are stored and this object has nothing they lack
    stored: dict[str, object] = {}
    row = None if new_study else Patient.objects.filter(study=study).first()
    hashing = {
        "patient_id_is_hashed": patient.patient_id_is_hashed,
        "patient_id_hash_method": patient.patient_id_hash_method,
    }
    if row is None:
        row = fit_to_fields(Patient(study=study, **hashing, **values))
        row.save()
    elif changed := _fill_blanks(row, values):
        if "patient_id" in changed:  # the ID arrives with how it is kept
            for name, value in hashing.items():
                setattr(row, name, value)
            changed += list(hashing)
        fit_to_fields(row).save(update_fields=changed)
    stored.update((name, getattr(row, name)) for name in _PATIENT_FIELDS)
    row = None if new_study else PatientStudy.objects.filter(study=study).first()
    changed = []
    if row is None:
        row = fit_to_fields(PatientStudy(study=study, **study_values))
        row.save()
        changed = ["patient_size_m", "patient_weight_kg"]
    elif changed := _fill_blanks(row, study_values):
        fit_to_fields(row).save(update_fields=changed)
    if {"patient_size_m", "patient_weight_kg"} & set(changed):
        PatientStudy.objects.filter(pk=row.pk).update(**effective_size_update())
    stored.update((name, getattr(row, name)) for name in _PATIENT_STUDY_FIELDS)
    committed_rows.remember_study_on_commit(study.pk, patient_values=stored)


def save_equipment(study: GeneralStudy, equipment: EquipmentHeader, new_study: bool = False) -> GeneralEquipment:
    """The study's General Equipment row (the first object's equipment is kept; treat it as read-only)."""
    if not new_study:
        known = committed_rows.studies.get(study.pk)
        if known is not None and known.equipment is not None:
            return known.equipment
        row = GeneralEquipment.objects.filter(study=study).first()
        if row is not None:
            committed_rows.remember_study_on_commit(study.pk, equipment=row)
            return row
    row = GeneralEquipment(
        study=study,
        unique_equipment_id=unique_equipment_id(equipment),
        manufacturer=equipment.manufacturer,
        institution_name=equipment.institution_name,
        institution_address=equipment.institution_address,
        station_name=equipment.station_name,
        institutional_department_name=equipment.institutional_department_name,
        manufacturer_model_name=equipment.manufacturer_model_name,
        device_serial_number=equipment.device_serial_number,
        software_versions=equipment.software_versions,
        gantry_id=equipment.gantry_id,
        spatial_resolution_mm=equipment.spatial_resolution_mm,
        date_of_last_calibration=aware(equipment.date_of_last_calibration),
    )
    fit_to_fields(row).save()
    committed_rows.remember_study_on_commit(study.pk, equipment=row)
    return row


def is_duplicate(sop_instance_uid: str) -> bool:
    """Whether an object with this SOP Instance UID is already stored (an over-long UID never is)."""
    if len(sop_instance_uid) > 64:
        return False  # cannot be stored; the parse step rejects it with the reason
    return DoseObject.objects.filter(sop_instance_uid=sop_instance_uid).exists()


def create_dose_object(study: GeneralStudy, header: DoseObjectHeader, source_file_name: str = "") -> DoseObject:
    """The DoseObject row; DuplicateObject if the SOP Instance UID is stored (also by a concurrent worker).

    The unique constraint decides (no look-up first). No savepoint: the DuplicateObject raised on a failed insert
    always ends the caller's transaction (which rolls back), so nothing needs to go on after the error.
    """
    row = DoseObject(
        study=study,
        sop_instance_uid=header.sop_instance_uid,
        sop_class_uid=header.sop_class_uid,
        series_instance_uid=header.series_instance_uid,
        content_datetime=aware(header.content_datetime),
        source_file_name=source_file_name[-255:],
    )
    fit_to_fields(row)
    try:
        row.save(force_insert=True)
    except IntegrityError as error:
        raise DuplicateObject(f"SOP Instance UID {header.sop_instance_uid} already imported") from error
    return row


def save_header(header: Header, source_file_name: str = "") -> SavedHeader:
    """Study (locked), patient, equipment and DoseObject for one object; call inside transaction.atomic()."""
    study, created = lock_or_create_study(header.study, header.patient)
    dose_object = create_dose_object(study, header.dose_object, source_file_name)
    save_patient(study, header.patient, new_study=created)
    equipment = save_equipment(study, header.equipment, new_study=created)
    return SavedHeader(study, dose_object, created, equipment.unique_equipment_id)
