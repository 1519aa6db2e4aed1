"""The DICOM-modelled schema, split by template family. Import models from here."""

from remapp.models.codes import CodedConcept
from remapp.models.ct import (
    CtAccumulatedDose,
    CtDoseCheck,
    CtIrradiationEvent,
    CtRadiationDose,
    CtXRaySourceParameters,
)
from remapp.models.drl import DrlEntry, DrlQuantity, DrlSet
from remapp.models.equipment import GeneralEquipment, UniqueEquipment, UniqueEquipmentKey
from remapp.models.netdicom import ReceivedObject, StoreNode, StoreNodeError
from remapp.models.participants import DeviceParticipant, ObserverContext, PersonParticipant
from remapp.models.privacy import PatternTarget, TestPatientPattern
from remapp.models.projection import (
    AccumulatedCassetteProjectionDose,
    AccumulatedIntegratedProjectionDose,
    AccumulatedMammographyXRayDose,
    AccumulatedProjectionXRayDose,
    AccumulatedXRayDose,
    Calibration,
    DoseRelatedDistanceMeasurements,
    ImageViewModifier,
    IrradiationEventXRayData,
    IrradiationEventXRayDetectorData,
    IrradiationEventXRayMechanicalData,
    IrradiationEventXRaySourceData,
    ProjectionXRayRadiationDose,
    XRayFilters,
)
from remapp.models.standard_names import (
    MatchType,
    SourceField,
    StandardName,
    StandardNameKind,
    StandardNameRule,
)
from remapp.models.study import (
    DoseObject,
    GeneralStudy,
    Modality,
    Patient,
    PatientStudy,
    SizeSource,
    effective_size_update,
    size_precedence,
)
from remapp.models.tasks import BackgroundTask, Export, PatientSizeImport, TaskState, WorkerHeartbeat

__all__ = [
    "AccumulatedCassetteProjectionDose",
    "AccumulatedIntegratedProjectionDose",
    "AccumulatedMammographyXRayDose",
    "AccumulatedProjectionXRayDose",
    "AccumulatedXRayDose",
    "BackgroundTask",
    "Calibration",
    "CodedConcept",
    "CtAccumulatedDose",
    "CtDoseCheck",
    "CtIrradiationEvent",
    "CtRadiationDose",
    "CtXRaySourceParameters",
    "DeviceParticipant",
    "DoseObject",
    "DrlEntry",
    "DrlQuantity",
    "DrlSet",
    "DoseRelatedDistanceMeasurements",
    "Export",
    "GeneralEquipment",
    "GeneralStudy",
    "ImageViewModifier",
    "IrradiationEventXRayDetectorData",
    "IrradiationEventXRayMechanicalData",
    "IrradiationEventXRaySourceData",
    "IrradiationEventXRayData",
    "MatchType",
    "Modality",
    "ObserverContext",
    "Patient",
    "PatientSizeImport",
    "PatientStudy",
    "PatternTarget",
    "PersonParticipant",
    "ProjectionXRayRadiationDose",
    "ReceivedObject",
    "SizeSource",
    "SourceField",
    "StandardName",
    "StandardNameKind",
    "StandardNameRule",
    "StoreNode",
    "StoreNodeError",
    "TaskState",
    "TestPatientPattern",
    "UniqueEquipment",
    "UniqueEquipmentKey",
    "WorkerHeartbeat",
    "XRayFilters",
    "effective_size_update",
    "size_precedence",
]
