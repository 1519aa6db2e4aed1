"""The SR content tree as small typed nodes, and the one walker over it.

``read_content_tree(dataset)`` turns an SR document (its ContentSequence, recursively) into
``ContentItem`` nodes once; extractors then search it with ``find_items`` / ``find_item`` and read
values with the readers in ``remapp.dicom.values``. No Django here.

Values are kept as DICOM gives them: a NUM keeps the exact decimal strings of Numeric Value (as
``Decimal``, several when the value is multi-valued) and its unit code; a PNAME keeps nothing (person
names are never read); DATETIME/DATE/TIME keep the DICOM string.
"""

from __future__ import annotations

import logging
import struct
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from pydicom.charset import TEXT_VR_DELIMS, convert_encodings, decode_bytes, default_encoding
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.sr.coding import Code

from remapp.dicom.framing import check_sequence_value
from remapp.dicom.reader import parse_sequences_checked
from remapp.dicom.snomed import CodeKey, code_key

logger = logging.getLogger(__name__)

# Tags read on the hot path (numbers, not keywords: a dict lookup instead of a keyword translation).
_CONTENT_SEQUENCE = 0x0040A730
_VALUE_TYPE = 0x0040A040
_RELATIONSHIP_TYPE = 0x0040A010
_CONCEPT_NAME_CODE_SEQUENCE = 0x0040A043
_CONCEPT_CODE_SEQUENCE = 0x0040A168
_MEASURED_VALUE_SEQUENCE = 0x0040A300
_MEASUREMENT_UNITS_CODE_SEQUENCE = 0x004008EA
_NUMERIC_VALUE = 0x0040A30A
_NUMERIC_VALUE_QUALIFIER_CODE_SEQUENCE = 0x0040A301
_TEXT_VALUE = 0x0040A160
_UID = 0x0040A124
_DATETIME = 0x0040A120
_DATE = 0x0040A121
_TIME = 0x0040A122
_CODE_VALUE = 0x00080100
_CODING_SCHEME_DESIGNATOR = 0x00080102
_CODE_MEANING = 0x00080104
_LONG_CODE_VALUE = 0x00080119
_URN_CODE_VALUE = 0x00080120

_TEXT_VRS = frozenset({"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UT"})


class ContentItem:
    """One SR content item: concept name, value type, relationship to its parent, value, unit, children."""

    __slots__ = ("concept", "concept_key", "value_type", "relationship", "value", "unit", "qualifier", "children")

    def __init__(
        self,
        concept: Code | None,
        value_type: str,
        relationship: str = "",
        value: object = None,
        unit: Code | None = None,
        qualifier: Code | None = None,
        children: list[ContentItem] | None = None,
    ) -> None:
        self.concept = concept
        self.concept_key = code_key(concept) if concept is not None else None
        self.value_type = value_type
        self.relationship = relationship
        # NUM: tuple[Decimal, ...]; CODE: Code; TEXT/UIDREF/DATETIME/DATE/TIME: str; others: None.
        self.value = value
        self.unit = unit
        # NUM without a value carries a Numeric Value Qualifier (e.g. "Not a number") instead.
        self.qualifier = qualifier
        self.children = children if children is not None else []

    def __repr__(self) -> str:
        name = self.concept.meaning if self.concept else "?"
        return f"ContentItem({self.value_type} {name!r}={self.value!r}{' ' + self.unit.value if self.unit else ''})"

    def walk(self) -> Iterator[ContentItem]:
        """Every descendant, depth first, in document order."""
        for child in self.children:
            yield child
            yield from child.walk()


def text_encodings(dataset: Dataset) -> list[str]:
    """Python codecs for the dataset's Specific Character Set; pydicom's default when absent or unknown."""
    try:
        return convert_encodings(dataset.get("SpecificCharacterSet"))
    except Exception:  # a damaged character set value: decode as pydicom does by default
        return [default_encoding]


