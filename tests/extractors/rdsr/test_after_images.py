"""A dose report and the images of the same study count each exposure once, whichever arrives first.

The report covers every exposure of its study: when it arrives after the images, the image-derived records
of the same family are replaced by it (projection images for a projection report, Philips dose screens for
a CT report); when it arrives first, the images are duplicates. The images stay known as imported objects.
"""

import pytest

from remapp.extractors.images import mammography as mammo
from remapp.extractors.images import philips_ct as ct_philips
from remapp.extractors.images import radiography as dx
from remapp.extractors.rdsr import importer as rdsr
from remapp.models import CtRadiationDose, DoseObject, GeneralStudy, ProjectionXRayRadiationDose
from remapp.synthetic import ct_rdsr, dx_image, dx_rdsr, mammo_image, mg_rdsr, philips_ct_dose_screen

pytestmark = pytest.mark.django_db

SUMMARY = (
    "modality",
    "number_of_events",
    "total_dlp_mgycm",
    "max_ctdivol_mgy",
    "total_dap_gym2",
    "total_agd_mgy",
    "total_agd_left_mgy",
    "total_agd_right_mgy",
)


def _mammo_images(study_uid):
    views = [("L", "CC"), ("L", "MLO"), ("R", "CC"), ("R", "MLO")]
    return [
        mammo_image(
            study_instance_uid=study_uid,
            laterality=side,
            view=view,
            average_glandular_dose_mgy=1.1 + n / 10,
            instance_number=n + 1,
            seed=f"{study_uid}-{n}",
        )
        for n, (side, view) in enumerate(views)
    ]


def _dx_images(study_uid):
    return [
        dx_image(study_instance_uid=study_uid, dose_area_product_dgycm2=2.5 + n, instance_number=n + 1, seed=n)
        for n in range(3)
    ]


def _screens(study_uid):
    return [philips_ct_dose_screen(study_instance_uid=study_uid, n_series=3, seed=1)]


CASES = {
    "MG": (_mammo_images, mammo, lambda uid: mg_rdsr(study_instance_uid=uid, n_events=4, seed=7)),
    "DX": (_dx_images, dx, lambda uid: dx_rdsr(study_instance_uid=uid, n_events=2, seed=7)),
    "CT": (_screens, ct_philips, lambda uid: ct_rdsr(study_instance_uid=uid, n_events=3, seed=7)),
}


def _summary(study_uid):
    study = GeneralStudy.objects.get(study_instance_uid=study_uid)
    return tuple(getattr(study, name) for name in SUMMARY)


@pytest.mark.parametrize("family", sorted(CASES))
def test_a_report_after_the_images_gives_the_same_study_as_a_report_before_them(family):
    make_images, importer, make_report = CASES[family]
    first, later = "1.2.826.0.1.3680043.2.1125.77.1", "1.2.826.0.1.3680043.2.1125.77.2"

    report_first = [rdsr.import_dataset(make_report(first), "report.dcm")]
    report_first += [importer.import_dataset(image, f"image{n}.dcm") for n, image in enumerate(make_images(first))]
    images_first = [importer.import_dataset(image, f"image{n}.dcm") for n, image in enumerate(make_images(later))]
    images_first.append(rdsr.import_dataset(make_report(later), "report.dcm"))

    assert [o.status.value for o in report_first] == ["imported"] + ["duplicate"] * (len(report_first) - 1)
    assert [o.status.value for o in images_first] == ["imported"] * len(images_first)
    assert _summary(first) == _summary(later)
    assert _summary(later)[1] == {"MG": 4, "DX": 2, "CT": 3}[family]
    # Only the report's record is left; the images stay known, so a re-sent image is still a duplicate.
    assert ProjectionXRayRadiationDose.objects.filter(study__study_instance_uid=later, dose_object=None).count() == 0
    assert CtRadiationDose.objects.filter(study__study_instance_uid=later).count() == (family == "CT")
    assert DoseObject.objects.filter(study__study_instance_uid=later).count() == len(images_first)
    resent = importer.import_dataset(make_images(later)[0], "again.dcm")
    assert resent.status.value == "duplicate"
    assert _summary(first) == _summary(later)
