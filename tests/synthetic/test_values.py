"""Numbers go into the files exactly (as DICOM Decimal Strings) and totals are exact sums of what is written."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import remapp.synthetic as synthetic
from remapp.synthetic import CtEvent, ProjectionEvent
from remapp.synthetic.header import ds_value
from tests.synthetic.helpers import child, children, number

doses = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
daps = st.decimals(min_value=Decimal("0.00000001"), max_value=Decimal("0.09999999"), places=8)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(doses, doses), min_size=1, max_size=6))
def test_ct_values_read_back_exactly_and_the_dlp_total_is_their_sum(values):
    events = [CtEvent(ctdivol_mgy=ctdivol, dlp_mgycm=dlp) for ctdivol, dlp in values]
    dataset = synthetic.ct_rdsr(events=events, seed=0)

    written = [child(event, "113829") for event in children(dataset, "113819")]
    assert [Decimal(number(dose, "113830")[0]) for dose in written] == [ctdivol for ctdivol, _ in values]
    assert [Decimal(number(dose, "113838")[0]) for dose in written] == [dlp for _, dlp in values]
    assert Decimal(number(child(dataset, "113811"), "113813")[0]) == sum(dlp for _, dlp in values)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.booleans(), daps), min_size=1, max_size=8))
def test_rf_dap_totals_are_exact_sums_split_by_event_type(values):
    events = [
        ProjectionEvent(event_type="fluoroscopy" if fluoro else "stationary", dose_area_product_gym2=dap)
        for fluoro, dap in values
    ]
    totals = child(synthetic.rf_rdsr(events=events, seed=0), "113702")

    assert Decimal(number(totals, "113722")[0]) == sum(dap for _, dap in values)
    assert Decimal(number(totals, "113726")[0]) == sum(dap for fluoro, dap in values if fluoro)
    assert Decimal(number(totals, "113727")[0]) == sum(dap for fluoro, dap in values if not fluoro)


def test_a_number_too_long_for_a_decimal_string_is_rounded_to_fit():
    assert ds_value(Decimal("123.45")) == "123.45"
    assert ds_value(0.1 + 0.2) == "0.3"
    assert ds_value(Decimal("1.000")) == "1"
    assert len(ds_value(Decimal("1234567.1234567891234"))) <= 16
    assert Decimal(ds_value(Decimal("1234567.1234567891234"))) == Decimal("1234567.123")
