"""What the store node accepts: the storage SOP classes OpenREM imports, each with the transfer syntaxes it takes.

Anything else is refused at association negotiation: pynetdicom answers each unsupported presentation context
with result 3 (abstract syntax not supported), so the sending system learns before it sends any data.
"""

from pynetdicom import AE
from pynetdicom.sop_class import Verification

# Dose reports: X-Ray Radiation Dose SR, and the SR classes some vendors (GE CT) carry dose reports in.
DOSE_REPORT_SOP_CLASSES = {
    "1.2.840.10008.5.1.4.1.1.88.67": "X-Ray Radiation Dose SR Storage",
    "1.2.840.10008.5.1.4.1.1.88.22": "Enhanced SR Storage",
    "1.2.840.10008.5.1.4.1.1.88.33": "Comprehensive SR Storage",
    "1.2.840.10008.5.1.4.1.1.88.34": "Comprehensive 3D SR Storage",
    "1.2.840.10008.5.1.4.1.1.88.35": "Extensible SR Storage",
}
# Images whose headers carry the exposure (mammography, radiography) and Philips CT dose screens.
# The Hologic tomosynthesis projection object in the corpus (MG-Im-Hologic-PropProj.dcm) is sent as
# Secondary Capture Image Storage, so that class covers it too.
IMAGE_SOP_CLASSES = {
    "1.2.840.10008.5.1.4.1.1.1.2": "Digital Mammography X-Ray Image Storage - For Presentation",
    "1.2.840.10008.5.1.4.1.1.1.2.1": "Digital Mammography X-Ray Image Storage - For Processing",
    "1.2.840.10008.5.1.4.1.1.13.1.4": "Breast Projection X-Ray Image Storage - For Presentation",
    "1.2.840.10008.5.1.4.1.1.13.1.5": "Breast Projection X-Ray Image Storage - For Processing",
    "1.2.840.10008.5.1.4.1.1.1.1": "Digital X-Ray Image Storage - For Presentation",
    "1.2.840.10008.5.1.4.1.1.1.1.1": "Digital X-Ray Image Storage - For Processing",
    "1.2.840.10008.5.1.4.1.1.1": "Computed Radiography Image Storage",
    "1.2.840.10008.5.1.4.1.1.2": "CT Image Storage",
    "1.2.840.10008.5.1.4.1.1.7": "Secondary Capture Image Storage",
}
ACCEPTED_SOP_CLASSES = {**DOSE_REPORT_SOP_CLASSES, **IMAGE_SOP_CLASSES}

UNCOMPRESSED_TRANSFER_SYNTAXES = [
    "1.2.840.10008.1.2.1",  # Explicit VR Little Endian
    "1.2.840.10008.1.2",  # Implicit VR Little Endian
    "1.2.840.10008.1.2.1.99",  # Deflated Explicit VR Little Endian
]
# Compressed pixel data is stored as received: only the header is read, so nothing needs decompressing.
COMPRESSED_IMAGE_TRANSFER_SYNTAXES = [
    "1.2.840.10008.1.2.4.50",  # JPEG Baseline (Process 1)
    "1.2.840.10008.1.2.4.51",  # JPEG Extended (Process 2 & 4)
    "1.2.840.10008.1.2.4.57",  # JPEG Lossless, Non-Hierarchical (Process 14)
    "1.2.840.10008.1.2.4.70",  # JPEG Lossless, First-Order Prediction (Process 14 SV1)
    "1.2.840.10008.1.2.4.80",  # JPEG-LS Lossless
    "1.2.840.10008.1.2.4.81",  # JPEG-LS Near-Lossless
    "1.2.840.10008.1.2.4.90",  # JPEG 2000 Lossless Only
    "1.2.840.10008.1.2.4.91",  # JPEG 2000
    "1.2.840.10008.1.2.5",  # RLE Lossless
]


def accepted_sop_classes() -> list[tuple[str, str]]:
    """(UID, name) of every storage SOP class the node accepts, by name."""
    return sorted(ACCEPTED_SOP_CLASSES.items(), key=lambda item: item[1])


def transfer_syntaxes_for(sop_class_uid: str) -> list[str]:
    """The transfer syntaxes accepted for one SOP class: compressed ones for images only."""
    if sop_class_uid in IMAGE_SOP_CLASSES:
        return UNCOMPRESSED_TRANSFER_SYNTAXES + COMPRESSED_IMAGE_TRANSFER_SYNTAXES
    return list(UNCOMPRESSED_TRANSFER_SYNTAXES)


def add_store_contexts(ae: AE) -> None:
    """Offer Verification (C-ECHO) and every accepted storage SOP class as an SCP."""
    ae.add_supported_context(Verification)
    for sop_class_uid in ACCEPTED_SOP_CLASSES:
        ae.add_supported_context(sop_class_uid, transfer_syntaxes_for(sop_class_uid))
