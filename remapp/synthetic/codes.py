"""Coded concepts and values the generator writes (DICOM PS3.16: DCM, SCT and UCUM codes), as pydicom ``Code`` values.

Current SNOMED CT codes are used where older reports carry SNOMED-RT (SRT) ones; readers map one to the other.
"""

from pydicom.sr.coding import Code

from remapp.dicom import concepts as c

# Concept names are the readers' own (remapp.dicom.concepts), so a code is spelled in one place only; this
# module adds what only the generator needs: value sets, units and a few codes the readers never look for.
from remapp.dicom.concepts import *  # noqa: F403


def dcm(value: str, meaning: str) -> Code:
    return Code(value, "DCM", meaning)


def sct(value: str, meaning: str) -> Code:
    return Code(value, "SCT", meaning)


def ucum(value: str, meaning: str | None = None) -> Code:
    return Code(value, "UCUM", meaning or value)


# --- document level (TID 10001 / TID 10011) -----------------------------------------------------------
DIAGNOSTIC_INTENT = sct("261004008", "Diagnostic Intent")
MAMMOGRAPHY = c.MAMMOGRAPHY_PROCEDURE
DEVICE = c.OBSERVER_DEVICE
DEVICE_OBSERVER_LOCATION = c.DEVICE_OBSERVER_PHYSICAL_LOCATION
STUDY = dcm("113014", "Study")
AUTOMATED_DATA_COLLECTION = dcm("113856", "Automated Data Collection")

# --- CT (TID 10012-10015) -----------------------------------------------------------------------------
IDENTIFICATION_OF_XRAY_SOURCE = c.IDENTIFICATION_OF_THE_XRAY_SOURCE

CT_ACQUISITION_TYPES = {
    "spiral": sct("116152004", "Spiral Acquisition"),
    "sequenced": dcm("113804", "Sequenced Acquisition"),
    "constant_angle": dcm("113805", "Constant Angle Acquisition"),
    "stationary": dcm("113806", "Stationary Acquisition"),
    "free": dcm("113807", "Free Acquisition"),
}
PHANTOM_TYPES = {
    "head": dcm("113690", "IEC Head Dosimetry Phantom"),
    "body": dcm("113691", "IEC Body Dosimetry Phantom"),
}
CT_WITHOUT_CONTRAST = sct("399331006", "CT without contrast")

# --- projection (TID 10002-10008) ---------------------------------------------------------------------
PLANES = {
    "single": dcm("113622", "Single Plane"),
    "A": dcm("113620", "Plane A"),
    "B": dcm("113621", "Plane B"),
}
BREASTS = {
    "L": sct("80248007", "Left breast"),
    "R": sct("73056007", "Right breast"),
    "B": sct("63762007", "Both breasts"),
}
SIDES = {"L": sct("7771000", "Left"), "R": sct("24028007", "Right")}
REFERENCE_POINTS = {
    "isocenter": dcm("113860", "15cm from Isocenter toward Source"),
    "image_input": dcm("113861", "30cm in Front of Image Input Surface"),
    "tabletop_1cm": dcm("113862", "1cm above Tabletop"),
    "tabletop_30cm": dcm("113863", "30cm above Tabletop"),
    "breast_support": dcm("113865", "4.2cm above Breast Support Surface"),
}

EVENT_TYPES = {
    "fluoroscopy": c.FLUOROSCOPY,
    "stationary": dcm("113611", "Stationary Acquisition"),
    "stepping": dcm("113612", "Stepping Acquisition"),
    "rotational": dcm("113613", "Rotational Acquisition"),
}
VIEWS = {
    "CC": sct("399162004", "cranio-caudal"),
    "MLO": sct("399368009", "medio-lateral oblique"),
    "ML": sct("399260004", "medial-lateral"),
    "AP": sct("399348003", "antero-posterior"),
    "PA": sct("272479007", "postero-anterior"),
    "LAT": sct("399067008", "lateral"),
}
FLUORO_MODES = {"pulsed": dcm("113631", "Pulsed"), "continuous": dcm("113630", "Continuous")}
STRIP_FILTER = dcm("113650", "Strip filter")
MATERIALS = {
    "Al": sct("12503006", "Aluminum"),
    "Cu": sct("66925006", "Copper"),
    "Mo": sct("71128006", "Molybdenum"),
    "Rh": sct("59801003", "Rhodium"),
    "Ag": sct("41967008", "Silver"),
    "W": sct("26194003", "Tungsten"),
}

# --- anatomy (CID 4031 and friends) --------------------------------------------------------------------
REGIONS = {
    "head": sct("69536005", "Head"),
    "neck": sct("45048000", "Neck"),
    "chest": sct("816094009", "Chest"),
    "abdomen": sct("818981001", "Abdomen"),
    "pelvis": sct("816092008", "Pelvis"),
    "abdomen_pelvis": sct("818982008", "Abdomen and Pelvis"),
    "chest_abdomen_pelvis": sct("416775004", "Chest, Abdomen and Pelvis"),
    "heart": sct("80891009", "Heart"),
    "entire_body": sct("38266002", "Entire body"),
    "breast": sct("76752008", "Breast"),
    "cervical_spine": sct("122494005", "Cervical spine"),
    "lumbar_spine": sct("122496007", "Lumbar spine"),
    "skull": sct("89546000", "Skull"),
    "shoulder": sct("16982005", "Shoulder"),
    "hand": sct("85562004", "Hand"),
    "hip": sct("29836001", "Hip"),
    "knee": sct("72696002", "Knee"),
    "foot": sct("56459004", "Foot"),
}

# --- units (UCUM) --------------------------------------------------------------------------------------
MGY = ucum("mGy")
GY = ucum("Gy")
MGY_CM = ucum("mGy.cm")
GY_M2 = ucum("Gy.m2")
S = ucum("s", "s")
MS = ucum("ms")
MM = ucum("mm")
KV = ucum("kV")
MA = ucum("mA")
UAS = ucum("uA.s")
DEG = ucum("deg")
NEWTON = ucum("N")
RATIO = ucum("{ratio}", "ratio")
EVENTS = ucum("{events}", "events")
XRAY_SOURCES = ucum("{X-Ray sources}", "X-Ray sources")
PULSES = ucum("{pulses}", "pulses")
PULSES_PER_S = ucum("{pulse}/s", "pulse/s")
FRAMES = ucum("{frames}", "frames")
NO_UNITS = ucum("1", "no units")
