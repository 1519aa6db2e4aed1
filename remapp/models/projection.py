"""Projection X-ray dose: TID 10001-10007 and the event detail templates TID 10003a-c (DICOM PS3.16).

Used for fluoroscopy (RF), radiography (DX/CR) and mammography (MG), whether from an RDSR or built from
image headers.
"""

from django.db import models

from remapp.models.fields import coded, measurement


class ProjectionXRayRadiationDose(models.Model):
    """Projection X-Ray Radiation Dose (TID 10001): one report (or the image-derived record) of a study."""

    study = models.ForeignKey("remapp.GeneralStudy", on_delete=models.CASCADE, related_name="projection_xray_doses")
    dose_object = models.ForeignKey(
        "remapp.DoseObject", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    procedure_reported = coded()
    has_intent = coded()
    acquisition_device_type = coded()
    start_of_xray_irradiation = models.DateTimeField(null=True, blank=True)
    end_of_xray_irradiation = models.DateTimeField(null=True, blank=True)
    scope_of_accumulation = coded()
    scope_uid = models.CharField(max_length=64, blank=True)
    source_of_dose_information = coded()
    xray_detector_data_available = coded()
    xray_source_data_available = coded()
    xray_mechanical_data_available = coded()
    comment = models.TextField(blank=True)


class AccumulatedXRayDose(models.Model):
    """Accumulated X-Ray Dose (TID 10002): totals for one acquisition plane (single plane, plane A or B)."""

    projection_xray_dose = models.ForeignKey(
        ProjectionXRayRadiationDose, on_delete=models.CASCADE, related_name="accumulated_doses"
    )
    acquisition_plane = coded()


class Calibration(models.Model):
    """Calibration (TID 10002 'Calibration' row): DAP meter or dose calibration of an acquisition plane."""

    accumulated_xray_dose = models.ForeignKey(
        AccumulatedXRayDose, on_delete=models.CASCADE, related_name="calibrations"
    )
    dose_measurement_device = coded()
    calibration_date = models.DateTimeField(null=True, blank=True)
    calibration_factor = measurement("Calibration Factor, ratio")
    calibration_uncertainty_percent = measurement("Calibration Uncertainty, %")
    calibration_responsible_party = models.CharField(max_length=128, blank=True)
    calibration_protocol = models.CharField(max_length=128, blank=True)


class AccumulatedProjectionXRayDose(models.Model):
    """Accumulated Fluoroscopy and Acquisition Projection X-Ray Dose (TID 10004)."""

    accumulated_xray_dose = models.OneToOneField(
        AccumulatedXRayDose, on_delete=models.CASCADE, related_name="projection"
    )
    fluoro_dose_area_product_total_gym2 = measurement("Fluoro Dose Area Product Total, Gy.m2")
    fluoro_dose_rp_total_gy = measurement("Fluoro Dose (RP) Total, Gy")
    total_fluoro_time_s = measurement("Total Fluoro Time, s")
    acquisition_dose_area_product_total_gym2 = measurement("Acquisition Dose Area Product Total, Gy.m2")
    acquisition_dose_rp_total_gy = measurement("Acquisition Dose (RP) Total, Gy")
    total_acquisition_time_s = measurement("Total Acquisition Time, s")
    dose_area_product_total_gym2 = measurement("Dose Area Product Total, Gy.m2")
    dose_rp_total_gy = measurement("Dose (RP) Total, Gy")
    total_number_of_radiographic_frames = models.PositiveIntegerField(null=True, blank=True)
    reference_point_definition = models.CharField(max_length=128, blank=True)
    reference_point_definition_code = coded()
    # Not in TID 10004, but GE OEC and Philips Azurion report it with the accumulated totals.
    distance_source_to_reference_point_mm = measurement("Distance Source to Reference Point, mm")


class AccumulatedMammographyXRayDose(models.Model):
    """Accumulated Mammography X-Ray Dose (TID 10005): accumulated AGD per breast."""

    accumulated_xray_dose = models.ForeignKey(AccumulatedXRayDose, on_delete=models.CASCADE, related_name="mammography")
    accumulated_average_glandular_dose_mgy = measurement("Accumulated Average Glandular Dose, mGy")
    laterality = coded()


class AccumulatedCassetteProjectionDose(models.Model):
    """Accumulated Cassette-based Projection Radiography Dose (TID 10006)."""

    accumulated_xray_dose = models.OneToOneField(AccumulatedXRayDose, on_delete=models.CASCADE, related_name="cassette")
    detector_type = coded()
    total_number_of_radiographic_frames = models.PositiveIntegerField(null=True, blank=True)


class AccumulatedIntegratedProjectionDose(models.Model):
    """Accumulated Integrated Projection Radiography Dose (TID 10007)."""

    accumulated_xray_dose = models.OneToOneField(
        AccumulatedXRayDose, on_delete=models.CASCADE, related_name="integrated"
    )
    dose_area_product_total_gym2 = measurement("Dose Area Product Total, Gy.m2")
    dose_rp_total_gy = measurement("Dose (RP) Total, Gy")
    total_number_of_radiographic_frames = models.PositiveIntegerField(null=True, blank=True)
    reference_point_definition = models.CharField(max_length=128, blank=True)
    reference_point_definition_code = coded()


class IrradiationEventXRayData(models.Model):
    """Irradiation Event X-Ray Data (TID 10003): one exposure, run or image of a projection study."""

    projection_xray_dose = models.ForeignKey(
        ProjectionXRayRadiationDose, on_delete=models.CASCADE, related_name="events"
    )
    # No index of its own: the unique (study, Irradiation Event UID) constraint's index starts with the study.
    study = models.ForeignKey(
        "remapp.GeneralStudy", on_delete=models.CASCADE, related_name="projection_events", db_index=False
    )
    irradiation_event_uid = models.CharField(max_length=64)
    # Irradiation Event Label and its Label Type (e.g. the series or acquisition number the unit shows for the run).
    irradiation_event_label = models.CharField(max_length=64, blank=True)
    irradiation_event_label_type = coded()
    acquisition_plane = coded()
    date_time_started = models.DateTimeField(null=True, blank=True)
    irradiation_event_type = coded()
    acquisition_protocol = models.CharField(max_length=256, blank=True, db_index=True)
    anatomical_structure = coded()
    laterality = coded()
    image_view = coded()
    projection_eponymous_name = coded()
    patient_table_relationship = coded()
    patient_orientation = coded()
    patient_orientation_modifier = coded()
    patient_equivalent_thickness_mm = measurement("Patient Equivalent Thickness, mm")
    target_region = coded()
    dose_area_product_gym2 = measurement("Dose Area Product, Gy.m2")
    half_value_layer_mm = measurement("Half Value Layer, mm")
    entrance_exposure_at_rp_mgy = measurement("Entrance Exposure at RP, mGy")
    reference_point_definition = models.CharField(max_length=128, blank=True)
    reference_point_definition_code = coded()
    breast_composition = models.CharField(max_length=128, blank=True)
    percent_fibroglandular_tissue = measurement("Percent Fibroglandular Tissue, %")
    comment = models.TextField(blank=True)
    # Values read from an image header rather than an RDSR.
    image_type = models.CharField(max_length=128, blank=True)
    presentation_intent = models.CharField(max_length=32, blank=True)
    sequence_number = models.PositiveIntegerField(default=0)
    standard_acquisition_name = models.ForeignKey(
        "remapp.StandardName", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["study_id", "date_time_started", "sequence_number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["study", "irradiation_event_uid"], name="unique_projection_event_per_study")
        ]


class ImageViewModifier(models.Model):
    """Image View Modifier (TID 10003 row 'Image View Modifier'), e.g. mediolateral, cranio-caudal modifiers."""

    irradiation_event = models.ForeignKey(
        IrradiationEventXRayData, on_delete=models.CASCADE, related_name="image_view_modifiers"
    )
    image_view_modifier = coded()


class IrradiationEventXRayDetectorData(models.Model):
    """Irradiation Event X-Ray Detector Data (TID 10003a)."""

    irradiation_event = models.OneToOneField(
        IrradiationEventXRayData, on_delete=models.CASCADE, related_name="detector"
    )
    exposure_index = measurement("Exposure Index")
    target_exposure_index = measurement("Target Exposure Index")
    deviation_index = measurement("Deviation Index")
    # Derived from the deviation index (AAPM TG-116 bands, remapp.physics.deviation_index).
    deviation_index_band = models.CharField(max_length=16, blank=True)
    relative_xray_exposure = measurement("Relative X-Ray Exposure")
    sensitivity = measurement("Sensitivity")
    detector_id = models.CharField(max_length=64, blank=True)
    detector_manufacturer_model_name = models.CharField(max_length=64, blank=True)
    detector_type = models.CharField(max_length=32, blank=True)


class IrradiationEventXRaySourceData(models.Model):
    """Irradiation Event X-Ray Source Data (TID 10003b).

    kVp, tube current, pulse width and exposure may be given once or per pulse: the single columns hold the
    value (the mean when several were given) and the ``*_values`` lists hold every value when there are several.
    """

    irradiation_event = models.OneToOneField(IrradiationEventXRayData, on_delete=models.CASCADE, related_name="source")
    dose_rp_gy = measurement("Dose (RP), Gy")
    reference_point_definition = models.CharField(max_length=128, blank=True)
    average_glandular_dose_mgy = measurement("Average Glandular Dose, mGy")
    fluoro_mode = coded()
    pulse_rate_per_s = measurement("Pulse Rate, pulse/s")
    number_of_pulses = measurement("Number of Pulses")
    derivation = coded()
    irradiation_duration_s = measurement("Irradiation Duration, s")
    average_xray_tube_current_ma = measurement("Average X-Ray Tube Current, mA")
    exposure_time_ms = measurement("Exposure Time, ms")
    focal_spot_size_mm = measurement("Focal Spot Size, mm")
    anode_target_material = coded()
    collimated_field_area_m2 = measurement("Collimated Field Area, m2")
    collimated_field_height_m = measurement("Collimated Field Height, m")
    collimated_field_width_m = measurement("Collimated Field Width, m")
    kvp = measurement("KVP, kV")
    xray_tube_current_ma = measurement("X-Ray Tube Current, mA")
    pulse_width_ms = measurement("Pulse Width, ms")
    exposure_uas = measurement("Exposure, uA.s")
    kvp_values = models.JSONField(null=True, blank=True)
    xray_tube_current_ma_values = models.JSONField(null=True, blank=True)
    pulse_width_ms_values = models.JSONField(null=True, blank=True)
    exposure_uas_values = models.JSONField(null=True, blank=True)
    grid = models.CharField(max_length=128, blank=True)
    # Exposure Control Mode (0018,7060) and its description (0018,7062), from image headers.
    exposure_control_mode = models.CharField(max_length=16, blank=True, help_text="e.g. MANUAL, AUTOMATIC")
    exposure_control_mode_description = models.TextField(blank=True)


class XRayFilters(models.Model):
    """X-Ray Filters (TID 10003b 'X-Ray Filters' row): type, material and thickness of one filter."""

    source_data = models.ForeignKey(IrradiationEventXRaySourceData, on_delete=models.CASCADE, related_name="filters")
    xray_filter_type = coded()
    xray_filter_material = coded()
    xray_filter_thickness_minimum_mm = measurement("X-Ray Filter Thickness Minimum, mm")
    xray_filter_thickness_maximum_mm = measurement("X-Ray Filter Thickness Maximum, mm")


class IrradiationEventXRayMechanicalData(models.Model):
    """Irradiation Event X-Ray Mechanical Data (TID 10003c), including mammography compression."""

    irradiation_event = models.OneToOneField(
        IrradiationEventXRayData, on_delete=models.CASCADE, related_name="mechanical"
    )
    crdr_mechanical_configuration = coded()
    positioner_primary_angle_deg = measurement("Positioner Primary Angle, deg")
    positioner_secondary_angle_deg = measurement("Positioner Secondary Angle, deg")
    positioner_primary_end_angle_deg = measurement("Positioner Primary End Angle, deg")
    positioner_secondary_end_angle_deg = measurement("Positioner Secondary End Angle, deg")
    column_angulation_deg = measurement("Column Angulation, deg")
    table_head_tilt_angle_deg = measurement("Table Head Tilt Angle, deg")
    table_horizontal_rotation_angle_deg = measurement("Table Horizontal Rotation Angle, deg")
    table_cradle_tilt_angle_deg = measurement("Table Cradle Tilt Angle, deg")
    compression_thickness_mm = measurement("Compression Thickness, mm")
    compression_force_n = measurement("Compression Force, N")
    compression_pressure_kpa = measurement("Compression Pressure, kPa")
    compression_contact_area_mm2 = measurement("Compression Contact Area, mm2")
    magnification_factor = measurement("Magnification factor")


class DoseRelatedDistanceMeasurements(models.Model):
    """Dose Related Distance Measurements (TID 10008 within TID 10003c)."""

    mechanical_data = models.OneToOneField(
        IrradiationEventXRayMechanicalData, on_delete=models.CASCADE, related_name="distances"
    )
    distance_source_to_isocenter_mm = measurement("Distance Source to Isocenter, mm")
    distance_source_to_reference_point_mm = measurement("Distance Source to Reference Point, mm")
    distance_source_to_detector_mm = measurement("Distance Source to Detector, mm")
    table_longitudinal_position_mm = measurement("Table Longitudinal Position, mm")
    table_lateral_position_mm = measurement("Table Lateral Position, mm")
    table_height_position_mm = measurement("Table Height Position, mm")
    distance_source_to_table_plane_mm = measurement("Distance Source to Table Plane, mm")
    table_longitudinal_end_position_mm = measurement("Table Longitudinal End Position, mm")
    table_lateral_end_position_mm = measurement("Table Lateral End Position, mm")
    table_height_end_position_mm = measurement("Table Height End Position, mm")
    distance_source_to_entrance_surface_mm = measurement("Distance Source to Entrance Surface, mm")
