"""Coded concepts for values that image headers give as plain strings (materials, laterality, views, filters).

Image headers carry defined terms ('TUNGSTEN', 'CC', 'L'); the dose tables hold coded concepts, the same
ones vendors write in their dose reports, so image-derived and RDSR-derived rows share one CodedConcept each.
Codes are written here as they are stored: in SNOMED CT where the standard's SNOMED-RT to SNOMED CT table maps
the SNOMED-RT code vendors use (``stored``), else as that SNOMED-RT code. A term with no standard code here is
kept as a local code (scheme ``99OPENREM``) carrying the term itself, so nothing the header said is lost or
guessed.
"""

from __future__ import annotations

from pydicom.sr.coding import Code

from remapp.dicom import concepts as c
from remapp.dicom.content import code_key


def stored(value: str, scheme: str, meaning: str) -> Code:
    """The code as it is stored: a SNOMED-RT code that has a SNOMED CT equivalent becomes that code."""
    value, scheme = code_key(Code(value, scheme, meaning))
    return Code(value, scheme, meaning)


LOCAL_SCHEME = "99OPENREM"

# Anode target material (CID 10016) and filter material (CID 10006), keyed by the header strings seen from
# GE, Hologic, Siemens, Carestream and Philips units (English and British spellings, chemical symbols).
_MATERIALS = {
    "MOLYBDENUM": stored("C-150F9", "SRT", "Molybdenum or Molybdenum compound"),
    "RHODIUM": stored("C-167F9", "SRT", "Rhodium or Rhodium compound"),
    "TUNGSTEN": stored("C-164F9", "SRT", "Tungsten or Tungsten compound"),
    "SILVER": stored("C-137F9", "SRT", "Silver or Silver compound"),
    "ALUMINUM": stored("C-120F9", "SRT", "Aluminum or Aluminum compound"),
    "COPPER": stored("C-127F9", "SRT", "Copper or Copper compound"),
}
_MATERIAL_ALIASES = {
    "MO": "MOLYBDENUM",
    "MOLY": "MOLYBDENUM",
    "RH": "RHODIUM",
    "W": "TUNGSTEN",
    "WOLFRAM": "TUNGSTEN",
    "AG": "SILVER",
    "AL": "ALUMINUM",
    "ALUMINIUM": "ALUMINUM",
    "CU": "COPPER",
}

LEFT = c.LEFT
RIGHT = c.RIGHT
BOTH = stored("G-A102", "SRT", "Right and left")
_LATERALITY = {"L": LEFT, "R": RIGHT, "B": BOTH}

# View Position (0018,5101) defined terms with their CID 4014 (mammography) / CID 4010 (DX) codes.
_VIEWS = {
    "CC": stored("R-10242", "SRT", "cranio-caudal"),
    "MLO": stored("R-10226", "SRT", "medio-lateral oblique"),
    "ML": stored("R-10224", "SRT", "medio-lateral"),
    "LM": stored("R-10228", "SRT", "latero-medial"),
    "AP": stored("R-10206", "SRT", "antero-posterior"),
    "PA": stored("R-10214", "SRT", "postero-anterior"),
}

# Filter Type (0018,1160) defined terms -> CID 10007 X-Ray Filter Type.
_FILTER_TYPES = {
    "STRIP": Code("111650", "DCM", "Strip filter"),
    "WEDGE": Code("111651", "DCM", "Wedge filter"),
    "BUTTERFLY": Code("111652", "DCM", "Butterfly filter"),
    "FLAT": Code("111653", "DCM", "Flat filter"),
}

STATIONARY_ACQUISITION = Code("113611", "DCM", "Stationary Acquisition")
ROTATIONAL_ACQUISITION = Code("113613", "DCM", "Rotational Acquisition")
SINGLE_PLANE = Code("113622", "DCM", "Single Plane")
COMPUTED_FROM_IMAGE_ATTRIBUTES = Code("113867", "DCM", "Computed From Image Attributes")
BREAST = stored("T-04000", "SRT", "Breast")
LEFT_BREAST = stored("T-04030", "SRT", "Left breast")
RIGHT_BREAST = stored("T-04020", "SRT", "Right breast")
MAMMOGRAPHY_PROCEDURE = c.MAMMOGRAPHY_PROCEDURE

# CT Acquisition Type (CID 10013) from the Acquisition Type (0018,9302) defined terms.
_CT_ACQUISITION_TYPES = {
    "SPIRAL": stored("P5-08001", "SRT", "Spiral Acquisition"),
    "SEQUENCED": Code("113804", "DCM", "Sequenced Acquisition"),
    "CONSTANT_ANGLE": Code("113805", "DCM", "Constant Angle Acquisition"),
    "STATIONARY": Code("113806", "DCM", "Stationary Acquisition"),
    "FREE": Code("113807", "DCM", "Free Acquisition"),
}


def local_code(term: str) -> Code | None:
    """A header term with no standard code, kept as a local coded concept; None for an empty term."""
    term = term.strip()
    return Code(term[:64], LOCAL_SCHEME, term[:128]) if term else None


def material(term: str) -> Code | None:
    """Anode target or filter material from a header string such as 'TUNGSTEN', 'Rh' or 'ALUMINIUM'."""
    key = term.strip().upper()
    key = _MATERIAL_ALIASES.get(key, key)
    return _MATERIALS.get(key) or local_code(term)


def laterality(term: str) -> Code | None:
    """Image Laterality / Laterality ('L', 'R', 'B'); 'U' (unpaired) and empty give None."""
    return _LATERALITY.get(term.strip().upper())


def view(term: str) -> Code | None:
    """A View Position defined term as a coded view, or a local code for terms without one."""
    return _VIEWS.get(term.strip().upper()) or local_code(term)


def filter_type(term: str) -> Code | None:
    """Filter Type defined term as a coded X-Ray Filter Type; 'NONE' and empty give None."""
    key = term.strip().upper()
    if not key or key == "NONE":
        return None
    return _FILTER_TYPES.get(key) or local_code(term)


def ct_acquisition_type(term: str) -> Code | None:
    """Acquisition Type (0018,9302) as a coded CT Acquisition Type."""
    key = term.strip().upper()
    return _CT_ACQUISITION_TYPES.get(key) or local_code(term)
