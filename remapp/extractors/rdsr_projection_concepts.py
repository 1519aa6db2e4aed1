"""Concept codes of the projection dose templates (TID 10001-10008), named once.

From pydicom's code dictionaries where they exist; the rest as ``Code`` constants. Legacy SRT codes in old
reports match their SNOMED CT equivalents through ``remapp.dicom.content.code_key``.
"""

from pydicom.sr.codedict import codes
from pydicom.sr.coding import Code

DCM, SCT = codes.DCM, codes.SCT

# --- TID 10001 ----------------------------------------------------------------------------------------
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

# --- TID 10002 ----------------------------------------------------------------------------------------
ACCUMULATED_XRAY_DOSE_DATA = DCM.AccumulatedXRayDoseData
ACQUISITION_PLANE = DCM.AcquisitionPlane
CALIBRATION = DCM.Calibration
DOSE_MEASUREMENT_DEVICE = DCM.DoseMeasurementDevice
CALIBRATION_DATETIME = DCM.CalibrationDatetime
CALIBRATION_FACTOR = DCM.CalibrationFactor
CALIBRATION_UNCERTAINTY = DCM.CalibrationUncertainty
CALIBRATION_RESPONSIBLE_PARTY = DCM.CalibrationResponsibleParty
CALIBRATION_PROTOCOL = DCM.CalibrationProtocol

# --- TID 10004 / 10007 / 10006 / 10005 ------------------------------------------------------------------
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

# --- TID 10003 ----------------------------------------------------------------------------------------
IRRADIATION_EVENT_XRAY_DATA = DCM.IrradiationEventXRayData
IRRADIATION_EVENT_UID = DCM.IrradiationEventUID
DATETIME_STARTED = DCM.DatetimeStarted
IRRADIATION_EVENT_TYPE = DCM.IrradiationEventType
ACQUISITION_PROTOCOL = DCM.AcquisitionProtocol
ANATOMICAL_STRUCTURE = SCT.AnatomicalStructure  # SRT T-D0005
IMAGE_VIEW = DCM.ImageView
IMAGE_VIEW_MODIFIER = DCM.ImageViewModifier
PROJECTION_EPONYMOUS_NAME = DCM.ProjectionEponymousName
PATIENT_ORIENTATION = DCM.PatientOrientation
PATIENT_ORIENTATION_MODIFIER = DCM.PatientOrientationModifier
PATIENT_EQUIVALENT_THICKNESS = DCM.PatientEquivalentThickness
TARGET_REGION = DCM.TargetRegion
DOSE_AREA_PRODUCT = DCM.DoseAreaProduct
HALF_VALUE_LAYER = DCM.HalfValueLayer
ENTRANCE_EXPOSURE_AT_RP = DCM.EntranceExposureAtRP
BREAST_COMPOSITION = DCM.BreastComposition
PERCENT_FIBROGLANDULAR_TISSUE = DCM.PercentFibroglandularTissue
COMMENT = DCM.Comment

# --- TID 10003a ---------------------------------------------------------------------------------------
EXPOSURE_INDEX = DCM.ExposureIndex
TARGET_EXPOSURE_INDEX = DCM.TargetExposureIndex
DEVIATION_INDEX = DCM.DeviationIndex

# --- TID 10003b ---------------------------------------------------------------------------------------
DOSE_RP = DCM.DoseRP
AVERAGE_GLANDULAR_DOSE = DCM.AverageGlandularDose
FLUORO_MODE = DCM.FluoroMode
PULSE_RATE = DCM.PulseRate
NUMBER_OF_PULSES = DCM.NumberOfPulses
DERIVATION = DCM.Derivation
IRRADIATION_DURATION = DCM.IrradiationDuration
AVERAGE_XRAY_TUBE_CURRENT = DCM.AverageXRayTubeCurrent
EXPOSURE_TIME = DCM.ExposureTime  # 113824
# Older reports (Siemens) use 113735 for the same exposure time in ms.
EXPOSURE_TIME_LEGACY = Code("113735", "DCM", "Exposure Time")
FOCAL_SPOT_SIZE = DCM.FocalSpotSize
ANODE_TARGET_MATERIAL = DCM.AnodeTargetMaterial
COLLIMATED_FIELD_AREA = DCM.CollimatedFieldArea
COLLIMATED_FIELD_HEIGHT = DCM.CollimatedFieldHeight
COLLIMATED_FIELD_WIDTH = DCM.CollimatedFieldWidth
KVP = DCM.KVP
XRAY_TUBE_CURRENT = DCM.XRayTubeCurrent
PULSE_WIDTH = DCM.PulseWidth
EXPOSURE = DCM.Exposure
XRAY_GRID = DCM.XRayGrid
XRAY_FILTERS = DCM.XRayFilters
XRAY_FILTER_TYPE = DCM.XRayFilterType
XRAY_FILTER_MATERIAL = DCM.XRayFilterMaterial
XRAY_FILTER_THICKNESS_MINIMUM = DCM.XRayFilterThicknessMinimum
XRAY_FILTER_THICKNESS_MAXIMUM = DCM.XRayFilterThicknessMaximum

# --- TID 10003c and TID 10008 ---------------------------------------------------------------------------
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
