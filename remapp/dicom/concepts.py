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
IRRADIATION_EVENT_LABEL = DCM.IrradiationEventLabel  # with its Label Type (e.g. Series Number)
LABEL_TYPE = DCM.LabelType
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

# --- projection: TID 10001 (shared with CT above: comment, event UID, start, protocol, target region,
# exposure time, kVp, tube current) -------------------------------------------------------------------
ACQUISITION_DEVICE_TYPE = DCM.AcquisitionDeviceType
XRAY_DETECTOR_DATA_AVAILABLE = DCM.XRayDetectorDataAvailable
XRAY_SOURCE_DATA_AVAILABLE = DCM.XRaySourceDataAvailable
XRAY_MECHANICAL_DATA_AVAILABLE = DCM.XRayMechanicalDataAvailable
# Hologic writes 113745 (Patient Table Relationship) meaning "X-Ray Detector Data Available" at the root.
PATIENT_TABLE_RELATIONSHIP = DCM.PatientTableRelationship
MAMMOGRAPHY_PROCEDURE = SCT.Mammography  # SRT P5-40010
FLUOROSCOPY = SCT.Fluoroscopy  # SRT P5-06000, an Irradiation Event Type
FLUOROSCOPY_GUIDED_SYSTEM = DCM.FluoroscopyGuidedProjectionRadiographySystem
INTEGRATED_PROJECTION_SYSTEM = DCM.IntegratedProjectionRadiographySystem
CASSETTE_BASED_SYSTEM = DCM.CassetteBasedProjectionRadiographySystem
# Some devices report Acquisition Device Type "Mammography" with the modality code.
MAMMOGRAPHY_DEVICE = DCM.Mammography  # (MG, DCM)
# These two at the root recognise a projection report.
ACCUMULATED_XRAY_DOSE_DATA = DCM.AccumulatedXRayDoseData
IRRADIATION_EVENT_XRAY_DATA = DCM.IrradiationEventXRayData

# --- projection: TID 10002 ----------------------------------------------------------------------------------------
ACQUISITION_PLANE = DCM.AcquisitionPlane
CALIBRATION = DCM.Calibration
DOSE_MEASUREMENT_DEVICE = DCM.DoseMeasurementDevice
CALIBRATION_DATETIME = DCM.CalibrationDatetime
CALIBRATION_FACTOR = DCM.CalibrationFactor
CALIBRATION_UNCERTAINTY = DCM.CalibrationUncertainty
CALIBRATION_RESPONSIBLE_PARTY = DCM.CalibrationResponsibleParty
CALIBRATION_PROTOCOL = DCM.CalibrationProtocol

# --- projection: TID 10004 / 10007 / 10006 / 10005 ------------------------------------------------------------------
FLUORO_DOSE_AREA_PRODUCT_TOTAL = DCM.FluoroDoseAreaProductTotal
FLUORO_DOSE_RP_TOTAL = DCM.FluoroDoseRPTotal
TOTAL_FLUORO_TIME = DCM.TotalFluoroTime
ACQUISITION_DOSE_AREA_PRODUCT_TOTAL = DCM.AcquisitionDoseAreaProductTotal
ACQUISITION_DOSE_RP_TOTAL = DCM.AcquisitionDoseRPTotal
TOTAL_ACQUISITION_TIME = DCM.TotalAcquisitionTime
DOSE_AREA_PRODUCT_TOTAL = DCM.DoseAreaProductTotal
DOSE_RP_TOTAL = DCM.DoseRPTotal
TOTAL_NUMBER_OF_RADIOGRAPHIC_FRAMES = DCM.TotalNumberOfRadiographicFrames
REFERENCE_POINT_DEFINITION = DCM.ReferencePointDefinition
DETECTOR_TYPE = DCM.DetectorType
ACCUMULATED_AVERAGE_GLANDULAR_DOSE = DCM.AccumulatedAverageGlandularDose
LATERALITY = SCT.Laterality  # SRT G-C171
LEFT = SCT.Left  # SRT G-A101
RIGHT = SCT.Right  # SRT G-A100

# --- projection: TID 10003 ----------------------------------------------------------------------------------------
IRRADIATION_EVENT_TYPE = DCM.IrradiationEventType
ANATOMICAL_STRUCTURE = SCT.AnatomicalStructure  # SRT T-D0005
IMAGE_VIEW = DCM.ImageView
IMAGE_VIEW_MODIFIER = DCM.ImageViewModifier
PROJECTION_EPONYMOUS_NAME = DCM.ProjectionEponymousName
PATIENT_ORIENTATION = DCM.PatientOrientation
PATIENT_ORIENTATION_MODIFIER = DCM.PatientOrientationModifier
PATIENT_EQUIVALENT_THICKNESS = DCM.PatientEquivalentThickness
DOSE_AREA_PRODUCT = DCM.DoseAreaProduct
HALF_VALUE_LAYER = DCM.HalfValueLayer
ENTRANCE_EXPOSURE_AT_RP = DCM.EntranceExposureAtRP
BREAST_COMPOSITION = DCM.BreastComposition
PERCENT_FIBROGLANDULAR_TISSUE = DCM.PercentFibroglandularTissue

