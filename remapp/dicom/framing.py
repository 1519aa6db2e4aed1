"""The byte framing of a DICOM file: every element, item and sequence ends where its lengths say, inside its parent.

pydicom reads a cut-off or mis-framed file without complaint: an element whose length runs past the end of the
file gets fewer bytes, a sequence without its delimiter just ends. Importing such a file would store half a report.
``check_file`` walks the encoded file once, reading only tags, value representations, lengths and delimiters, by
the rules pydicom reads with (PS3.10 7.1 file meta information; PS3.5 7.1 data elements, 7.5 nesting of data
sets, 7.5.1-7.5.2 item and sequence delimitation), and raises ``FramingError`` at the first place where the bytes
do not add up. Values are not decoded. As with ``dcmread(stop_before_pixels=True)``, nothing from the pixel data
element on is read, so an image cut inside its pixel data still has a whole header. The items of an SR's
ContentSequence are checked when ``remapp.dicom.content.read_content_tree`` decodes them: by
``check_sequence_value`` before pydicom parses them, or by the fast reader as it reads, by the same rules.
A cut-off file is always reported as truncated: a cut anywhere but between two top-level elements leaves some
length running past the end of the file.
"""

from __future__ import annotations

import mmap
import os
import zlib
from functools import lru_cache
from struct import Struct

from pydicom.datadict import dictionary_VR
from pydicom.uid import DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian, ImplicitVRLittleEndian
from pydicom.valuerep import EXPLICIT_VR_LENGTH_32, VR

# Deeper nesting than this is malformed (or hostile); real dose reports nest about a dozen sequences deep.
MAX_NESTING = 64

_ITEM, _ITEM_END, _SEQUENCE_END = 0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD
_UNDEFINED = 0xFFFFFFFF
_TRANSFER_SYNTAX_UID = 0x00020010
_PIXEL_DATA_TAGS = frozenset({0x7FE00008, 0x7FE00009, 0x7FE00010})  # where stop_before_pixels stops
_KNOWN_VRS = frozenset(str(vr).encode() for vr in VR if len(str(vr)) == 2)
_LONG_VRS = frozenset(str(vr).encode() for vr in EXPLICIT_VR_LENGTH_32)  # 2 reserved bytes, then a 32-bit length
_SHORT_VRS = _KNOWN_VRS - _LONG_VRS
_PREAMBLE_END = 132  # 128-byte preamble and "DICM"
# The SR content tree (ContentSequence, of defined length) is checked as it is decoded (remapp.dicom.content),
# which every use of it goes through: checking it here too would walk the largest part of a report twice.
LEFT_TO_THEIR_READER = frozenset({0x0040A730})


class FramingError(ValueError):
    """The file's lengths and delimiters do not add up; ``truncated`` when its bytes end too soon."""

    def __init__(self, message: str, truncated: bool) -> None:
        super().__init__(message)
        self.truncated = truncated


def _tag(tag: int) -> str:
    return f"({tag >> 16:04X},{tag & 0xFFFF:04X})"


@lru_cache(maxsize=4096)
def _dictionary_vr(tag: int) -> str | None:
    """The data dictionary's VR of a tag (repeating groups included); None for private and unknown tags."""
    try:
        return dictionary_VR(tag)
    except KeyError:
        return None


def reads_as_sequence(tag: int, vr: bytes | None, undefined_length: bool, next_tag: int | None = None) -> bool:
    """Whether pydicom reads the element as a sequence of items.

    SQ always; UN when of undefined length or a sequence in the data dictionary (pydicom then reads it as
    implicit VR); without a VR (implicit VR), by the data dictionary, else (a private element of undefined
    length) when an item tag comes next.
    """
    if vr == b"SQ":
        return True
    if vr == b"UN":
        return undefined_length or _dictionary_vr(tag) == "SQ"
    if vr is not None:
        return False
    known = _dictionary_vr(tag)
    if known is not None:
        return known == "SQ"
    return undefined_length and next_tag == _ITEM


def implicit_vr_at(buffer, pos: int, assumed: bool) -> bool:
    """pydicom's test of a data set's first element at ``pos``: a VR that is not two capital letters means implicit."""
    vr = buffer[pos + 4 : pos + 6]
    if len(vr) < 2:
        return assumed
    return not (0x40 < vr[0] < 0x5B and 0x40 < vr[1] < 0x5B)


