"""One physical unit stays one UniqueEquipment: software upgrades, reports and images, placeholder serials."""

import pytest

from remapp.extractors.router import import_dataset
from remapp.extractors.study.equipment import identity_keys, real_serial
from remapp.extractors.study.header import EquipmentHeader
from remapp.models import GeneralEquipment, GeneralStudy, UniqueEquipment
from remapp.synthetic import ct_rdsr, dx_image, dx_rdsr

pytestmark = pytest.mark.django_db

ROOM = {"manufacturer": "Acme", "manufacturer_model_name": "Rad 5", "station_name": "XR1", "institution_name": "City"}


def _import(dataset, name="object.dcm"):
    outcome = import_dataset(dataset, name)
    assert outcome.status == "imported", outcome.reason
    return GeneralStudy.objects.get(pk=outcome.study_id)


def test_a_software_upgrade_keeps_one_unit_and_its_version_history():
    before = _import(ct_rdsr(seed=1, device_serial_number="SN-4411", software_versions="VA40", **ROOM))
    after = _import(ct_rdsr(seed=2, device_serial_number="SN-4411", software_versions="VB10", **ROOM))

    assert UniqueEquipment.objects.count() == 1
    assert before.station_id == after.station_id
    versions = GeneralEquipment.objects.order_by("study__pk").values_list("software_versions", flat=True)
    assert list(versions) == ["VA40", "VB10"]


def test_a_unit_sending_dose_reports_and_images_is_one_unit():
    report = _import(dx_rdsr(seed=3, device_serial_number="DR-889", **ROOM))
    image = _import(dx_image(seed=4, device_serial_number="DR-889", **ROOM))

    assert UniqueEquipment.objects.count() == 1
    assert report.station_id == image.station_id


def test_images_first_then_a_report_with_an_observer_uid_is_still_one_unit():
    image = _import(dx_image(seed=5, device_serial_number="", **ROOM))
    report = _import(dx_rdsr(seed=6, device_serial_number="", **ROOM))

    assert image.station_id == report.station_id
    kinds = set(UniqueEquipment.objects.get().keys.values_list("kind", flat=True))
    assert kinds == {"station", "observer"}


def test_two_rooms_sharing_a_station_name_but_not_a_serial_number_are_two_units():
    first = _import(dx_image(seed=7, device_serial_number="A-100", **ROOM))
    second = _import(dx_image(seed=8, device_serial_number="B-200", **ROOM))

    assert first.station_id != second.station_id


def test_a_placeholder_serial_number_does_not_join_two_rooms():
    first = _import(dx_image(seed=9, device_serial_number="0", **{**ROOM, "station_name": "XR1"}))
    second = _import(dx_image(seed=10, device_serial_number="0", **{**ROOM, "station_name": "XR2"}))

    assert first.station_id != second.station_id
    assert not real_serial("0000") and not real_serial("UNKNOWN") and not real_serial("1")
    assert real_serial("SN-4411")


def test_identity_keys_ignore_case_spacing_and_software_version():
    upper = EquipmentHeader(manufacturer="ACME ", manufacturer_model_name="Rad  5", device_serial_number="sn1")
    lower = EquipmentHeader(manufacturer="acme", manufacturer_model_name="rad 5", device_serial_number="SN1")
    lower.software_versions = "VB10"

    assert identity_keys(upper) == identity_keys(lower)
    assert [kind for kind, _ in identity_keys(upper)] == ["serial", "station"]


def test_the_upgrade_migration_merges_units_the_old_fingerprint_split():
    import importlib

    from django.apps import apps

    from remapp.models import UniqueEquipmentKey

    migration = importlib.import_module("remapp.migrations.0011_equipment_identity_keys")
    old = _import(ct_rdsr(seed=11, device_serial_number="SN-77", software_versions="VA40", **ROOM))
    new = _import(ct_rdsr(seed=12, device_serial_number="SN-77", software_versions="VB10", **ROOM))
    other = _import(ct_rdsr(seed=13, device_serial_number="SN-78", **ROOM))
    # As an install before the keys existed: one row per fingerprint (here, per software version).
    split = UniqueEquipment.objects.create(
        display_name="XR1 after upgrade", identity_hash="old-fingerprint", device_serial_number="SN-77", **ROOM
    )
    GeneralStudy.objects.filter(pk=new.pk).update(station=split)
    GeneralEquipment.objects.filter(study=new).update(unique_equipment=split)
    UniqueEquipmentKey.objects.all().delete()

    migration.key_units(apps, None)

    assert UniqueEquipment.objects.filter(pk=split.pk).count() == 0
    assert set(GeneralStudy.objects.values_list("station_id", flat=True)) == {old.station_id, other.station_id}
    assert GeneralStudy.objects.get(pk=new.pk).station_id == old.station_id
    assert GeneralEquipment.objects.get(study=new).unique_equipment_id == old.station_id
