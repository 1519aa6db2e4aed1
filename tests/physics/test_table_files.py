"""A site's table file is checked row by row; a bad value gives one line naming the file, line and field."""

from decimal import Decimal

import pytest

from remapp.physics.k_factors import load_k_factor_table
from remapp.physics.ssde import builtin_ssde_fits, ssde_fits_from_table
from remapp.physics.tables import PhysicsTableError, parse_table_text

COLUMNS = "region,age_band,phantom_cm,k_factor_msv_per_mgycm,source\n"


def _error_for(tmp_path, text, name="site.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PhysicsTableError) as error:
        load_k_factor_table(path)
    message = str(error.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    "row, message",
    [
        (
            "chest,adult,32,abc,Ours",
            "site.csv line 3, field k_factor_msv_per_mgycm: 'abc' is not a number",
        ),
        (
            "chest,adult,32,-0.01,Ours",
            "site.csv line 3, field k_factor_msv_per_mgycm: -0.01 must be greater than zero",
        ),
        (
            "chest,adult,32,0,Ours",
            "site.csv line 3, field k_factor_msv_per_mgycm: 0 must be greater than zero",
        ),
        (
            "chest,adult,32,inf,Ours",
            "site.csv line 3, field k_factor_msv_per_mgycm: 'inf' is not a finite number",
        ),
        (
            "chest,adult,32,,Ours",
            "site.csv line 3, field k_factor_msv_per_mgycm: '' is not a number",
        ),
        (
            "thorax,adult,32,0.014,Ours",
            "site.csv line 3, field region: unknown region 'thorax' (known: head, neck, head-neck, chest, abdomen, "
            "pelvis, abdomen-pelvis, chest-abdomen, chest-abdomen-pelvis, neck-chest, neck-chest-abdomen, "
            "neck-chest-abdomen-pelvis)",
        ),
        (
            "chest,15,32,0.014,Ours",
            "site.csv line 3, field age_band: unknown age band '15' (known: 0, 1, 5, 10, adult)",
        ),
        (
            "chest,adult,20,0.014,Ours",
            "site.csv line 3, field phantom_cm: unknown phantom diameter '20' (known: 16, 32)",
        ),
        (
            "chest,adult,32,0.014,",
            "site.csv line 3, field source: may not be blank",
        ),
        (
            "chest,adult,32,0.014",
            "site.csv line 3: 4 fields where 5 are expected",
        ),
    ],
)
def test_a_bad_row_is_named_by_line_and_field(tmp_path, row, message):
    assert _error_for(tmp_path, f"# name: site\n{COLUMNS}{row}\n") == message


def test_a_repeated_row_is_refused(tmp_path):
    text = f"# name: site\n{COLUMNS}chest,adult,32,0.014,Ours\n\n# a comment\nChest,Adult,32,0.015,Ours\n"

    assert (
        _error_for(tmp_path, text)
        == "site.csv line 6, field region: chest, age band adult, 32 cm phantom is given twice"
    )


def test_a_missing_column_is_named(tmp_path):
    text = "# name: site\nregion,age_band,k_factor_msv_per_mgycm,source\nchest,adult,0.014,Ours\n"

    assert _error_for(tmp_path, text) == "site.csv line 2: missing column(s) phantom_cm"


def test_a_file_without_column_titles_is_refused(tmp_path):
    assert _error_for(tmp_path, "# name: site\n# only comments\n") == "site.csv: no row of column titles"


def test_extending_an_unknown_table_is_refused(tmp_path):
    text = f"# name: site\n# extends: icrp200\n{COLUMNS}"

    assert _error_for(tmp_path, text) == "site.csv: extends unknown table 'icrp200' (known: default, aapm96)"


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(("# name: site\n" + COLUMNS + "chest,adult,32,0.014,Physicist Gödel\n").encode("latin-1"))

    with pytest.raises(PhysicsTableError) as error:
        load_k_factor_table(path)

    assert str(error.value) == "latin1.csv: cannot be read (UnicodeDecodeError)"


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(PhysicsTableError) as error:
        load_k_factor_table(tmp_path / "absent.csv")

    assert str(error.value) == "absent.csv: cannot be read (FileNotFoundError)"


def test_a_byte_order_mark_and_quoted_fields_are_read(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text(f'\ufeff# name: excel\n{COLUMNS}chest,adult,32,0.014,"Smith, J. 2026"\n', encoding="utf-8")

    (factor,) = load_k_factor_table(path).factors

    assert (factor.msv_per_mgycm, factor.source) == (Decimal("0.014"), "Smith, J. 2026")


def test_the_shipped_ssde_fits_are_the_tg204_coefficients():
    fits = builtin_ssde_fits()

    assert {(f.phantom_cm, f.a, f.b, f.min_diameter_cm, f.max_diameter_cm) for f in fits.values()} == {
        (32, Decimal("3.704369"), Decimal("0.03671937"), Decimal("8"), Decimal("45")),
        (16, Decimal("1.874799"), Decimal("0.03871313"), Decimal("8"), Decimal("45")),
    }


def test_an_ssde_fit_with_an_inverted_range_is_refused():
    text = "phantom_cm,a,b,min_diameter_cm,max_diameter_cm,source\n32,3.7,0.037,45,8,x\n"

    with pytest.raises(PhysicsTableError) as error:
        ssde_fits_from_table(parse_table_text(text, "fits.csv", ("phantom_cm", "a", "b")))

    assert str(error.value) == "fits.csv line 2, field max_diameter_cm: smaller than min_diameter_cm"
