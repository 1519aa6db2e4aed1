"""Concept codes named once. Extractors refer to these names, never to code strings.

Taken from pydicom's code dictionaries (``codes.DCM``, ``codes.SCT``) where they exist; the few that
pydicom does not name are defined here as ``Code`` constants. Legacy SNOMED-RT (SRT) codes in older
reports match their SNOMED CT equivalents (see ``remapp.dicom.content.code_key``).
"""

from pydicom.sr.codedict import codes
from pydicom.sr.coding import Code

DCM, SCT = codes.DCM, codes.SCT

# --- document titles and observer context (TID 1002-1005) ---------------------------------------
XRAY_RADIATION_DOSE_REPORT = DCM.XRayRadiationDoseReport  # 113701, root of TID 10001 and TID 10011
PROCEDURE_REPORTED = DCM.ProcedureReported
HAS_INTENT = SCT.HasIntent
COMPUTED_TOMOGRAPHY_XRAY = Code("77477000", "SCT", "Computed Tomography X-Ray")  # SRT P5-08000
PROJECTION_XRAY = Code("113704", "DCM", "Projection X-Ray")
OBSERVER_TYPE = DCM.ObserverType
OBSERVER_DEVICE = DCM.Device
OBSERVER_PERSON = DCM.Person
DEVICE_OBSERVER_UID = DCM.DeviceObserverUID
DEVICE_OBSERVER_NAME = DCM.DeviceObserverName
DEVICE_OBSERVER_MANUFACTURER = DCM.DeviceObserverManufacturer
DEVICE_OBSERVER_MODEL_NAME = DCM.DeviceObserverModelName
DEVICE_OBSERVER_SERIAL_NUMBER = DCM.DeviceObserverSerialNumber
DEVICE_OBSERVER_PHYSICAL_LOCATION = DCM.DeviceObserverPhysicalLocationDuringObservation
PERSON_OBSERVER_NAME = DCM.PersonObserverName
PERSON_OBSERVER_ORGANIZATION_NAME = DCM.PersonObserverOrganizationName
PERSON_OBSERVER_ROLE_IN_ORGANIZATION = DCM.PersonObserverRoleInTheOrganization
PERSON_OBSERVER_ROLE_IN_PROCEDURE = DCM.PersonObserverRoleInThisProcedure
START_OF_XRAY_IRRADIATION = DCM.StartOfXRayIrradiation
END_OF_XRAY_IRRADIATION = DCM.EndOfXRayIrradiation
SCOPE_OF_ACCUMULATION = DCM.ScopeOfAccumulation
STUDY_INSTANCE_UID = DCM.StudyInstanceUID
PERFORMED_PROCEDURE_STEP_SOP_INSTANCE_UID = DCM.PerformedProcedureStepSOPInstanceUID
SERIES_INSTANCE_UID = DCM.SeriesInstanceUID
SOURCE_OF_DOSE_INFORMATION = DCM.SourceOfDoseInformation
COMMENT = DCM.Comment
IRRADIATION_EVENT_UID = DCM.IrradiationEventUID
DATETIME_STARTED = DCM.DatetimeStarted

# --- participants (TID 1020, TID 1021) --------------------------------------------------------------
PERSON_NAME = DCM.PersonName
PERSON_ROLE_IN_PROCEDURE = DCM.PersonRoleInProcedure
PERSON_ROLE_IN_ORGANIZATION = DCM.PersonRoleInOrganization
ORGANIZATION_NAME = DCM.OrganizationName
DEVICE_ROLE_IN_PROCEDURE = DCM.DeviceRoleInProcedure
DEVICE_NAME = DCM.DeviceName
DEVICE_MANUFACTURER = DCM.DeviceManufacturer
DEVICE_MODEL_NAME = DCM.DeviceModelName
DEVICE_SERIAL_NUMBER = DCM.DeviceSerialNumber

# --- yes / no (CT dose check "configured" items) -----------------------------------------------------
YES = SCT.Yes  # SRT R-0038D
NO = SCT.No  # SRT R-00339

# --- CT: TID 10012 accumulated dose ------------------------------------------------------------------
CT_ACCUMULATED_DOSE_DATA = DCM.CTAccumulatedDoseData
TOTAL_NUMBER_OF_IRRADIATION_EVENTS = DCM.TotalNumberOfIrradiationEvents
CT_DOSE_LENGTH_PRODUCT_TOTAL = DCM.CTDoseLengthProductTotal
CT_EFFECTIVE_DOSE_TOTAL = DCM.CTEffectiveDoseTotal
REFERENCE_AUTHORITY = DCM.ReferenceAuthority

