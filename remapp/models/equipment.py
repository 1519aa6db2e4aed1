"""Equipment: the General Equipment module per study and the table of unique sources with display names."""

from django.db import models


class UniqueEquipment(models.Model):
    """One X-ray source (a physical unit) as users know it, with a display name.

    Several studies share a row; the display name is what lists, filters and exports show and admins may edit.
    A unit is recognised by its identity keys (UniqueEquipmentKey): its serial number, its device observer UID and
    its station identity, so a software upgrade or the same unit sending both reports and images stays one unit.
    The descriptive fields are those of the first object seen; each study keeps its own General Equipment row
    (with the software version it was made with), which is the unit's software history.
    """

    manufacturer = models.CharField(max_length=64, blank=True)
    institution_name = models.CharField(max_length=64, blank=True)
    station_name = models.CharField(max_length=64, blank=True)
    institutional_department_name = models.CharField(max_length=64, blank=True)
    manufacturer_model_name = models.CharField(max_length=64, blank=True)
    device_serial_number = models.CharField(max_length=64, blank=True)
    software_versions = models.CharField(max_length=128, blank=True)
    device_observer_uid = models.CharField(max_length=64, blank=True)
    display_name = models.CharField(max_length=64, db_index=True)
    # Which modality lists this source appears under; the same unit may send DX and RF reports.
    user_defined_modality = models.CharField(max_length=16, blank=True)
    # Fingerprint of the identity key the row was created for, so concurrent importers agree on one row.
    identity_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name_plural = "unique equipment"

    def __str__(self) -> str:
        return self.display_name


class UniqueEquipmentKey(models.Model):
    """One way a unit is recognised: 'serial' (manufacturer, model, serial number), 'observer' (device observer UID)
    or 'station' (manufacturer, model, station, institution, department); each key belongs to one unit."""

    unique_equipment = models.ForeignKey(UniqueEquipment, on_delete=models.CASCADE, related_name="keys")
    kind = models.CharField(max_length=16)
    value = models.CharField(max_length=400)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="unique_equipment_key")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class GeneralEquipment(models.Model):
    """General Equipment module (PS3.3 C.7.5.1) as recorded in one study's dose object."""

    study = models.OneToOneField("remapp.GeneralStudy", on_delete=models.CASCADE, related_name="equipment")
    unique_equipment = models.ForeignKey(UniqueEquipment, on_delete=models.PROTECT, related_name="+")
    manufacturer = models.CharField(max_length=64, blank=True)
    institution_name = models.CharField(max_length=64, blank=True)
    institution_address = models.TextField(blank=True)
    station_name = models.CharField(max_length=64, blank=True)
    institutional_department_name = models.CharField(max_length=64, blank=True)
    manufacturer_model_name = models.CharField(max_length=64, blank=True)
    device_serial_number = models.CharField(max_length=64, blank=True)
    software_versions = models.CharField(max_length=128, blank=True)
    gantry_id = models.CharField(max_length=64, blank=True)
    spatial_resolution_mm = models.DecimalField(max_digits=16, decimal_places=8, null=True, blank=True)
    date_of_last_calibration = models.DateTimeField(null=True, blank=True)
