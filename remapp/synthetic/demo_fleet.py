"""The demo data set's world: hospitals, their X-ray units, and what each unit sends (pydicom-free tables).

Each unit sends one kind of dose object, as real units do: an RDSR, image headers, or a Philips dose screen.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Site:
    institution_name: str
    institution_address: str
    prefix: str


@dataclass(frozen=True)
class Unit:
    """One X-ray unit: where it is, what it is, what it sends (a generator name) and its share of the work."""

    modality: str
    site: Site
    manufacturer: str
    model: str
    station_name: str
    serial: str
    kind: str
    weight: float = 1.0
    software: str = ""
    biplane: bool = False
    dose_check: bool = False
    # Radiography totals: TID 10004 ("projection") or TID 10007 ("integrated"), as different DR units send.
    accumulation: str = "projection"


ROYAL = Site("Royal Synthetic Infirmary", "1 Example Road, Exampleton", "RSI")
STJUDE = Site("St Sample's Hospital", "22 Demo Street, Sampleford", "SSH")
NORTH = Site("Northfield Community Hospital", "Moor Lane, Northfield", "NCH")

UNITS = [
    Unit("CT", ROYAL, "SIEMENS", "SOMATOM Definition Flash", "RSICT01", "CT1001", "ct_rdsr", 3, "syngo CT VB20"),
    Unit("CT", ROYAL, "GE MEDICAL SYSTEMS", "Revolution CT", "RSICT02", "CT1002", "ct_rdsr", 2, "revo_ct_21"),
    Unit("CT", STJUDE, "TOSHIBA", "Aquilion ONE", "SSHCT01", "CT2001", "ct_rdsr", 2, "V8.3", dose_check=True),
    Unit("CT", STJUDE, "Philips", "Brilliance 64", "SSHCT02", "CT2002", "philips_ct_dose_screen", 1.5, "3.2.1"),
    Unit("CT", NORTH, "Philips", "Brilliance 16P", "NCHCT01", "CT3001", "philips_ct_dose_screen", 1, "2.3.0"),
    Unit("RF", ROYAL, "Siemens", "AXIOM-Artis", "RSIFL01", "RF1001", "rf_rdsr", 2, "VD11"),
    Unit("RF", ROYAL, "Philips Medical Systems", "Allura Xper", "RSIIR01", "RF1002", "rf_rdsr", 1.5, biplane=True),
    Unit("RF", STJUDE, "GE Healthcare", "OEC Elite", "SSHTH01", "RF2001", "rf_rdsr", 1.5),
    Unit("RF", NORTH, "Eurocolumbus", "Euroampli", "NCHFL01", "RF3001", "rf_rdsr", 1),
    Unit(
        "DX", ROYAL, "Carestream Health", "DRX-Evolution", "RSIDR01", "DX1001", "dx_rdsr", 3, accumulation="integrated"
    ),
    Unit("DX", ROYAL, "Philips Medical Systems", "DigitalDiagnost", "RSIDR02", "DX1002", "dx_image", 2),
    Unit("DX", STJUDE, "GE Healthcare", "Optima XR220", "SSHMOB01", "DX2001", "dx_image", 1.5),
    Unit("DX", NORTH, "Canon Inc.", "CXDI Control Software NE", "NCHDR01", "DX3001", "dx_rdsr", 1.5),
    Unit("MG", ROYAL, "HOLOGIC, Inc.", "Selenia Dimensions", "RSIMG01", "MG1001", "mg_rdsr", 2, "1.8.3"),
    Unit("MG", STJUDE, "GE MEDICAL SYSTEMS", "Senographe Pristina", "SSHMG01", "MG2001", "mammo_image", 1.5),
    Unit("MG", NORTH, "SIEMENS", "Mammomat Revelation", "NCHMG01", "MG3001", "mammo_image", 1),
]

# CT protocols: name, share, [(acquisition protocol, region, phantom, median CTDIvol mGy, median length mm)]
CT_MIX = [
    ("CT Head", 0.33, [("Head routine", "head", "head", 45.0, 150)]),
    ("CT Chest", 0.18, [("Chest routine", "chest", "body", 7.5, 310)]),
    ("CT Abdomen Pelvis", 0.2, [("Abdomen pelvis portal", "abdomen_pelvis", "body", 11.0, 430)]),
    (
        "CT Chest Abdomen Pelvis",
        0.14,
        [("Chest arterial", "chest", "body", 8.0, 300), ("Abdomen pelvis portal", "abdomen_pelvis", "body", 11.0, 430)],
    ),
    ("CT KUB", 0.07, [("KUB low dose", "abdomen_pelvis", "body", 3.5, 400)]),
    ("CT Pulmonary Angiogram", 0.08, [("CTPA", "chest", "body", 9.5, 280)]),
]

# Fluoroscopy procedures: name, share, (fewest, most events), DAP scale (1 = a barium swallow)
RF_MIX = [
    ("Barium swallow", 0.3, (3, 6), 1.0),
    ("Hysterosalpingogram", 0.15, (2, 4), 0.6),
    ("ERCP", 0.2, (3, 8), 1.8),
    ("Nephrostomy", 0.15, (3, 7), 2.2),
    ("Lower limb angiogram", 0.2, (5, 12), 4.0),
]

# Radiography protocols (names from projection_events.DX_PROTOCOLS) and their shares.
DX_MIX = [
    ("Chest PA", 0.38),
    ("Chest PA and lateral", 0.08),
    ("Abdomen AP", 0.1),
    ("Pelvis AP", 0.1),
    ("Lumbar spine", 0.1),
    ("Knee", 0.14),
    ("Hand", 0.1),
]

# Mammography: name, share, views (laterality, view)
MG_MIX = [
    ("Bilateral screening mammography", 0.82, [("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO")]),
    ("Right assessment mammography", 0.08, [("R", "CC"), ("R", "MLO")]),
    ("Left assessment mammography", 0.08, [("L", "CC"), ("L", "MLO")]),
    ("Left ML view", 0.02, [("L", "ML")]),
]

# Anode/filter pairs per mammography manufacturer.
MG_TARGET_FILTER = {
    "HOLOGIC, Inc.": [("W", "Rh"), ("W", "Ag")],
    "GE MEDICAL SYSTEMS": [("Mo", "Mo"), ("Mo", "Rh"), ("Rh", "Rh")],
    "SIEMENS": [("W", "Rh")],
}
