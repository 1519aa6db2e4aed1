"""What the CT (TID 10011) and projection (TID 10001) dose reports share: root items, observer context
(TID 1002-1004) and device / person participants (TID 1020, 1021).

``parse_report_fields(root)`` reads the root items both templates have, as the field names both report
dataclasses use.
``parse_observers(node)``, ``parse_device_participants(node)``, ``parse_person_participants(node)`` read the
direct children of a report or event node into dataclasses (person names are never read);
``context_rows(context, owner, memo)`` makes their rows for one owner (``{"ct_radiation_dose": row}``,
``{"ct_irradiation_event": row}``, ...) and ``bulk_save_contexts`` writes the rows of several owners at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydicom.sr.coding import Code

from remapp.dicom import concepts as c
from remapp.dicom.content import ContentItem, code_key
from remapp.dicom.values import code, datetime_value, text
from remapp.extractors.rdsr.tables import every, first, index_items, uid_or_text
from remapp.extractors.study.rows import build_row
from remapp.models import DeviceParticipant, ObserverContext, PersonParticipant


@dataclass
class Observer:
    """One observer context: a device (with its identifiers) or a person (roles only, never the name)."""

    observer_type: Code | None = None
    device_observer_uid: str = ""
    device_observer_name: str = ""
    device_observer_manufacturer: str = ""
    device_observer_model_name: str = ""
    device_observer_serial_number: str = ""
    device_observer_physical_location: str = ""
    device_role_in_procedure: Code | None = None
    person_observer_organization_name: str = ""
    person_observer_role_in_organization: Code | None = None
    person_observer_role_in_procedure: Code | None = None


@dataclass
class DeviceParticipantData:
    """Device Participant (TID 1021)."""

    device_role_in_procedure: Code | None = None
    device_name: str = ""
    device_manufacturer: str = ""
    device_model_name: str = ""
    device_serial_number: str = ""
    device_observer_uid: str = ""


@dataclass
class PersonParticipantData:
    """Person Participant (TID 1020): roles and organisation, never the name."""

    person_role_in_procedure: Code | None = None
    person_role_in_organization: Code | None = None
    organization_name: str = ""


@dataclass
class Context:
    """Observers and participants attached to one report or event."""

    observers: list[Observer] = field(default_factory=list)
    devices: list[DeviceParticipantData] = field(default_factory=list)
    persons: list[PersonParticipantData] = field(default_factory=list)


_OBSERVER_TEXT = {
    code_key(c.DEVICE_OBSERVER_NAME): "device_observer_name",
    code_key(c.DEVICE_OBSERVER_MANUFACTURER): "device_observer_manufacturer",
    code_key(c.DEVICE_OBSERVER_MODEL_NAME): "device_observer_model_name",
    code_key(c.DEVICE_OBSERVER_SERIAL_NUMBER): "device_observer_serial_number",
    code_key(c.DEVICE_OBSERVER_PHYSICAL_LOCATION): "device_observer_physical_location",
    code_key(c.PERSON_OBSERVER_ORGANIZATION_NAME): "person_observer_organization_name",
}
_OBSERVER_CODE = {
    code_key(c.DEVICE_ROLE_IN_PROCEDURE): "device_role_in_procedure",
    code_key(c.PERSON_OBSERVER_ROLE_IN_ORGANIZATION): "person_observer_role_in_organization",
    code_key(c.PERSON_OBSERVER_ROLE_IN_PROCEDURE): "person_observer_role_in_procedure",
}
_OBSERVER_TYPE = code_key(c.OBSERVER_TYPE)
_DEVICE_OBSERVER_UID = code_key(c.DEVICE_OBSERVER_UID)


def _is_person(observer: Observer) -> bool:
    return observer.observer_type is not None and observer.observer_type.value == c.OBSERVER_PERSON.value


def parse_observers(node: ContentItem) -> list[Observer]:
    """The observer contexts among ``node``'s children, in order (person names are never read).

    Each Observer Type starts a new observer. An attribute belongs to the latest observer of its kind (person or
    device), so a device attribute after a person observer is not put on the person; an attribute with no
    observer of its kind yet starts one of that kind.
    """
    observers: list[Observer] = []
    latest: dict[bool, Observer] = {}
    for item in node.children:
        if item.relationship != "HAS OBS CONTEXT":
            continue
        key = item.concept_key
        if key == _OBSERVER_TYPE:
            observer = Observer(observer_type=code(item))
            observers.append(observer)
            latest[_is_person(observer)] = observer
            continue
        name = _OBSERVER_TEXT.get(key) or _OBSERVER_CODE.get(key)
        if name is None and key != _DEVICE_OBSERVER_UID:
            continue  # e.g. Person Observer Name (never read), start/end of irradiation, scope
        person = (name or "").startswith("person_")
        if person not in latest:
            latest[person] = Observer(observer_type=c.OBSERVER_PERSON if person else c.OBSERVER_DEVICE)
            observers.append(latest[person])
        observer = latest[person]
        if key == _DEVICE_OBSERVER_UID:
            observer.device_observer_uid = uid_or_text(item)
        elif key in _OBSERVER_TEXT:
            setattr(observer, name, text(item))
        else:
            setattr(observer, name, code(item))
    return observers


def parse_device_participants(node: ContentItem) -> list[DeviceParticipantData]:
    """Device Role in Procedure items among ``node``'s children, with their identifying children.

    A childless Device Role in Procedure in the observer context describes the observer, not a participant.
    """
    participants = []
    for item in every(index_items(node), c.DEVICE_ROLE_IN_PROCEDURE):
        if not item.children and item.relationship == "HAS OBS CONTEXT":
            continue
        index = index_items(item)
        participants.append(
            DeviceParticipantData(
                device_role_in_procedure=code(item),
                device_name=text(first(index, c.DEVICE_NAME)),
                device_manufacturer=text(first(index, c.DEVICE_MANUFACTURER)),
                device_model_name=text(first(index, c.DEVICE_MODEL_NAME)),
                device_serial_number=text(first(index, c.DEVICE_SERIAL_NUMBER)),
                device_observer_uid=uid_or_text(first(index, c.DEVICE_OBSERVER_UID)),
            )
        )
    return participants


def parse_person_participants(node: ContentItem) -> list[PersonParticipantData]:
    """Person Name items among ``node``'s children: their roles and organisation (the name is not read)."""
    participants = []
    for item in every(index_items(node), c.PERSON_NAME):
        index = index_items(item)
        participants.append(
            PersonParticipantData(
                person_role_in_procedure=code(first(index, c.PERSON_ROLE_IN_PROCEDURE)),
                person_role_in_organization=code(first(index, c.PERSON_ROLE_IN_ORGANIZATION)),
                organization_name=text(first(index, c.ORGANIZATION_NAME)),
            )
        )
    return participants


