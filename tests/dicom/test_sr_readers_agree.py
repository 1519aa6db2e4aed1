"""The fast SR reader builds the same content tree as the pydicom path, or both refuse the content.

Compared over every SR file of the corpus (and nm/), implicit VR and undefined-length re-encodings of some, and
seeded damaged copies (truncated, bytes flipped, item and element lengths changed, values changed). Damaged copies
are read twice: as the importer reads them (``read_dicom_file`` checks the file's framing first), and as plain
pydicom datasets, so that the two tree readers meet the damage themselves. A tree is compared node by node:
concept, value type, relationship, value, unit, qualifier and children, codes with their meanings.
"""

from __future__ import annotations

import random
import re
import warnings
from collections import Counter
from pathlib import Path

import pydicom
import pytest
from pydicom.uid import ImplicitVRLittleEndian

from remapp.dicom import fast_sr
from remapp.dicom.content import ContentItem, read_content_tree, text_encodings
from remapp.dicom.reader import read_dicom_file

pytestmark = [pytest.mark.corpus, pytest.mark.filterwarnings("ignore")]

SR_CLASS_PREFIX = "1.2.840.10008.5.1.4.1.1.88."
# Files the fast reader leaves to pydicom: an undefined-length ContentSequence (pydicom decodes it while reading),
# or no content items at all.
LEFT_TO_PYDICOM = {"RF-No-kVp-and-others.dcm", "RF-Pat-Orientation-Modifier-Missing.dcm", "ESR_non-dose.dcm"}
SMALL_ENOUGH_TO_FUZZ = 100_000  # bytes; the two larger reports are compared whole only
COPIES_PER_SEED = 8
REENCODED = ("CT-RDSR-Siemens-Multi-2.dcm", "RF-RDSR-Siemens-Zee.dcm", "CT-ESR-GE_Optima.dcm")


def _code(code) -> tuple | None:
    return None if code is None else tuple(code)


def _tree(node: ContentItem) -> tuple:
    value = node.value
    if isinstance(value, tuple):
        value = tuple(str(number) for number in value)  # exact decimal strings
    elif value is not None and not isinstance(value, str):
        value = _code(value)
    children = tuple(_tree(child) for child in node.children)
    return (
        _code(node.concept),
        node.value_type,
        node.relationship,
        value,
        _code(node.unit),
        _code(node.qualifier),
        children,
    )


def _outcome(path: Path, fast: bool, as_imported: bool, used_fast_reader: list | None = None) -> tuple:
    try:
        dataset = read_dicom_file(path) if as_imported else pydicom.dcmread(path, stop_before_pixels=True)
    except Exception:  # DicomReadError from the importer's reader; anything from plain pydicom
        return ("unreadable",)
    if used_fast_reader is not None:
        used_fast_reader.append(fast_sr.read_content_items_fast(dataset, text_encodings(dataset)) is not None)
    try:
        return ("tree", _tree(read_content_tree(dataset, fast=fast)))
    except Exception:  # the importer turns any failure here into "damaged SR content tree"
        return ("refused",)


def _sr_files(corpus_dir: Path) -> list[Path]:
    files = sorted(corpus_dir.glob("*.dcm")) + sorted((corpus_dir / "nm").glob("*.dcm"))
    return [path for path in files if _sop_class(path).startswith(SR_CLASS_PREFIX)]


def _sop_class(path: Path) -> str:
    return str(pydicom.dcmread(path, stop_before_pixels=True, specific_tags=["SOPClassUID"]).get("SOPClassUID", ""))


def test_every_report_in_the_corpus_gives_the_same_tree(corpus_dir):
    files = _sr_files(corpus_dir)
    assert len(files) >= 29
    left_to_pydicom = set()
    for path in files:
        used_fast_reader: list[bool] = []
        fast, slow = _outcome(path, True, True, used_fast_reader), _outcome(path, False, True)
        assert fast[0] == "tree" and fast == slow, path.name
        if not used_fast_reader[0]:
            left_to_pydicom.add(path.name)
    assert left_to_pydicom == LEFT_TO_PYDICOM


def _reencode(source: Path, target: Path, implicit: bool) -> Path:
    """The same report as implicit VR (defined lengths), or with every nested sequence and item of undefined length."""
    dataset = pydicom.dcmread(source)
    if implicit:
        dataset.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
        dataset.save_as(target, implicit_vr=True, little_endian=True, enforce_file_format=True)
        return target
    for element in list(_nested_sequences(dataset)):
        element.is_undefined_length = True
        for item in element.value:
            item.is_undefined_length_sequence_item = True
    dataset.save_as(target, enforce_file_format=True)
    return target