class _Walker:
    """Walks data sets, sequences and items of one encoded buffer; positions are byte offsets into it."""

    def __init__(self, buffer, little: bool, offset: int = 0, whole: str = "the file") -> None:
        self.buffer = buffer
        self.size = len(buffer)
        self.offset = offset  # added to positions in messages (the inflated data set of a deflated file)
        self.whole = whole  # what the buffer is: running past its end is truncation only for a file
        self.shallow: frozenset[int] = frozenset()  # top-level sequences whose items are left to their reader
        endian = "<" if little else ">"
        self.tag_and_length = Struct(endian + "HHL").unpack_from
        self.explicit_header = Struct(endian + "HH2sH").unpack_from
        self.long_length = Struct(endian + "L").unpack_from
        self.tag_only = Struct(endian + "HH").unpack_from
        self.sequence_end = Struct(endian + "HH").pack(0xFFFE, 0xE0DD)
        self.transfer_syntax: str | None = None

    def overrun(self, what: str, pos: int, end: int, container: str) -> FramingError:
        """``what`` at ``pos`` does not fit before ``end``: truncation when that is the end of the data."""
        at_end = end >= self.size
        where = self.whole if at_end else container
        truncated = at_end and self.whole == "the file"
        return FramingError(f"{what} at byte {pos + self.offset} runs past the end of {where}", truncated)

    def damaged(self, what: str, pos: int) -> FramingError:
        return FramingError(f"{what} at byte {pos + self.offset}", truncated=False)

    def data_set(self, pos: int, end: int, implicit: bool, depth: int, delimited: bool, stop=None) -> int:
        """Walk one data set from ``pos`` to ``end`` (or, ``delimited``, to its item delimiter); where it ends."""
        container = "its item" if depth else "the data set"
        buffer = self.buffer
        while True:
            if pos == end and not delimited:
                return pos
            if end - pos < 8:
                what = "an item of undefined length" if delimited and pos == end else "an element header"
                raise self.overrun(what, pos, end, container)
            if implicit:
                group, element, length = self.tag_and_length(buffer, pos)
                vr = None
            else:
                group, element, vr, length = self.explicit_header(buffer, pos)
            tag = group << 16 | element
            if tag == _ITEM_END:
                if delimited:
                    return pos + 8
                raise self.damaged("an item delimiter outside an item of undefined length", pos)
            if group == 0xFFFE:
                raise self.damaged(f"item tag {_tag(tag)} where an element belongs", pos)
            header = 8
            if vr is not None and vr not in _SHORT_VRS:
                if vr in _LONG_VRS:
                    header = 12
                    if end - pos < 12:
                        raise self.overrun("an element header", pos, end, container)
                    length = self.long_length(buffer, pos + 8)[0]
                elif b"AA" <= vr <= b"ZZ":
                    raise self.damaged(f"unknown value representation {vr.decode('latin-1')!r} in {_tag(tag)}", pos)
                else:  # not two capital letters: pydicom reads the element as implicit VR (the writer switched)
                    vr, length = None, self.tag_and_length(buffer, pos)[2]
            if stop is not None and stop(tag):
                return pos
            value = pos + header
            if length == _UNDEFINED:
                if self.undefined_is_sequence(tag, vr, value, end):
                    pos = self.sequence(value, end, implicit, depth + 1, delimited=True)
                else:
                    pos = self.undefined_value(tag, pos, value, end, container)
                continue
            value_end = value + length
            if value_end > end:
                raise self.overrun(f"element {_tag(tag)}", pos, end, container)
            if tag == _TRANSFER_SYNTAX_UID:
                self.transfer_syntax = bytes(buffer[value:value_end]).decode("ascii", "replace").strip(" \x00")
            elif vr not in _SHORT_VRS and reads_as_sequence(tag, vr, False):
                if not (depth == 0 and tag in self.shallow):
                    self.sequence(value, value_end, implicit or vr == b"UN", depth + 1, delimited=False)
            pos = value_end

    def undefined_is_sequence(self, tag: int, vr: bytes | None, value: int, end: int) -> bool:
        next_tag = None
        if vr is None and _dictionary_vr(tag) is None:  # a private element: is an item next?
            if end - value < 4:
                raise self.overrun(f"element {_tag(tag)}", value, end, "its item")
            group, element = self.tag_only(self.buffer, value)
            next_tag = group << 16 | element
        return reads_as_sequence(tag, vr, True, next_tag)

    def undefined_value(self, tag: int, pos: int, value: int, end: int, container: str) -> int:
        """An undefined-length value that is not a sequence ends at the first sequence delimiter."""
        found = self.buffer.find(self.sequence_end, value, end)
        if found < 0 or found + 8 > end:
            raise self.overrun(f"element {_tag(tag)} of undefined length", pos, end, container)
        if self.buffer[found + 4 : found + 8] != b"\0\0\0\0":
            raise self.damaged("a sequence delimiter with a length", found)
        return found + 8

    def sequence(self, pos: int, end: int, implicit: bool, depth: int, delimited: bool) -> int:
        """Walk the items of a sequence from ``pos`` to ``end`` (or, ``delimited``, to its delimiter)."""
        if depth > MAX_NESTING:
            raise self.damaged(f"sequences nested more than {MAX_NESTING} deep", pos)
        container = "its sequence"
        while True:
            if pos == end and not delimited:
                return pos
            if end - pos < 8:
                what = "a sequence of undefined length" if delimited and pos == end else "an item header"
                raise self.overrun(what, pos, end, container)
            group, element, length = self.tag_and_length(self.buffer, pos)
            tag = group << 16 | element
            if tag == _SEQUENCE_END:
                if delimited:
                    return pos + 8
                raise self.damaged("a sequence delimiter in a sequence of defined length", pos)
            if tag != _ITEM:
                raise self.damaged(f"{_tag(tag)} where a sequence item belongs", pos)
            start = pos + 8
            # Within a sequence pydicom checks each item's first element for an implicit VR encoding.
            item_implicit = implicit or implicit_vr_at(self.buffer, start, False)
            if length == _UNDEFINED:
                pos = self.data_set(start, end, item_implicit, depth, delimited=True)
                continue
            if start + length > end:
                raise self.overrun("an item", pos, end, container)
            pos = self.data_set(start, start + length, item_implicit, depth, delimited=False)


