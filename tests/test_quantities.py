"""Displayed quantities: one converter, one precision per quantity, and the layering that keeps them shared."""

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest

from remapp.dicom.units import conversion_factor
from remapp.quantities import QUANTITIES, format_stored, quantity

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(QUANTITIES))
def test_every_quantity_converts_with_the_one_units_converter(name):
    unit = QUANTITIES[name]
    assert unit.factor == conversion_factor(unit.stored_unit, unit.display_unit)
    assert unit.to_stored(unit.to_display(Decimal("1.5"))) == Decimal("1.5")


def test_dap_is_shown_in_cgycm2_and_filter_bounds_go_back_to_gym2():
    dap = quantity("dap")
    assert dap.to_display(Decimal("0.00012")) == Decimal("120")
    assert dap.to_stored(Decimal("120")) == Decimal("0.00012")
    assert dap.to_display(None) is None and dap.to_stored(None) is None
    assert dap.heading("Total DAP") == "Total DAP (cGy.cm²)"


def test_stored_units_become_the_units_physicists_read():
    assert format_stored("dose_rp", Decimal("0.0125")) == "12.50"  # Gy -> mGy
    assert format_stored("exposure", Decimal("12000")) == "12.00"  # uA.s -> mAs
    assert format_stored("water_equivalent_diameter", Decimal("285")) == "28.5"  # mm -> cm
    assert format_stored("field_area", Decimal("0.0412")) == "412.0"  # m2 -> cm2
    assert format_stored("height_cm", Decimal("172")) == "1.72"  # RIS height, cm -> m


def test_a_column_of_one_quantity_always_has_the_same_decimals():
    # The values of issue 11: "548" beside "596.10", "63" beside "9.60".
    assert [format_stored("dlp", Decimal(v)) for v in ("548", "596.10")] == ["548.0", "596.1"]
    assert [format_stored("ctdivol", Decimal(v)) for v in ("63", "9.6")] == ["63.00", "9.60"]
    assert [format_stored("kvp", Decimal(v)) for v in ("120", "80.4")] == ["120", "80"]


def test_values_round_half_up_and_never_show_minus_zero():
    assert format_stored("ctdivol", Decimal("0.125")) == "0.13"
    assert format_stored("dlp", Decimal("0.05")) == "0.1"
    assert format_stored("deviation_index", Decimal("-0.04")) == "0.0"
    assert format_stored("deviation_index", Decimal("-0.05")) == "-0.1"


def test_a_missing_or_unreadable_value_is_empty_text():
    assert format_stored("dlp", None) == ""
    assert format_stored("dlp", "not a number") == ""
    assert format_stored("dlp", float("nan")) == ""
    assert format_stored("dlp", 12.25) == "12.3"  # a float from an aggregate is read through its text


def test_an_unknown_quantity_is_an_error_not_an_empty_cell():
    with pytest.raises(KeyError, match="unknown quantity 'dlpp'"):
        format_stored("dlpp", Decimal(1))


def test_the_quantity_module_sits_below_interface_and_exports():
    """Issue 12: exports imported interface.display; both now import remapp.quantities, which imports neither."""
    imports = _imports(ROOT / "remapp" / "quantities.py")
    assert not [name for name in imports if name.startswith(("django", "remapp.interface", "remapp.exports"))]
    for path in (ROOT / "remapp" / "exports").glob("*.py"):
        assert "remapp.interface.display" not in _imports(path), path.name


def test_pages_format_every_number_through_the_quantity_filter():
    """No list or detail template rounds a value itself (floatformat), so every column follows the table."""
    templates = ROOT / "remapp" / "templates" / "remapp"
    offenders = [
        path.name
        for path in [*templates.glob("list_*.html"), *templates.glob("detail_*.html")]
        if "floatformat" in path.read_text()
    ]
    assert offenders == []


def test_the_documented_precision_table_is_the_one_in_the_code():
    text = (ROOT / "docs" / "interface.rst").read_text()
    table = text.split(".. list-table:: Display units and decimals", 1)[1].split("\n\n")[1]
    rows = re.findall(r"\* - ``(\w+)``\n\s+- (.*)\n\s+- (.*)\n\s+- (.*)\n\s+- (\d+)", table)
    documented = {name: (stored, shown, int(decimals)) for name, _label, stored, shown, decimals in rows}
    expected = {
        name: (unit.stored_unit, unit.unit_label or "(none)", unit.decimals) for name, unit in QUANTITIES.items()
    }
    assert documented == expected


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names
