"""The one rule for irradiation event identity: how an event is known, and which events of an object are new.

An event is known by its Irradiation Event UID, stored once per study (a database constraint on the CT and the
projection event tables), so a later report of the same study never adds an event twice.

Where an object gives no UID for an event (the standard requires one, but Philips dose screens have none and
some reports omit it), a stand-in is derived, deterministically, from what identifies the event in that object:
``derived_event_uid(*parts)`` is a DICOM UID under the 2.25 root made from a name-based UUID (RFC 9562 version 5,
OID namespace) of the parts joined by "|". The same parts always give the same UID, different parts practically
never the same one:

- an event of a dose report without a UID: the report's SOP Instance UID, "event" and its position in the report
  (so it is never matched with another report's event);
- a series of a Philips dose screen: the Study Instance UID, series number, description and acquisition type (so
  every screen of the study that lists the series gives the same UID).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Protocol, TypeVar

from django.db import models

from remapp.extractors.study.header import checked_uid


class HasEventUid(Protocol):
    irradiation_event_uid: str


E = TypeVar("E", bound=HasEventUid)


def derived_event_uid(*parts: object) -> str:
    """A stand-in Irradiation Event UID made from the parts that identify the event (see the module docstring)."""
    name = "|".join(str(part) for part in parts)
    return f"2.25.{uuid.uuid5(uuid.NAMESPACE_OID, name).int}"


def identify_events(events: Iterable[HasEventUid], sop_instance_uid: str) -> None:
    """Check each event's Irradiation Event UID, or give it its derived stand-in when it has none.

    ExtractionError naming the event for a UID longer than DICOM allows: events are matched across reports by
    their UID, so a clipped one could be taken for another event.
    """
    for position, event in enumerate(events):
        if event.irradiation_event_uid:
            checked_uid(event.irradiation_event_uid, f"Irradiation Event UID of event {position + 1}")
        else:
            event.irradiation_event_uid = derived_event_uid(sop_instance_uid, "event", position)


def stored_event_uids(event_model: type[models.Model], study_id: int, uids: list[str]) -> set[str]:
    """Which of these Irradiation Event UIDs the study already has in ``event_model``."""
    if not uids:
        return set()
    found = event_model.objects.filter(study_id=study_id, irradiation_event_uid__in=uids)
    return set(found.values_list("irradiation_event_uid", flat=True))


def new_events(
    events: list[E], event_model: type[models.Model], study_id: int, study_created: bool
) -> list[tuple[int, E]]:
    """(position in the object, event) for the events the study does not have yet; a repeated UID counts once.

    ``study_created``: the object has just created the study, which therefore has no events to look up.
    """
    uids = [event.irradiation_event_uid for event in events]
    seen = set() if study_created else stored_event_uids(event_model, study_id, uids)
    fresh = []
    for position, event in enumerate(events):
        if event.irradiation_event_uid in seen:
            continue
        seen.add(event.irradiation_event_uid)
        fresh.append((position, event))
    return fresh
