"""The CTDI phantom a CTDIvol or DLP refers to, from the CTDIw Phantom Type code (TID 10013, CID 4052)."""

from __future__ import annotations

from pydicom.sr.codedict import codes
from pydicom.sr.coding import Code

from remapp.dicom.content import code_key

HEAD_PHANTOM = codes.DCM.IECHeadDosimetryPhantom  # (113690, DCM): 16 cm diameter PMMA
BODY_PHANTOM = codes.DCM.IECBodyDosimetryPhantom  # (113691, DCM): 32 cm diameter PMMA
PHANTOM_DIAMETERS_CM = (16, 32)

_DIAMETER_BY_KEY = {code_key(HEAD_PHANTOM): 16, code_key(BODY_PHANTOM): 32}


def phantom_diameter_cm(phantom: Code | None) -> int | None:
    """16 for the IEC head phantom, 32 for the IEC body phantom, None for any other or no phantom."""
    if phantom is None:
        return None
    return _DIAMETER_BY_KEY.get(code_key(phantom))


def describe_phantom(phantom: Code | None) -> str:
    """The phantom as named in a reason: its meaning and code, or 'none reported'."""
    if phantom is None:
        return "no CTDIw phantom type reported"
    return f"CTDIw phantom {phantom.meaning or '(no meaning)'!r} ({phantom.scheme_designator} {phantom.value})"
