"""Reading a DICOM file, refusing a truncated one.

pydicom reads a cut-off file without complaint: an element whose declared length runs past the end of
the file simply gets fewer bytes, and a missing sequence delimiter only logs a warning. Importing such a
file would store half a report, so ``read_dicom_file`` checks both and raises ``DicomReadError``.
"""

from __future__ import annotations

import logging
import os
import threading

import pydicom
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError

_UNDEFINED_LENGTH = 0xFFFFFFFF
_local = threading.local()


class DicomReadError(Exception):
    """The file is not DICOM, cannot be read, or is truncated; the message says which."""


class _ProblemCollector(logging.Handler):
    """Collects pydicom's warnings per thread while a file is being read."""

    def emit(self, record: logging.LogRecord) -> None:
        problems = getattr(_local, "problems", None)
        if problems is not None and record.levelno >= logging.WARNING:
            problems.append(record.getMessage())


_collector = _ProblemCollector()
logging.getLogger("pydicom").addHandler(_collector)

_TRUNCATION_HINTS = ("End of file", "EOF", "No tag to read")


def _short_element(dataset: Dataset) -> int | None:
    for tag in dataset.keys():
        raw = dataset.get_item(tag)
        length = getattr(raw, "length", None)
        value = getattr(raw, "value", None)
        if isinstance(value, bytes) and length not in (None, _UNDEFINED_LENGTH) and len(value) < length:
            return int(tag)
    return None


def read_dicom_file(path: str | os.PathLike) -> Dataset:
    """The dataset of a DICOM file (pixel data skipped); DicomReadError if unreadable, not DICOM or truncated."""
    _local.problems = []
    try:
        dataset = pydicom.dcmread(path, stop_before_pixels=True)
    except InvalidDicomError as error:
        raise DicomReadError("not a DICOM file (no DICOM file preamble and header)") from error
    except (OSError, EOFError) as error:
        raise DicomReadError(f"cannot read the file ({error})") from error
    except Exception as error:  # pydicom raises many kinds on damaged files
        raise DicomReadError(f"damaged DICOM file ({type(error).__name__}: {error})") from error
    finally:
        problems, _local.problems = _local.problems, None
    truncation = [p for p in problems if any(hint in p for hint in _TRUNCATION_HINTS)]
    if truncation:
        raise DicomReadError(f"truncated DICOM file ({truncation[0]})")
    short = _short_element(dataset)
    if short is not None:
        raise DicomReadError(f"truncated DICOM file (element ({short >> 16:04X},{short & 0xFFFF:04X}) is cut short)")
    return dataset
