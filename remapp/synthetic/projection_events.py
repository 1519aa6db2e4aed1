"""The projection event model (TID 10003 values) and seed-driven plausible events for RF, DX and MG."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from pydicom.sr.coding import Code

from remapp.synthetic import codes
from remapp.synthetic.header import to_decimal
from remapp.synthetic.report import lookup

RF_DEFAULTS = {
    "manufacturer": "OpenREM Synthetic Fluoro",
    "manufacturer_model_name": "SynthFluoro 3000",
    "station_name": "RFSYNTH01",
    "study_description": "Barium swallow",
}
DX_DEFAULTS = {
    "manufacturer": "OpenREM Synthetic DR",
    "manufacturer_model_name": "SynthDR 500",
    "station_name": "DXSYNTH01",
    "study_description": "XR Chest",
}
MG_DEFAULTS = {
    "manufacturer": "OpenREM Synthetic Mammo",
    "manufacturer_model_name": "SynthMammo 2D",
    "station_name": "MGSYNTH01",
    "study_description": "Bilateral screening mammography",
}


@dataclass
class XRayFilter:
    """One X-Ray Filters row: material short name (Al, Cu, Mo, Rh, Ag) or Code, and thickness in mm."""

    material: str | Code = "Cu"
    thickness_mm: float = 0.1


@dataclass
class ProjectionEvent:
    """One irradiation event (TID 10003); leave a value None to leave its row out.

    Codes may be given by short name (tables in ``remapp.synthetic.codes``) or as pydicom Codes.
    """

    event_type: str | Code = "stationary"  # fluoroscopy, stationary, stepping, rotational
    protocol: str = "Chest PA"
    plane: str = "single"  # single, A, B
    target_region: str | Code | None = "chest"
    image_view: str | Code | None = None  # AP, PA, LAT, CC, MLO, ML
    laterality: str | None = None  # L or R (mammography: the breast)
    dose_area_product_gym2: float | None = 0.00012
    dose_rp_gy: float | None = None
    kvp: float | None = 80
    tube_current_ma: float | None = None
    exposure_time_ms: float | None = None
    exposure_uas: float | None = None
    pulse_rate_per_s: float | None = None
    number_of_pulses: int | None = None
    pulse_width_ms: float | None = None
    irradiation_duration_s: float | None = None
    fluoro_mode: str | None = None  # pulsed, continuous
    focal_spot_mm: float | None = None
    anode_target_material: str | Code | None = None  # W, Mo, Rh
    filters: list[XRayFilter] = field(default_factory=list)
    positioner_primary_angle_deg: float | None = None
    positioner_secondary_angle_deg: float | None = None
    distance_source_to_detector_mm: float | None = None
    distance_source_to_isocenter_mm: float | None = None
    exposure_index: float | None = None
    target_exposure_index: float | None = None
    deviation_index: float | None = None
    average_glandular_dose_mgy: float | None = None
    entrance_exposure_at_rp_mgy: float | None = None
    half_value_layer_mm: float | None = None
    compression_thickness_mm: float | None = None
    compression_force_n: float | None = None
    reference_point: str | Code | None = None  # isocenter, image_input, tabletop_1cm, breast_support
    irradiation_event_uid: str | None = None
    started: datetime | None = None

    @property
    def is_fluoroscopy(self) -> bool:
        return lookup(codes.EVENT_TYPES, self.event_type, "event type") == codes.EVENT_TYPES["fluoroscopy"]

    @property
    def duration_s(self) -> Decimal:
        """Irradiation time as the totals count it: the duration if given, else the exposure time."""
        if self.irradiation_duration_s is not None:
            return to_decimal(self.irradiation_duration_s)
        if self.exposure_time_ms is not None:
            return to_decimal(self.exposure_time_ms) / 1000
        return Decimal(0)


def _round_dap(value_gym2: float) -> float:
    """DAP to 1e-8 Gy.m2 (0.01 cGy.cm2): fixed point keeps sums exact and strings short."""
    return round(value_gym2, 8)


def random_rf_events(rng: random.Random, n_events: int = 6, protocol: str = "Barium swallow") -> list[ProjectionEvent]:
    """Fluoroscopy runs interleaved with acquisition runs, pulsed at 7.5 or 15 pulse/s."""
    events = []
    for index in range(n_events):
        if index % 3 == 2:
            frames = rng.randint(4, 30)
            rate = rng.choice([1.0, 2.0, 3.0, 4.0])
            dap = _round_dap(rng.uniform(1.5e-5, 2.5e-4))
            events.append(
                ProjectionEvent(
                    event_type="stationary",
                    protocol=f"{protocol} acquisition {rate:g} fps",
                    target_region="abdomen",
                    dose_area_product_gym2=dap,
                    dose_rp_gy=round(dap * rng.uniform(20, 60), 6),
                    kvp=rng.randint(70, 95),
                    tube_current_ma=round(rng.uniform(150, 400), 1),
                    pulse_rate_per_s=rate,
                    number_of_pulses=frames,
                    pulse_width_ms=round(rng.uniform(5, 12), 1),
                    irradiation_duration_s=round(frames / rate, 2),
                    focal_spot_mm=1.0,
                    filters=[XRayFilter("Cu", 0.1), XRayFilter("Al", 1.0)],
                    positioner_primary_angle_deg=rng.choice([0, 0, 15, -30]),
                    positioner_secondary_angle_deg=0,
                    distance_source_to_detector_mm=rng.randint(1000, 1200),
                    distance_source_to_isocenter_mm=750,
                    reference_point="isocenter",
                )
            )
        else:
            rate = rng.choice([7.5, 15.0])
            duration = round(rng.uniform(4, 90), 1)
            dap = _round_dap(duration * rng.uniform(5e-7, 3e-6))
            events.append(
                ProjectionEvent(
                    event_type="fluoroscopy",
                    protocol=f"{protocol} fluoro {rate:g} p/s",
                    target_region="abdomen",
                    dose_area_product_gym2=dap,
                    dose_rp_gy=round(dap * rng.uniform(20, 60), 6),
                    kvp=rng.randint(65, 90),
                    tube_current_ma=round(rng.uniform(10, 60), 1),
                    fluoro_mode="pulsed",
                    pulse_rate_per_s=rate,
                    number_of_pulses=int(duration * rate),
                    pulse_width_ms=round(rng.uniform(3, 8), 1),
                    irradiation_duration_s=duration,
                    focal_spot_mm=0.6,
                    filters=[XRayFilter("Cu", 0.3), XRayFilter("Al", 1.0)],
                    positioner_primary_angle_deg=rng.choice([0, 0, 15, -30]),
                    positioner_secondary_angle_deg=0,
                    distance_source_to_detector_mm=rng.randint(1000, 1200),
                    distance_source_to_isocenter_mm=750,
                    reference_point="isocenter",
                )
            )
    return events


# Radiography protocols: name -> (region, [(view, kVp, DAP range in dGy.cm2)]); ranges around UK typical values.
DX_PROTOCOLS = {
    "Chest PA": ("chest", [("PA", 125, (0.4, 1.5))]),
    "Chest PA and lateral": ("chest", [("PA", 125, (0.4, 1.5)), ("LAT", 125, (1.0, 4.0))]),
    "Abdomen AP": ("abdomen", [("AP", 80, (6.0, 25.0))]),
    "Pelvis AP": ("pelvis", [("AP", 80, (5.0, 22.0))]),
    "Lumbar spine": ("lumbar_spine", [("AP", 85, (5.0, 15.0)), ("LAT", 95, (8.0, 25.0))]),
    "Knee": ("knee", [("AP", 65, (0.2, 0.8)), ("LAT", 65, (0.2, 0.8))]),
    "Hand": ("hand", [("PA", 55, (0.05, 0.25))]),
}


def random_dx_events(rng: random.Random, n_events: int | None = None, protocol: str | None = None):
    """The views of one radiography protocol (chosen from the seed if not given), or n_events repeats of it."""
    protocol = protocol or rng.choice(sorted(DX_PROTOCOLS))
    region, views = DX_PROTOCOLS[protocol]
    if n_events is not None:
        views = [views[i % len(views)] for i in range(n_events)]
    events = []
    for view, kvp, dap_range in views:
        dap_dgycm2 = rng.uniform(*dap_range)
        tube_current_ma = rng.choice([200, 250, 320, 400, 500])
        exposure_time_ms = rng.randint(3, 120)
        exposure_index = round(rng.uniform(200, 600), 1)
        events.append(
            ProjectionEvent(
                event_type="stationary",
                protocol=f"{protocol} {view}",
                target_region=region,
                image_view=view,
                dose_area_product_gym2=_round_dap(dap_dgycm2 * 1e-5),
                kvp=kvp,
                tube_current_ma=tube_current_ma,
                exposure_time_ms=exposure_time_ms,
                exposure_uas=tube_current_ma * exposure_time_ms,
                focal_spot_mm=1.2,
                filters=[XRayFilter("Al", 1.0), XRayFilter("Cu", 0.1)],
                distance_source_to_detector_mm=1800 if region == "chest" else 1100,
                exposure_index=exposure_index,
                target_exposure_index=400,
                deviation_index=round(10 * (Decimal(str(exposure_index)) / 400).log10(), 2),
            )
        )
    return events


MG_VIEWS = [("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO")]


def random_mg_events(rng: random.Random, n_events: int = 4, anode: str = "W", filter_material: str = "Rh"):
    """Screening views (RCC, LCC, RMLO, LMLO, repeating) with AGD rising with compressed thickness."""
    events = []
    for index in range(n_events):
        side, view = MG_VIEWS[index % len(MG_VIEWS)]
        thickness = rng.randint(25, 80)
        agd = round(0.6 + thickness * rng.uniform(0.012, 0.025), 2)
        tube_current_ma = rng.choice([80, 100, 120, 160])
        exposure_time_ms = rng.randint(300, 1500)
        events.append(
            ProjectionEvent(
                event_type="stationary",
                protocol=f"{side}{view}",
                target_region="breast",
                image_view=view,
                laterality=side,
                dose_area_product_gym2=None,
                kvp=25 + thickness // 8,
                tube_current_ma=tube_current_ma,
                exposure_time_ms=exposure_time_ms,
                exposure_uas=tube_current_ma * exposure_time_ms,
                focal_spot_mm=0.3,
                anode_target_material=anode,
                filters=[XRayFilter(filter_material, 0.05 if filter_material != "Mo" else 0.03)],
                positioner_primary_angle_deg=0 if view == "CC" else (45 if side == "R" else -45),
                distance_source_to_detector_mm=700,
                average_glandular_dose_mgy=agd,
                entrance_exposure_at_rp_mgy=round(agd * rng.uniform(2.5, 3.5), 2),
                half_value_layer_mm=round(rng.uniform(0.45, 0.6), 3),
                compression_thickness_mm=thickness,
                compression_force_n=rng.randint(50, 150),
                reference_point="breast_support",
            )
        )
    return events
