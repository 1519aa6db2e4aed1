"""The DICOM-modelled schema, split by template family. Import models from here."""

from remapp.models.codes import CodedConcept
from remapp.models.ct import (
    CtAccumulatedDose,
    CtDoseCheck,
    CtIrradiationEvent,
    CtRadiationDose,
    CtXRaySourceParameters,
)
from remapp.models.equipment import GeneralEquipment, UniqueEquipment, UniqueEquipmentKey
from remapp.models.netdicom import ReceivedObject, StoreNode, StoreNodeError
from remapp.models.participants import DeviceParticipant, ObserverContext, PersonParticipant
from remapp.models.privacy import PatternTarget, TestPatientPattern
from remapp.models.projection import (
    AccumCassetteBsdProjRadiogDose,
    AccumIntegratedProjRadiogDose,
    AccumMammographyXRayDose,
    AccumProjXRayDose,
    AccumXRayDose,
    Calibration,
    DoseRelatedDistanceMeasurements,
    ImageViewModifier,
    IrradEventXRayDetectorData,
    IrradEventXRayMechanicalData,
    IrradEventXRaySourceData,
    IrradiationEventXRayData,
    ProjectionXRayRadiationDose,
    XRayFilters,
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
    "AccumCassetteBsdProjRadiogDose",
    "AccumIntegratedProjRadiogDose",
    "AccumMammographyXRayDose",
    "AccumProjXRayDose",
    "AccumXRayDose",
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
    "DoseRelatedDistanceMeasurements",
    "Export",
    "GeneralEquipment",
    "GeneralStudy",
    "ImageViewModifier",
    "IrradEventXRayDetectorData",
    "IrradEventXRayMechanicalData",
    "IrradEventXRaySourceData",
    "IrradiationEventXRayData",
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
