"""Mammography from the project's synthetic images: target/filter strings, a Siemens Inspiration style image,
and per-breast totals that are the same whatever order the images of a study arrive in."""

import itertools
from decimal import Decimal

import pytest
from pydicom.uid import generate_uid

from remapp.extractors.images import codes as image_codes
from remapp.extractors.images import mammography as mammo
from remapp.models import AccumulatedMammographyXRayDose, GeneralStudy, IrradiationEventXRayData
from remapp.synthetic.images import mammo_image


@pytest.mark.parametrize(
    ("term", "meaning"),
    [
        ("TUNGSTEN", "Tungsten or Tungsten compound"),
        ("W", "Tungsten or Tungsten compound"),
        ("SILVER", "Silver or Silver compound"),
        ("Ag", "Silver or Silver compound"),
        ("ALUMINUM", "Aluminum or Aluminum compound"),
        ("ALUMINIUM", "Aluminum or Aluminum compound"),
        ("RHODIUM", "Rhodium or Rhodium compound"),
        ("MOLYBDENUM", "Molybdenum or Molybdenum compound"),
        ("Mo", "Molybdenum or Molybdenum compound"),
        (" copper ", "Copper or Copper compound"),
    ],
)
def test_material_strings_become_coded_materials(term, meaning):
    assert image_codes.material(term).meaning == meaning


def test_an_unknown_material_is_kept_as_a_local_code_and_an_empty_one_is_none():
    assert (image_codes.material("NIOBIUM").value, image_codes.material("NIOBIUM").scheme_designator) == (
        "NIOBIUM",
        "99OPENREM",
    )
    assert image_codes.material("") is None


def test_a_siemens_inspiration_style_tungsten_silver_image_is_read_exactly():
    dataset = mammo_image(
        kvp=31,
        anode_target_material="W",
        filter_material="Ag",
        filter_thickness_mm=0.05,
        average_glandular_dose_mgy=1.67,
        entrance_dose_mgy=5.2,
        compressed_thickness_mm=61,
        compression_force_n=112,
        view="MLO",
        laterality="R",
        manufacturer="SIEMENS",
        manufacturer_model_name="Mammomat Inspiration",
        seed="siemens",
    )
    parsed = mammo.parse(dataset)
    event, source = parsed.event, parsed.event.source
    assert source.anode_target_material.meaning == "Tungsten or Tungsten compound"
    assert [(f.xray_filter_material.meaning, f.xray_filter_thickness_minimum_mm) for f in source.filters] == [
        ("Silver or Silver compound", Decimal("0.05"))
    ]
    assert source.kvp == Decimal("31")
    assert source.average_glandular_dose_mgy == Decimal("1.67")
    assert event.entrance_exposure_at_rp_mgy == Decimal("5.2")
    assert event.laterality.meaning == "Right"
    assert event.image_view.meaning.lower() == "medio-lateral oblique"
    assert (event.mechanical.compression_thickness_mm, event.mechanical.compression_force_n) == (
        Decimal("61"),
        Decimal("112"),
    )
    assert event.percent_fibroglandular_tissue is None  # only GE writes glandularity in the comment


FOUR_VIEWS = [("L", "CC", 1.1), ("L", "MLO", 1.3), ("R", "CC", 0.9), ("R", "MLO", 1.2)]


def _study_images():
    """A screening study: four views, each sent For Processing and For Presentation (eight images)."""
    study_uid = generate_uid()
    images = []
    for number, (laterality, view, agd) in enumerate(FOUR_VIEWS, start=1):
        for presentation in ("FOR PROCESSING", "FOR PRESENTATION"):
            images.append(
                mammo_image(
                    laterality=laterality,
                    view=view,
                    average_glandular_dose_mgy=agd,
                    presentation=presentation,
                    study_instance_uid=study_uid,
                    sop_instance_uid=generate_uid(),
                    instance_number=number,
                    seed=study_uid,
                )
            )
    return images


@pytest.mark.django_db
@pytest.mark.parametrize("order", list(itertools.islice(itertools.permutations(range(8)), 0, 40320, 5000)))
def test_per_breast_totals_do_not_depend_on_arrival_order(order):
    images = _study_images()
    outcomes = [mammo.import_dataset(images[i], f"image-{i}.dcm").status for i in order]
    assert sorted(outcomes) == ["duplicate"] * 4 + ["imported"] * 4
    study = GeneralStudy.objects.get()
    assert study.number_of_events == 4
    assert (study.total_agd_left_mgy, study.total_agd_right_mgy, study.total_agd_mgy) == (
        Decimal("2.4"),
        Decimal("2.1"),
        Decimal("4.5"),
    )
    accumulated = {
        row.laterality.code_meaning: row.accumulated_average_glandular_dose_mgy
        for row in AccumulatedMammographyXRayDose.objects.all()
    }
    assert accumulated == {"Left breast": Decimal("2.4"), "Right breast": Decimal("2.1")}
    assert IrradiationEventXRayData.objects.count() == 4