def decode_text(raw: bytes, encodings: list[str]) -> str:
    """An element's encoded value as text without padding: ASCII as it is, else through pydicom's decoder."""
    if raw.isascii():
        return raw.decode("ascii").strip(" \x00")
    return decode_bytes(raw, encodings, TEXT_VR_DELIMS).strip(" \x00")


def raw_text(dataset: Dataset, tag: int, encodings: list[str] | None = None) -> str | None:
    """A string element's value; with ``encodings``, decoded by ``decode_text`` (as the fast reader does)."""
    try:
        elem = dataset.get_item(tag)
    except KeyError:
        return None
    if elem is None:
        return None
    value = elem.value
    if isinstance(value, bytes):
        if encodings is not None:
            return decode_text(value, encodings)
        if elem.VR in _TEXT_VRS and value.isascii():
            return value.decode("ascii").strip(" \x00")
        value = dataset[tag].value  # let pydicom apply the Specific Character Set
    if value is None:
        return None
    if isinstance(value, Sequence):
        raise ValueError(f"element {tag:08X} is a sequence where text belongs")
    if isinstance(value, list | tuple) or type(value).__name__ == "MultiValue":
        return "\\".join(str(v) for v in value)
    return str(value).strip(" \x00")


def _sequence_first(dataset: Dataset, tag: int) -> Dataset | None:
    if tag not in dataset:
        return None
    seq = dataset[tag].value
    if not seq:
        return None
    return seq[0]


def read_code(item: Dataset | None, encodings: list[str] | None = None) -> Code | None:
    """A Code Sequence Macro item as a pydicom ``Code``; None when it has no code value or scheme."""
    if item is None:
        return None
    value = (
        raw_text(item, _CODE_VALUE, encodings)
        or raw_text(item, _LONG_CODE_VALUE, encodings)
        or raw_text(item, _URN_CODE_VALUE, encodings)
    )
    scheme = raw_text(item, _CODING_SCHEME_DESIGNATOR, encodings) or ""
    if not value:
        return None
    return Code(value, scheme, raw_text(item, _CODE_MEANING, encodings) or "")


def parse_decimal_string(text: str | None) -> tuple[Decimal, ...]:
    """The values of a DS string as exact Decimals; non-finite or unreadable parts dropped.

    Values are separated by a backslash (DICOM multi-value); a slash between numbers ("10.50/ 15.00",
    Toshiba) is read as the same: several values, never one guessed number.
    """
    if not text:
        return ()
    out = []
    for part in text.replace("/", "\\").split("\\"):
        part = part.strip(" \x00")
        if not part:
            continue
        try:
            value = Decimal(part)
        except (InvalidOperation, ValueError):
            logger.warning("Unreadable decimal string %r ignored", part)
            continue
        if not value.is_finite():
            logger.warning("Non-finite decimal %r ignored", part)
            continue
        out.append(value)
    return tuple(out)


def _read_item(dataset: Dataset, depth: int, encodings: list[str]) -> ContentItem:
    value_type = raw_text(dataset, _VALUE_TYPE, encodings) or ""
    concept = read_code(_sequence_first(dataset, _CONCEPT_NAME_CODE_SEQUENCE), encodings)
    relationship = raw_text(dataset, _RELATIONSHIP_TYPE, encodings) or ""
    value: object = None
    unit = qualifier = None
    if value_type == "NUM":
        measured = _sequence_first(dataset, _MEASURED_VALUE_SEQUENCE)
        if measured is not None:
            value = parse_decimal_string(raw_text(measured, _NUMERIC_VALUE, encodings))
            unit = read_code(_sequence_first(measured, _MEASUREMENT_UNITS_CODE_SEQUENCE), encodings)
        else:
            value = ()
        qualifier = read_code(_sequence_first(dataset, _NUMERIC_VALUE_QUALIFIER_CODE_SEQUENCE), encodings)
    elif value_type == "CODE":
        value = read_code(_sequence_first(dataset, _CONCEPT_CODE_SEQUENCE), encodings)
    elif value_type in _TEXT_VALUE_TAGS:
        value = raw_text(dataset, _TEXT_VALUE_TAGS[value_type], encodings)
    # PNAME and anything else: the value is not read (person names are never kept).
    children = _read_children(dataset, depth + 1, encodings)
    return ContentItem(concept, value_type, relationship, value, unit, qualifier, children)


