"""The shared observer / participant reader (rdsr_context) used by the CT and projection importers."""

from pydicom.sr.coding import Code

from remapp.dicom import concepts as c
from remapp.dicom.content import ContentItem
from remapp.extractors.rdsr.context import parse_device_participants, parse_observers, parse_report_fields

OBS = "HAS OBS CONTEXT"


def item(concept: Code, value_type: str, value: object, relationship: str = OBS, children=()) -> ContentItem:
    return ContentItem(concept, value_type, relationship, value, children=list(children))


def report(*children: ContentItem) -> ContentItem:
    return ContentItem(c.XRAY_RADIATION_DOSE_REPORT, "CONTAINER", "", children=list(children))


def test_it_puts_a_device_attribute_after_a_person_observer_on_the_device_observer():
    root = report(
        item(c.OBSERVER_TYPE, "CODE", c.OBSERVER_DEVICE),
        item(c.DEVICE_OBSERVER_NAME, "TEXT", "ROOM1"),
        item(c.OBSERVER_TYPE, "CODE", c.OBSERVER_PERSON),
        item(c.PERSON_OBSERVER_NAME, "PNAME", "Doe^Jane"),
        item(c.PERSON_OBSERVER_ORGANIZATION_NAME, "TEXT", "Clinic"),
        item(c.DEVICE_ROLE_IN_PROCEDURE, "CODE", Code("113859", "DCM", "Irradiating Device")),
    )

    device, person = parse_observers(root)

    assert (device.observer_type, device.device_observer_name, device.device_role_in_procedure.value) == (
        c.OBSERVER_DEVICE,
        "ROOM1",
        "113859",
    )
    assert (person.observer_type, person.person_observer_organization_name, person.device_role_in_procedure) == (
        c.OBSERVER_PERSON,
        "Clinic",
        None,
    )


def test_it_types_an_observer_whose_observer_type_is_missing_and_reads_a_text_uid():
    root = report(item(c.DEVICE_OBSERVER_UID, "TEXT", "1.2.3.4"))

    [observer] = parse_observers(root)

    assert (observer.observer_type, observer.device_observer_uid) == (c.OBSERVER_DEVICE, "1.2.3.4")


def test_it_reads_a_device_role_with_children_as_a_participant_but_not_a_bare_observer_role():
    role = Code("113859", "DCM", "Irradiating Device")
    root = report(
        item(c.DEVICE_ROLE_IN_PROCEDURE, "CODE", role),
        item(c.DEVICE_ROLE_IN_PROCEDURE, "CODE", role, children=[item(c.DEVICE_NAME, "TEXT", "ARM", "HAS PROPERTIES")]),
    )

    [device] = parse_device_participants(root)

    assert (device.device_role_in_procedure.value, device.device_name) == ("113859", "ARM")


def test_it_reads_the_shared_root_items_with_a_text_scope_uid_and_every_comment():
    procedure = item(c.PROCEDURE_REPORTED, "CODE", c.PROJECTION_XRAY, "HAS CONCEPT MOD")
    procedure.children.append(
        item(c.HAS_INTENT, "CODE", Code("R-408C3", "SRT", "Diagnostic Intent"), "HAS CONCEPT MOD")
    )
    scope = item(c.SCOPE_OF_ACCUMULATION, "CODE", c.DCM.Study, "HAS OBS CONTEXT")
    scope.children.append(item(c.STUDY_INSTANCE_UID, "TEXT", "1.2.840.99", "HAS PROPERTIES"))
    root = report(
        procedure,
        scope,
        item(c.COMMENT, "TEXT", "first", "CONTAINS"),
        item(c.COMMENT, "TEXT", "second", "CONTAINS"),
        item(c.START_OF_XRAY_IRRADIATION, "DATETIME", "20240102030405", "CONTAINS"),
    )

    fields = parse_report_fields(root)

    assert (
        fields["procedure_reported"],
        fields["has_intent"].meaning,
        fields["scope_uid"],
        fields["comment"],
        str(fields["start_of_xray_irradiation"]),
        fields["end_of_xray_irradiation"],
    ) == (c.PROJECTION_XRAY, "Diagnostic Intent", "1.2.840.99", "first\nsecond", "2024-01-02 03:04:05", None)
