"""The file framing check on files built here: every cut is truncation, every mis-framing damage, at its byte."""

from io import BytesIO

import pydicom
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import DeflatedExplicitVRLittleEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian

from remapp.dicom.framing import MAX_NESTING, FramingError, check_buffer, check_sequence_value
from remapp.dicom.reader import DicomReadError, read_dicom_file

DOSE_SR = "1.2.840.10008.5.1.4.1.1.88.67"


def _code(value, scheme, meaning) -> Dataset:
    item = Dataset()
    item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning = value, scheme, meaning
    return item


def _text_item(text: str) -> Dataset:
    item = Dataset()
    item.RelationshipType, item.ValueType, item.TextValue = "CONTAINS", "TEXT", text
    item.ConceptNameCodeSequence = Sequence([_code("121106", "DCM", "Comment")])
    return item


def _report(undefined_lengths: bool) -> Dataset:
    """A small SR: header elements, a defined-length code sequence, a two-item content sequence, a private element."""
    ds = Dataset()
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID, ds.SOPInstanceUID, ds.Modality = DOSE_SR, "1.2.3.4", "SR"
    ds.ConceptNameCodeSequence = Sequence([_code("113701", "DCM", "X-Ray Radiation Dose Report")])
    ds.ValueType = "CONTAINER"
    ds.ContentSequence = Sequence([_text_item("first"), _text_item("second")])
    if undefined_lengths:
        ds["ContentSequence"].is_undefined_length = True
        for item in ds.ContentSequence:
            item.is_undefined_length_sequence_item = True
            item["ConceptNameCodeSequence"].is_undefined_length = True
    ds.add_new(0x00291010, "LO", "private text")
    return ds


def _encode(ds: Dataset, syntax=ExplicitVRLittleEndian) -> bytes:
    ds = ds.copy()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID, ds.file_meta.MediaStorageSOPInstanceUID = DOSE_SR, "1.2.3.4"
    ds.file_meta.TransferSyntaxUID = syntax
    out = BytesIO()
    pydicom.dcmwrite(out, ds, enforce_file_format=True)
    return out.getvalue()


def _element_boundaries(ds: Dataset, syntax) -> list[int]:
    """Where each top-level element of the data set starts, and where the file ends."""
    keywords = sorted(ds.keys())  # the order they are written in
    bounds = []
    for count in range(len(keywords) + 1):
        partial = Dataset()
        for tag in keywords[:count]:
            partial[tag] = ds[tag]
        bounds.append(len(_encode(partial, syntax)))
    return bounds


def _refusal(data: bytes) -> FramingError | None:
    try:
        check_buffer(data)
    except FramingError as error:
        return error
    return None


@pytest.mark.parametrize("undefined_lengths", [False, True], ids=["defined-lengths", "undefined-lengths"])
@pytest.mark.parametrize("syntax", [ExplicitVRLittleEndian, ImplicitVRLittleEndian], ids=["explicit", "implicit"])
def test_every_cut_inside_an_element_is_truncation_and_only_there(syntax, undefined_lengths):
    ds = _report(undefined_lengths)
    data = _encode(ds, syntax)
    bounds = _element_boundaries(ds, syntax)
    assert check_buffer(data) is None and bounds[-1] == len(data)
    for cut in range(bounds[0] - 20, len(data)):  # from inside the file meta to the last byte
        error = _refusal(data[:cut])
        if cut in bounds:
            assert error is None, cut
        else:
            assert error is not None and error.truncated, cut
            assert "runs past the end of the file" in str(error), (cut, str(error))


def test_the_reason_names_the_element_and_the_byte_where_the_file_ends_too_soon():
    data = _encode(_report(False))
    content_start = data.index(b"\x40\x00\x30\xa7SQ")
    error = _refusal(data[: content_start + 20])
    assert str(error) == f"element (0040,A730) at byte {content_start} runs past the end of the file"
    error = _refusal(data[: content_start + 5])
    assert str(error) == f"an element header at byte {content_start} runs past the end of the file"


def test_a_cut_inside_an_undefined_length_sequence_is_truncation():
    data = _encode(_report(True))
    content_start = data.index(b"\x40\x00\x30\xa7SQ")
    error = _refusal(data[: content_start + 40])
    assert error.truncated
    assert str(error) == f"an element header at byte {content_start + 36} runs past the end of the file"


