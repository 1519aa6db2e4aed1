"""The accepted SOP classes stay in step with what the importer can import."""

import pydicom

from remapp.extractors.router import EXTRACTORS
from remapp.netdicom.contexts import (
    ACCEPTED_SOP_CLASSES,
    COMPRESSED_IMAGE_TRANSFER_SYNTAXES,
    UNCOMPRESSED_TRANSFER_SYNTAXES,
    transfer_syntaxes_for,
)
from tests.conftest import corpus_file

CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"


def test_every_class_the_importer_registers_is_accepted():
    assert set(EXTRACTORS) - set(ACCEPTED_SOP_CLASSES) == set()


def test_the_only_class_accepted_beyond_the_importer_is_ct_image_storage():
    assert set(ACCEPTED_SOP_CLASSES) - set(EXTRACTORS) == {CT_IMAGE_STORAGE}


def test_the_hologic_projection_object_uses_an_accepted_class():
    hologic = pydicom.dcmread(corpus_file("MG-Im-Hologic-PropProj.dcm"), stop_before_pixels=True)
    assert hologic.SOPClassUID in ACCEPTED_SOP_CLASSES


def test_reports_take_uncompressed_syntaxes_and_images_also_compressed_ones():
    assert transfer_syntaxes_for("1.2.840.10008.5.1.4.1.1.88.67") == UNCOMPRESSED_TRANSFER_SYNTAXES
    assert transfer_syntaxes_for("1.2.840.10008.5.1.4.1.1.1.2") == (
        UNCOMPRESSED_TRANSFER_SYNTAXES + COMPRESSED_IMAGE_TRANSFER_SYNTAXES
    )
    assert "1.2.840.10008.1.2.1.99" in UNCOMPRESSED_TRANSFER_SYNTAXES  # deflated
    assert {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.90"} <= set(
        COMPRESSED_IMAGE_TRANSFER_SYNTAXES
    )
