"""Dose SR content trees: template shape (TID 10011-10015, 10001-10007), exact values, totals that add up."""

from decimal import Decimal

import pytest
from pydicom import dcmread

import remapp.synthetic as synthetic
from remapp.synthetic import CtDoseCheck, CtEvent, CtSource, ProjectionEvent
from tests.conftest import corpus_file
from tests.synthetic.helpers import all_concepts, child, children, coded, number

CT_ACQUISITION = "113819"


def number_of(item) -> str:
    return str(item.MeasuredValueSequence[0].NumericValue)


def _template(dataset):
    return dataset.ContentTemplateSequence[0].TemplateIdentifier


def test_ct_rdsr_has_the_shape_of_tid_10011_with_n_events():
    dataset = synthetic.ct_rdsr(n_events=5, seed=2)

    assert _template(dataset) == "10011"
    assert dataset.ConceptNameCodeSequence[0].CodeValue == "113701"
    assert coded(dataset, "121058") == ("77477000", "SCT")
    assert coded(child(dataset, "121058"), "363703001") == ("261004008", "SCT")
    assert coded(dataset, "113705") == ("113014", "DCM")
    events = children(dataset, CT_ACQUISITION)
    assert len(events) == 5
    assert len({child(event, "113769").UID for event in events}) == 5
    for event in events:
        assert [c.ConceptNameCodeSequence[0].CodeValue for c in children(event)][:8] == [
            "125203", "123014", "113820", "408730004", "113769", "111526", "113822", "113829",
        ]  # fmt: skip
    accumulated = child(dataset, "113811")
    assert number(accumulated, "113812") == ("5", "{events}")
    dlps = [Decimal(number(child(event, "113829"), "113838")[0]) for event in events]
    assert Decimal(number(accumulated, "113813")[0]) == sum(dlps)
    assert number(accumulated, "113813")[1] == "mGy.cm"


def test_ct_rdsr_writes_exactly_the_event_values_given():
    event = CtEvent(
        protocol="Dual source chest",
        acquisition_type="spiral",
        target_region="chest_abdomen_pelvis",
        ctdivol_mgy=12.34,
        dlp_mgycm=567.89,
        phantom="body",
        scanning_length_mm=412.5,
        exposure_time_s=3.21,
        single_collimation_mm=0.6,
        total_collimation_mm=38.4,
        pitch=1.2,
        sources=[
            CtSource(kvp=100, tube_current_ma=321, max_tube_current_ma=400, rotation_time_s=0.28, identification="A"),
            CtSource(kvp=140, tube_current_ma=123, max_tube_current_ma=200, rotation_time_s=0.28, identification="B"),
        ],
        dose_check=CtDoseCheck(dlp_alert_mgycm=1000, ctdivol_alert_mgy=None, dlp_notification_mgycm=500),
        irradiation_event_uid="1.2.3.4.5",
    )
    localizer = CtEvent(
        protocol="Scout", acquisition_type="constant_angle", ctdivol_mgy=0.1, dlp_mgycm=2.11, pitch=None
    )
    dataset = synthetic.ct_rdsr(events=[localizer, event], seed=1)

    acquisition = children(dataset, CT_ACQUISITION)[1]
    assert child(acquisition, "125203").TextValue == "Dual source chest"
    assert coded(acquisition, "123014") == ("416775004", "SCT")
    assert coded(acquisition, "113820") == ("116152004", "SCT")
    assert child(acquisition, "113769").UID == "1.2.3.4.5"
    parameters = child(acquisition, "113822")
    assert number(parameters, "113825") == ("412.5", "mm")
    assert number(parameters, "113824") == ("3.21", "s")
    assert number(parameters, "113826") == ("0.6", "mm")
    assert number(parameters, "113827") == ("38.4", "mm")
    assert number(parameters, "113828") == ("1.2", "{ratio}")
    assert number(parameters, "113823") == ("2", "{X-Ray sources}")
    sources = children(parameters, "113831")
    assert [child(s, "113832").TextValue for s in sources] == ["A", "B"]
    assert [number(s, "113733")[0] for s in sources] == ["100", "140"]
    assert [number(s, "113734")[0] for s in sources] == ["321", "123"]
    assert [number(s, "113833")[0] for s in sources] == ["400", "200"]
    assert [number(s, "113834") for s in sources] == [("0.28", "s"), ("0.28", "s")]
    dose = child(acquisition, "113829")
    assert number(dose, "113830") == ("12.34", "mGy")
    assert number(dose, "113838") == ("567.89", "mGy.cm")
    assert coded(dose, "113835") == ("113691", "DCM")
    alert = child(dose, "113900")
    assert coded(alert, "113901") == ("373066001", "SCT")
    assert coded(alert, "113902") == ("373067005", "SCT")
    assert number(alert, "113903") == ("1000", "mGy.cm")
    assert children(alert, "113904") == []
    assert number(child(dose, "113908"), "113911") == ("500", "mGy.cm")
    assert number(child(dataset, "113811"), "113813")[0] == "570"
    # The localizer has no pitch row, as a constant angle acquisition has none.
    assert children(child(children(dataset, CT_ACQUISITION)[0], "113822"), "113828") == []


