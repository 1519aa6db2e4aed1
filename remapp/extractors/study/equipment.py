"""Which X-ray unit an object came from: the UniqueEquipment row (one per physical unit, with its display name).

A unit is recognised by identity keys, strongest first (``identity_keys``):

1. ``observer``: the device observer UID of a dose report's observer context (the standard's identifier of the
   device), when given;
2. ``serial``: manufacturer, model and device serial number, when the object gives a real serial number (not a
   placeholder such as "0", "1" or "UNKNOWN", which several units of one model may share);
3. ``station``: manufacturer, model, station name, institution and department (always).

Software versions are not part of the identity: an upgraded unit stays the same unit, and each study's General
Equipment row keeps the version it was made with. The strongest key of an object that is already known names its
unit, except that a unit with another real serial number is never matched through a weaker key (two rooms may
share a station name). A new unit gets every key of the object that no other unit holds yet, and a known unit
gains the keys it lacked, so a unit that sends dose reports (with an observer UID) and images (without) stays
one unit. Keys are compared without regard to letter case or surrounding spaces.
"""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction
from django.db.models import Q

from remapp.extractors.study import committed_rows
from remapp.extractors.study.header import EquipmentHeader
from remapp.extractors.study.rows import fit_to_fields
from remapp.models import UniqueEquipment, UniqueEquipmentKey

KEY_LENGTH = 400  # UniqueEquipmentKey.value


def _part(text: str) -> str:
    return " ".join(text.split()).upper()


PLACEHOLDER_SERIALS = frozenset({"UNKNOWN", "NONE", "N/A", "NA", "-", "SN", "SERIAL", "NULL"})


def real_serial(serial: str) -> bool:
    """Whether a device serial number can tell one unit from another (not empty, one character, zeros, ...)."""
    text = _part(serial)
    return len(text) > 1 and text.strip("0") != "" and text not in PLACEHOLDER_SERIALS


def identity_keys(equipment: EquipmentHeader) -> list[tuple[str, str]]:
    """The keys that recognise this object's unit, strongest first (see the module docstring)."""
    make_model = [_part(equipment.manufacturer), _part(equipment.manufacturer_model_name)]
    keys = []
    if equipment.device_observer_uid.strip():
        keys.append(("observer", equipment.device_observer_uid.strip()))
    if real_serial(equipment.device_serial_number):
        keys.append(("serial", "|".join([*make_model, _part(equipment.device_serial_number)])))
    station = [
        _part(equipment.station_name),
        _part(equipment.institution_name),
        _part(equipment.institutional_department_name),
    ]
    keys.append(("station", "|".join([*make_model, *station])))
    return [(kind, value[:KEY_LENGTH]) for kind, value in keys]


def _fingerprint(key: tuple[str, str]) -> str:
    return hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()


def unique_equipment_id(equipment: EquipmentHeader) -> int:
    """The id of the UniqueEquipment row for this object's unit, cached per process once its row is committed."""
    keys = identity_keys(equipment)
    cache_key = "\x1e".join("\x1f".join(key) for key in keys)
    found = committed_rows.equipment_ids.get(cache_key)
    if found is None:
        found = unique_equipment(equipment).pk
        transaction.on_commit(lambda: committed_rows.equipment_ids.__setitem__(cache_key, found))
    return found


def _known_unit(keys: list[tuple[str, str]]) -> tuple[int | None, set[tuple[str, str]]]:
    """(the unit of the strongest known key that does not contradict the object's serial, or None; keys held)."""
    wanted = Q()
    for kind, value in keys:
        wanted |= Q(kind=kind, value=value)
    rows = UniqueEquipmentKey.objects.filter(wanted).values_list("kind", "value", "unique_equipment_id")
    owners = {(kind, value): unit for kind, value, unit in rows}
    serial = next((key for key in keys if key[0] == "serial"), None)
    for key in keys:
        unit = owners.get(key)
        if unit is None:
            continue
        if serial is None or key[0] == "serial" or not _other_serial(unit, serial[1]):
            return unit, set(owners)
    return None, set(owners)


def _other_serial(unit_id: int, serial: str) -> bool:
    """Whether the unit is known by a real serial number other than ``serial``."""
    return UniqueEquipmentKey.objects.filter(unique_equipment_id=unit_id, kind="serial").exclude(value=serial).exists()


def _add_keys(unit_id: int, keys: list[tuple[str, str]]) -> None:
    """Give the unit the keys no unit holds yet (a key held by another unit stays with it)."""
    for kind, value in keys:
        try:
            with transaction.atomic():
                UniqueEquipmentKey.objects.create(unique_equipment_id=unit_id, kind=kind, value=value)
        except IntegrityError:  # taken meanwhile by a concurrent import
            pass


def unique_equipment(equipment: EquipmentHeader) -> UniqueEquipment:
    """The UniqueEquipment row for this object's unit, created with a default display name if it is new."""
    keys = identity_keys(equipment)
    unit_id, held = _known_unit(keys)
    if unit_id is not None:
        missing = [key for key in keys if key not in held]
        if missing:
            _add_keys(unit_id, missing)
        return UniqueEquipment.objects.get(pk=unit_id)
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
        identity_hash=_fingerprint(keys[0]),
    )
    fit_to_fields(row)
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:  # a concurrent import created this unit first
        row = UniqueEquipment.objects.get(identity_hash=_fingerprint(keys[0]))
    _add_keys(row.pk, keys)
    return row
