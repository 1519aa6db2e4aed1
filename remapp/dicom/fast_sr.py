"""A direct reader of the SR content tree from the raw bytes of ContentSequence (the import hot path).

pydicom builds a full Dataset for every content item and every code sequence, which is most of an RDSR
import's time. This reader walks the little-endian encoded bytes once and builds the same ``ContentItem``
nodes as the pydicom path of ``remapp.dicom.content.read_content_tree``, decoding text with the same function.
It returns None (the caller then uses the pydicom path) for what it does not handle: big-endian or already
decoded data. Damaged bytes raise ``ValueError``. ``bench/sr_reader.py`` measures the gain;
``tests/dicom/test_sr_readers_agree.py`` checks both readers build the same tree, or both refuse.
"""

from __future__ import annotations

import logging
from struct import Struct

from pydicom.dataset import Dataset
from pydicom.sr.coding import Code

from remapp.dicom.content import MAX_DEPTH, ContentItem, decode_text, parse_decimal_string
from remapp.dicom.framing import (
    MAX_NESTING,
    check_sequence_value,
    implicit_vr_at,
    reads_as_sequence,
    skip_undefined_length,
)

logger = logging.getLogger("remapp.dicom.content")  # the same logger as the pydicom path

_ITEM, _ITEM_END, _SEQUENCE_END = 0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD
_UNDEFINED = 0xFFFFFFFF
_LONG_VRS = frozenset({b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT", b"UV"})
_SHORT_VRS = frozenset(vr.encode() for vr in "AE AS AT CS DA DS DT FL FD IS LO LT PN SH SL SS ST TM UI UL US".split())
_EXPLICIT = Struct("<HH2sH").unpack_from  # group, element, VR, 16-bit length
_IMPLICIT = Struct("<HHL").unpack_from  # group, element, 32-bit length
_LENGTH = Struct("<L").unpack_from
_CONTENT_SEQUENCE = 0x0040A730
_SEQUENCES = {
    _CONTENT_SEQUENCE,
    0x0040A043,  # Concept Name Code Sequence
    0x0040A168,  # Concept Code Sequence
    0x0040A300,  # Measured Value Sequence
    0x004008EA,  # Measurement Units Code Sequence
    0x0040A301,  # Numeric Value Qualifier Code Sequence
}
_WANTED_TEXT = {
    0x0040A040: "value_type",
    0x0040A010: "relationship",
    0x0040A160: "text",
    0x0040A124: "uid",
    0x0040A120: "datetime",
    0x0040A121: "date",
    0x0040A122: "time",
    0x0040A30A: "number",
    0x00080100: "code_value",
    0x00080102: "scheme",
    0x00080104: "meaning",
    0x00080119: "long_code_value",
    0x00080120: "urn_code_value",
}


class _Reader:
    """Reads items by the same framing rules as ``remapp.dicom.framing`` (which the pydicom path checks with)."""

    def __init__(self, buffer: bytes, encodings: list[str]) -> None:
        self.buffer = buffer
        self.encodings = encodings

    def _header(self, pos: int, implicit: bool) -> tuple[int, bytes | None, int, int]:
        """(tag, VR, value length, position of the value) of the element at ``pos``."""
        group, element, vr, length = _EXPLICIT(self.buffer, pos)
        tag = group << 16 | element
        if group == 0xFFFE or implicit:
            return tag, None, _IMPLICIT(self.buffer, pos)[2], pos + 8
        if vr in _SHORT_VRS:
            return tag, vr, length, pos + 8
        if vr in _LONG_VRS:
            return tag, vr, _LENGTH(self.buffer, pos + 8)[0], pos + 12
        if not b"AA" <= vr <= b"ZZ":  # not two capital letters: pydicom reads the element as implicit VR
            return tag, None, _IMPLICIT(self.buffer, pos)[2], pos + 8
        raise ValueError(f"unknown value representation {vr!r} in tag {tag:08X}")

    def sequence(self, pos: int, end: int | None, depth: int, implicit: bool) -> tuple[list[dict], int]:
        """The items of a sequence nested ``depth`` deep at ``pos``; ``end`` None for undefined length."""
        if depth > MAX_NESTING:
            raise ValueError(f"sequences nested more than {MAX_NESTING} deep")
        items = []
        while end is None or pos < end:
            tag, _, length, pos = self._header(pos, True)
            if tag == _SEQUENCE_END:
                if end is not None:
                    raise ValueError("sequence delimiter in a defined-length sequence")
                return items, pos
            if tag != _ITEM:
                raise ValueError(f"expected a sequence item, found tag {tag:08X}")
            item_end = None if length == _UNDEFINED else pos + length
            if item_end is not None and item_end > (len(self.buffer) if end is None else end):
                raise ValueError("sequence item runs past the end of its sequence")
            item, pos = self.dataset(pos, item_end, depth, implicit or implicit_vr_at(self.buffer, pos, False))
            items.append(item)
        if pos != end:
            raise ValueError("sequence items overrun their sequence")
        return items, pos

    def dataset(self, pos: int, end: int | None, depth: int, implicit: bool) -> tuple[dict, int]:
        """The wanted elements of one item: text by name, sequences by tag."""
        out: dict = {}
        buffer = self.buffer
        limit = len(buffer) if end is None else min(end, len(buffer))
        while end is None or pos < end:
            tag, vr, length, pos = self._header(pos, implicit)
            if tag >> 16 == 0xFFFE:
                if tag == _ITEM_END and end is None:
                    return out, pos
                raise ValueError(f"item tag {tag:08X} where an element belongs")
            if length == _UNDEFINED:
                pos = self._undefined_length(out, tag, vr, pos, limit, depth, implicit)
                continue
            value_end = pos + length
            if value_end > limit:
                raise ValueError(f"element {tag:08X} at byte {pos} runs past the end of its item")
            if tag in _WANTED_TEXT:
                if vr not in _SHORT_VRS and reads_as_sequence(tag, vr, False):
                    raise ValueError(f"element {tag:08X} is a sequence where text belongs")
                raw = buffer[pos:value_end]
                text = raw.decode("ascii").strip(" \x00") if raw.isascii() else decode_text(raw, self.encodings)
                out[_WANTED_TEXT[tag]] = text
            elif vr not in _SHORT_VRS and reads_as_sequence(tag, vr, False):
                items_implicit = implicit or vr == b"UN"  # pydicom reads the value of a UN element as implicit VR
                if tag in _SEQUENCES:
                    out[tag], _ = self.sequence(pos, value_end, depth + 1, items_implicit)
                else:  # not needed for the tree, but checked as the pydicom path checks it
                    check_sequence_value(buffer, items_implicit, True, pos, value_end, depth + 1)
            elif tag in _SEQUENCES:
                if length:
                    raise ValueError(f"element {tag:08X} is not encoded as a sequence")  # pydicom's value is bytes
                out[tag] = []
            pos = value_end
        if pos != end:
            raise ValueError("elements overrun their item")
        return out, pos

    def _undefined_length(self, out: dict, tag: int, vr: bytes | None, pos: int, limit: int, depth, implicit) -> int:
        """Read (or step over) an element of undefined length as pydicom reads it; where the next one starts."""
        buffer = self.buffer
        if tag in _SEQUENCES and reads_as_sequence(tag, vr, True):
            out[tag], pos = self.sequence(pos, None, depth + 1, implicit)
            return pos
        if tag in _WANTED_TEXT and reads_as_sequence(tag, vr, True):
            raise ValueError(f"element {tag:08X} is a sequence where text belongs")
        value_end = skip_undefined_length(buffer, tag, vr, pos, implicit, depth + 1)  # after its delimiter
        if value_end > limit:
            raise ValueError(f"element {tag:08X} at byte {pos} runs past the end of its item")
        if tag in _SEQUENCES:
            if value_end - pos > 8:
                raise ValueError(f"element {tag:08X} is not encoded as a sequence")  # pydicom's value is bytes
            out[tag] = []
        elif tag in _WANTED_TEXT:
            out[_WANTED_TEXT[tag]] = decode_text(buffer[pos : value_end - 8], self.encodings)
        return value_end


def _code(items: list[dict] | None) -> Code | None:
    if not items:
        return None
    item = items[0]
    value = item.get("code_value") or item.get("long_code_value") or item.get("urn_code_value")
    if not value:
        return None
    return Code(value, item.get("scheme", ""), item.get("meaning", ""))


def _node(item: dict, depth: int) -> ContentItem:
    value_type = item.get("value_type", "")
    value: object = None
    unit = None
    if value_type == "NUM":
        measured = item.get(0x0040A300)
        if measured:
            value = parse_decimal_string(measured[0].get("number"))
            unit = _code(measured[0].get(0x004008EA))
        else:
            value = ()
    elif value_type == "CODE":
        value = _code(item.get(0x0040A168))
    elif value_type in _TEXT_VALUE_KEYS:
        value = item.get(_TEXT_VALUE_KEYS[value_type])
    children = []
    if item.get(_CONTENT_SEQUENCE) is not None:
        if depth + 1 > MAX_DEPTH:  # cut off where the pydicom path cuts off
            logger.warning("SR content tree deeper than %d levels: deeper items ignored", MAX_DEPTH)
        else:
            children = [_node(child, depth + 1) for child in item[_CONTENT_SEQUENCE]]
    qualifier = _code(item.get(0x0040A301)) if value_type == "NUM" else None
    return ContentItem(
        _code(item.get(0x0040A043)), value_type, item.get("relationship", ""), value, unit, qualifier, children
    )


_TEXT_VALUE_KEYS = {"TEXT": "text", "UIDREF": "uid", "DATETIME": "datetime", "DATE": "date", "TIME": "time"}


def read_content_items_fast(dataset: Dataset, encodings: list[str]) -> list[ContentItem] | None:
    """The root's content items read straight from the encoded ContentSequence; None when only pydicom can."""
    implicit, little = getattr(dataset, "original_encoding", (None, None))
    if implicit is None or not little:
        return None
    raw = dataset.get_item(_CONTENT_SEQUENCE)
    if raw is None or not isinstance(raw.value, bytes):
        return None  # absent, or already decoded by pydicom (an undefined-length sequence, a dataset built in memory)
    try:
        items, _ = _Reader(raw.value, encodings).sequence(0, len(raw.value), 1, implicit)
    except (IndexError, KeyError) as error:  # struct.error is a subclass of neither: caught by the caller
        raise ValueError(f"damaged SR content ({error})") from error
    return [_node(item, 0) for item in items]