# --- CT: TID 10013 irradiation event, TID 10014 scanning length -----------------------------------
CT_ACQUISITION = DCM.CTAcquisition
ACQUISITION_PROTOCOL = DCM.AcquisitionProtocol
TARGET_REGION = DCM.TargetRegion
CT_ACQUISITION_TYPE = DCM.CTAcquisitionType
PROCEDURE_CONTEXT = SCT.ProcedureContext  # SRT G-C32C
CT_ACQUISITION_PARAMETERS = DCM.CTAcquisitionParameters
EXPOSURE_TIME = DCM.ExposureTime
SCANNING_LENGTH = DCM.ScanningLength
LENGTH_OF_RECONSTRUCTABLE_VOLUME = DCM.LengthOfReconstructableVolume
EXPOSED_RANGE = DCM.ExposedRange
TOP_Z_LOCATION_OF_RECONSTRUCTABLE_VOLUME = DCM.TopZLocationOfReconstructableVolume
BOTTOM_Z_LOCATION_OF_RECONSTRUCTABLE_VOLUME = DCM.BottomZLocationOfReconstructableVolume
TOP_Z_LOCATION_OF_SCANNING_LENGTH = DCM.TopZLocationOfScanningLength
BOTTOM_Z_LOCATION_OF_SCANNING_LENGTH = DCM.BottomZLocationOfScanningLength
FRAME_OF_REFERENCE_UID = DCM.FrameOfReferenceUID
NOMINAL_SINGLE_COLLIMATION_WIDTH = DCM.NominalSingleCollimationWidth
NOMINAL_TOTAL_COLLIMATION_WIDTH = DCM.NominalTotalCollimationWidth
PITCH_FACTOR = DCM.PitchFactor
NUMBER_OF_XRAY_SOURCES = DCM.NumberOfXRaySources
CT_XRAY_SOURCE_PARAMETERS = DCM.CTXRaySourceParameters
IDENTIFICATION_OF_THE_XRAY_SOURCE = DCM.IdentificationOfTheXRaySource
KVP = DCM.KVP
MAXIMUM_XRAY_TUBE_CURRENT = DCM.MaximumXRayTubeCurrent
XRAY_TUBE_CURRENT = DCM.XRayTubeCurrent
EXPOSURE_TIME_PER_ROTATION = DCM.ExposureTimePerRotation
XRAY_FILTER_ALUMINUM_EQUIVALENT = DCM.XRayFilterAluminumEquivalent
CT_DOSE = DCM.CTDose
MEAN_CTDIVOL = DCM.MeanCtdivol
CTDIW_PHANTOM_TYPE = DCM.CtdiwPhantomType
CTDIFREEAIR_CALCULATION_FACTOR = DCM.CtdifreeairCalculationFactor
MEAN_CTDIFREEAIR = DCM.MeanCtdifreeair
DLP = DCM.DLP
EFFECTIVE_DOSE = DCM.EffectiveDose
MEASUREMENT_METHOD = SCT.MeasurementMethod
EFFECTIVE_DOSE_CONVERSION_FACTOR = DCM.EffectiveDoseConversionFactor
SIZE_SPECIFIC_DOSE_ESTIMATE = DCM.SizeSpecificDoseEstimate
WATER_EQUIVALENT_DIAMETER = DCM.WaterEquivalentDiameter
XRAY_MODULATION_TYPE = DCM.XRayModulationType

# --- CT: TID 10015 dose check ------------------------------------------------------------------------
DOSE_CHECK_ALERT_DETAILS = DCM.DoseCheckAlertDetails
DLP_ALERT_VALUE_CONFIGURED = DCM.DLPAlertValueConfigured
CTDIVOL_ALERT_VALUE_CONFIGURED = DCM.CtdivolAlertValueConfigured
DLP_ALERT_VALUE = DCM.DLPAlertValue
CTDIVOL_ALERT_VALUE = DCM.CtdivolAlertValue
ACCUMULATED_DLP_FORWARD_ESTIMATE = DCM.AccumulatedDLPForwardEstimate
ACCUMULATED_CTDIVOL_FORWARD_ESTIMATE = DCM.AccumulatedCtdivolForwardEstimate
REASON_FOR_PROCEEDING = DCM.ReasonForProceeding
DOSE_CHECK_NOTIFICATION_DETAILS = DCM.DoseCheckNotificationDetails
DLP_NOTIFICATION_VALUE_CONFIGURED = DCM.DLPNotificationValueConfigured
CTDIVOL_NOTIFICATION_VALUE_CONFIGURED = DCM.CtdivolNotificationValueConfigured
DLP_NOTIFICATION_VALUE = DCM.DLPNotificationValue
CTDIVOL_NOTIFICATION_VALUE = DCM.CtdivolNotificationValue
DLP_FORWARD_ESTIMATE = DCM.DLPForwardEstimate
CTDIVOL_FORWARD_ESTIMATE = DCM.CtdivolForwardEstimate

# --- projection: TID 10001 root items used to recognise a projection report --------------------------
ACCUMULATED_XRAY_DOSE_DATA = DCM.AccumulatedXRayDoseData
IRRADIATION_EVENT_XRAY_DATA = DCM.IrradiationEventXRayData