def check_buffer(buffer) -> None:
    """Raise FramingError unless the encoded file in ``buffer`` adds up (a buffer without "DICM" is left alone)."""
    if bytes(buffer[128:_PREAMBLE_END]) != b"DICM":
        return  # not a DICOM file: pydicom says so itself
    size = len(buffer)
    meta = _Walker(buffer, little=True)
    meta_implicit = implicit_vr_at(buffer, _PREAMBLE_END, False)
    start = meta.data_set(_PREAMBLE_END, size, meta_implicit, 0, False, stop=lambda tag: tag >> 16 != 0x0002)
    if start == size:
        return
    syntax = meta.transfer_syntax
    implicit, little = True, True
    if syntax is None:  # pydicom guesses from the first element, as here
        implicit = bytes(buffer[start + 4 : start + 6]) not in _KNOWN_VRS
        little = implicit or int.from_bytes(buffer[start : start + 2], "little") < 1024
    elif syntax == DeflatedExplicitVRLittleEndian:
        try:
            inflated = zlib.decompress(bytes(buffer[start:]), -zlib.MAX_WBITS)
        except zlib.error as error:
            raise FramingError(f"the deflated data set cannot be inflated ({error})", truncated=True) from None
        _check_data_set(_Walker(inflated, little=True, offset=start), 0, implicit=False)
        return
    elif syntax != ImplicitVRLittleEndian:
        implicit, little = False, syntax != ExplicitVRBigEndian
    _check_data_set(_Walker(buffer, little), start, implicit)


def _check_data_set(walker: _Walker, start: int, implicit: bool) -> None:
    # Like pydicom, trust the first element's encoding over the transfer syntax when they disagree.
    implicit = implicit_vr_at(walker.buffer, start, implicit)
    walker.shallow = LEFT_TO_THEIR_READER
    walker.data_set(start, walker.size, implicit, 0, False, stop=_PIXEL_DATA_TAGS.__contains__)


def check_sequence_value(
    value: bytes, implicit: bool, little: bool = True, start: int = 0, end: int | None = None, depth: int = 1
) -> None:
    """Raise FramingError unless the items of an encoded sequence value (as pydicom keeps it raw) add up.

    ``start``/``end`` check the items of a sequence inside ``value``, nested ``depth`` sequences deep.
    """
    walker = _Walker(value, little, whole="the sequence")
    walker.sequence(start, walker.size if end is None else end, implicit, depth, delimited=False)


def skip_undefined_length(buffer: bytes, tag: int, vr: bytes | None, value: int, implicit: bool, depth: int) -> int:
    """Where an undefined-length element whose value starts at ``value`` ends (little endian), as pydicom reads it.

    Its items are checked as in a file; ``depth`` is the nesting of the sequence it would be.
    """
    walker = _Walker(buffer, little=True, whole="the sequence")
    if walker.undefined_is_sequence(tag, vr, value, walker.size):
        return walker.sequence(value, walker.size, implicit, depth, delimited=True)
    return walker.undefined_value(tag, value, value, walker.size, "its item")


def check_file(path: str | os.PathLike) -> None:
    """Raise FramingError unless every length and delimiter of the file adds up, up to its pixel data."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size < _PREAMBLE_END:
            return  # too short to be DICOM: pydicom says so itself
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as buffer:
            check_buffer(buffer)
