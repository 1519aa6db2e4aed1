"""Shared by every extractor: header modules parsed into dataclasses, and the save helpers.

Public API (stable; the RDSR, projection and image extractors depend on it):

Parsing (no database; reads the site settings only; defined in ``remapp.extractors.header``):
    ``parse_header(dataset) -> Header`` with ``.study`` (General Study), ``.patient`` (Patient Study and Patient
    without names: ID and birth date only as the site settings say, test-patient indicator), ``.equipment``
    (General Equipment) and ``.dose_object`` (SOP Common / series identifiers).
    ``test_patient_indicator(name, patient_id) -> str``: the configured word found, or ''.
    ``checked_uid(value, name) -> str``: ExtractionError naming the field for a UID over 64 characters (never
    clipped: clipping could merge two studies or events); parse_header checks the study, series and SOP UIDs.

Saving (call inside ONE ``transaction.atomic()``; an exception rolls the whole file back):
    ``save_header(header, source_file_name) -> tuple[GeneralStudy, DoseObject]``: the study locked (created if
    new), patient, equipment and the DoseObject; raises ``DuplicateObject`` for a SOP Instance UID already stored.
    The parts: ``lock_or_create_study``, ``save_patient``, ``unique_equipment`` (``unique_equipment_id``: cached
    per process for committed rows), ``save_equipment``, ``create_dose_object``. A later object of a study whose
    patient and equipment rows are known (committed, per process) and that brings no value they lack writes and
    reads nothing for them. ``is_duplicate(sop_instance_uid)`` is the cheap check before parsing.
    ``coded_concept(code) -> CodedConcept | None``: cached per process (only rows known to be committed).
    ``aware(datetime)``: a DICOM (site-local) datetime made time-zone aware.
    ``fit_to_fields(instance)``: strings clipped to their column, decimals that cannot fit dropped (logged).
    ``retry_transient(save)``: run a save (with its own transaction.atomic) again after a deadlock / lock timeout.
    ``refresh_study_summary(study, modality=None)`` (in ``remapp.extractors.summary``, re-exported here).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import random
import time
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from django.db import IntegrityError, OperationalError, models, transaction
from django.db.models.signals import post_migrate
from django.utils import timezone
from pydicom.sr.coding import Code

from remapp.extractors import ExtractionError, committed_rows
from remapp.extractors.header import (
    DoseObjectHeader,
    EquipmentHeader,
    Header,
    PatientHeader,
    StudyHeader,
    checked_uid,
    parse_header,
    test_patient_indicator,
)
from remapp.extractors.prepared_query import PreparedQuery
from remapp.extractors.summary import refresh_study_summary
from remapp.models import (
    CodedConcept,
    DoseObject,
    GeneralEquipment,
    GeneralStudy,
    Patient,
    PatientStudy,
    UniqueEquipment,
)

logger = logging.getLogger(__name__)
T = TypeVar("T")

__all__ = [
    "DoseObjectHeader",
    "DuplicateObject",
    "EquipmentHeader",
    "Header",
    "PatientHeader",
    "StudyHeader",
    "aware",
    "checked_uid",
    "coded_concept",
    "create_dose_object",
    "fit_to_fields",
    "is_duplicate",
    "lock_or_create_study",
    "parse_header",
    "refresh_study_summary",
    "retry_transient",
    "save_equipment",
    "save_header",
    "save_patient",
    "test_patient_indicator",
    "unique_equipment",
    "unique_equipment_id",
]


class DuplicateObject(ExtractionError):
    """The SOP Instance UID is already stored: the file is skipped and reported as a duplicate."""


# --- small save helpers --------------------------------------------------------------------------------------


def aware(value: dt.datetime | None) -> dt.datetime | None:
    """A DICOM datetime (site-local unless it carried an offset) as an aware datetime."""
    if value is None or timezone.is_aware(value):
        return value
    try:
        return timezone.make_aware(value)
    except (ValueError, OverflowError):
        return None


_field_cache: dict[type, list[models.Field]] = {}


def _checked_fields(model: type[models.Model]) -> list[models.Field]:
    fields = _field_cache.get(model)
    if fields is None:
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.DecimalField)
        ]
        _field_cache[model] = fields
    return fields


def fit_to_fields(instance: models.Model) -> models.Model:
    """Clip strings to their column (and drop NULs); a decimal too large for its column becomes None (logged)."""
    for f in _checked_fields(type(instance)):
        value = getattr(instance, f.attname)
        if value is None:
            continue
        if isinstance(f, models.DecimalField):
            limit = Decimal(10) ** (f.max_digits - f.decimal_places)
            try:
                ok = isinstance(value, Decimal) and value.is_finite() and abs(value) < limit
            except InvalidOperation:
                ok = False
            if not ok:
                logger.warning("%s.%s: %r does not fit the column; not stored", type(instance).__name__, f.name, value)
                setattr(instance, f.attname, None)
        elif isinstance(value, str):
            if "\x00" in value:
                value = value.replace("\x00", "")
            if f.max_length and len(value) > f.max_length:
                value = value[: f.max_length]
            setattr(instance, f.attname, value)
    return instance


def _code_triplet(code: Code) -> tuple[str, str, str]:
    return code.value[:64], code.scheme_designator[:32], code.meaning[:128].replace("\x00", "")


def coded_concept(code: Code | None, memo: dict | None = None) -> CodedConcept | None:
    """The CodedConcept row for ``code`` (created on first use), cached per process; treat it as read-only.

    ``memo``: an optional dict the caller keeps for one import (one transaction), so codes first seen in
    this still-uncommitted transaction are looked up once.
    """
    if code is None or not code.value:
        return None
    key = _code_triplet(code)
    row = committed_rows.codes.get(key)
    if row is None and memo is not None:
        row = memo.get(key)
    if row is None:
        row, _ = CodedConcept.objects.get_or_create(
            code_value=key[0], coding_scheme_designator=key[1], code_meaning=key[2]
        )
        if memo is not None:
            memo[key] = row
        transaction.on_commit(lambda: committed_rows.codes.__setitem__(key, row))
    return row


def clear_caches(**_kwargs: object) -> None:
    """Forget cached rows (after the tables were flushed, e.g. between transactional tests)."""
    committed_rows.clear()


post_migrate.connect(clear_caches, dispatch_uid="remapp.extractors.common.clear_caches")


# --- study, patient, equipment, dose object --------------------------------------------------------------


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


# Compiled once per process (it runs for every object imported); unique column, so no ordering is needed.
_LOCKED_STUDY = PreparedQuery(
    lambda uid: GeneralStudy.objects.select_for_update().filter(study_instance_uid=uid)[:1], sentinel="\x00uid"
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
    row = _LOCKED_STUDY.first_instance(uid)
    created = False
    if row is None:
        row = GeneralStudy(
            study_instance_uid=uid,
            test_patient=bool(patient.test_patient_indicator),
            test_patient_indicator=patient.test_patient_indicator,
            **_study_values(study),
        )
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
    if patient.test_patient_indicator and not row.test_patient:
        row.test_patient, row.test_patient_indicator = True, patient.test_patient_indicator
        changed += ["test_patient", "test_patient_indicator"]
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
    if row is None:
        row = fit_to_fields(Patient(study=study, patient_id_is_hashed=patient.patient_id_is_hashed, **values))
        row.save()
    elif changed := _fill_blanks(row, values):
        fit_to_fields(row).save(update_fields=changed)
    stored.update((name, getattr(row, name)) for name in _PATIENT_FIELDS)
    row = None if new_study else PatientStudy.objects.filter(study=study).first()
    if row is None:
        row = fit_to_fields(PatientStudy(study=study, **study_values))
        row.save()
    elif changed := _fill_blanks(row, study_values):
        fit_to_fields(row).save(update_fields=changed)
    stored.update((name, getattr(row, name)) for name in _PATIENT_STUDY_FIELDS)
    committed_rows.remember_study_on_commit(study.pk, patient_values=stored)


def _identity_hash(equipment: EquipmentHeader) -> str:
    return hashlib.sha256("\x1f".join(equipment.identity()).encode("utf-8")).hexdigest()


def unique_equipment_id(equipment: EquipmentHeader) -> int:
    """The id of the UniqueEquipment row for this source, cached per process once its row is committed."""
    identity_hash = _identity_hash(equipment)
    found = committed_rows.equipment_ids.get(identity_hash)
    if found is None:
        found = unique_equipment(equipment).pk
        transaction.on_commit(lambda: committed_rows.equipment_ids.__setitem__(identity_hash, found))
    return found


def unique_equipment(equipment: EquipmentHeader) -> UniqueEquipment:
    """The UniqueEquipment row for this source (by identity hash), created with a default display name."""
    identity_hash = _identity_hash(equipment)
    row = UniqueEquipment.objects.filter(identity_hash=identity_hash).first()
    if row is not None:
        return row
    row = UniqueEquipment(
        manufacturer=equipment.manufacturer,
        institution_name=equipment.institution_name,
        station_name=equipment.station_name,
        institutional_department_name=equipment.institutional_department_name,
        manufacturer_model_name=equipment.manufacturer_model_name,
        device_serial_number=equipment.device_serial_number,
        software_versions=equipment.software_versions,
        device_observer_uid=equipment.device_observer_uid,
        display_name=equipment.display_name(),
        identity_hash=identity_hash,
    )
    fit_to_fields(row)
    try:
        with transaction.atomic():
            row.save(force_insert=True)
        return row
    except IntegrityError:  # another worker created it first
        return UniqueEquipment.objects.get(identity_hash=identity_hash)


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


TRANSIENT_ERRORS = ("deadlock detected", "could not serialize", "database is locked")


def retry_transient(save: Callable[[], T], attempts: int = 4) -> T:
    """Run ``save`` (which opens its own transaction) again after a deadlock or lock timeout (or, once, stale caches).

    Two imports of different studies may create the same new coded concepts in different orders;
    PostgreSQL then aborts one of them with a deadlock, which is safe to run again from the start.
    Inside an outer transaction nothing can be retried, so the error is raised.
    """
    for attempt in range(1, attempts + 1):
        try:
            return save()
        except IntegrityError as error:
            # A row a per-process cache pointed at was deleted by someone else (e.g. a UniqueEquipment removed
            # by an administrator): forget the caches and run once more, looking everything up afresh.
            stale = "foreign key" in str(error).lower() and attempt == 1
            if not stale or transaction.get_connection().in_atomic_block:
                raise
            logger.info("Retrying with fresh caches after %s", error)
            clear_caches()
        except OperationalError as error:
            transient = any(text in str(error).lower() for text in TRANSIENT_ERRORS)
            if not transient or attempt == attempts or transaction.get_connection().in_atomic_block:
                raise
            logger.info("Retrying after a transient database error (%s)", error)
            time.sleep(random.uniform(0.01, 0.1) * attempt)
    raise AssertionError("unreachable")


def save_header(header: Header, source_file_name: str = "") -> tuple[GeneralStudy, DoseObject]:
    """Study (locked), patient, equipment and DoseObject for one object; call inside transaction.atomic().

    The returned study carries ``is_new`` (a plain attribute, not a column): True when this object created
    it, so callers can skip look-ups for rows that cannot exist yet; and ``new_station_id``.
    """
    study, created = lock_or_create_study(header.study, header.patient)
    study.is_new = created
    dose_object = create_dose_object(study, header.dose_object, source_file_name)
    save_patient(study, header.patient, new_study=created)
    study.new_station_id = save_equipment(study, header.equipment, new_study=created).unique_equipment_id
    return study, dose_object
