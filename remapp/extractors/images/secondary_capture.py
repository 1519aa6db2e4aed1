"""Secondary Capture objects: only two kinds carry dose data, and each goes to its importer.

A Philips CT dose-info screen goes to ct_philips; a Hologic tomosynthesis projection object (modality MG)
goes to mammography. Every other Secondary Capture is rejected with the reason.
"""

from __future__ import annotations

from pydicom.dataset import Dataset

from remapp.dicom.values import header_text
from remapp.extractors import ExtractionError, ImportOutcome
from remapp.extractors.images import mammography, philips_ct


def kind_of(dataset: Dataset) -> str:
    """'ct_philips' for a Philips dose screen, 'mg' for a Hologic projection object, else '' (no dose data)."""
    if philips_ct.is_philips_dose_screen(dataset):
        return "ct_philips"
    if mammography.is_hologic_projection_object(dataset):
        return "mg"
    return ""


def import_dataset(dataset: Dataset, path: str = "") -> ImportOutcome:
    """Route a Secondary Capture to the importer for its content (the router's entry point)."""
    if philips_ct.is_philips_dose_screen(dataset):
        return philips_ct.import_dataset(dataset, path)
    if mammography.is_hologic_projection_object(dataset):
        return mammography.import_dataset(dataset, path)
    modality = header_text(dataset, "Modality") or "no modality"
    manufacturer = header_text(dataset, "Manufacturer") or "unknown manufacturer"
    raise ExtractionError(
        f"secondary capture ({modality}, {manufacturer}) is neither a Philips CT dose screen "
        "nor a Hologic tomosynthesis projection object"
    )
