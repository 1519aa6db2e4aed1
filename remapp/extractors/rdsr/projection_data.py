"""Plain dataclasses for a parsed Projection X-Ray Radiation Dose report (TID 10001 and its sub-templates).

Field names are those of ``remapp.models.projection`` so saving is a straight copy; numbers are already in the
unit the field name states. Observers and participants are the shared ``context.Context``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from pydicom.sr.coding import Code

from remapp.extractors.rdsr.context import Context


@dataclass
class CalibrationData:
    """One 'Calibration' row of TID 10002."""

    dose_measurement_device: Code | None = None
    calibration_date: datetime | None = None
    calibration_factor: Decimal | None = None
    calibration_uncertainty_percent: Decimal | None = None
    calibration_responsible_party: str = ""
    calibration_protocol: str = ""


@dataclass
class ProjectionTotalsData:
    """Accumulated Fluoroscopy and Acquisition Projection X-Ray Dose (TID 10004)."""

    fluoro_dose_area_product_total_gym2: Decimal | None = None
    fluoro_dose_rp_total_gy: Decimal | None = None
    total_fluoro_time_s: Decimal | None = None
    acquisition_dose_area_product_total_gym2: Decimal | None = None
    acquisition_dose_rp_total_gy: Decimal | None = None
    total_acquisition_time_s: Decimal | None = None
    dose_area_product_total_gym2: Decimal | None = None
    dose_rp_total_gy: Decimal | None = None
    total_number_of_radiographic_frames: int | None = None
    reference_point_definition: str = ""
    reference_point_definition_code: Code | None = None
    distance_source_to_reference_point_mm: Decimal | None = None


@dataclass
class MammographyTotalData:
    """Accumulated Mammography X-Ray Dose (TID 10005): accumulated AGD of one breast."""

    accumulated_average_glandular_dose_mgy: Decimal | None = None
    laterality: Code | None = None


@dataclass
class CassetteTotalsData:
    """Accumulated Cassette-based Projection Radiography Dose (TID 10006)."""

    detector_type: Code | None = None
    total_number_of_radiographic_frames: int | None = None


@dataclass
class IntegratedTotalsData:
    """Accumulated Integrated Projection Radiography Dose (TID 10007)."""

    dose_area_product_total_gym2: Decimal | None = None
    dose_rp_total_gy: Decimal | None = None
    total_number_of_radiographic_frames: int | None = None
    reference_point_definition: str = ""
    reference_point_definition_code: Code | None = None


@dataclass
class AccumulatedDoseData:
    """Accumulated X-Ray Dose (TID 10002) of one acquisition plane, with the sub-template that applies."""

    acquisition_plane: Code | None = None
    calibrations: list[CalibrationData] = field(default_factory=list)
    projection: ProjectionTotalsData | None = None
    mammography: list[MammographyTotalData] = field(default_factory=list)
    cassette: CassetteTotalsData | None = None
    integrated: IntegratedTotalsData | None = None


@dataclass
class FilterData:
    """One 'X-Ray Filters' container of TID 10003b."""

    xray_filter_type: Code | None = None
    xray_filter_material: Code | None = None
    xray_filter_thickness_minimum_mm: Decimal | None = None
    xray_filter_thickness_maximum_mm: Decimal | None = None


@dataclass
class DetectorData:
    """Irradiation Event X-Ray Detector Data (TID 10003a)."""

    exposure_index: Decimal | None = None
    target_exposure_index: Decimal | None = None
    deviation_index: Decimal | None = None
    relative_xray_exposure: Decimal | None = None
    sensitivity: Decimal | None = None


@dataclass
class SourceData:
    """Irradiation Event X-Ray Source Data (TID 10003b); ``*_values`` hold every value when several were given."""

    dose_rp_gy: Decimal | None = None
    reference_point_definition: str = ""
    average_glandular_dose_mgy: Decimal | None = None
    fluoro_mode: Code | None = None
    pulse_rate_per_s: Decimal | None = None
    number_of_pulses: Decimal | None = None
    derivation: Code | None = None
    irradiation_duration_s: Decimal | None = None
    average_xray_tube_current_ma: Decimal | None = None
    exposure_time_ms: Decimal | None = None
    focal_spot_size_mm: Decimal | None = None
    anode_target_material: Code | None = None
    collimated_field_area_m2: Decimal | None = None
    collimated_field_height_m: Decimal | None = None
    collimated_field_width_m: Decimal | None = None
    kvp: Decimal | None = None
    xray_tube_current_ma: Decimal | None = None
    pulse_width_ms: Decimal | None = None
    exposure_uas: Decimal | None = None
    kvp_values: list[str] | None = None
    xray_tube_current_ma_values: list[str] | None = None
    pulse_width_ms_values: list[str] | None = None
    exposure_uas_values: list[str] | None = None
    grid: str = ""
    exposure_control_mode: str = ""
    exposure_control_mode_description: str = ""
    filters: list[FilterData] = field(default_factory=list)


@dataclass
class DistanceData:
    """Dose Related Distance Measurements (TID 10008)."""

    distance_source_to_isocenter_mm: Decimal | None = None
    distance_source_to_reference_point_mm: Decimal | None = None
    distance_source_to_detector_mm: Decimal | None = None
    table_longitudinal_position_mm: Decimal | None = None
    table_lateral_position_mm: Decimal | None = None
    table_height_position_mm: Decimal | None = None
    distance_source_to_table_plane_mm: Decimal | None = None
    table_longitudinal_end_position_mm: Decimal | None = None
    table_lateral_end_position_mm: Decimal | None = None
    table_height_end_position_mm: Decimal | None = None


@dataclass
class MechanicalData:
    """Irradiation Event X-Ray Mechanical Data (TID 10003c), with its distances (TID 10008)."""

    crdr_mechanical_configuration: Code | None = None
    positioner_primary_angle_deg: Decimal | None = None
    positioner_secondary_angle_deg: Decimal | None = None
    positioner_primary_end_angle_deg: Decimal | None = None
    positioner_secondary_end_angle_deg: Decimal | None = None
    column_angulation_deg: Decimal | None = None
    table_head_tilt_angle_deg: Decimal | None = None
    table_horizontal_rotation_angle_deg: Decimal | None = None
    table_cradle_tilt_angle_deg: Decimal | None = None
    compression_thickness_mm: Decimal | None = None
    compression_force_n: Decimal | None = None
    compression_pressure_kpa: Decimal | None = None
    compression_contact_area_mm2: Decimal | None = None
    distances: DistanceData | None = None


@dataclass
class IrradiationEventData:
    """Irradiation Event X-Ray Data (TID 10003) with its detector, source and mechanical parts."""

    irradiation_event_uid: str = ""
    irradiation_event_label: str = ""
    irradiation_event_label_type: Code | None = None
    acquisition_plane: Code | None = None
    date_time_started: datetime | None = None
    irradiation_event_type: Code | None = None
    acquisition_protocol: str = ""
    anatomical_structure: Code | None = None
    laterality: Code | None = None
    image_view: Code | None = None
    image_view_modifiers: list[Code] = field(default_factory=list)
    projection_eponymous_name: Code | None = None
    patient_table_relationship: Code | None = None
    patient_orientation: Code | None = None
    patient_orientation_modifier: Code | None = None
    patient_equivalent_thickness_mm: Decimal | None = None
    target_region: Code | None = None
    dose_area_product_gym2: Decimal | None = None
    half_value_layer_mm: Decimal | None = None
    entrance_exposure_at_rp_mgy: Decimal | None = None
    reference_point_definition: str = ""
    reference_point_definition_code: Code | None = None
    breast_composition: str = ""
    percent_fibroglandular_tissue: Decimal | None = None
    comment: str = ""
    detector: DetectorData | None = None
    source: SourceData | None = None
    mechanical: MechanicalData | None = None
    context: Context = field(default_factory=Context)  # participants only: events carry no observer context


@dataclass
class ProjectionReportData:
    """Projection X-Ray Radiation Dose (TID 10001): the whole report."""

    procedure_reported: Code | None = None
    has_intent: Code | None = None
    acquisition_device_type: Code | None = None
    start_of_xray_irradiation: datetime | None = None
    end_of_xray_irradiation: datetime | None = None
    scope_of_accumulation: Code | None = None
    scope_uid: str = ""
    source_of_dose_information: Code | None = None
    xray_detector_data_available: Code | None = None
    xray_source_data_available: Code | None = None
    xray_mechanical_data_available: Code | None = None
    comment: str = ""
    context: Context = field(default_factory=Context)  # with the device participants of the accumulated data
    accumulated: list[AccumulatedDoseData] = field(default_factory=list)
    events: list[IrradiationEventData] = field(default_factory=list)