def test_an_updated_report_of_the_same_study_repeats_the_event_uids():
    first = synthetic.ct_rdsr(n_events=2, seed=5, sop_instance_uid="1.2.3.1")
    update = synthetic.ct_rdsr(n_events=3, seed=5, sop_instance_uid="1.2.3.2")
    first_uids = [child(e, "113769").UID for e in children(first, CT_ACQUISITION)]
    update_uids = [child(e, "113769").UID for e in children(update, CT_ACQUISITION)]
    assert update.StudyInstanceUID == first.StudyInstanceUID
    assert update_uids[:2] == first_uids
    assert len(set(update_uids)) == 3


def _fluoro(plane, dap, dose_rp, seconds):
    return ProjectionEvent(
        event_type="fluoroscopy", plane=plane, dose_area_product_gym2=dap, dose_rp_gy=dose_rp,
        irradiation_duration_s=seconds, fluoro_mode="pulsed", pulse_rate_per_s=7.5,
    )  # fmt: skip


def _acquisition(plane, dap, dose_rp, seconds, frames):
    return ProjectionEvent(
        event_type="stationary", plane=plane, dose_area_product_gym2=dap, dose_rp_gy=dose_rp,
        irradiation_duration_s=seconds, number_of_pulses=frames,
    )  # fmt: skip


def test_rf_rdsr_totals_each_plane_per_tid_10004():
    events = [
        _fluoro("A", 0.00001234, 0.0004, 12.5),
        _fluoro("A", 0.00002, 0.0006, 7.5),
        _acquisition("A", 0.0001, 0.003, 2.0, 10),
        _fluoro("B", 0.000005, 0.0001, 3.0),
        _acquisition("B", 0.00003, 0.001, 1.5, 6),
    ]
    dataset = synthetic.rf_rdsr(events=events, seed=1)

    assert _template(dataset) == "10001"
    assert coded(dataset, "121058") == ("113704", "DCM")
    planes = children(dataset, "113702")
    assert [coded(p, "113764")[0] for p in planes] == ["113620", "113621"]
    plane_a, plane_b = planes
    assert number(plane_a, "113726") == ("0.00003234", "Gy.m2")
    assert number(plane_a, "113728") == ("0.001", "Gy")
    assert number(plane_a, "113730") == ("20", "s")
    assert number(plane_a, "113727") == ("0.0001", "Gy.m2")
    assert number(plane_a, "113729") == ("0.003", "Gy")
    assert number(plane_a, "113855") == ("2", "s")
    assert number(plane_a, "113722") == ("0.00013234", "Gy.m2")
    assert number(plane_a, "113725") == ("0.004", "Gy")
    assert number(plane_a, "113731")[0] == "10"
    assert number(plane_b, "113722") == ("0.000035", "Gy.m2")
    assert number(plane_b, "113730") == ("3", "s")
    event_items = children(dataset, "113706")
    assert len(event_items) == 5
    assert coded(event_items[0], "113721") == ("44491008", "SCT")
    assert coded(event_items[2], "113721") == ("113611", "DCM")
    assert number(event_items[0], "122130") == ("0.00001234", "Gy.m2")


