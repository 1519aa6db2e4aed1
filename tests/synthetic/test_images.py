"""Image-header dose objects: mammography, DX/CR and the Philips CT dose screen carry exactly the values given."""

from datetime import datetime
from decimal import Decimal

from pydicom import dcmread

import remapp.synthetic as synthetic
from remapp.synthetic import PhilipsSeries, surview
from tests.conftest import corpus_file


def test_mammo_image_carries_exposure_agd_and_compression():
    dataset = synthetic.mammo_image(
        seed=1,
        kvp=31,
        tube_current_ma=120,
        exposure_time_ms=950,
        anode_target_material="Mo",
        filter_material="Rh",
        filter_thickness_mm=0.025,
        compressed_thickness_mm=62,
        compression_force_n=118,
        average_glandular_dose_mgy=1.87,
        entrance_dose_mgy=6.3,
        view="MLO",
        laterality="R",
        presentation="FOR PROCESSING",
        acquisition_datetime=datetime(2025, 3, 4, 10, 11, 12),
    )
    assert dataset.SOPClassUID == "1.2.840.10008.5.1.4.1.1.1.2.1"
    assert dataset.PresentationIntentType == "FOR PROCESSING"
    assert (str(dataset.KVP), dataset.XRayTubeCurrent, dataset.ExposureTime) == ("31", 120, 950)
    assert (dataset.Exposure, dataset.ExposureInuAs) == (114, 114000)
    assert (dataset.AnodeTargetMaterial, dataset.FilterMaterial) == ("MOLYBDENUM", "RHODIUM")
    assert str(dataset.FilterThicknessMinimum) == "0.025"
    assert (str(dataset.BodyPartThickness), str(dataset.CompressionForce)) == ("62", "118")
    # Organ Dose is in dGy: 1.87 mGy is 0.0187 dGy.
    assert Decimal(str(dataset.OrganDose)) * 100 == Decimal("1.87")
    assert str(dataset.EntranceDoseInmGy) == "6.3"
    assert (dataset.ViewPosition, dataset.ImageLaterality) == ("MLO", "R")
    assert dataset.ViewCodeSequence[0].CodeValue == "399368009"
    assert dataset.AcquisitionDateTime == "20250304101112"
    assert (dataset.Rows, dataset.Columns, len(dataset.PixelData)) == (2, 2, 8)


def test_dx_image_carries_dap_exposure_index_and_geometry():
    dataset = synthetic.dx_image(
        seed=1,
        kvp=70,
        tube_current_ma=400,
        exposure_time_ms=16,
        dose_area_product_dgycm2=1.234,
        exposure_index=512.5,
        target_exposure_index=400,
        deviation_index=1.08,
        distance_source_to_detector_mm=1150,
        region="abdomen",
        view="AP",
        protocol_name="Abdomen AP",
    )
    assert dataset.SOPClassUID == "1.2.840.10008.5.1.4.1.1.1.1"
    assert str(dataset.ImageAndFluoroscopyAreaDoseProduct) == "1.234"
    assert (str(dataset.KVP), dataset.Exposure, dataset.ExposureInuAs) == ("70", 6, 6400)
    assert (str(dataset.ExposureIndex), str(dataset.TargetExposureIndex), str(dataset.DeviationIndex)) == (
        "512.5",
        "400",
        "1.08",
    )
    assert str(dataset.DistanceSourceToDetector) == "1150"
    assert (dataset.BodyPartExamined, dataset.ViewPosition, dataset.ProtocolName) == ("ABDOMEN", "AP", "Abdomen AP")
    assert dataset.AnatomicRegionSequence[0].CodeValue == "818981001"


def test_cr_image_uses_the_cr_storage_class():
    dataset = synthetic.dx_image(seed=1, modality="CR")
    assert (dataset.SOPClassUID, dataset.Modality) == ("1.2.840.10008.5.1.4.1.1.1", "CR")
    assert "PresentationIntentType" not in dataset


def _private_dlp(dataset) -> str:
    return str(dataset.get_private_item(0x00E1, 0x21, "ELSCINT1").value)


def test_philips_screen_keeps_series_values_and_total_dlp_in_the_header():
    series = [
        surview(600),
        PhilipsSeries(series_number=3, description="PRE", ctdivol_mgy=7.25, dlp_mgycm=196.01, tube_current_ma=165.5),
        PhilipsSeries(series_number=5, description="PORTAL", ctdivol_mgy=9.3, dlp_mgycm=657.85, pitch=0.9),
    ]
    dataset = synthetic.philips_ct_dose_screen(series=series, seed=1)

    assert list(dataset.ImageType) == ["DERIVED", "SECONDARY", "DOSE_INFO"]
    assert (dataset.Modality, dataset.Manufacturer, dataset.SeriesDescription) == ("CT", "Philips", "Dose Info")
    assert dataset.TotalNumberOfExposures == 3
    items = dataset.ExposureDoseSequence
    assert [item.get("SeriesDescription") for item in items] == ["", "PRE", "PORTAL"]
    assert [item.CTDIvol for item in items] == [0.0, 7.25, 9.3]
    assert [_private_dlp(item) for item in items] == ["0", "196.01", "657.85"]
    assert str(items[1].XRayTubeCurrentInuA) == "165500"
    assert items[0].AcquisitionType == "CONSTANT_ANGLE" and "SpiralPitchFactor" not in items[0]
    assert items[2].SpiralPitchFactor == 0.9
    assert _private_dlp(dataset) == "853.86"
    assert dataset.CommentsOnRadiationDose == (
        "Series #3 PRE Average CTDIvol=7.2 DLP=196.0\r\nSeries #5 PORTAL Average CTDIvol=9.3 DLP=657.9\r\n"
        "Total DLP=853.9"
    )


def test_philips_screen_has_the_shape_of_a_real_brilliance_screen():
    real = dcmread(corpus_file("CT-SC-Philips_Brilliance16P.dcm"))
    ours = synthetic.philips_ct_dose_screen(seed=4)

    for keyword in ("ImageType", "Modality", "Manufacturer", "SeriesDescription", "SOPClassUID"):
        assert ours[keyword].value == real[keyword].value
    real_item_keywords = {element.keyword for element in real.ExposureDoseSequence[1] if element.keyword}
    our_item_keywords = {element.keyword for element in ours.ExposureDoseSequence[1] if element.keyword}
    # The real items also carry Transfer Syntax UID, Slice Location and Estimated Dose Saving, which we leave out.
    assert our_item_keywords <= real_item_keywords
    assert {"CTDIvol", "KVP", "XRayTubeCurrentInuA", "ScanLength", "AcquisitionType"} <= our_item_keywords
    assert _private_dlp(ours) and _private_dlp(real)
    total = sum(Decimal(_private_dlp(item)) for item in ours.ExposureDoseSequence)
    assert Decimal(_private_dlp(ours)) == total
