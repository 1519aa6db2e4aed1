"""A direct reader of the SR content tree from the raw bytes of ContentSequence (the import hot path).

pydicom builds a full Dataset for every content item and every code sequence, which is most of an RDSR
import's time. This reader walks the little-endian encoded bytes once and builds the same ``ContentItem``
nodes as ``remapp.dicom.content.read_content_tree``. It returns None (the caller then uses the pydicom
path) for what it does not handle: big-endian or already-decoded data, or non-ASCII text in a character set
pydicom cannot name. Damaged bytes raise ``ValueError``.
"""

from __future__ import annotations

from struct import Struct

from pydicom.charset import TEXT_VR_DELIMS, convert_encodings, decode_bytes
from pydicom.dataset import Dataset
from pydicom.sr.coding import Code

from remapp.dicom.content import MAX_DEPTH, ContentItem, parse_decimal_string

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


class _NotPlain(Exception):
    """Text that is not ASCII in a character set pydicom cannot name: leave it to pydicom."""


class _Reader:
    def __init__(self, buffer: bytes, implicit: bool, encodings: list[str] | None = None) -> None:
        self.buffer = buffer
        self.implicit = implicit
        self.encodings = encodings

    def text(self, raw: bytes) -> str:
        """ASCII directly; other text through pydicom's decoder for the dataset's Specific Character Set."""
        if raw.isascii():
            return raw.decode("ascii").strip(" \x00")
        if not self.encodings:
            raise _NotPlain
        return decode_bytes(raw, self.encodings, TEXT_VR_DELIMS).strip(" \x00")

    def _header(self, pos: int) -> tuple[int, bytes | None, int, int]:
        """(tag, VR, value length, position of the value) of the element at ``pos``."""
        group, element, vr, length = _EXPLICIT(self.buffer, pos)
        tag = group << 16 | element
        if group == 0xFFFE or self.implicit:
            return tag, None, _IMPLICIT(self.buffer, pos)[2], pos + 8
        if vr in _SHORT_VRS:
            return tag, vr, length, pos + 8
        if vr in _LONG_VRS:
            return tag, vr, _LENGTH(self.buffer, pos + 8)[0], pos + 12
        raise ValueError(f"unknown value representation {vr!r} in tag {tag:08X}")

    def sequence(self, pos: int, end: int | None, depth: int) -> tuple[list[dict], int]:
        """The items of a sequence starting at ``pos``; ``end`` None for undefined length. Returns (items, next)."""
        if depth > MAX_DEPTH * 3:
            raise ValueError("SR content nested too deep")
        items = []
        while end is None or pos < end:
            tag, _, length, pos = self._header(pos)
            if tag == _SEQUENCE_END:
                if end is not None:
                    raise ValueError("sequence delimiter in a defined-length sequence")
                return items, pos
            if tag != _ITEM:
                raise ValueError(f"expected a sequence item, found tag {tag:08X}")
            item_end = None if length == _UNDEFINED else pos + length
            if item_end is not None and item_end > len(self.buffer):
                raise ValueError("sequence item runs past the end of the data")
            item, pos = self.dataset(pos, item_end, depth + 1)
            items.append(item)
        if pos != end:
            raise ValueError("sequence items overrun their sequence")
        return items, pos

    def dataset(self, pos: int, end: int | None, depth: int) -> tuple[dict, int]:
        """The wanted elements of one item: text by name, sequences by tag."""
        out: dict = {}
        buffer = self.buffer
        while end is None or pos < end:
            tag, vr, length, pos = self._header(pos)
            if tag == _ITEM_END:
                if end is not None:
                    raise ValueError("item delimiter in a defined-length item")
                return out, pos
            if length == _UNDEFINED:
                if tag in _SEQUENCES or vr == b"SQ":
                    out[tag], pos = self.sequence(pos, None, depth)
                    continue
                raise ValueError(f"undefined length for a non-sequence element {tag:08X}")
            value_end = pos + length
            if value_end > len(buffer) or (end is not None and value_end > end):
                raise ValueError(f"element {tag:08X} runs past the end of its item")
            if tag in _SEQUENCES:
                out[tag], _ = self.sequence(pos, value_end, depth)
            elif tag in _WANTED_TEXT:
                out[_WANTED_TEXT[tag]] = self.text(buffer[pos:value_end])
            pos = value_end
        if pos != end:
            raise ValueError("elements overrun their item")
        return out, pos


def _code(items: list[dict] | None) -> Code | None:
    if not items:
        return None
    item = items[0]
    value = item.get("code_value") or item.get("long_code_value") or item.get("urn_code_value")
    if not value:
        return None
    return Code(value, item.get("scheme", ""), item.get("meaning", ""))


def _node(item: dict) -> ContentItem:
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
    elif value_type in ("TEXT", "UIDREF", "DATETIME", "DATE", "TIME"):
        key = {"TEXT": "text", "UIDREF": "uid", "DATETIME": "datetime", "DATE": "date", "TIME": "time"}[value_type]
        value = item.get(key)
    children = [_node(child) for child in item.get(_CONTENT_SEQUENCE, ())]
    qualifier = _code(item.get(0x0040A301)) if value_type == "NUM" else None
    return ContentItem(
        _code(item.get(0x0040A043)), value_type, item.get("relationship", ""), value, unit, qualifier, children
    )


def read_content_tree_fast(dataset: Dataset) -> ContentItem | None:
    """The content tree read straight from the raw bytes, or None when only pydicom can read it."""
    implicit, little = getattr(dataset, "original_encoding", (None, None))
    if implicit is None or not little:
        return None
    raw = dataset.get_item(_CONTENT_SEQUENCE)
    if raw is None:
        return None
    if not isinstance(raw.value, bytes):
        return None  # already decoded by pydicom (e.g. a dataset built in memory)
    try:
        encodings = convert_encodings(dataset.get("SpecificCharacterSet"))
    except (LookupError, ValueError, TypeError):
        encodings = None
    reader = _Reader(raw.value, implicit, encodings)
    try:
        items, _ = reader.sequence(0, len(raw.value), 0)
        root_concept = _code(_top_sequence(dataset, 0x0040A043, reader))
    except _NotPlain:
        return None
    except (IndexError, KeyError) as error:  # struct.error is a subclass of neither: caught by the caller
        raise ValueError(f"damaged SR content ({error})") from error
    value_type = dataset.get("ValueType", "") or ""
    return ContentItem(root_concept, str(value_type), "", None, None, None, [_node(item) for item in items])


def _top_sequence(dataset: Dataset, tag: int, reader: _Reader) -> list[dict] | None:
    raw = dataset.get_item(tag)
    if raw is None:
        return None
    if isinstance(raw.value, bytes):
        items, _ = _Reader(raw.value, reader.implicit, reader.encodings).sequence(0, len(raw.value), 0)
        return items
    return [
        {
            "code_value": str(item.get("CodeValue", "")),
            "scheme": str(item.get("CodingSchemeDesignator", "")),
            "meaning": str(item.get("CodeMeaning", "")),
        }
        for item in raw.value
    ]