def test_a_deflated_file_cut_short_is_truncation():
    data = _encode(_report(False), DeflatedExplicitVRLittleEndian)
    assert check_buffer(data) is None
    error = _refusal(data[:-10])
    assert error.truncated
    assert str(error) == (
        "the deflated data set cannot be inflated (Error -5 while decompressing data: incomplete or truncated stream)"
    )


def _replace_once(data: bytes, old: bytes, new: bytes) -> bytes:
    assert data.count(old) == 1
    return data.replace(old, new)


def test_an_item_longer_than_its_sequence_is_damage_not_truncation():
    data = _encode(_report(False))
    code_item = data.index(b"\xfe\xff\x00\xe0")  # the item of the top-level ConceptNameCodeSequence
    length = int.from_bytes(data[code_item + 4 : code_item + 8], "little")
    damaged = data[: code_item + 4] + (length + 2).to_bytes(4, "little") + data[code_item + 8 :]
    error = _refusal(damaged)
    assert not error.truncated
    assert str(error) == f"an item at byte {code_item} runs past the end of its sequence"


def test_an_unknown_value_representation_is_damage():
    data = _replace_once(_encode(_report(False)), b"\x08\x00\x60\x00CS", b"\x08\x00\x60\x00XY")
    error = _refusal(data)
    assert not error.truncated
    assert str(error) == f"unknown value representation 'XY' in (0008,0060) at byte {data.index(b'XY') - 4}"


def test_a_sequence_delimiter_in_a_defined_length_sequence_is_damage():
    data = _encode(_report(False))
    item = data.index(b"\xfe\xff\x00\xe0")
    damaged = data[:item] + b"\xfe\xff\xdd\xe0" + data[item + 4 :]
    assert str(_refusal(damaged)) == f"a sequence delimiter in a sequence of defined length at byte {item}"


def _nested(levels: int) -> Sequence:
    outer = inner = _text_item("top")
    for _ in range(levels - 1):
        holder = _text_item("deeper")
        inner.ContentSequence = Sequence([holder])
        inner = holder
    return Sequence([outer])


def test_sequences_nested_deeper_than_the_limit_are_damage():
    ds = _report(False)
    ds.AcquisitionContextSequence = _nested(MAX_NESTING - 1)  # the deepest item's code sequence is one deeper
    assert _refusal(_encode(ds)) is None
    ds.AcquisitionContextSequence = _nested(MAX_NESTING)
    error = _refusal(_encode(ds))
    assert not error.truncated and str(error).startswith(f"sequences nested more than {MAX_NESTING} deep at byte ")
    # The content tree is left to its reader, which applies the same limit.
    ds = _report(False)
    ds.ContentSequence = _nested(MAX_NESTING)
    data = _encode(ds)
    assert _refusal(data) is None
    with pytest.raises(FramingError, match=f"^sequences nested more than {MAX_NESTING} deep"):
        check_sequence_value(pydicom.dcmread(BytesIO(data)).get_item(0x0040A730).value, implicit=False)


def test_a_content_sequence_value_is_checked_on_its_own():
    value = _encode(_report(False))
    ds = pydicom.dcmread(BytesIO(value))
    raw = ds.get_item(0x0040A730).value
    assert check_sequence_value(raw, implicit=False) is None
    with pytest.raises(FramingError) as caught:
        check_sequence_value(raw[:-3], implicit=False)
    second_item = 8 + int.from_bytes(raw[4:8], "little")
    assert str(caught.value) == f"an item at byte {second_item} runs past the end of the sequence"
    assert not caught.value.truncated  # a short value is damage: the file's own check finds truncation


def test_read_dicom_file_refuses_with_the_one_line_reason(tmp_path):
    data = _encode(_report(False))
    path = tmp_path / "cut.dcm"
    path.write_bytes(data[: len(data) - 4])
    with pytest.raises(DicomReadError) as caught:
        read_dicom_file(path)
    content = data.index(b"\x40\x00\x30\xa7SQ")
    assert str(caught.value) == (
        f"truncated DICOM file (element (0040,A730) at byte {content} runs past the end of the file)"
    )
    path.write_bytes(_replace_once(data, b"\x08\x00\x60\x00CS", b"\x08\x00\x60\x00XY"))
    with pytest.raises(
        DicomReadError, match=r"^damaged DICOM file \(unknown value representation 'XY' in \(0008,0060\)"
    ):
        read_dicom_file(path)