def comments(index: dict) -> str:
    """Every Comment (TEXT) of an indexed container, one a line."""
    return "\n".join(text(item) for item in every(index, c.COMMENT) if item.value_type == "TEXT" and text(item))


def parse_report_fields(root: ContentItem) -> dict:
    """The root items TID 10001 and TID 10011 share, keyed by the report dataclasses' field names."""
    index = index_items(root)
    procedure = first(index, c.PROCEDURE_REPORTED)
    scope = first(index, c.SCOPE_OF_ACCUMULATION)
    # The scope's UID (study, series or performed procedure step) is its child; GE sends it as TEXT.
    scope_uids = (uid_or_text(item) for item in (scope.children if scope else ()))
    return {
        "procedure_reported": code(procedure),
        "has_intent": code(first(index_items(procedure), c.HAS_INTENT)),
        "start_of_xray_irradiation": datetime_value(first(index, c.START_OF_XRAY_IRRADIATION)),
        "end_of_xray_irradiation": datetime_value(first(index, c.END_OF_XRAY_IRRADIATION)),
        "scope_of_accumulation": code(scope),
        "scope_uid": next((value for value in scope_uids if value), ""),
        "source_of_dose_information": code(first(index, c.SOURCE_OF_DOSE_INFORMATION)),
        "comment": comments(index),
    }


def parse_context(node: ContentItem) -> Context:
    """Observers and participants of one report or event node."""
    return Context(parse_observers(node), parse_device_participants(node), parse_person_participants(node))


ContextRows = tuple[list[ObserverContext], list[DeviceParticipant], list[PersonParticipant]]


def context_rows(context: Context, owner: dict, memo: dict) -> ContextRows:
    """Unsaved ObserverContext, DeviceParticipant and PersonParticipant rows for ``owner`` (for bulk_create)."""
    return (
        [build_row(ObserverContext, observer, memo, **owner) for observer in context.observers],
        [build_row(DeviceParticipant, device, memo, **owner) for device in context.devices],
        [build_row(PersonParticipant, person, memo, **owner) for person in context.persons],
    )


def bulk_save_contexts(rows: list[ContextRows]) -> None:
    """Insert the rows made by ``context_rows`` for several owners with one query per table."""
    for index, model in enumerate((ObserverContext, DeviceParticipant, PersonParticipant)):
        objects = [obj for group in rows for obj in group[index]]
        if objects:
            model.objects.bulk_create(objects)
