"""The import router: one file in, one ImportOutcome out, whatever the file is.

``import_path(path, delete_after_import=False, kinds=None) -> ImportOutcome`` reads the file with pydicom, picks
the extractor by SOP Class UID from ``EXTRACTORS`` and calls it. ExtractionError is caught here, once, and
becomes the outcome's one-line reason; so do unreadable and non-DICOM files and any unexpected exception
(logged with its traceback). A rejected file stores nothing: every extractor saves in one transaction.

Registry contract: ``EXTRACTORS`` maps a SOP Class UID to the dotted path of a module, imported only when a file
of that class arrives. The module exposes ``kind_of(dataset) -> str`` (one of ``KINDS``, or "" for an object of
that class that carries no dose data) and ``import_dataset(dataset, path) -> ImportOutcome``, which parses and
saves the object (raising ExtractionError for a file it cannot take). ``kinds`` limits an import to some kinds
(each per-type command line script takes only its own); a file of another kind is rejected, naming what it is.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Collection
from pathlib import Path
from types import ModuleType

import pydicom

from remapp.dicom.reader import DicomReadError, read_dicom_file
from remapp.extractors import ExtractionError, ImportOutcome, Status

logger = logging.getLogger(__name__)

# What each kind of dose object is called, and the script that imports only that kind.
KINDS: dict[str, tuple[str, str]] = {
    "rdsr": ("radiation dose report", "openrem_rdsr.py"),
    "mg": ("mammography image", "openrem_mg.py"),
    "dx": ("radiography (DX/CR) image", "openrem_dx.py"),
    "ct_philips": ("Philips CT dose screen", "openrem_ctphilips.py"),
}

_RDSR = "remapp.extractors.rdsr.importer"
_MAMMOGRAPHY = "remapp.extractors.images.mammography"
_RADIOGRAPHY = "remapp.extractors.images.radiography"

EXTRACTORS: dict[str, str] = {
    "1.2.840.10008.5.1.4.1.1.88.67": _RDSR,  # X-Ray Radiation Dose SR
    "1.2.840.10008.5.1.4.1.1.88.22": _RDSR,  # Enhanced SR (GE CT dose reports)
    "1.2.840.10008.5.1.4.1.1.88.33": _RDSR,  # Comprehensive SR
    "1.2.840.10008.5.1.4.1.1.88.34": _RDSR,  # Comprehensive 3D SR
    "1.2.840.10008.5.1.4.1.1.88.35": _RDSR,  # Extensible SR
    "1.2.840.10008.5.1.4.1.1.1.2": _MAMMOGRAPHY,  # Digital Mammography - For Presentation
    "1.2.840.10008.5.1.4.1.1.1.2.1": _MAMMOGRAPHY,  # Digital Mammography - For Processing
    "1.2.840.10008.5.1.4.1.1.13.1.4": _MAMMOGRAPHY,  # Breast Projection X-Ray - For Presentation
    "1.2.840.10008.5.1.4.1.1.13.1.5": _MAMMOGRAPHY,  # Breast Projection X-Ray - For Processing
    "1.2.840.10008.5.1.4.1.1.1": _RADIOGRAPHY,  # Computed Radiography (mammography when its modality is MG)
    "1.2.840.10008.5.1.4.1.1.1.1": _RADIOGRAPHY,  # Digital X-Ray - For Presentation
    "1.2.840.10008.5.1.4.1.1.1.1.1": _RADIOGRAPHY,  # Digital X-Ray - For Processing
    # Philips CT dose screens and Hologic tomosynthesis projection objects; other SCs are rejected
    "1.2.840.10008.5.1.4.1.1.7": "remapp.extractors.images.secondary_capture",
}

_loaded: dict[str, ModuleType] = {}


def extractor_for(sop_class_uid: str) -> ModuleType | None:
    """The extractor module registered for ``sop_class_uid`` (imported on first use), or None."""
    dotted = EXTRACTORS.get(sop_class_uid)
    if dotted is None:
        return None
    module = _loaded.get(dotted)
    if module is None:
        module = importlib.import_module(dotted)
        _loaded[dotted] = module
    return module


def _read(path: str) -> pydicom.Dataset:
    try:
        return read_dicom_file(path)
    except DicomReadError as error:
        raise ExtractionError(str(error)) from error


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:300]


def _check_kind(kind: str, kinds: Collection[str]) -> None:
    """ExtractionError naming what the object is when it is a dose object of a kind not asked for.

    An object of no kind ("": no dose data) goes on to its extractor, which says best why it cannot be taken.
    """
    if not kind or kind in kinds:
        return
    wanted = " or ".join(KINDS[name][0] for name in kinds)
    label, script = KINDS[kind]
    raise ExtractionError(f"a {label}, not a {wanted}: import it with {script} or openrem_import.py")


def import_dataset(dataset: pydicom.Dataset, path: str, kinds: Collection[str] | None = None) -> ImportOutcome:
    """Import a dataset already read (ExtractionError for an object that cannot be taken)."""
    sop_class = str(dataset.get("SOPClassUID", "") or "").strip()
    module = extractor_for(sop_class)
    if module is None:
        raise ExtractionError(f"unsupported object (SOP Class UID {sop_class or 'missing'})")
    if kinds:
        _check_kind(module.kind_of(dataset), kinds)
    return module.import_dataset(dataset, path)


def import_path(
    path: str | os.PathLike, delete_after_import: bool = False, kinds: Collection[str] | None = None
) -> ImportOutcome:
    """Import one file (of ``kinds`` only, if given); never raises for a bad file (the outcome says why)."""
    name = str(path)
    try:
        outcome = import_dataset(_read(name), name, kinds)
    except ExtractionError as error:
        outcome = ImportOutcome(name, Status.REJECTED, _one_line(str(error)))
    except Exception as error:  # a bug or a file no check foresaw: report it, keep the batch going
        logger.exception("Unexpected error importing %s", name)
        outcome = ImportOutcome(name, Status.REJECTED, _one_line(f"unexpected error: {type(error).__name__}: {error}"))
    if outcome.status == Status.REJECTED:
        logger.warning("%s", outcome.line())
    if delete_after_import and outcome.status != Status.REJECTED:
        try:
            Path(name).unlink(missing_ok=True)
        except OSError as error:
            logger.warning("%s: imported but could not be deleted (%s)", name, error)
    return outcome