# --- projection: TID 10003a ---------------------------------------------------------------------------------------
EXPOSURE_INDEX = DCM.ExposureIndex
TARGET_EXPOSURE_INDEX = DCM.TargetExposureIndex
DEVIATION_INDEX = DCM.DeviationIndex

# --- projection: TID 10003b ---------------------------------------------------------------------------------------
DOSE_RP = DCM.DoseRP
AVERAGE_GLANDULAR_DOSE = DCM.AverageGlandularDose
FLUORO_MODE = DCM.FluoroMode
PULSE_RATE = DCM.PulseRate
NUMBER_OF_PULSES = DCM.NumberOfPulses
DERIVATION = DCM.Derivation
IRRADIATION_DURATION = DCM.IrradiationDuration
AVERAGE_XRAY_TUBE_CURRENT = DCM.AverageXRayTubeCurrent
# Older reports (Siemens) use 113735 for the exposure time (113824, EXPOSURE_TIME) in ms.
EXPOSURE_TIME_LEGACY = Code("113735", "DCM", "Exposure Time")
FOCAL_SPOT_SIZE = DCM.FocalSpotSize
ANODE_TARGET_MATERIAL = DCM.AnodeTargetMaterial
COLLIMATED_FIELD_AREA = DCM.CollimatedFieldArea
COLLIMATED_FIELD_HEIGHT = DCM.CollimatedFieldHeight
COLLIMATED_FIELD_WIDTH = DCM.CollimatedFieldWidth
PULSE_WIDTH = DCM.PulseWidth
EXPOSURE = DCM.Exposure
XRAY_GRID = DCM.XRayGrid
XRAY_FILTERS = DCM.XRayFilters
XRAY_FILTER_TYPE = DCM.XRayFilterType
XRAY_FILTER_MATERIAL = DCM.XRayFilterMaterial
XRAY_FILTER_THICKNESS_MINIMUM = DCM.XRayFilterThicknessMinimum
XRAY_FILTER_THICKNESS_MAXIMUM = DCM.XRayFilterThicknessMaximum

# --- projection: TID 10003c and TID 10008 ---------------------------------------------------------------------------
CRDR_MECHANICAL_CONFIGURATION = DCM.CRDRMechanicalConfiguration
POSITIONER_PRIMARY_ANGLE = DCM.PositionerPrimaryAngle
POSITIONER_SECONDARY_ANGLE = DCM.PositionerSecondaryAngle
POSITIONER_PRIMARY_END_ANGLE = DCM.PositionerPrimaryEndAngle
POSITIONER_SECONDARY_END_ANGLE = DCM.PositionerSecondaryEndAngle
COLUMN_ANGULATION = DCM.ColumnAngulation
TABLE_HEAD_TILT_ANGLE = DCM.TableHeadTiltAngle
TABLE_HORIZONTAL_ROTATION_ANGLE = DCM.TableHorizontalRotationAngle
TABLE_CRADLE_TILT_ANGLE = DCM.TableCradleTiltAngle
COMPRESSION_THICKNESS = DCM.CompressionThickness
COMPRESSION_FORCE = DCM.CompressionForce
COMPRESSION_PRESSURE = DCM.CompressionPressure
COMPRESSION_CONTACT_AREA = DCM.CompressionContactArea
DISTANCE_SOURCE_TO_ISOCENTER = DCM.DistanceSourceToIsocenter
DISTANCE_SOURCE_TO_REFERENCE_POINT = DCM.DistanceSourceToReferencePoint
DISTANCE_SOURCE_TO_DETECTOR = DCM.DistanceSourceToDetector
TABLE_LONGITUDINAL_POSITION = DCM.TableLongitudinalPosition
TABLE_LATERAL_POSITION = DCM.TableLateralPosition
TABLE_HEIGHT_POSITION = DCM.TableHeightPosition
DISTANCE_SOURCE_TO_TABLE_PLANE = DCM.DistanceSourceToTablePlane
TABLE_LONGITUDINAL_END_POSITION = DCM.TableLongitudinalEndPosition
TABLE_LATERAL_END_POSITION = DCM.TableLateralEndPosition
TABLE_HEIGHT_END_POSITION = DCM.TableHeightEndPosition