def _nested_sequences(dataset):
    """Every sequence inside the content tree (the top-level ContentSequence keeps its defined length)."""
    for item in dataset.ContentSequence:
        for element in item.iterall():
            if element.VR == "SQ":
                yield element


@pytest.fixture
def reencoded(corpus_dir, tmp_path) -> list[Path]:
    files = []
    for name in REENCODED:
        files.append(_reencode(corpus_dir / name, tmp_path / f"implicit-{name}", implicit=True))
        files.append(_reencode(corpus_dir / name, tmp_path / f"undefined-{name}", implicit=False))
    return files


def test_reencoded_reports_give_the_same_tree_as_the_original(corpus_dir, reencoded):
    for path in reencoded:
        original = _outcome(corpus_dir / path.name.split("-", 1)[1], False, True)
        used_fast_reader: list[bool] = []
        assert _outcome(path, True, True, used_fast_reader) == _outcome(path, False, True) == original, path.name
        assert used_fast_reader == [True], path.name
    assert pydicom.dcmread(reencoded[0]).original_encoding == (True, True)


ITEM_TAG = re.compile(rb"\xfe\xff\x00\xe0")
TEXT_ELEMENT = re.compile(rb"(?s)[\x08\x40]\x00..(?:CS|DS|LO|SH|UI|DT|UT)")  # explicit VR: 2-byte length follows


def _content_range(path: Path, size: int) -> tuple[int, int]:
    """Where the encoded ContentSequence value is, so that most damage lands in the content tree."""
    raw = pydicom.dcmread(path, stop_before_pixels=True).get_item(0x0040A730)
    if raw is None or not isinstance(raw.value, bytes):
        return 132, size
    return raw.value_tell, raw.value_tell + len(raw.value)


def damage(data: bytes, start: int, end: int, rng: random.Random) -> tuple[bytes, str]:
    """One damaged copy: cut short, bytes flipped, an item or element length changed, or text values changed."""
    out = bytearray(data)
    kind = rng.choice(("truncate", "flip", "item length", "element length", "values", "values"))
    items = [match.end() for match in ITEM_TAG.finditer(data, start, end)]
    texts = [match.end() for match in TEXT_ELEMENT.finditer(data, start, end)]
    if kind == "item length" and items:
        at = rng.choice(items)
        old = int.from_bytes(data[at : at + 4], "little")
        new = rng.choice((0, 0xFFFFFFFF, old + rng.randint(-12, 12), rng.randrange(2**32)))
        out[at : at + 4] = (new % 2**32).to_bytes(4, "little")
    elif kind == "element length" and texts:
        at = rng.choice(texts)
        old = int.from_bytes(data[at : at + 2], "little")
        out[at : at + 2] = (rng.choice((0, old + rng.randint(-6, 6), rng.randrange(65536))) % 65536).to_bytes(
            2, "little"
        )
    elif kind == "values" and texts:
        for _ in range(rng.randint(1, 4)):
            at = rng.choice(texts)
            length = int.from_bytes(data[at : at + 2], "little")
            if length:
                out[at + 2 + rng.randrange(length)] = rng.choice(
                    (rng.randrange(256), 0x5C, 0x2F, 0x20, 0x00, 0xE9, 0x80)
                )
    elif kind == "truncate":
        del out[rng.randint(start, end) :]
    else:
        kind = "flip"
        for _ in range(rng.randint(1, 6)):
            out[rng.randrange(start, end)] = rng.randrange(256)
    return bytes(out), kind


@pytest.mark.parametrize("as_imported", [True, False], ids=["as-imported", "as-pydicom-datasets"])
def test_damaged_copies_give_the_same_tree_or_are_refused_by_both(corpus_dir, reencoded, tmp_path, as_imported):
    seeds = [path for path in _sr_files(corpus_dir) if path.stat().st_size < SMALL_ENOUGH_TO_FUZZ] + reencoded
    rng = random.Random(20260412 + as_imported)
    outcomes: Counter = Counter()
    disagreements = []
    copy = tmp_path / "copy.dcm"
    for seed in seeds:
        data = seed.read_bytes()
        start, end = _content_range(seed, len(data))
        for number in range(COPIES_PER_SEED):
            damaged, kind = damage(data, start, end, rng)
            copy.write_bytes(damaged)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fast, slow = _outcome(copy, True, as_imported), _outcome(copy, False, as_imported)
            outcomes[fast[0]] += 1
            if fast != slow:
                disagreements.append(f"{seed.name} copy {number} ({kind}): fast {fast[0]}, pydicom {slow[0]}")
    assert disagreements == []
    assert sum(outcomes.values()) == len(seeds) * COPIES_PER_SEED
    assert outcomes["tree"] > 0 and outcomes["refused"] + outcomes["unreadable"] > 0


