"""Secondary Capture objects: only two kinds carry dose data, and each goes to its importer.

A Philips CT dose-info screen goes to ct_philips; a Hologic tomosynthesis projection object (modality MG)
goes to mammo. Every other Secondary Capture is rejected with the reason.
"""

from __future__ import annotations

from pydicom.dataset import Dataset

from remapp.dicom.values import header_text
from remapp.extractors import ExtractionError, ImportOutcome, ct_philips, mammo


def import_dataset(dataset: Dataset, path: str = "") -> ImportOutcome:
    """Route a Secondary Capture to the importer for its content (the router's entry point)."""
    if ct_philips.is_philips_dose_screen(dataset):
        return ct_philips.import_dataset(dataset, path)
    if mammo.is_hologic_projection_object(dataset):
        return mammo.import_dataset(dataset, path)
    modality = header_text(dataset, "Modality") or "no modality"
    manufacturer = header_text(dataset, "Manufacturer") or "unknown manufacturer"
    raise ExtractionError(
        f"secondary capture ({modality}, {manufacturer}) is neither a Philips CT dose screen "
        "nor a Hologic tomosynthesis projection object"
    )
