"""Coded concepts the generator writes (DICOM PS3.16: DCM, SCT and UCUM codes), as pydicom ``Code`` values.

Current SNOMED CT codes are used where older reports carry SNOMED-RT (SRT) ones; readers map one to the other.
"""

from pydicom.sr.coding import Code


def dcm(value: str, meaning: str) -> Code:
    return Code(value, "DCM", meaning)


def sct(value: str, meaning: str) -> Code:
    return Code(value, "SCT", meaning)


def ucum(value: str, meaning: str | None = None) -> Code:
    return Code(value, "UCUM", meaning or value)


# --- document level (TID 10001 / TID 10011) -----------------------------------------------------------
XRAY_RADIATION_DOSE_REPORT = dcm("113701", "X-Ray Radiation Dose Report")
PROCEDURE_REPORTED = dcm("121058", "Procedure reported")
HAS_INTENT = sct("363703001", "Has Intent")
DIAGNOSTIC_INTENT = sct("261004008", "Diagnostic Intent")
COMPUTED_TOMOGRAPHY_XRAY = sct("77477000", "Computed Tomography X-Ray")
PROJECTION_XRAY = dcm("113704", "Projection X-Ray")
MAMMOGRAPHY = sct("71651007", "Mammography")
OBSERVER_TYPE = dcm("121005", "Observer Type")
DEVICE = dcm("121007", "Device")
DEVICE_OBSERVER_UID = dcm("121012", "Device Observer UID")
DEVICE_OBSERVER_NAME = dcm("121013", "Device Observer Name")
DEVICE_OBSERVER_MANUFACTURER = dcm("121014", "Device Observer Manufacturer")
DEVICE_OBSERVER_MODEL_NAME = dcm("121015", "Device Observer Model Name")
DEVICE_OBSERVER_SERIAL_NUMBER = dcm("121016", "Device Observer Serial Number")
DEVICE_OBSERVER_LOCATION = dcm("121017", "Device Observer Physical Location During Observation")
START_OF_XRAY_IRRADIATION = dcm("113809", "Start of X-Ray Irradiation")
END_OF_XRAY_IRRADIATION = dcm("113810", "End of X-Ray Irradiation")
SCOPE_OF_ACCUMULATION = dcm("113705", "Scope of Accumulation")
STUDY = dcm("113014", "Study")
STUDY_INSTANCE_UID = dcm("110180", "Study Instance UID")
SOURCE_OF_DOSE_INFORMATION = dcm("113854", "Source of Dose Information")
AUTOMATED_DATA_COLLECTION = dcm("113856", "Automated Data Collection")
XRAY_DETECTOR_DATA_AVAILABLE = dcm("113945", "X-Ray Detector Data Available")
XRAY_SOURCE_DATA_AVAILABLE = dcm("113943", "X-Ray Source Data Available")
XRAY_MECHANICAL_DATA_AVAILABLE = dcm("113944", "X-Ray Mechanical Data Available")
YES = sct("373066001", "Yes")
NO = sct("373067005", "No")
COMMENT = dcm("121106", "Comment")

