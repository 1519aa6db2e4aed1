"""Plain dataclasses for a parsed CT Radiation Dose report (TID 10011 and the templates below it).

Field names are those of ``remapp.models.ct`` so saving is a straight copy; numbers are already in the unit the
field name states. Observers and participants are the shared ``context.Context``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from pydicom.sr.coding import Code

from remapp.extractors.rdsr.context import Context


@dataclass
class CtSourceData:
    """CT X-Ray Source Parameters of one source (TID 10013)."""

    identification_of_xray_source: str = ""
    kvp: Decimal | None = None
    maximum_xray_tube_current_ma: Decimal | None = None
    xray_tube_current_ma: Decimal | None = None
    exposure_time_per_rotation_s: Decimal | None = None
    xray_filter_aluminum_equivalent_mm: Decimal | None = None


@dataclass
class CtDoseCheckData:
    """CT Dose Check Details (TID 10015): the alert and the notification parts."""

    dlp_alert_value_configured: bool | None = None
    ctdivol_alert_value_configured: bool | None = None
    dlp_alert_value_mgycm: Decimal | None = None
    ctdivol_alert_value_mgy: Decimal | None = None
    accumulated_dlp_forward_estimate_mgycm: Decimal | None = None
    accumulated_ctdivol_forward_estimate_mgy: Decimal | None = None
    alert_reason_for_proceeding: str = ""
    alert_person_role_in_procedure: str = ""
    dlp_notification_value_configured: bool | None = None
    ctdivol_notification_value_configured: bool | None = None
    dlp_notification_value_mgycm: Decimal | None = None
    ctdivol_notification_value_mgy: Decimal | None = None
    dlp_forward_estimate_mgycm: Decimal | None = None
    ctdivol_forward_estimate_mgy: Decimal | None = None
    notification_reason_for_proceeding: str = ""
    notification_person_role_in_procedure: str = ""


@dataclass
class CtEventData:
    """CT Irradiation Event Data (TID 10013) with its scanning length (TID 10014) and dose check (TID 10015)."""

    irradiation_event_uid: str = ""
    irradiation_event_label: str = ""
    irradiation_event_label_type: Code | None = None
    acquisition_protocol: str = ""
    target_region: Code | None = None
    ct_acquisition_type: Code | None = None
    procedure_context: Code | None = None
    date_time_started: datetime | None = None
    frame_of_reference_uid: str = ""
    number_of_xray_sources: int | None = None
    exposure_time_s: Decimal | None = None
    scanning_length_mm: Decimal | None = None
    length_of_reconstructable_volume_mm: Decimal | None = None
    exposed_range_mm: Decimal | None = None
    top_z_location_of_reconstructable_volume_mm: Decimal | None = None
    bottom_z_location_of_reconstructable_volume_mm: Decimal | None = None
    top_z_location_of_scanning_length_mm: Decimal | None = None
    bottom_z_location_of_scanning_length_mm: Decimal | None = None
    nominal_single_collimation_width_mm: Decimal | None = None
    nominal_total_collimation_width_mm: Decimal | None = None
    pitch_factor: Decimal | None = None
    mean_ctdivol_mgy: Decimal | None = None
    ctdiw_phantom_type: Code | None = None
    ctdifreeair_calculation_factor: Decimal | None = None
    mean_ctdifreeair_mgy: Decimal | None = None
    dlp_mgycm: Decimal | None = None
    effective_dose_msv: Decimal | None = None
    effective_dose_measurement_method: Code | None = None
    effective_dose_conversion_factor: Decimal | None = None
    size_specific_dose_estimate_mgy: Decimal | None = None
    water_equivalent_diameter_mm: Decimal | None = None
    xray_modulation_type: str = ""
    comment: str = ""
    sources: list[CtSourceData] = field(default_factory=list)
    dose_check: CtDoseCheckData | None = None
    context: Context = field(default_factory=Context)


@dataclass
class CtAccumulatedData:
    """CT Accumulated Dose Data (TID 10012)."""

    total_number_of_irradiation_events: int | None = None
    ct_dose_length_product_total_mgycm: Decimal | None = None
    ct_effective_dose_total_msv: Decimal | None = None
    reference_authority: str = ""
    comment: str = ""


@dataclass
class CtReportData:
    """CT Radiation Dose (TID 10011): the whole report."""

    procedure_reported: Code | None = None
    has_intent: Code | None = None
    start_of_xray_irradiation: datetime | None = None
    end_of_xray_irradiation: datetime | None = None
    scope_of_accumulation: Code | None = None
    scope_uid: str = ""
    source_of_dose_information: Code | None = None
    comment: str = ""
    accumulated: CtAccumulatedData | None = None
    events: list[CtEventData] = field(default_factory=list)
    context: Context = field(default_factory=Context)
