"""Equipment: the General Equipment module per study and the table of unique sources with display names."""

from django.db import models


class UniqueEquipment(models.Model):
    """One X-ray source as users know it: the distinct General Equipment module values, with a display name.

    Several studies share a row; the display name is what lists, filters and exports show and admins may edit.
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
    # Fingerprint of the identifying fields above, so concurrent importers agree on one row.
    identity_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name_plural = "unique equipment"

    def __str__(self) -> str:
        return self.display_name


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