# --- CT (TID 10012-10015) -----------------------------------------------------------------------------
CT_ACCUMULATED_DOSE_DATA = dcm("113811", "CT Accumulated Dose Data")
TOTAL_NUMBER_OF_IRRADIATION_EVENTS = dcm("113812", "Total Number of Irradiation Events")
CT_DOSE_LENGTH_PRODUCT_TOTAL = dcm("113813", "CT Dose Length Product Total")
CT_ACQUISITION = dcm("113819", "CT Acquisition")
ACQUISITION_PROTOCOL = dcm("125203", "Acquisition Protocol")
TARGET_REGION = dcm("123014", "Target Region")
CT_ACQUISITION_TYPE = dcm("113820", "CT Acquisition Type")
PROCEDURE_CONTEXT = sct("408730004", "Procedure Context")
IRRADIATION_EVENT_UID = dcm("113769", "Irradiation Event UID")
DATETIME_STARTED = dcm("111526", "DateTime Started")
CT_ACQUISITION_PARAMETERS = dcm("113822", "CT Acquisition Parameters")
EXPOSURE_TIME = dcm("113824", "Exposure Time")
SCANNING_LENGTH = dcm("113825", "Scanning Length")
NOMINAL_SINGLE_COLLIMATION_WIDTH = dcm("113826", "Nominal Single Collimation Width")
NOMINAL_TOTAL_COLLIMATION_WIDTH = dcm("113827", "Nominal Total Collimation Width")
PITCH_FACTOR = dcm("113828", "Pitch Factor")
NUMBER_OF_XRAY_SOURCES = dcm("113823", "Number of X-Ray Sources")
CT_XRAY_SOURCE_PARAMETERS = dcm("113831", "CT X-Ray Source Parameters")
IDENTIFICATION_OF_XRAY_SOURCE = dcm("113832", "Identification of the X-Ray Source")
KVP = dcm("113733", "KVP")
MAXIMUM_XRAY_TUBE_CURRENT = dcm("113833", "Maximum X-Ray Tube Current")
XRAY_TUBE_CURRENT = dcm("113734", "X-Ray Tube Current")
EXPOSURE_TIME_PER_ROTATION = dcm("113834", "Exposure Time per Rotation")
CT_DOSE = dcm("113829", "CT Dose")
MEAN_CTDIVOL = dcm("113830", "Mean CTDIvol")
CTDIW_PHANTOM_TYPE = dcm("113835", "CTDIw Phantom Type")
DLP = dcm("113838", "DLP")
XRAY_MODULATION_TYPE = dcm("113842", "X-Ray Modulation Type")
DOSE_CHECK_ALERT_DETAILS = dcm("113900", "Dose Check Alert Details")
DLP_ALERT_VALUE_CONFIGURED = dcm("113901", "DLP Alert Value Configured")
CTDIVOL_ALERT_VALUE_CONFIGURED = dcm("113902", "CTDIvol Alert Value Configured")
DLP_ALERT_VALUE = dcm("113903", "DLP Alert Value")
CTDIVOL_ALERT_VALUE = dcm("113904", "CTDIvol Alert Value")
ACCUMULATED_DLP_FORWARD_ESTIMATE = dcm("113905", "Accumulated DLP Forward Estimate")
ACCUMULATED_CTDIVOL_FORWARD_ESTIMATE = dcm("113906", "Accumulated CTDIvol Forward Estimate")
REASON_FOR_PROCEEDING = dcm("113907", "Reason for Proceeding")
DOSE_CHECK_NOTIFICATION_DETAILS = dcm("113908", "Dose Check Notification Details")
DLP_NOTIFICATION_VALUE_CONFIGURED = dcm("113909", "DLP Notification Value Configured")
CTDIVOL_NOTIFICATION_VALUE_CONFIGURED = dcm("113910", "CTDIvol Notification Value Configured")
DLP_NOTIFICATION_VALUE = dcm("113911", "DLP Notification Value")
CTDIVOL_NOTIFICATION_VALUE = dcm("113912", "CTDIvol Notification Value")
DLP_FORWARD_ESTIMATE = dcm("113913", "DLP Forward Estimate")
CTDIVOL_FORWARD_ESTIMATE = dcm("113914", "CTDIvol Forward Estimate")

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
ACCUMULATED_XRAY_DOSE_DATA = dcm("113702", "Accumulated X-Ray Dose Data")
ACQUISITION_PLANE = dcm("113764", "Acquisition Plane")
PLANES = {
    "single": dcm("113622", "Single Plane"),
    "A": dcm("113620", "Plane A"),
    "B": dcm("113621", "Plane B"),
}
DOSE_AREA_PRODUCT_TOTAL = dcm("113722", "Dose Area Product Total")
DOSE_RP_TOTAL = dcm("113725", "Dose (RP) Total")
FLUORO_DOSE_AREA_PRODUCT_TOTAL = dcm("113726", "Fluoro Dose Area Product Total")
FLUORO_DOSE_RP_TOTAL = dcm("113728", "Fluoro Dose (RP) Total")
TOTAL_FLUORO_TIME = dcm("113730", "Total Fluoro Time")
ACQUISITION_DOSE_AREA_PRODUCT_TOTAL = dcm("113727", "Acquisition Dose Area Product Total")
ACQUISITION_DOSE_RP_TOTAL = dcm("113729", "Acquisition Dose (RP) Total")
TOTAL_ACQUISITION_TIME = dcm("113855", "Total Acquisition Time")
TOTAL_NUMBER_OF_RADIOGRAPHIC_FRAMES = dcm("113731", "Total Number of Radiographic Frames")
REFERENCE_POINT_DEFINITION = dcm("113780", "Reference Point Definition")
ACCUMULATED_AVERAGE_GLANDULAR_DOSE = dcm("111637", "Accumulated Average Glandular Dose")
LATERALITY = sct("272741003", "Laterality")
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

