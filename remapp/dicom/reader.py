"""Reading a DICOM file, refusing a truncated or mis-framed one.

pydicom reads a cut-off file without complaint: an element whose declared length runs past the end of
the file simply gets fewer bytes, and a sequence missing its delimiter just ends. Importing such a file would
store half a report, so ``read_dicom_file`` first checks the file's lengths and delimiters itself
(``remapp.dicom.framing``) and raises ``DicomReadError`` with a one-line reason.
"""

from __future__ import annotations

import os

import pydicom
from pydicom.datadict import dictionary_has_tag, dictionary_VR
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.valuerep import VR

from remapp.dicom.framing import MAX_NESTING, FramingError, check_file

_KNOWN_VRS = frozenset(str(vr) for vr in VR)


class DicomReadError(Exception):
    """The file is not DICOM, cannot be read, or is truncated; the message says which."""


def _framing_reason(error: FramingError) -> str:
    """The one-line reason for a file whose framing does not add up."""
    return f"{'truncated' if error.truncated else 'damaged'} DICOM file ({error})"


# The SR content tree is left raw here: its reader (remapp.dicom.content) decodes it once, much faster.
CONTENT_SEQUENCE = 0x0040A730


def _parse_sequences(dataset: Dataset, depth: int = 0, skip: frozenset[int] = frozenset()) -> None:
    """Parse every sequence now (pydicom defers it), so one pydicom cannot decode is found before anything is saved."""
    if depth > MAX_NESTING:
        raise ValueError(f"sequences nested more than {MAX_NESTING} deep")
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
    """Parse the dataset's sequences (except top-level ``skip`` tags); DicomReadError if one does not decode."""
    try:
        _parse_sequences(dataset, 0, skip)
    except Exception as error:
        raise DicomReadError(f"damaged DICOM file ({type(error).__name__}: {error})") from error


def read_dicom_file(path: str | os.PathLike) -> Dataset:
    """The dataset of a DICOM file (pixel data skipped); DicomReadError if unreadable, not DICOM or truncated.

    Every sequence is parsed and checked here except the SR content tree, which its reader decodes.
    """
    try:
        check_file(path)
        dataset = pydicom.dcmread(path, stop_before_pixels=True)
        _parse_sequences(dataset, 0, frozenset({CONTENT_SEQUENCE}))
    except FramingError as error:
        raise DicomReadError(_framing_reason(error)) from error
    except InvalidDicomError as error:
        raise DicomReadError("not a DICOM file (no DICOM file preamble and header)") from error
    except (OSError, EOFError) as error:
        raise DicomReadError(f"cannot read the file ({error})") from error
    except Exception as error:  # pydicom raises many kinds on damaged files
        raise DicomReadError(f"damaged DICOM file ({type(error).__name__}: {error})") from error
    return dataset
