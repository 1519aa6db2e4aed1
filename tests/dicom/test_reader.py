"""read_dicom_file on cut-off copies of every corpus file: refused as truncated, or (cut between elements) intact."""

from pathlib import Path

import pydicom
import pytest

from remapp.dicom.reader import DicomReadError, read_dicom_file

pytestmark = pytest.mark.corpus

CUTS_PER_FILE = 40
FIRST_BYTES_CUT = 200_000  # past this, the big files are all pixel data or one long content sequence


def _cuts(size: int) -> list[int]:
    """Evenly spread cuts from inside the file meta to the end (or the first bytes of a big file)."""
    end = min(size, FIRST_BYTES_CUT)
    step = max(1, (end - 140) // CUTS_PER_FILE)
    return [133, 139, 150, *range(160, end, step)]


def _same_prefix(cut: pydicom.Dataset, whole: pydicom.Dataset) -> bool:
    """Every element read from the cut copy is the whole file's element at the same place (file meta too)."""
    for part, full in ((cut.file_meta, whole.file_meta), (cut, whole)):
        tags = list(part.keys())
        if tags != list(full.keys())[: len(tags)] or any(part[tag] != full[tag] for tag in tags):
            return False
    return True


def test_a_file_cut_anywhere_is_refused_as_truncated_or_keeps_whole_elements_only(corpus_dir, tmp_path):
    files = sorted(corpus_dir.glob("*.dcm")) + sorted((corpus_dir / "nm").glob("*.dcm"))
    copy = tmp_path / "cut.dcm"
    refused = kept = 0
    wrong = []
    for path in files:
        data = path.read_bytes()
        whole = None
        for cut in _cuts(len(data)):
            copy.write_bytes(data[:cut])
            try:
                dataset = read_dicom_file(copy)
            except DicomReadError as error:
                refused += 1
                if not str(error).startswith("truncated DICOM file (") or "\n" in str(error):
                    wrong.append(f"{path.name} cut at {cut}: {error}")
                continue
            kept += 1
            whole = whole or read_dicom_file(path)
            if not _same_prefix(dataset, whole):
                wrong.append(f"{path.name} cut at {cut}: read without complaint but not as in the whole file")
    assert wrong == []
    assert refused > 10 * kept > 0  # some cuts fall between elements, or in the pixel data (not read)


def test_the_reason_says_where_a_report_was_cut(tmp_path):
    from tests.conftest import corpus_file

    data = corpus_file("CT-RDSR-Siemens-Multi-3.dcm").read_bytes()
    path = tmp_path / "cut.dcm"
    path.write_bytes(data[: len(data) // 2])
    content = pydicom.dcmread(corpus_file("CT-RDSR-Siemens-Multi-3.dcm")).get_item(0x0040A730).value_tell - 12
    with pytest.raises(DicomReadError) as caught:
        read_dicom_file(path)
    assert (
        str(caught.value)
        == f"truncated DICOM file (element (0040,A730) at byte {content} runs past the end of the file)"
    )


def test_a_cut_inside_an_undefined_length_content_sequence_is_truncation_not_unreadable(corpus_dir, tmp_path):
    """pydicom itself raises "No tag to read" here; the reason must still say the file is truncated."""
    data = (corpus_dir / "RF-No-kVp-and-others.dcm").read_bytes()
    path = tmp_path / "cut.dcm"
    path.write_bytes(data[:5792])
    with pytest.raises(DicomReadError) as caught:
        read_dicom_file(path)
    assert str(caught.value).startswith("truncated DICOM file (")
    assert str(caught.value).endswith("runs past the end of the file)")


def test_an_intact_corpus_file_is_read_whole(corpus_dir):
    for path in sorted(corpus_dir.glob("*.dcm")) + sorted(Path(corpus_dir / "nm").glob("*.dcm")):
        dataset = read_dicom_file(path)
        assert dataset.SOPInstanceUID == pydicom.dcmread(path, stop_before_pixels=True).SOPInstanceUID, path.name