IRRADIATION_EVENT_XRAY_DATA = dcm("113706", "Irradiation Event X-Ray Data")
IRRADIATION_EVENT_TYPE = dcm("113721", "Irradiation Event Type")
EVENT_TYPES = {
    "fluoroscopy": sct("44491008", "Fluoroscopy"),
    "stationary": dcm("113611", "Stationary Acquisition"),
    "stepping": dcm("113612", "Stepping Acquisition"),
    "rotational": dcm("113613", "Rotational Acquisition"),
}
ANATOMICAL_STRUCTURE = sct("91723000", "Anatomical Structure")
IMAGE_VIEW = dcm("111031", "Image View")
VIEWS = {
    "CC": sct("399162004", "cranio-caudal"),
    "MLO": sct("399368009", "medio-lateral oblique"),
    "ML": sct("399260004", "medial-lateral"),
    "AP": sct("399348003", "antero-posterior"),
    "PA": sct("272479007", "postero-anterior"),
    "LAT": sct("399067008", "lateral"),
}
DOSE_AREA_PRODUCT = dcm("122130", "Dose Area Product")
DOSE_RP = dcm("113738", "Dose (RP)")
HALF_VALUE_LAYER = dcm("111634", "Half Value Layer")
ENTRANCE_EXPOSURE_AT_RP = dcm("111636", "Entrance Exposure at RP")
AVERAGE_GLANDULAR_DOSE = dcm("111631", "Average Glandular Dose")
EXPOSURE_INDEX = dcm("113845", "Exposure Index")
TARGET_EXPOSURE_INDEX = dcm("113846", "Target Exposure Index")
DEVIATION_INDEX = dcm("113847", "Deviation Index")
FLUORO_MODE = dcm("113732", "Fluoro Mode")
FLUORO_MODES = {"pulsed": dcm("113631", "Pulsed"), "continuous": dcm("113630", "Continuous")}
PULSE_RATE = dcm("113791", "Pulse Rate")
NUMBER_OF_PULSES = dcm("113768", "Number of Pulses")
IRRADIATION_DURATION = dcm("113742", "Irradiation Duration")
PULSE_WIDTH = dcm("113793", "Pulse Width")
EXPOSURE = dcm("113736", "Exposure")
FOCAL_SPOT_SIZE = dcm("113766", "Focal Spot Size")
ANODE_TARGET_MATERIAL = dcm("111632", "Anode Target Material")
XRAY_FILTERS = dcm("113771", "X-Ray Filters")
XRAY_FILTER_TYPE = dcm("113772", "X-Ray Filter Type")
STRIP_FILTER = dcm("113650", "Strip filter")
XRAY_FILTER_MATERIAL = dcm("113757", "X-Ray Filter Material")
XRAY_FILTER_THICKNESS_MINIMUM = dcm("113758", "X-Ray Filter Thickness Minimum")
XRAY_FILTER_THICKNESS_MAXIMUM = dcm("113773", "X-Ray Filter Thickness Maximum")
MATERIALS = {
    "Al": sct("12503006", "Aluminum"),
    "Cu": sct("66925006", "Copper"),
    "Mo": sct("71128006", "Molybdenum"),
    "Rh": sct("59801003", "Rhodium"),
    "Ag": sct("41967008", "Silver"),
    "W": sct("26194003", "Tungsten"),
}
POSITIONER_PRIMARY_ANGLE = dcm("112011", "Positioner Primary Angle")
POSITIONER_SECONDARY_ANGLE = dcm("112012", "Positioner Secondary Angle")
COMPRESSION_THICKNESS = dcm("111633", "Compression Thickness")
COMPRESSION_FORCE = dcm("111647", "Compression Force")
DISTANCE_SOURCE_TO_DETECTOR = dcm("113750", "Distance Source to Detector")
DISTANCE_SOURCE_TO_ISOCENTER = dcm("113748", "Distance Source to Isocenter")

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
