"""Legacy SNOMED codes to SNOMED CT: the one place that knows pydicom's SNOMED-RT to SNOMED CT table.

Older reports code concepts in SNOMED-RT (scheme ``SRT``, e.g. ``G-A101`` Left), in the retired SNOMED DICOM
Microglossary (``99SDM``) or as SNOMED v3 (``SNM3``, which some vendors still write), all with SNOMED-RT
identifiers; current ones use SNOMED CT (``SCT``, ``7771000``).
DICOM PS3.16 Annex O lists the equivalences. pydicom ships them as a private table that its public ``Code``
equality uses (``Code("G-A101", "SRT", "Left") == Code("7771000", "SCT", "Left")``); pydicom has no public
function that returns the mapped code, so the table is read here and nowhere else.
tests/dicom/test_snomed.py fails if pydicom moves the table, changes its shape, or stops agreeing with ``Code``.
"""

from __future__ import annotations

from pydicom.sr import _snomed_dict  # private: see the module docstring; guarded by tests/dicom/test_snomed.py
from pydicom.sr.coding import Code

SNOMED_CT = "SCT"
LEGACY_SNOMED_SCHEMES = frozenset({"SRT", "SNM3", "99SDM"})

_SNOMED_RT_TO_CT: dict[str, str] = _snomed_dict.mapping["SRT"]

CodeKey = tuple[str, str]


def to_sct(code: Code) -> Code:
    """The SNOMED CT code of a legacy SNOMED-RT (SRT, SNM3, 99SDM) code, meaning kept; any other code unchanged."""
    if code.scheme_designator in LEGACY_SNOMED_SCHEMES:
        value = _SNOMED_RT_TO_CT.get(code.value)
        if value is not None:
            return Code(value, SNOMED_CT, code.meaning)
    return code


def code_key(code: Code) -> CodeKey:
    """(code value, scheme) after ``to_sct``, so a legacy SNOMED code and its SNOMED CT code compare equal."""
    code = to_sct(code)
    return code.value, code.scheme_designator
