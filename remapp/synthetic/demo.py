"""The demo data set: a few hundred studies per modality from several hospitals, written as DICOM files.

``write_demo(folder, studies_per_modality, seed, end)`` writes the files and yields (modality, kind, path)
for each; the same seed gives the same UIDs, so importing a second run finds only duplicates.
Dates fall on working days over the ``days`` before ``end``; doses follow log-normal spreads around
typical values for each protocol.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from pydicom.dataset import Dataset

from remapp.synthetic.ct import CtDoseCheck, CtEvent, CtSource, ct_rdsr
from remapp.synthetic.demo_fleet import CT_MIX, DX_MIX, MG_MIX, MG_TARGET_FILTER, RF_MIX, UNITS, Unit
from remapp.synthetic.header import make_uid, write
from remapp.synthetic.images import dx_image, mammo_image
from remapp.synthetic.philips import PhilipsSeries, philips_ct_dose_screen, surview
from remapp.synthetic.projection import dx_rdsr, mg_rdsr, rf_rdsr
from remapp.synthetic.projection_events import ProjectionEvent, random_dx_events, random_mg_events, random_rf_events

MODALITIES = ("CT", "RF", "DX", "MG")


@dataclass(frozen=True)
class DemoFile:
    modality: str
    kind: str
    path: Path


def _spread(rng: random.Random, median: float, sigma: float = 0.3) -> float:
    """A log-normal draw around ``median``: dose values are skewed, never negative."""
    return median * math.exp(rng.gauss(0, sigma))


def _pick(rng: random.Random, mix: list[tuple]) -> tuple:
    return rng.choices(mix, weights=[entry[1] for entry in mix])[0]


def _study_time(rng: random.Random, end: datetime, days: int) -> datetime:
    """A working-day time on one of the ``days`` days before ``end`` (fewer at weekends, none at night)."""
    while True:
        day = (end - timedelta(days=rng.randrange(1, days + 1))).date()
        if day.weekday() < 5 or rng.random() < 0.25:
            break
    return datetime.combine(day, time(8)) + timedelta(minutes=rng.randrange(10 * 60))


def _header(rng: random.Random, unit: Unit, modality: str, index: int, seed: object, end, days) -> dict:
    sex = "F" if modality == "MG" else rng.choice("MF")
    age = rng.randint(47, 73) if modality == "MG" else rng.randint(18, 92)
    test_patient = rng.random() < 0.01
    return {
        "study_instance_uid": make_uid("demo-study", seed, modality, index),
        "accession_number": f"{unit.site.prefix}{modality}{index:06d}",
        "study_datetime": _study_time(rng, end, days),
        "institution_name": unit.site.institution_name,
        "institution_address": unit.site.institution_address,
        "manufacturer": unit.manufacturer,
        "manufacturer_model_name": unit.model,
        "station_name": unit.station_name,
        "device_serial_number": unit.serial,
        "software_versions": unit.software,
        "patient_name": "PHYSICS^QA TEST" if test_patient else f"DEMO^PATIENT{index:05d}",
        "patient_id": f"{unit.site.prefix}{rng.randrange(10**7):07d}",
        "patient_age": f"{age:03d}Y",
        "patient_sex": sex,
        "patient_weight_kg": round(rng.gauss(76 if sex == "M" else 66, 13), 1),
        "patient_size_m": round(rng.gauss(1.76 if sex == "M" else 1.63, 0.07), 2),
    }


def _ct_events(rng: random.Random, acquisitions, unit: Unit) -> list[CtEvent]:
    region = acquisitions[0][1]
    events = [
        CtEvent(
            protocol="Topogram",
            acquisition_type="constant_angle",
            target_region=region,
            ctdivol_mgy=round(rng.uniform(0.05, 0.3), 2),
            dlp_mgycm=round(rng.uniform(2, 14), 2),
            phantom=acquisitions[0][2],
            scanning_length_mm=rng.choice([256, 384, 512]),
            exposure_time_s=round(rng.uniform(2, 6), 2),
            single_collimation_mm=0.6,
            total_collimation_mm=3.6,
            pitch=None,
            sources=[CtSource(kvp=120, tube_current_ma=35, max_tube_current_ma=35, rotation_time_s=None)],
        )
    ]
    for protocol, region, phantom, ctdivol_median, length_median in acquisitions:
        ctdivol = round(_spread(rng, ctdivol_median), 2)
        length = round(_spread(rng, length_median, 0.12))
        pitch = 0.55 if region == "head" else rng.choice([0.984, 1.2, 1.375])
        current = round(_spread(rng, 220 if region != "head" else 300, 0.25))
        check = (
            CtDoseCheck(
                dlp_alert_mgycm=2000,
                ctdivol_alert_mgy=100,
                dlp_notification_mgycm=1000,
                ctdivol_notification_mgy=80 if region == "head" else 50,
            )
            if unit.dose_check
            else None
        )
        events.append(
            CtEvent(
                protocol=protocol,
                target_region=region,
                phantom=phantom,
                ctdivol_mgy=ctdivol,
                dlp_mgycm=round(ctdivol * (length / 10 + 2.5), 2),
                scanning_length_mm=length,
                exposure_time_s=round(length / (40 * pitch) * 0.5, 2),
                pitch=pitch,
                sources=[
                    CtSource(
                        kvp=rng.choice([100, 120, 120, 120]),
                        tube_current_ma=current,
                        max_tube_current_ma=current + rng.randint(20, 200),
                        rotation_time_s=0.5,
                    )
                ],
                dose_check=check,
                modulation_type="XYZ_EC",
            )
        )
    return events


def _philips_series(events: list[CtEvent]) -> list[PhilipsSeries]:
    series = [surview(int(events[0].scanning_length_mm or 500))]
    for number, event in enumerate(events[1:], start=3):
        series.append(
            PhilipsSeries(
                series_number=number,
                description=event.protocol.upper(),
                kvp=event.sources[0].kvp,
                tube_current_ma=event.sources[0].tube_current_ma,
                exposure_time_ms=int(event.exposure_time_s * 1000),
                scan_length_mm=int(event.scanning_length_mm),
                pitch=event.pitch,
                ctdivol_mgy=event.ctdivol_mgy,
                dlp_mgycm=event.dlp_mgycm,
            )
        )
    return series


def ct_study(rng, unit, header, seed) -> list[tuple[str, Dataset]]:
    description, _share, acquisitions = _pick(rng, CT_MIX)
    header = {**header, "study_description": description}
    events = _ct_events(rng, acquisitions, unit)
    if unit.kind == "philips_ct_dose_screen":
        return [("sc", philips_ct_dose_screen(series=_philips_series(events), seed=seed, **header))]
    return [("rdsr", ct_rdsr(events=events, seed=seed, **header))]


def rf_study(rng, unit, header, seed) -> list[tuple[str, Dataset]]:
    procedure, _share, (low, high), scale = _pick(rng, RF_MIX)
    events = random_rf_events(rng, rng.randint(low, high), procedure)
    factor = _spread(rng, scale, 0.5)
    for index, event in enumerate(events):
        event.dose_area_product_gym2 = round(event.dose_area_product_gym2 * factor, 8)
        event.dose_rp_gy = round(event.dose_rp_gy * factor, 6)
        if unit.biplane and index % 2:
            event.plane = "B"
        elif unit.biplane:
            event.plane = "A"
    return [("rdsr", rf_rdsr(events=events, seed=seed, **{**header, "study_description": procedure}))]


def dx_study(rng, unit, header, seed) -> list[tuple[str, Dataset]]:
    protocol = _pick(rng, DX_MIX)[0]
    events = random_dx_events(rng, protocol=protocol)
    header = {**header, "study_description": f"XR {protocol}"}
    if unit.kind == "dx_rdsr":
        return [("rdsr", dx_rdsr(events=events, accumulation=unit.accumulation, seed=seed, **header))]
    return [(f"image{n}", _dx_image(event, n, seed, header)) for n, event in enumerate(events, start=1)]


def _dx_image(event: ProjectionEvent, number: int, seed, header) -> Dataset:
    return dx_image(
        kvp=event.kvp,
        tube_current_ma=event.tube_current_ma,
        exposure_time_ms=event.exposure_time_ms,
        dose_area_product_dgycm2=round(event.dose_area_product_gym2 * 1e5, 3),
        exposure_index=event.exposure_index,
        target_exposure_index=event.target_exposure_index,
        deviation_index=event.deviation_index,
        distance_source_to_detector_mm=event.distance_source_to_detector_mm,
        region=event.target_region,
        view=event.image_view,
        protocol_name=event.protocol,
        instance_number=number,
        seed=seed,
        **header,
    )


def mg_study(rng, unit, header, seed) -> list[tuple[str, Dataset]]:
    description, _share, views = _pick(rng, MG_MIX)
    anode, filter_material = rng.choice(MG_TARGET_FILTER[unit.manufacturer])
    events = random_mg_events(rng, len(views), anode=anode, filter_material=filter_material)
    for event, (side, view) in zip(events, views, strict=True):
        event.laterality, event.image_view, event.protocol = side, view, f"{side}{view}"
    header = {**header, "study_description": description}
    if unit.kind == "mg_rdsr":
        return [("rdsr", mg_rdsr(events=events, seed=seed, **header))]
    return [(f"image{n}", _mammo_image(event, n, seed, header)) for n, event in enumerate(events, start=1)]


def _mammo_image(event: ProjectionEvent, number: int, seed, header) -> Dataset:
    return mammo_image(
        kvp=event.kvp,
        tube_current_ma=event.tube_current_ma,
        exposure_time_ms=event.exposure_time_ms,
        anode_target_material=event.anode_target_material,
        filter_material=event.filters[0].material,
        filter_thickness_mm=event.filters[0].thickness_mm,
        compressed_thickness_mm=event.compression_thickness_mm,
        compression_force_n=event.compression_force_n,
        average_glandular_dose_mgy=event.average_glandular_dose_mgy,
        entrance_dose_mgy=event.entrance_exposure_at_rp_mgy,
        view=event.image_view,
        laterality=event.laterality,
        protocol_name=event.protocol,
        instance_number=number,
        seed=seed,
        **header,
    )


STUDY_BUILDERS = {"CT": ct_study, "RF": rf_study, "DX": dx_study, "MG": mg_study}


def plan(studies_per_modality: int = 200, seed: object = 0, end: datetime | None = None, days: int = 180):
    """Yield (modality, unit, index, header, rng) for every demo study, in a fixed order."""
    # Midnight today: runs on the same day write identical files.
    end = end or datetime.combine(date.today(), time(0))
    for modality in MODALITIES:
        units = [unit for unit in UNITS if unit.modality == modality]
        for index in range(studies_per_modality):
            rng = random.Random(f"demo:{seed}:{modality}:{index}")
            unit = rng.choices(units, weights=[u.weight for u in units])[0]
            yield modality, unit, index, _header(rng, unit, modality, index, seed, end, days), rng


def write_demo(
    folder: Path, studies_per_modality: int = 200, seed: object = 0, end=None, days: int = 180
) -> Iterator[DemoFile]:
    """Write every demo file under ``folder``/<modality>/<station> and yield a DemoFile for each.

    A study whose files an earlier run of the same seed wrote is not built again: its files are yielded as
    they are (they carry the same UIDs).
    """
    seed_folder = Path(folder) / f"seed-{seed}"
    for modality, unit, index, header, rng in plan(studies_per_modality, seed, end, days):
        unit_folder = seed_folder / modality / unit.station_name
        existing = sorted(unit_folder.glob(f"{modality}{index:05d}_*.dcm"))
        if existing:  # written by an earlier run: same seed, same objects, so skip building them again
            yield from (DemoFile(modality, unit.kind, path) for path in existing)
            continue
        study_seed = f"demo:{seed}:{modality}:{index}"
        for suffix, dataset in STUDY_BUILDERS[modality](rng, unit, header, study_seed):
            path = write(dataset, unit_folder / f"{modality}{index:05d}_{suffix}.dcm")
            yield DemoFile(modality, unit.kind, path)