def test_default_rf_totals_equal_the_sum_of_the_events():
    dataset = synthetic.rf_rdsr(n_events=9, seed=4)
    events = children(dataset, "113706")
    total = sum(Decimal(number(e, "122130")[0]) for e in events)
    assert len(events) == 9
    assert Decimal(number(child(dataset, "113702"), "113722")[0]) == total


@pytest.mark.parametrize(
    ("accumulation", "absent", "present"), [("projection", [], "113726"), ("integrated", ["113726"], "113722")]
)
def test_dx_rdsr_totals_follow_the_chosen_template(accumulation, absent, present):
    dataset = synthetic.dx_rdsr(n_events=3, accumulation=accumulation, seed=8)
    totals = child(dataset, "113702")
    events = children(dataset, "113706")
    assert len(events) == 3
    assert Decimal(number(totals, "113722")[0]) == sum(Decimal(number(e, "122130")[0]) for e in events)
    assert children(totals, present)
    for concept in absent:
        assert children(totals, concept) == []
    assert number(events[0], "113845")[1] == "1"  # exposure index, TID 10003a


def test_mg_rdsr_accumulates_agd_per_breast_per_tid_10005():
    dataset = synthetic.mg_rdsr(n_events=4, seed=3)
    assert coded(dataset, "121058") == ("71651007", "SCT")
    events = children(dataset, "113706")
    sides = {}
    for event in events:
        structure = child(event, "91723000")
        side = structure.ContentSequence[0].ConceptCodeSequence[0].CodeValue
        sides.setdefault(side, []).append(Decimal(number(event, "111631")[0]))
        assert number(event, "111633")[1] == "mm"
        assert number(event, "111647")[1] == "N"
    accumulated = children(child(dataset, "113702"), "111637")
    by_breast = {
        total.ContentSequence[0].ConceptCodeSequence[0].CodeValue: Decimal(number_of(total)) for total in accumulated
    }
    assert by_breast == {"80248007": sum(sides["7771000"]), "73056007": sum(sides["24028007"])}


REAL_REPORTS = [
    "CT-RDSR-Siemens-Multi-2.dcm",
    "CT-RDSR-Toshiba_DoseCheck.dcm",
    "RF-RDSR-Siemens-Zee.dcm",
    "RF-RDSR-Philips_Allura.dcm",
    "DX-RDSR-Canon_CXDI.dcm",
    "DX-RDSR-Carestream_DRXEvolution.dcm",
    "MG-RDSR-Hologic_2D.dcm",
    "MG-RDSR-Hologic_mix.dcm",
]
# Concepts the generator writes that these files happen not to: Hologic writes 113745 for "X-Ray Detector
# Data Available" where the standard's code is 113945; compression force is absent from their 2D reports.
NOT_IN_THESE_FILES = {("113945", "DCM"), ("111647", "DCM")}


@pytest.mark.parametrize("generator", [synthetic.ct_rdsr, synthetic.rf_rdsr, synthetic.dx_rdsr, synthetic.mg_rdsr])
def test_every_concept_it_writes_is_one_real_reports_use(generator):
    real = set()
    for name in REAL_REPORTS:
        real |= all_concepts(dcmread(corpus_file(name)))
    ours = all_concepts(generator(seed=1))
    assert ours - real - NOT_IN_THESE_FILES == set()
