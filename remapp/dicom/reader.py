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
from pydicom.datadict import dictionary_has_tag, dictionary_VR
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.valuerep import VR

_UNDEFINED_LENGTH = 0xFFFFFFFF
_KNOWN_VRS = frozenset(str(vr) for vr in VR)
_local = threading.local()


class DicomReadError(Exception):
    """The file is not DICOM, cannot be read, or is truncated; the message says which."""


class _ProblemCollector(logging.Handler):
    """Collects pydicom's warnings per thread while a file is being read."""

    def emit(self, record: logging.LogRecord) -> None:
        problems = getattr(_local, "problems", None)
        if problems is not None and record.levelno >= logging.WARNING:
            problems.append((record.levelno, record.getMessage()))


_collector = _ProblemCollector()
logging.getLogger("pydicom").addHandler(_collector)

_TRUNCATION_HINTS = ("End of file", "EOF", "No tag to read")


def _trailing_bytes(dataset: Dataset, size: int) -> bool:
    """Whether the file ends part-way through an element header, which pydicom silently drops.

    Eight bytes or more after the last element read are the elements pydicom was told to skip (pixel data).
    """
    last = None
    for tag in dataset.keys():
        last = dataset.get_item(tag)
    value_tell = getattr(last, "value_tell", None)
    length = getattr(last, "length", None)
    if value_tell is None or length in (None, _UNDEFINED_LENGTH):
        return False
    return 0 < size - (value_tell + length) < 8


def _short_element(dataset: Dataset) -> int | None:
    for tag in dataset.keys():
        raw = dataset.get_item(tag)
        length = getattr(raw, "length", None)
        value = getattr(raw, "value", None)
        if isinstance(value, bytes) and length not in (None, _UNDEFINED_LENGTH) and len(value) < length:
            return int(tag)
    return None


# The SR content tree is left raw: remapp.dicom.fast_sr reads it much faster than pydicom, and checks it.
CONTENT_SEQUENCE = 0x0040A730


def _parse_sequences(dataset: Dataset, depth: int = 0, skip: frozenset[int] = frozenset()) -> None:
    """Parse every sequence now (pydicom defers it), so a damaged one is found before anything is saved."""
    if depth > 64:
        raise ValueError("sequences nested more than 64 deep")
    for tag in dataset.keys():
        if tag in skip:
            continue
        raw = dataset.get_item(tag)
        vr = getattr(raw, "VR", None)
        if vr is not None and vr not in _KNOWN_VRS:
            raise ValueError(f"unknown value representation {vr!r} in tag {tag}")
        if vr is None and not tag.is_private:
            vr = dictionary_VR(tag) if dictionary_has_tag(tag) else None
        if vr == "SQ":
            for item in dataset[tag].value or ():
                _parse_sequences(item, depth + 1)


def parse_sequences_checked(dataset: Dataset, skip: frozenset[int] = frozenset()) -> None:
    """Parse the dataset's sequences (except top-level ``skip`` tags); DicomReadError if any is damaged."""
    _local.problems = []
    try:
        _parse_sequences(dataset, 0, skip)
    except Exception as error:
        raise DicomReadError(f"damaged DICOM file ({type(error).__name__}: {error})") from error
    finally:
        problems, _local.problems = _local.problems, None
    _raise_for(problems)


def _raise_for(problems: list[tuple[int, str]]) -> None:
    truncation = [message for level, message in problems if any(hint in message for hint in _TRUNCATION_HINTS)]
    if truncation:
        raise DicomReadError(f"truncated DICOM file ({truncation[0]})")
    errors = [message for level, message in problems if level >= logging.ERROR]
    if errors:  # pydicom stops reading a dataset at an element it cannot decode, and only logs it
        raise DicomReadError(f"damaged DICOM file ({errors[0]})")


def read_dicom_file(path: str | os.PathLike) -> Dataset:
    """The dataset of a DICOM file (pixel data skipped); DicomReadError if unreadable, not DICOM or truncated.

    Every sequence is parsed and checked here except the SR content tree, which its reader checks.
    """
    _local.problems = []
    try:
        dataset = pydicom.dcmread(path, stop_before_pixels=True)
        short = _short_element(dataset)  # before sequences are parsed: it looks at the raw top-level bytes
        if short is None and _trailing_bytes(dataset, os.path.getsize(path)):
            short = -1
        if short is None:
            _parse_sequences(dataset, 0, frozenset({CONTENT_SEQUENCE}))
    except InvalidDicomError as error:
        raise DicomReadError("not a DICOM file (no DICOM file preamble and header)") from error
    except (OSError, EOFError) as error:
        raise DicomReadError(f"cannot read the file ({error})") from error
    except Exception as error:  # pydicom raises many kinds on damaged files
        raise DicomReadError(f"damaged DICOM file ({type(error).__name__}: {error})") from error
    finally:
        problems, _local.problems = _local.problems, None
    _raise_for(problems)
    if short == -1:
        raise DicomReadError("truncated DICOM file (it ends part-way through an element)")
    if short is not None:
        raise DicomReadError(f"truncated DICOM file (element ({short >> 16:04X},{short & 0xFFFF:04X}) is cut short)")
    return dataset
