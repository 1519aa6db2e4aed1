"""CT dose: CT Radiation Dose SR templates TID 10011-10015 (DICOM PS3.16)."""

from django.db import models

from remapp.models.fields import coded, measurement


class CtRadiationDose(models.Model):
    """CT Radiation Dose (TID 10011): one dose report, or the dose screen / images, of a CT study."""

    study = models.ForeignKey("remapp.GeneralStudy", on_delete=models.CASCADE, related_name="ct_radiation_doses")
    dose_object = models.ForeignKey(
        "remapp.DoseObject", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    procedure_reported = coded()
    has_intent = coded()
    start_of_xray_irradiation = models.DateTimeField(null=True, blank=True)
    end_of_xray_irradiation = models.DateTimeField(null=True, blank=True)
    scope_of_accumulation = coded()
    scope_uid = models.CharField(max_length=64, blank=True)
    source_of_dose_information = coded()
    comment = models.TextField(blank=True)


class CtAccumulatedDose(models.Model):
    """CT Accumulated Dose Data (TID 10012)."""

    ct_radiation_dose = models.OneToOneField(CtRadiationDose, on_delete=models.CASCADE, related_name="accumulated")
    total_number_of_irradiation_events = models.PositiveIntegerField(null=True, blank=True)
    ct_dose_length_product_total_mgycm = measurement("CT Dose Length Product Total, mGy.cm")
    ct_effective_dose_total_msv = measurement("CT Effective Dose Total, mSv")
    reference_authority = models.CharField(max_length=128, blank=True)
    comment = models.TextField(blank=True)


class CtIrradiationEvent(models.Model):
    """CT Irradiation Event Data (TID 10013): one acquisition of a CT study.

    ``study`` is repeated here (it is also reachable through the report) so that one Irradiation Event UID
    is kept once per study however many reports carry it.
    """

    ct_radiation_dose = models.ForeignKey(CtRadiationDose, on_delete=models.CASCADE, related_name="events")
    # No index of its own: the unique (study, Irradiation Event UID) constraint's index starts with the study.
    study = models.ForeignKey("remapp.GeneralStudy", on_delete=models.CASCADE, related_name="ct_events", db_index=False)
    irradiation_event_uid = models.CharField(max_length=64)
    # Irradiation Event Label and its Label Type (e.g. the series or acquisition number the unit shows for the run).
    irradiation_event_label = models.CharField(max_length=64, blank=True)
    irradiation_event_label_type = coded()
    acquisition_protocol = models.CharField(max_length=256, blank=True, db_index=True)
    target_region = coded()
    ct_acquisition_type = coded()
    procedure_context = coded()
    date_time_started = models.DateTimeField(null=True, blank=True)
    series_description = models.CharField(max_length=128, blank=True)
    exposure_time_s = measurement("Exposure Time, s")
    scanning_length_mm = measurement("Scanning Length, mm")
    length_of_reconstructable_volume_mm = measurement("Length of Reconstructable Volume, mm")
    exposed_range_mm = measurement("Exposed Range, mm")
    top_z_location_of_reconstructable_volume_mm = measurement("Top Z Location of Reconstructable Volume, mm")
    bottom_z_location_of_reconstructable_volume_mm = measurement("Bottom Z Location of Reconstructable Volume, mm")
    top_z_location_of_scanning_length_mm = measurement("Top Z Location of Scanning Length, mm")
    bottom_z_location_of_scanning_length_mm = measurement("Bottom Z Location of Scanning Length, mm")
    frame_of_reference_uid = models.CharField(max_length=64, blank=True)
    nominal_single_collimation_width_mm = measurement("Nominal Single Collimation Width, mm")
    nominal_total_collimation_width_mm = measurement("Nominal Total Collimation Width, mm")
    pitch_factor = measurement("Pitch Factor, ratio")
    number_of_xray_sources = models.PositiveSmallIntegerField(null=True, blank=True)
    mean_ctdivol_mgy = measurement("Mean CTDIvol, mGy")
    ctdiw_phantom_type = coded()
    ctdifreeair_calculation_factor = measurement("CTDIfreeair Calculation Factor, mGy/mAs")
    mean_ctdifreeair_mgy = measurement("Mean CTDIfreeair, mGy")
    dlp_mgycm = measurement("DLP, mGy.cm")
    effective_dose_msv = measurement("Effective Dose, mSv")
    effective_dose_measurement_method = coded()
    effective_dose_conversion_factor = measurement("Effective Dose Conversion Factor, mSv/mGy.cm")
    size_specific_dose_estimate_mgy = measurement("Size Specific Dose Estimation, mGy")
    water_equivalent_diameter_mm = measurement("Water Equivalent Diameter, mm")
    # --- derived (remapp.analysis.indicators from remapp.physics); the reported values above are kept as they are
    computed_effective_dose_msv = measurement("Effective dose computed as DLP x k, mSv")
    computed_effective_dose_method = models.CharField(max_length=255, blank=True)
    computed_effective_dose_reason = models.CharField(max_length=255, blank=True, help_text="Why there is no value")
    ssde_mgy = measurement("SSDE: the reported value, else computed from the water-equivalent diameter, mGy")
    ssde_method = models.CharField(max_length=255, blank=True)
    ssde_reason = models.CharField(max_length=255, blank=True, help_text="Why there is no value")
    standard_acquisition_name = models.ForeignKey(
        "remapp.StandardName", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    xray_modulation_type = models.CharField(max_length=64, blank=True)
    comment = models.TextField(blank=True)
    # Position of the event within its report, to list events in acquisition order.
    sequence_number = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["study_id", "date_time_started", "sequence_number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["study", "irradiation_event_uid"], name="unique_ct_event_per_study")
        ]


class CtXRaySourceParameters(models.Model):
    """CT X-Ray Source Parameters (TID 10013 row 'CT X-Ray Source Parameters'), one per source (A, B)."""

    ct_irradiation_event = models.ForeignKey(CtIrradiationEvent, on_delete=models.CASCADE, related_name="sources")
    identification_of_xray_source = models.CharField(max_length=32, blank=True)
    kvp = measurement("KVP, kV")
    maximum_xray_tube_current_ma = measurement("Maximum X-Ray Tube Current, mA")
    xray_tube_current_ma = measurement("X-Ray Tube Current, mA")
    exposure_time_per_rotation_s = measurement("Exposure Time per Rotation, s")
    xray_filter_aluminum_equivalent_mm = measurement("X-Ray Filter Aluminum Equivalent, mm")

    class Meta:
        ordering = ["ct_irradiation_event_id", "identification_of_xray_source", "id"]


class CtDoseCheck(models.Model):
    """CT Dose Check Details (TID 10015, NEMA XR 25): alerts and notifications configured or exceeded."""

    ct_irradiation_event = models.OneToOneField(CtIrradiationEvent, on_delete=models.CASCADE, related_name="dose_check")
    dlp_alert_value_configured = models.BooleanField(null=True, blank=True)
    ctdivol_alert_value_configured = models.BooleanField(null=True, blank=True)
    dlp_alert_value_mgycm = measurement("DLP Alert Value, mGy.cm")
    ctdivol_alert_value_mgy = measurement("CTDIvol Alert Value, mGy")
    accumulated_dlp_forward_estimate_mgycm = measurement("Accumulated DLP Forward Estimate, mGy.cm")
    accumulated_ctdivol_forward_estimate_mgy = measurement("Accumulated CTDIvol Forward Estimate, mGy")
    alert_reason_for_proceeding = models.TextField(blank=True)
    alert_person_role_in_procedure = models.CharField(max_length=128, blank=True)
    dlp_notification_value_configured = models.BooleanField(null=True, blank=True)
    ctdivol_notification_value_configured = models.BooleanField(null=True, blank=True)
    dlp_notification_value_mgycm = measurement("DLP Notification Value, mGy.cm")
    ctdivol_notification_value_mgy = measurement("CTDIvol Notification Value, mGy")
    dlp_forward_estimate_mgycm = measurement("DLP Forward Estimate, mGy.cm")
    ctdivol_forward_estimate_mgy = measurement("CTDIvol Forward Estimate, mGy")
    notification_reason_for_proceeding = models.TextField(blank=True)
    notification_person_role_in_procedure = models.CharField(max_length=128, blank=True)
