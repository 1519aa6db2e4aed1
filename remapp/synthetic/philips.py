"""Synthetic Philips CT dose-info screen: a Secondary Capture whose header carries the dose, as Brilliance writes it.

Shape (from a real Brilliance 16P screen): Image Type DERIVED\\SECONDARY\\DOSE_INFO, Modality CT, Series
Description "Dose Info"; one Exposure Dose Sequence item per acquisition (surview first, with CTDIvol 0) giving
kVp, tube current in uA, exposure time, scan length, acquisition type, collimation, pitch, CTDIvol and the
private ELSCINT1 DLP (00E1,1021); the same private DLP at the top level is the study total; Comments on
Radiation Dose lists each series with dose ("Series #3 NAME Average CTDIvol=7.2 DLP=196.0") and "Total DLP=".
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from remapp.synthetic.header import base_dataset, decimal_sum, dicom_datetime, ds_value, make_rng, resolve_header
from remapp.synthetic.images import image_pixels

SECONDARY_CAPTURE_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.7"
PHILIPS_PRIVATE_CREATOR = "ELSCINT1"
PHILIPS_DLP_ELEMENT = 0x21  # (00E1,1021) DLP, mGy.cm

PHILIPS_DEFAULTS = {
    "manufacturer": "Philips",
    "manufacturer_model_name": "Brilliance 64",
    "station_name": "PHILIPS-SYNTH1",
    "study_description": "CT Thorax abdo pelvis with contrast",
    "series_number": 80160,
}


@dataclass
class PhilipsSeries:
    """One Exposure Dose Sequence item: an acquisition as the Philips dose screen reports it."""

    series_number: int = 2
    description: str = "Chest"
    acquisition_type: str = "SPIRAL"  # SPIRAL, CONSTANT_ANGLE (surview), SEQUENCED, STATIONARY
    kvp: float = 120
    tube_current_ma: float = 200
    exposure_time_ms: int = 7000
    scan_length_mm: int = 300
    single_collimation_mm: float = 1.5
    total_collimation_mm: float = 24.0
    pitch: float | None = 0.938
    ctdivol_mgy: float = 9.5
    dlp_mgycm: float = 300.0
    acquired: datetime | None = None


def surview(scan_length_mm: int = 700) -> PhilipsSeries:
    """The planning scan Philips lists first: no series description, CTDIvol and DLP 0."""
    return PhilipsSeries(
        series_number=1,
        description="",
        acquisition_type="CONSTANT_ANGLE",
        tube_current_ma=50,
        exposure_time_ms=0,
        scan_length_mm=scan_length_mm,
        single_collimation_mm=0.75,
        total_collimation_mm=3.0,
        pitch=None,
        ctdivol_mgy=0,
        dlp_mgycm=0,
    )


def random_philips_series(rng: random.Random, n_series: int = 3) -> list[PhilipsSeries]:
    """A surview then n_series spiral acquisitions with plausible values."""
    series = [surview()]
    names = ["PRE", "ARTERIAL", "PORTAL VENOUS", "DELAYED", "C/A/P"]
    for index in range(n_series):
        length = rng.randint(150, 700)
        ctdivol = round(rng.uniform(5, 15), 2)
        series.append(
            PhilipsSeries(
                series_number=3 + index,
                description=names[index % len(names)],
                tube_current_ma=round(rng.uniform(100, 300), 3),
                exposure_time_ms=rng.randint(5000, 16000),
                scan_length_mm=length,
                pitch=rng.choice([0.688, 0.938, 1.188]),
                ctdivol_mgy=ctdivol,
                dlp_mgycm=round(ctdivol * (length / 10 + 2.5), 2),
            )
        )
    return series


def philips_ct_dose_screen(
    *,
    series: list[PhilipsSeries] | None = None,
    n_series: int = 3,
    protocol_name: str = "Abdomen/Routine",
    body_part: str = "ABDOMEN",
    seed: object = 0,
    **header_values,
) -> Dataset:
    """A Philips CT dose-info Secondary Capture with per-series values and the total DLP in its header."""
    header = resolve_header("philips_ct_dose_screen", seed, PHILIPS_DEFAULTS, header_values)
    if series is None:
        series = random_philips_series(make_rng("philips_ct_dose_screen", seed), n_series)
    clock = header.study_datetime + timedelta(minutes=1)
    items = []
    for entry in series:
        acquired = entry.acquired or clock
        clock = acquired + timedelta(milliseconds=entry.exposure_time_ms, seconds=40)
        items.append(_exposure_item(entry, acquired))
    ds = base_dataset(header, SECONDARY_CAPTURE_IMAGE_STORAGE, "CT", clock)
    ds.ImageType = ["DERIVED", "SECONDARY", "DOSE_INFO"]
    ds.ConversionType = "WSD"
    if not header.series_description:
        ds.SeriesDescription = "Dose Info"
    ds.ImageComments = "Dose Info"
    ds.ProtocolName = protocol_name
    ds.BodyPartExamined = body_part
    ds.TotalNumberOfExposures = len(items)
    ds.ExposureDoseSequence = Sequence(items)
    total_dlp = decimal_sum(entry.dlp_mgycm for entry in series)
    ds.CommentsOnRadiationDose = _dose_comments(series, total_dlp)
    private = ds.private_block(0x00E1, PHILIPS_PRIVATE_CREATOR, create=True)
    private.add_new(PHILIPS_DLP_ELEMENT, "DS", ds_value(total_dlp))
    ds.BurnedInAnnotation = "YES"
    image_pixels(ds)
    return ds


def _exposure_item(entry: PhilipsSeries, acquired: datetime) -> Dataset:
    item = Dataset()
    item.AcquisitionDateTime = dicom_datetime(acquired)
    item.SeriesDescription = entry.description
    item.KVP = ds_value(entry.kvp)
    if entry.exposure_time_ms:
        item.ExposureTime = int(entry.exposure_time_ms)
    item.RadiationMode = "CONTINUOUS"
    item.FilterType = "WEDGE_PREPATIENT"
    item.ScanLength = int(entry.scan_length_mm)
    item.XRayTubeCurrentInuA = ds_value(round(entry.tube_current_ma * 1000, 3))
    item.AcquisitionType = entry.acquisition_type
    item.SingleCollimationWidth = float(entry.single_collimation_mm)
    item.TotalCollimationWidth = float(entry.total_collimation_mm)
    if entry.pitch is not None:
        item.SpiralPitchFactor = float(entry.pitch)
    item.CTDIvol = float(entry.ctdivol_mgy)
    item.SeriesNumber = entry.series_number
    item.private_block(0x00E1, PHILIPS_PRIVATE_CREATOR, create=True).add_new(
        PHILIPS_DLP_ELEMENT, "DS", ds_value(entry.dlp_mgycm)
    )
    return item


def _dose_comments(series: list[PhilipsSeries], total_dlp) -> str:
    lines = [
        f"Series #{entry.series_number} {entry.description} Average CTDIvol={entry.ctdivol_mgy:.1f} "
        f"DLP={entry.dlp_mgycm:.1f}"
        for entry in series
        if entry.dlp_mgycm
    ]
    lines.append(f"Total DLP={float(total_dlp):.1f}")
    return "\r\n".join(lines)
