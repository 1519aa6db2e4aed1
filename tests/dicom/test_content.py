"""The SR content tree and the one walker, on a real report and on built datasets."""

import logging
from decimal import Decimal

import pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.sr.coding import Code

from remapp.dicom import concepts as c
from remapp.dicom.content import code_key, find_item, find_items, read_content_tree
from tests.conftest import corpus_file


def _code_item(value, scheme, meaning):
    item = Dataset()
    item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning = value, scheme, meaning
    return item


def _num_item(concept, value, unit):
    item = Dataset()
    item.RelationshipType, item.ValueType = "CONTAINS", "NUM"
    item.ConceptNameCodeSequence = Sequence([_code_item(*concept)])
    measured = Dataset()
    measured.NumericValue = value
    measured.MeasurementUnitsCodeSequence = Sequence([_code_item(unit, "UCUM", unit)])
    item.MeasuredValueSequence = Sequence([measured])
    return item


def test_it_reads_a_real_report_into_typed_nodes():
    root = read_content_tree(pydicom.dcmread(corpus_file("CT-RDSR-Siemens-Multi-1.dcm")))

    assert root.concept == c.XRAY_RADIATION_DOSE_REPORT
    event = find_item(root, c.CT_ACQUISITION)
    ctdivol = find_item(find_item(event, c.CT_DOSE), c.MEAN_CTDIVOL)
    assert ctdivol.value == (Decimal("0.15"),)
    assert ctdivol.unit.value == "mGy"
    assert find_item(event, c.KVP) is None
    assert find_item(event, c.KVP, recursive=True).value == (Decimal("120"),)
    assert [i.value_type for i in find_items(root, c.CT_ACQUISITION, "CONTAINER")] == ["CONTAINER"]
    assert find_items(root, c.CT_ACQUISITION, "TEXT") == []


def test_legacy_srt_codes_match_their_snomed_ct_equivalents():
    assert code_key(Code("R-0038D", "SRT", "Yes")) == code_key(c.YES)
    assert code_key(Code("G-C0E8", "SRT", "Has Intent")) == code_key(c.HAS_INTENT)


def test_missing_containers_chain_to_none():
    assert find_item(None, c.DLP) is None
    assert find_items(None, c.DLP) == []


def test_a_repeat_is_logged_once_and_the_first_item_used(caplog):
    ds = Dataset()
    ds.ValueType = "CONTAINER"
    ds.ContentSequence = Sequence(
        [
            _num_item(("113830", "DCM", "Mean CTDIvol"), "1.5", "mGy"),
            _num_item(("113830", "DCM", "Mean CTDIvol"), "2", "mGy"),
        ]
    )
    root = read_content_tree(ds)
    with caplog.at_level(logging.WARNING, logger="remapp.dicom.content"):
        assert find_item(root, c.MEAN_CTDIVOL).value == (Decimal("1.5"),)
        assert find_item(root, c.MEAN_CTDIVOL).value == (Decimal("1.5"),)
    assert len([r for r in caplog.records if "Mean CTDIvol" in r.getMessage()]) <= 1


def test_a_slash_separated_number_is_several_values_not_one():
    """Toshiba writes 'Standard deviation of population' as '10.50/ 15.00' (an invalid DS): two values."""
    root = read_content_tree(pydicom.dcmread(corpus_file("CT-RDSR-Toshiba_MultiValSD.dcm")))
    deviation = find_item(root, Code("121414", "DCM", "Standard deviation of population"), recursive=True)
    assert deviation.value == (Decimal("10.50"), Decimal("15.00"))


def test_person_names_are_never_read():
    ds = Dataset()
    ds.ValueType = "CONTAINER"
    person = Dataset()
    person.RelationshipType, person.ValueType = "CONTAINS", "PNAME"
    person.ConceptNameCodeSequence = Sequence([_code_item("113870", "DCM", "Person Name")])
    person.PersonName = "Doe^Jane"
    ds.ContentSequence = Sequence([person])
    assert read_content_tree(ds).children[0].value is None
