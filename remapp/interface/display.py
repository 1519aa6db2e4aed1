"""Display units: the one place stored DICOM units are converted to what physicists read, and back for filters.

Dose-area product is stored in Gy.m2 (as DICOM gives it) but shown and filtered in cGy.cm2:
1 Gy.m2 = 100 cGy x 10 000 cm2 = 1 000 000 cGy.cm2.
"""

from decimal import Decimal

DAP_CGYCM2_PER_GYM2 = Decimal(1_000_000)
DAP_DISPLAY_UNIT = "cGy.cm²"


def dap_cgycm2(dap_gym2: Decimal | None) -> Decimal | None:
    """A stored DAP (Gy.m2) in cGy.cm2, or None."""
    if dap_gym2 is None:
        return None
    return Decimal(dap_gym2) * DAP_CGYCM2_PER_GYM2


def dap_gym2(dap_cgycm2_value: Decimal | None) -> Decimal | None:
    """A DAP typed in cGy.cm2 (a filter bound) in the stored unit, Gy.m2, or None."""
    if dap_cgycm2_value is None:
        return None
    return Decimal(dap_cgycm2_value) / DAP_CGYCM2_PER_GYM2