def _synthetic_report(depth: int = 2):
    """A small dose report: a chain of ``depth`` nested TEXT items (synthetic, no corpus needed)."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.sequence import Sequence
    from pydicom.uid import ExplicitVRLittleEndian

    def code(value, meaning):
        item = Dataset()
        item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning = value, "DCM", meaning
        return Sequence([item])

    def text_item(text):
        item = Dataset()
        item.RelationshipType, item.ValueType, item.TextValue = "CONTAINS", "TEXT", text
        item.ConceptNameCodeSequence = code("121106", "Comment")
        return item

    ds = Dataset()
    ds.SpecificCharacterSet = "ISO_IR 192"
    ds.SOPClassUID, ds.SOPInstanceUID = "1.2.840.10008.5.1.4.1.1.88.67", "1.2.3.4"
    ds.ValueType = "CONTAINER"
    ds.ConceptNameCodeSequence = code("113701", "X-Ray Radiation Dose Report")
    top = inner = text_item("level 1")
    for level in range(2, depth + 1):
        deeper = text_item(f"level {level}")
        inner.ContentSequence = Sequence([deeper])
        inner = deeper
    ds.ContentSequence = Sequence([top])
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID, ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPClassUID, "1.2.3.4"
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    return ds


def _write(ds, path: Path) -> Path:
    ds.save_as(path, enforce_file_format=True)
    return path


def _both(path: Path) -> tuple[tuple, tuple]:
    return _outcome(path, True, True), _outcome(path, False, True)


def test_a_tree_deeper_than_32_levels_is_cut_off_alike(tmp_path):
    fast, slow = _both(_write(_synthetic_report(depth=40), tmp_path / "deep.dcm"))
    assert fast == slow and fast[0] == "tree"
    node, levels = fast[1], 0
    while node[6]:
        node, levels = node[6][0], levels + 1
    assert levels == 33  # the root's items are level 0; items deeper than level 32 are left out


def test_undecodable_text_is_decoded_alike(tmp_path):
    path = _write(_synthetic_report(), tmp_path / "report.dcm")
    data = path.read_bytes()
    path.write_bytes(data.replace(b"CONTAINS", b"CONTAI\xe9S", 1).replace(b"level 2", b"l\xffvel 2"))
    fast, slow = _both(path)
    assert fast == slow
    first = fast[1][6][0]
    assert first[2] == "CONTAI\ufffdS" and first[6][0][3] == "l\ufffdvel 2"  # invalid UTF-8 replaced, never dropped


def test_a_text_value_of_undefined_length_is_read_alike(tmp_path):
    """Explicit VR UT with an undefined length ends at a sequence delimiter (pydicom reads it so)."""
    path = _write(_synthetic_report(), tmp_path / "report.dcm")
    data = path.read_bytes()
    header = b"\x40\x00\x60\xa1UT\x00\x00" + (8).to_bytes(4, "little") + b"level 1 "  # padded to even
    assert data.count(header) == 1
    delimiter = b"\xfe\xff\xdd\xe0\x00\x00\x00\x00"
    patched = data.replace(header, header[:8] + b"\xff\xff\xff\xff" + b"level 1 " + delimiter)
    content = patched.index(b"\x40\x00\x30\xa7SQ\x00\x00")
    length = int.from_bytes(patched[content + 8 : content + 12], "little")
    item = content + 12
    item_length = int.from_bytes(patched[item + 4 : item + 8], "little")
    patched = (
        patched[: content + 8]
        + (length + 8).to_bytes(4, "little")
        + patched[item : item + 4]
        + (item_length + 8).to_bytes(4, "little")
        + patched[item + 8 :]
    )
    path.write_bytes(patched)
    fast, slow = _both(path)
    assert fast == slow and fast[0] == "tree"
    assert fast[1][6][0][3] == "level 1"
