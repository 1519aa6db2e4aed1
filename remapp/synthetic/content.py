"""Builders for SR content items (PS3.3 C.17.3): one small function per value type.

Each returns a pydicom Dataset ready to go into a ContentSequence; children are passed as a list.
"""

from __future__ import annotations

from datetime import datetime

from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.sr.coding import Code

from remapp.synthetic.header import dicom_datetime, ds_value

CONTAINS = "CONTAINS"
HAS_CONCEPT_MOD = "HAS CONCEPT MOD"
HAS_OBS_CONTEXT = "HAS OBS CONTEXT"
HAS_PROPERTIES = "HAS PROPERTIES"


def _nested() -> Dataset:
    """A sequence item marked as already Explicit VR Little Endian.

    pydicom re-checks every nested dataset for ambiguous VRs when it writes one it did not read, walking the
    subtree again at each level; these items have none, so saying so saves most of the writing time.
    """
    item = Dataset()
    item.set_original_encoding(False, True, "iso8859")
    return item


def code_dataset(code: Code) -> Dataset:
    """A Code Sequence item: value, scheme, meaning."""
    item = _nested()
    item.CodeValue = code.value
    item.CodingSchemeDesignator = code.scheme_designator
    item.CodeMeaning = code.meaning
    return item


def _item(concept: Code, value_type: str, relationship: str, children: list[Dataset] | None = None) -> Dataset:
    item = _nested()
    item.RelationshipType = relationship
    item.ValueType = value_type
    item.ConceptNameCodeSequence = Sequence([code_dataset(concept)])
    if children:
        item.ContentSequence = Sequence(children)
    return item


def container(concept: Code, children: list[Dataset], relationship: str = CONTAINS) -> Dataset:
    item = _item(concept, "CONTAINER", relationship, children)
    item.ContinuityOfContent = "SEPARATE"
    return item


def code(concept: Code, value: Code, relationship: str = CONTAINS, children: list[Dataset] | None = None) -> Dataset:
    item = _item(concept, "CODE", relationship, children)
    item.ConceptCodeSequence = Sequence([code_dataset(value)])
    return item


def num(
    concept: Code, value: object, unit: Code, relationship: str = CONTAINS, children: list[Dataset] | None = None
) -> Dataset:
    """A NUM item with one measured value in the given UCUM unit."""
    item = _item(concept, "NUM", relationship, children)
    measured = _nested()
    measured.NumericValue = ds_value(value)
    measured.MeasurementUnitsCodeSequence = Sequence([code_dataset(unit)])
    item.MeasuredValueSequence = Sequence([measured])
    return item


def text(concept: Code, value: str, relationship: str = CONTAINS) -> Dataset:
    item = _item(concept, "TEXT", relationship)
    item.TextValue = value
    return item


def uidref(concept: Code, value: str, relationship: str = CONTAINS, children: list[Dataset] | None = None) -> Dataset:
    item = _item(concept, "UIDREF", relationship, children)
    item.UID = value
    return item


def date_time(concept: Code, value: datetime, relationship: str = CONTAINS) -> Dataset:
    item = _item(concept, "DATETIME", relationship)
    item.DateTime = dicom_datetime(value)
    return item


def person_name(concept: Code, value: str, relationship: str = CONTAINS) -> Dataset:
    item = _item(concept, "PNAME", relationship)
    item.PersonName = value
    return item


def optional_num(concept: Code, value: object, unit: Code) -> list[Dataset]:
    """A NUM item in a list, or an empty list when the value is None (for optional rows)."""
    return [] if value is None else [num(concept, value, unit)]
