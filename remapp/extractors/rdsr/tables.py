"""The one way the dose-report parsers read the SR content tree: index a container once, then look items up.

``index_items(node)`` groups a container's children (or, with ``recursive=True``, all its descendants, depth
first) by concept; ``first(index, concept)`` is the first such item. Code-to-field tables fill the parsed
dataclasses: ``number_table`` rows are (field, concept, unit the field stores) and ``fill_numbers`` converts each
NUM from the unit it declares; ``code_table`` rows are (field, concept) for CODE items. A missing item leaves the
field as it was (None), and the number is never guessed (see remapp.dicom.values).
"""

from __future__ import annotations

from decimal import Decimal

from pydicom.sr.coding import Code

from remapp.dicom import concepts as c
from remapp.dicom import values
from remapp.dicom.content import CodeKey, ContentItem, code_key
from remapp.dicom.units import convert

Index = dict[CodeKey, list[ContentItem]]
NumberTable = list[tuple[str, CodeKey, str]]
CodeTable = list[tuple[str, CodeKey]]


def index_items(node: ContentItem | None, recursive: bool = False) -> Index:
    """The node's children (or all descendants, depth first) grouped by concept; empty for an absent node."""
    index: Index = {}
    if node is not None:
        for item in node.walk() if recursive else node.children:
            if item.concept_key is not None:
                index.setdefault(item.concept_key, []).append(item)
    return index


def key(concept: Code | CodeKey) -> CodeKey:
    """The lookup key of a concept (legacy SNOMED-RT codes match their SNOMED CT code)."""
    return code_key(concept) if isinstance(concept, Code) else concept


def first(index: Index, concept: Code | CodeKey) -> ContentItem | None:
    """The first item of this concept, or None."""
    items = index.get(key(concept))
    return items[0] if items else None


def every(index: Index, concept: Code | CodeKey) -> list[ContentItem]:
    """Every item of this concept, in document order."""
    return index.get(key(concept), [])


def number_table(*rows: tuple[str, Code, str]) -> NumberTable:
    """(field, concept, stored unit) rows keyed for lookup."""
    return [(name, code_key(concept), to_unit) for name, concept, to_unit in rows]


def code_table(*rows: tuple[str, Code]) -> CodeTable:
    """(field, concept) rows keyed for lookup."""
    return [(name, code_key(concept)) for name, concept in rows]


def measure(item: ContentItem, to_unit: str, value: Decimal | None = None) -> Decimal | None:
    """A NUM item's single value (or ``value``, one of its several) converted from its declared unit."""
    if value is None:
        value = values.num(item)
        if value is None:
            return None
    return convert(value, values.unit(item), to_unit)


def fill_numbers(target: object, index: Index, table: NumberTable) -> bool:
    """Set each field of ``table`` found in ``index`` (converted to the field's unit); True if any item was there."""
    found = False
    for name, concept_key, to_unit in table:
        item = first(index, concept_key)
        if item is not None:
            found = True
            setattr(target, name, measure(item, to_unit))
    return found


def fill_codes(target: object, index: Index, table: CodeTable) -> bool:
    """Set each coded field of ``table`` found in ``index``; True if any item was there."""
    found = False
    for name, concept_key in table:
        item = first(index, concept_key)
        if item is not None:
            found = True
            setattr(target, name, values.code(item))
    return found


def code_or_text(item: ContentItem | None) -> tuple[str, Code | None]:
    """A concept some vendors send as TEXT and others as CODE (e.g. Reference Point Definition): (text, code)."""
    if item is None:
        return "", None
    coded = values.code(item)
    if coded is not None:
        return coded.meaning, coded
    return values.text(item), None


def text_or_meaning(item: ContentItem | None) -> str:
    """A value some vendors send as TEXT and others as CODE: the text, or the code's meaning."""
    return code_or_text(item)[0]


def uid_or_text(item: ContentItem | None) -> str:
    """A UID some vendors (GE) send as TEXT instead of UIDREF."""
    return values.uid(item) or values.text(item)


def event_label(index: Index) -> tuple[str, Code | None]:
    """An event's Irradiation Event Label (TEXT) and its Label Type (CODE, a child of the label), or ('', None)."""
    label = first(index, c.IRRADIATION_EVENT_LABEL)
    if label is None:
        return "", None
    return values.text(label)[:64], values.code(first(index_items(label), c.LABEL_TYPE))