_TEXT_VALUE_TAGS = {"TEXT": _TEXT_VALUE, "UIDREF": _UID, "DATETIME": _DATETIME, "DATE": _DATE, "TIME": _TIME}

# Real reports nest at most ~6 levels; a deeper tree is malformed (or hostile) and is cut off.
MAX_DEPTH = 32


def _read_children(dataset: Dataset, depth: int, encodings: list[str]) -> list[ContentItem]:
    if _CONTENT_SEQUENCE not in dataset:
        return []
    if depth > MAX_DEPTH:
        logger.warning("SR content tree deeper than %d levels: deeper items ignored", MAX_DEPTH)
        return []
    return [_read_item(item, depth, encodings) for item in dataset[_CONTENT_SEQUENCE].value]


def read_content_tree(dataset: Dataset, fast: bool = True) -> ContentItem:
    """The document's root CONTAINER (concept from ConceptNameCodeSequence) with its whole content tree.

    With ``fast`` (the default) the tree is read straight from the encoded ContentSequence where possible
    (``remapp.dicom.fast_sr``, about ten times quicker: ``bench/sr_reader.py``); otherwise, or with
    ``fast=False``, pydicom decodes it. Both build the same tree, or both refuse the content
    (``tests/dicom/test_sr_readers_agree.py``). A damaged tree raises ValueError or ``DicomReadError``.
    """
    from remapp.dicom.fast_sr import read_content_items_fast  # here: fast_sr builds on this module

    encodings = text_encodings(dataset)
    children = None
    if fast:
        try:
            children = read_content_items_fast(dataset, encodings)  # checks the framing as it reads
        except struct.error as error:
            raise ValueError(f"damaged SR content ({error})") from error
    if children is None:
        implicit, little = getattr(dataset, "original_encoding", (None, None))
        raw = dataset.get_item(_CONTENT_SEQUENCE)
        if raw is not None and isinstance(raw.value, bytes) and implicit is not None:
            check_sequence_value(raw.value, implicit, little)  # pydicom would read damaged framing silently
        parse_sequences_checked(dataset)
        children = _read_children(dataset, 0, encodings)
    concept = read_code(_sequence_first(dataset, _CONCEPT_NAME_CODE_SEQUENCE), encodings)
    return ContentItem(concept, raw_text(dataset, _VALUE_TYPE, encodings) or "", "", None, None, None, children)


_warned_repeats: set[CodeKey] = set()


def find_items(
    node: ContentItem | None, concept: Code, value_type: str | None = None, recursive: bool = False
) -> list[ContentItem]:
    """Items under ``node`` whose concept name is ``concept`` (and value type, if given); depth first if recursive.

    ``node`` may be None (an absent optional container), which has no items, so lookups chain safely.
    """
    if node is None:
        return []
    key = code_key(concept)
    candidates = node.walk() if recursive else node.children
    return [
        item for item in candidates if item.concept_key == key and (value_type is None or item.value_type == value_type)
    ]


def find_item(
    node: ContentItem | None, concept: Code, value_type: str | None = None, recursive: bool = False
) -> ContentItem | None:
    """The first matching item, or None when absent; a repeat the template does not allow is logged once."""
    found = find_items(node, concept, value_type, recursive)
    if not found:
        return None
    if len(found) > 1:
        key = code_key(concept)
        if key not in _warned_repeats:
            _warned_repeats.add(key)
            logger.warning("%r appears %d times where one was expected; the first is used", concept.meaning, len(found))
    return found[0]
