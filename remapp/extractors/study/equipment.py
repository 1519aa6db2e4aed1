"""Which X-ray source an object came from: the UniqueEquipment row (one per unit, with its display name)."""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction

from remapp.extractors.study import committed_rows
from remapp.extractors.study.header import EquipmentHeader
from remapp.extractors.study.rows import fit_to_fields
from remapp.models import UniqueEquipment


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
