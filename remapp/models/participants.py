"""Observer context (TID 1002/1004/1005) and device and person participants (TID 1020/1021).

Each row belongs to exactly one of: a CT dose report, a projection dose report, or one irradiation event.
Person names are never stored; a person participant keeps role and organisation only.
"""

from django.db import models


class _BelongsToReportOrEvent(models.Model):
    ct_radiation_dose = models.ForeignKey(
        "remapp.CtRadiationDose", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    projection_xray_dose = models.ForeignKey(
        "remapp.ProjectionXRayRadiationDose", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    ct_irradiation_event = models.ForeignKey(
        "remapp.CtIrradiationEvent", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    projection_irradiation_event = models.ForeignKey(
        "remapp.IrradiationEventXRayData", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True


class ObserverContext(_BelongsToReportOrEvent):
    """Observer Context (TID 1002): a device observer (TID 1004) or the role of a person observer (TID 1003)."""

    observer_type = models.ForeignKey("remapp.CodedConcept", null=True, on_delete=models.PROTECT, related_name="+")
    device_observer_uid = models.CharField(max_length=64, blank=True)
    device_observer_name = models.CharField(max_length=64, blank=True)
    device_observer_manufacturer = models.CharField(max_length=64, blank=True)
    device_observer_model_name = models.CharField(max_length=64, blank=True)
    device_observer_serial_number = models.CharField(max_length=64, blank=True)
    device_observer_physical_location = models.CharField(max_length=128, blank=True)
    device_role_in_procedure = models.ForeignKey(
        "remapp.CodedConcept", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person_observer_organization_name = models.CharField(max_length=128, blank=True)
    person_observer_role_in_organization = models.ForeignKey(
        "remapp.CodedConcept", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person_observer_role_in_procedure = models.ForeignKey(
        "remapp.CodedConcept", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )


class DeviceParticipant(_BelongsToReportOrEvent):
    """Device Participant (TID 1021), e.g. the irradiating device or the dose-reporting system."""

    device_role_in_procedure = models.ForeignKey(
        "remapp.CodedConcept", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    device_name = models.CharField(max_length=64, blank=True)
    device_manufacturer = models.CharField(max_length=64, blank=True)
    device_model_name = models.CharField(max_length=64, blank=True)
    device_serial_number = models.CharField(max_length=64, blank=True)
    device_observer_uid = models.CharField(max_length=64, blank=True)


class PersonParticipant(_BelongsToReportOrEvent):
    """Person Participant (TID 1020) without the name: role in the procedure and in the organisation."""

    person_role_in_procedure = models.ForeignKey(
        "remapp.CodedConcept", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person_role_in_organization = models.ForeignKey(
        "remapp.CodedConcept", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organization_name = models.CharField(max_length=128, blank=True)
